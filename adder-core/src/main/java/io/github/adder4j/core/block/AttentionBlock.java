package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.params.Component;
import java.util.List;
import java.util.function.Consumer;

/**
 * Multi-head self-attention: {@code h (B, T, d) -> (B, T, d)}.
 *
 * <pre>
 * q, k = QueryKeys(h_qk)                 (B, T, H hd), (B, T, Hkv hd)
 * v    = Values(h_v, q, k)               (B, T, Hkv vd)
 * q, k = QkNorm(q), QkNorm(k); RoPE(q), RoPE(k)   per head
 * att  = AttentionCore(q, k, v, mask)    (B, T, H vd)
 * y    = Output(att)                     (B, T, d)
 * </pre>
 * {@code h_qk} is all of h or its position part, {@code h_v} all of h or its token part (split residual). The producers of
 * q/k, v and the output are small strategies chosen once from the {@link AttentionSpec}; the mask is an
 * {@link AttentionMask} (causal for the addition decoders, none for a ViT encoder, ALiBi as a causal bias).
 *
 * <p>Parameters: the q/k/v projections that exist (TIED_PHASE: one key matrix + 1 angle; K_ROTATES_Q: one query matrix + 1
 * angle; shared first factor: {@code in*r + r*(H hd) + r*(Hkv hd) [+ r*(Hkv hd)]}), QK-norm weights (separate {@code 2 hd},
 * shared {@code hd}), and the output projection ({@code 0} for O = Wq^T or identity).
 */
public final class AttentionBlock extends ModelBlock {
    final String name;
    final AttentionSpec spec;
    final int dModel;
    final int tokenDims;
    final Positions.Relative relative;
    private final AttentionMask mask;
    private final QueryKeys queryKeys;
    private final Values values;
    private final NormBlock qNorm;
    private final NormBlock kNorm;
    private final QkNorm qkNormKind;
    private final AttentionOutputs output;
    private final AttentionCore core;
    /**
     * When non-null, every forward pass appends its attention weights here, {@code (B, H, T, T)} row-major as float32.
     * Set and cleared only by {@link AdderNet#attentionMaps}; null on the normal path, which then pays one null check.
     */
    List<float[]> capture;
    /**
     * Whether every example of a pass has the same attention weights, which are then computed once, from the first
     * example's rows, and mixed into every example's values: set by the model ({@link AdderNet}) for a layer where this holds
     * exactly; false (one pattern per example) otherwise.
     */
    private boolean batchShared;

    /**
     * An attention block of the addition models.
     *
     * @param name      the block's path, prefix of its parameters' names
     * @param spec      heads, sizes and the producers of q, k, v and the output
     * @param dModel    residual width d
     * @param tokenDims the token part of a split residual (d for a summed one)
     * @param relative RoPE rotates q and k; ALiBi makes the mask {@link AttentionMask#alibi}; otherwise the mask is
     *                 causal
     * @param qkNorm    per-head normalisation of q and k
     * @param normEps   epsilon of that normalisation
     * @param head the model's head matrix H (tokenDims, d) for {@link ValueMode#HEAD}, owned by the model; else null
     * @param headName  the name H is reported under
     * @param dtype     parameter type
     */
    public AttentionBlock(String name, AttentionSpec spec, int dModel, int tokenDims, Positions.Relative relative, QkNorm qkNorm,
                          double normEps, Parameter head, String headName, DataType dtype) {
        this(name, spec, dModel, tokenDims, relative,
                relative instanceof Positions.Alibi alibi ? AttentionMask.alibi(alibi.slope()) : AttentionMask.causal(),
                qkNorm, normEps, head, headName, dtype);
    }

    /**
     * An attention block over a whole residual of width d (no split, no QK-norm, no relative positions) with the given mask,
     * as an encoder uses it: {@code AttentionBlock.of("layer0.attention", spec, 32, AttentionMask.none(), FLOAT32)}.
     *
     * @param name the block's path, the prefix of its parameter names (e.g. {@code layer0.attention})
     * @param spec the attention options: heads, head width, projections, softmax and scale
     * @param dModel the width d of the residual the block reads and writes
     * @param mask the attention mask, e.g. {@link AttentionMask#none()} for an encoder
     * @param dtype {@code FLOAT32} or {@code FLOAT64}
     * @return a new attention block; its parameters are allocated by {@code initialize}
     */
    public static AttentionBlock of(String name, AttentionSpec spec, int dModel, AttentionMask mask, DataType dtype) {
        return new AttentionBlock(name, spec, dModel, dModel, Positions.Relative.none(), mask, QkNorm.NONE, 1e-5, null, "", dtype);
    }

    private AttentionBlock(String name, AttentionSpec spec, int dModel, int tokenDims, Positions.Relative relative, AttentionMask mask,
                           QkNorm qkNorm, double normEps, Parameter head, String headName, DataType dtype) {
        super(dtype);
        if (dModel <= 0 || tokenDims <= 0 || tokenDims > dModel) {
            throw new IllegalArgumentException("attention " + name + " needs 0 < tokenDims <= dModel: tokenDims=" + tokenDims + ", dModel=" + dModel);
        }
        this.name = name;
        this.spec = spec;
        this.dModel = dModel;
        this.tokenDims = tokenDims;
        this.relative = relative;
        this.mask = java.util.Objects.requireNonNull(mask, "mask");
        this.qkNormKind = qkNorm;
        int qkIn = spec.qkSource() == Source.POSITION ? dModel - tokenDims : dModel;
        int vIn = spec.vSource() == Source.TOKEN ? tokenDims : dModel;
        queryKeys = QueryKeys.of(this, spec, qkIn);
        values = Values.of(this, spec, vIn, head, headName);
        qNorm = switch (qkNorm) {
            case NONE -> null;
            case PLAIN -> new NormBlock(name + ".qkNorm", io.github.adder4j.core.Options.Norm.RMS_PLAIN, spec.headDim(), normEps, dtype);
            case SHARED -> addChildBlock("qkNorm", new NormBlock(name + ".qkNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype));
            case SEPARATE -> addChildBlock("qNorm", new NormBlock(name + ".qNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype));
        };
        kNorm = qkNorm == QkNorm.SEPARATE
                ? addChildBlock("kNorm", new NormBlock(name + ".kNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype))
                : qNorm;
        output = AttentionOutputs.of(this, spec, dModel, queryKeys.query());
        core = addChildBlock("core", new AttentionCore(name + ".core", spec.effectiveScale(), spec.softmax(), dtype));
    }

    /** Registers a child block (for the strategies, which build the block's parts). */
    <B extends Block> B child(String childName, B block) {
        return addChildBlock(childName, block);
    }

    /**
     * Computes the attention weights once per pass instead of once per example, from the first example's query and key
     * rows. Only for a layer whose queries and keys are the same in every example (the model proves that before it calls
     * this: {@link AdderNet}); its values still come from each example's own rows.
     *
     * @param shared whether the weights are shared by the examples of a pass
     * @throws IllegalStateException when queries, keys and values come from one shared factor (values would be shared too)
     */
    void shareWeightsAcrossBatch(boolean shared) {
        if (shared && (spec.sharedRank() > 0 || spec.valueMode() == ValueMode.EQUALS_K || spec.valueMode() == ValueMode.EQUALS_Q)) {
            throw new IllegalStateException("attention " + name + " derives its values from its queries or keys: valueMode="
                    + spec.valueMode() + ", sharedRank=" + spec.sharedRank());
        }
        batchShared = shared;
    }

    /** Whether the attention weights are computed once per pass for all examples ({@link #shareWeightsAcrossBatch}). */
    boolean weightsSharedAcrossBatch() {
        return batchShared;
    }

    /** {@code h (B, T, d)}, the normed residual, to the attention update {@code (B, T, d)}. */
    NDArray apply(Fwd f, NDArray h) {
        return apply(f, h, null, 0, 0);
    }

    /**
     * {@link #apply(Fwd, NDArray)} for rows that follow the positions held in {@code cache} (layer {@code layer}): their
     * queries attend to the cached keys and values and to their own, which are then added to the cache. A null cache is
     * the plain pass. Only the rows from {@code firstRow} on attend (every row still gives its key and value), and the
     * update is {@code (B, T - firstRow, d)}: a caller that needs the last row only, or only the rows a loss reads, skips
     * the others' scores, softmax and mixing.
     */
    NDArray apply(Fwd f, NDArray h, io.github.adder4j.core.decode.KeyValueCache cache, int layer, int firstRow) {
        return apply(f, h, cache, layer, firstRow, f);
    }

    /**
     * {@link #apply(Fwd, NDArray, io.github.adder4j.core.decode.KeyValueCache, int, int)} with the output projection in
     * {@code out}'s layout: the update as rows, or as columns {@code (d, M)} when {@code out} is {@link Fwd#columns()}.
     */
    NDArray apply(Fwd f, NDArray h, io.github.adder4j.core.decode.KeyValueCache cache, int layer, int firstRow, Fwd out) {
        Shape s = h.getShape();
        Shape lead = s.slice(0, s.dimension() - 2);                                                   // (B)
        long length = s.get(s.dimension() - 2);
        int offset = cache == null ? 0 : cache.length();
        String first = batchShared ? "0:1, :, " : "";                                                 // shared: the first example's rows
        NDArray qkIn = spec.qkSource() == Source.POSITION ? h.get("..., " + first + tokenDims + ":")  // (B or 1, T, dPos)
                : batchShared ? h.get("..., 0:1, :, :") : h;                                          // (B or 1, T, d)
        NDArray vIn = spec.vSource() == Source.TOKEN ? h.get("..., :" + tokenDims) : h;              // (B, T, tokenDims)
        Shape qkLead = batchShared ? lead.slice(0, lead.dimension() - 1).add(1) : lead;              // (B) or (1)
        QueryKeys.Qk qk = queryKeys.apply(f, qkIn);                                                   // (B, T, H hd), (B, T, Hkv hd)
        NDArray v = values.apply(f, vIn, qk);                                                         // (B, T, Hv vd)
        NDArray q = firstRow > 0 ? qk.q().get("..., " + firstRow + ":, :") : qk.q();                // (B, T - firstRow, H hd): the rows that attend
        NDArray qRows = normedTurned(f, q, spec.heads(), qNorm, offset + firstRow);
        NDArray kRows = normedTurned(f, qk.k(), spec.kvHeads(), kNorm, offset);
        return attend(f, qRows, kRows, v, qkLead, lead, length, cache, layer, firstRow, out);
    }

    /**
     * {@link #apply(Fwd, NDArray, io.github.adder4j.core.decode.KeyValueCache, int, int)} for rows whose normed input is a
     * function of the token alone, {@code h = hTable[tok]} (a first layer with no absolute positions): q, k and v, with
     * QK-norm, are computed once per vocabulary row, {@code (V, ...)}; with RoPE, q and k are turned once per (position,
     * vocabulary row), {@code (T, V, ...)}; each row then reads its (position and) token's row. Every operation before the
     * scores acts on one row at a time, so this is the same computation.
     *
     * @param hTable the normed embedding table {@code (V, d)}, {@code (P, V, d)} in a population
     * @param tokens the token ids {@code (B, T)}, {@code (P, B, T)} in a population
     */
    NDArray applyTokenTable(Fwd f, NDArray hTable, NDArray tokens, io.github.adder4j.core.decode.KeyValueCache cache, int layer,
                            int firstRow) {
        return applyTokenTable(f, hTable, tokens, cache, layer, firstRow, f);
    }

    /** {@link #applyTokenTable(Fwd, NDArray, NDArray, io.github.adder4j.core.decode.KeyValueCache, int, int)} with the update in {@code out}'s layout. */
    NDArray applyTokenTable(Fwd f, NDArray hTable, NDArray tokens, io.github.adder4j.core.decode.KeyValueCache cache, int layer,
                            int firstRow, Fwd out) {
        Shape s = tokens.getShape();
        Shape lead = s.slice(0, s.dimension() - 1);                                                   // (B)
        long length = s.get(s.dimension() - 1);
        int offset = cache == null ? 0 : cache.length();
        QueryKeys.Qk qk = queryKeys.apply(f, hTable);                                                 // (V, H hd), (V, Hkv hd)
        NDArray v = values.apply(f, hTable, qk);                                                      // (V, Hv vd)
        NDArray queries = firstRow > 0 ? tokens.get("..., " + firstRow + ":") : tokens;              // (B, T - firstRow): the rows that attend
        NDArray qRows = tableRows(f, qk.q(), spec.heads(), qNorm, queries, offset + firstRow);      // (B, T - firstRow, H hd)
        NDArray kRows = tableRows(f, qk.k(), spec.kvHeads(), kNorm, tokens, offset);                // (B, T, Hkv hd)
        NDArray vRows = f.lookup(v, tokens);                                                          // (B, T, Hv vd)
        return attend(f, qRows, kRows, vRows, lead, lead, length, cache, layer, firstRow, out);
    }

    /**
     * Query or key rows {@code x (B, n, heads hd)} at positions {@code from .. from + n - 1}, QK-normed per head and turned by
     * RoPE (each when the block has it).
     */
    private NDArray normedTurned(Fwd f, NDArray x, int heads, NormBlock norm, int from) {
        boolean rope = relative instanceof Positions.Rope;
        if (norm == null && !rope) {
            return x;
        }
        Shape s = x.getShape();
        NDArray h = x.reshape(s.slice(0, s.dimension() - 1).add(heads, spec.headDim()));             // (B, n, heads, hd)
        if (norm != null) {
            h = norm.apply(f, h);
        }
        if (rope) {
            h = turn(f, h, from, (int) s.get(s.dimension() - 2), false);
        }
        return h.reshape(s);                                                                          // (B, n, heads hd)
    }

    /**
     * The rows {@code (B, n, heads hd)} of tokens {@code (B, n)} at positions {@code from ..} from a per-token table
     * {@code (V, heads hd)}: QK-normed per head; with RoPE, turned for each of the n positions first, {@code (n, V, heads,
     * hd)}, and read at {@code t V + tok}; without, read at {@code tok}.
     */
    private NDArray tableRows(Fwd f, NDArray table, int heads, NormBlock norm, NDArray tokens, int from) {
        Shape ts = table.getShape();
        Shape tableLead = ts.slice(0, ts.dimension() - 2);                                            // () or (P)
        int vocab = (int) ts.get(ts.dimension() - 2);
        NDArray x = f.own(table.reshape(tableLead.add(vocab, heads, spec.headDim())));                // (V, heads, hd)
        if (norm != null) {
            x = norm.apply(f, x);
        }
        if (!(relative instanceof Positions.Rope)) {
            return f.lookup(f.own(x.reshape(tableLead.add(vocab, -1))), tokens);                      // (B, n, heads hd)
        }
        Shape s = tokens.getShape();
        int n = (int) s.get(s.dimension() - 1);
        NDArray turned = turn(f, x, from, n, true);                                                   // (n, V, heads, hd)
        NDArray at = tokens.add(f.manager.arange(0, n * vocab, vocab, DataType.INT64));              // (B, n): t V + tok
        return f.lookup(f.own(turned.reshape(tableLead.add((long) n * vocab, -1))), at);             // (B, n, heads hd)
    }

    /**
     * RoPE at positions {@code from .. from + n - 1}: {@code x cos + (x J) sin} per pair of each head. Rows {@code x (B, n,
     * heads, hd)} are turned each at its own position (a new array); a table {@code x (V, heads, hd)} is turned for every position, {@code (n, V, heads, hd)}.
     */
    private NDArray turn(Fwd f, NDArray x, int from, int n, boolean table) {
        Positions.Rope rope = (Positions.Rope) relative;
        int hd = spec.headDim();
        NDArray[] cs = Rotations.ropeTables(f, from, n, hd, rope.pairing(), i -> rope.frequency(i, hd)); // (n, hd) each
        Shape at = table ? new Shape(n, 1, 1, hd) : new Shape(n, 1, hd);                              // against the position axis
        NDArray turned = f.own(x.matMul(f.constant(Rotations.quarterTurn(hd, rope.pairing()))));     // x J
        if (table) {
            x = f.own(x.expandDims(-4));                                                              // (1, V, heads, hd)
            turned = f.own(turned.expandDims(-4));
        }
        return f.own(x.mul(cs[0].reshape(at)).add(turned.mul(cs[1].reshape(at))));
    }

    /**
     * The attention of the (normed and turned) query rows {@code (B, T - firstRow, H hd)} on the key rows {@code (B, T, Hkv hd)}
     * (lead {@code qkLead}: 1 for weights shared by the batch) with the values {@code (B, T, Hv vd)}: heads apart, the cache,
     * the mask, the weights and the output.
     */
    private NDArray attend(Fwd f, NDArray qRows, NDArray kRows, NDArray vRows, Shape qkLead, Shape lead, long length,
                           io.github.adder4j.core.decode.KeyValueCache cache, int layer, int firstRow, Fwd out) {
        int offset = cache == null ? 0 : cache.length();
        int hd = spec.headDim();
        int vd = spec.valueDim(dModel);
        NDArray q = qRows.reshape(qkLead.add(length - firstRow, spec.heads(), hd)).swapAxes(-2, -3); // (B, H, T - firstRow, hd)
        NDArray k = kRows.reshape(qkLead.add(length, spec.kvHeads(), hd)).swapAxes(-2, -3);          // (B, Hkv, T, hd)
        NDArray v = vRows.reshape(lead.add(length, spec.valueMode() == ValueMode.EQUALS_Q ? spec.heads() : spec.kvHeads(), vd))
                .swapAxes(-2, -3);                                                                    // (B, Hv, T, vd)
        if (cache != null) {
            if (cache.keys(layer) != null) {
                k = cache.keys(layer).concat(k, -2);                                                  // (B, Hkv, offset + T, hd)
                v = cache.values(layer).concat(v, -2);                                                // (B, Hv, offset + T, vd)
            }
            cache.put(layer, k, v);
        }
        int groups = spec.heads() / spec.kvHeads();
        if (groups > 1) {
            int headAxis = lead.dimension();
            k = k.repeat(headAxis, groups);                                                           // (B, H, T, hd)
            if (spec.valueMode() != ValueMode.EQUALS_Q) {
                v = v.repeat(headAxis, groups);                                                       // (B, H, T, vd)
            }
        }
        int keys = offset + (int) length;
        NDArray bias = f.constant(mask.bias(keys), new Shape(keys, keys));                          // (keys, keys)
        int firstQuery = offset + firstRow;
        if (firstQuery > 0) {
            bias = bias.get(firstQuery + ":, :");                                                     // (T - firstRow, keys)
        }
        NDArray weights = core.weights(f, q, k, bias);                                                // (B, H, T - firstRow, keys)
        if (capture != null) {
            capture.add(weights.toType(DataType.FLOAT32, false).toFloatArray());
        }
        return output.apply(f, out, core, weights, v);                                               // (B, T - firstRow, d) or (d, M)
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        checkLast(inputs.head(), "(B, T, " + dModel + ")", 3, dModel);
        if (inputs.head().getShape().dimension() != 3) {
            throw new IllegalArgumentException("AttentionBlock " + name + " expects (B, T, " + dModel + "), got " + inputs.head().getShape());
        }
    }

    @Override
    String blockName() {
        return name;
    }

    void initialize(Seeded r) {
        queryKeys.initialize(r);
        values.initialize(r);
        if (qNorm != null) {
            qNorm.initialize(r);
        }
        if (kNorm != null && kNorm != qNorm) {
            kNorm.initialize(r);
        }
        output.initialize(r);
    }

    @Override
    void describe(Consumer<Component> sink) {
        queryKeys.describe(sink);
        values.describe(sink);
        if (qNorm != null && qkNormKind != QkNorm.PLAIN) {
            qNorm.describe(sink);
            if (kNorm != qNorm) {
                kNorm.describe(sink);
            }
        }
        if (spec.scale() > 0) {
            sink.accept(Component.constant(name + ".scale", new long[] {1}, 1, "score scale " + spec.scale()));
        }
        if (relative instanceof Positions.Alibi alibi) {
            sink.accept(Component.constant(name + ".alibi", new long[] {1}, 1, "ALiBi slope " + alibi.slope()));
        }
        output.describe(sink);
    }
}
