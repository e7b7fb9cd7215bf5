package io.github.adder4j.core;

import ai.djl.nn.Parameter;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.Tensor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads published trained weights (the fixtures of the AdderBoard submissions) into our presets: the name mapping from each
 * publication's tensors to our parameters, plus checks that the publication's frozen constants and tied copies agree with
 * what our architecture assumes. Reproducing the published results with these weights is the proof that the builder options
 * mean what they say.
 */
public final class PublishedWeights {
    private PublishedWeights() { }

    /** Builds the preset and loads the fixture's weights into it. */
    public static AdderModel load(Preset preset, PublishedFixture fixture) {
        Weights weights = switch (preset) {
            case SPLIT_57 -> split57(fixture);
            case SPLIT_234 -> split234(fixture);
            case LOWRANK_311 -> lowrank311(fixture);
            case ROPE_122 -> rope122(fixture);
            default -> throw new IllegalArgumentException("no published weights are mapped for preset " + preset.id()
                    + " (mapped: split-57, split-234, lowrank-311, rope-122)");
        };
        AdderModel model = preset.builder().build();
        try {
            weights.check(preset, model);
            model.load(weights.values);
        } catch (IllegalArgumentException e) {
            model.close();
            String prefix = "fixture " + fixture.fileName();
            throw e.getMessage() != null && e.getMessage().startsWith(prefix) ? e
                    : new IllegalArgumentException(prefix + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static Weights split57(PublishedFixture f) {
        Weights w = new Weights(f);
        w.put("token.arc.amplitude", "tok_arc_A");
        w.put("token.arc.start", "tok_arc_start");
        w.put("token.arc.stride", "tok_arc_stride");
        w.put("position.equals", "special_pos_equals");
        w.put("position.sum_carry", "z_hi_pos");
        w.put("layer0.attention.key.weight", "q_proj.weight");
        w.put("layer0.attention.phase", "q_phase_angle");
        w.put("layer0.attention.out.A", "out_proj.A");
        w.put("layer0.attention.out.B", "out_proj.B");
        w.put("layer0.ffn.in.weight", "fc1.weight");
        w.put("head.H", "head_proj.weight");
        w.put("norm.weight", "norm1.weight");
        w.same("norm1.weight", "norm2.weight");
        w.same("norm1.weight", "norm_f.weight");
        Positions.Spiral spiral = (Positions.Spiral) Preset.SPLIT_57.builder().config().positions();
        w.constant("spiral_amp", spiral.amp().value());
        w.constant("spiral_phase", spiral.phase().value());
        w.constant("spiral_slope", spiral.slope().value());
        w.constant("spiral_offset", spiral.offset().value());
        w.constant("_plus_pos", 0);
        w.constant("_eos_pos", 0);
        return w;
    }

    private static Weights split234(PublishedFixture f) {
        Weights w = new Weights(f);
        w.put("token.table", "tok_emb.weight");
        w.put("position.spiral.amplitude", "pos_spiral_amp");
        w.put("position.spiral.phase", "pos_spiral_phase");
        w.put("position.spiral.slope", "pos_spiral_slope");
        w.put("position.spiral.offset", "pos_spiral_offset");
        double[] special = w.values("special_enc");                       // rows: PLUS, EQUALS, EOS
        w.putValues("position.plus", Arrays.copyOfRange(special, 0, 3));
        w.putValues("position.equals", Arrays.copyOfRange(special, 3, 6));
        w.putValues("position.eos", Arrays.copyOfRange(special, 6, 9));
        w.put("position.sum_carry", "z10_enc");
        w.put("layer0.norm1.weight", "ln1.weight");
        w.put("layer0.norm1.bias", "ln1.bias");
        w.put("layer0.attention.query.weight", "q_proj.weight");
        w.put("layer0.attention.key.weight", "k_proj.weight");
        w.put("layer0.attention.value.weight", "v_proj.weight");
        w.put("layer0.attention.out.weight", "out_proj.weight");
        w.put("layer0.norm2.weight", "ln2.weight");
        w.put("layer0.norm2.bias", "ln2.bias");
        w.put("layer0.ffn.in.weight", "ffn.0.weight");
        w.put("layer0.ffn.in.bias", "ffn.0.bias");
        w.put("layer0.ffn.out.weight", "ffn.2.weight");
        w.put("layer0.ffn.out.bias", "ffn.2.bias");
        w.put("final.norm.weight", "ln_f.weight");
        w.put("final.norm.bias", "ln_f.bias");
        w.put("head.H", "head_proj.weight");
        // where each of the 34 positions takes its encoding from: 0 the digit spiral, 1 z10_enc (Z10), 2 special_enc
        // (PLUS, EQUALS, EOS): the layout of the LSB-34 format that the preset builds in
        double[] sources = new double[34];
        sources[10] = 2;
        sources[21] = 2;
        sources[32] = 1;
        sources[33] = 2;
        w.layout("_pos_sources", sources);
        // and which row of it: the digit's column i for the spiral, the special_enc row (PLUS 0, EQUALS 1, EOS 2)
        double[] rows = new double[34];
        for (int i = 0; i < 10; i++) {
            rows[i] = i;            // X0..X9
            rows[11 + i] = i;       // Y0..Y9
            rows[22 + i] = i;       // Z0..Z9
        }
        rows[21] = 1;
        rows[33] = 2;
        w.layout("_pos_indices", rows);
        return w;
    }

    private static Weights lowrank311(PublishedFixture f) {
        Weights w = new Weights(f);
        w.put("token.table", "token_emb.weight");
        w.same("token_emb.weight", "lm_head.weight");
        w.put("position.A", "pos_emb.A");
        w.put("position.B", "pos_emb.B");
        w.put("layer0.norm1.weight", "blocks.0.ln1.weight");
        w.put("layer0.attention.shared.A", "blocks.0.attn.qkv_A");
        w.put("layer0.attention.query.B", "blocks.0.attn.qkv_Bq");
        w.put("layer0.attention.key.B", "blocks.0.attn.qkv_Bkv");
        w.put("layer0.attention.out.A", "blocks.0.attn.proj.A");
        w.put("layer0.attention.out.B", "blocks.0.attn.proj.B");
        w.put("layer0.norm2.weight", "blocks.0.ln2.weight");
        w.put("layer0.ffn.in.A", "blocks.0.mlp.fc1.A");
        w.put("layer0.ffn.in.B", "blocks.0.mlp.fc1.B");
        w.put("layer0.ffn.out.A", "blocks.0.mlp.fc2.A");
        w.put("layer0.ffn.out.B", "blocks.0.mlp.fc2.B");
        w.put("final.norm.weight", "ln_f.weight");
        return w;
    }

    private static Weights rope122(PublishedFixture f) {
        String l = "model.layers.0.";
        Weights w = new Weights(f);
        w.put("token.table", "model.embed_tokens.weight");
        w.put("layer0.norm1.weight", l + "input_layernorm.weight");
        w.put("layer0.attention.query.weight", l + "self_attn.q_proj.weight");
        w.put("layer0.attention.key.weight", l + "self_attn.k_proj.weight");
        w.put("layer0.attention.value.weight", l + "self_attn.v_proj.weight");
        w.put("layer0.attention.qNorm.weight", l + "self_attn.q_norm.weight");
        w.put("layer0.attention.kNorm.weight", l + "self_attn.k_norm.weight");
        w.put("layer0.attention.out.weight", l + "self_attn.o_proj.weight");
        w.put("layer0.norm2.weight", l + "post_attention_layernorm.weight");
        w.put("layer0.ffn.gate.weight", l + "mlp.gate_proj.weight");
        w.put("layer0.ffn.up.weight", l + "mlp.up_proj.weight");
        w.put("layer0.ffn.down.weight", l + "mlp.down_proj.weight");
        w.put("final.norm.weight", "model.norm.weight");
        return w;
    }

    /**
     * The parameter values taken from a fixture, with the fixture tensor each comes from, and every fixture tensor the
     * mapping used (copied, compared or checked as a constant).
     */
    private static final class Weights {
        private final PublishedFixture fixture;
        private final Map<String, double[]> values = new LinkedHashMap<>();
        private final Map<String, Tensor> sources = new LinkedHashMap<>();
        private final Set<String> used = new HashSet<>();

        Weights(PublishedFixture fixture) {
            this.fixture = fixture;
        }

        /** Parameter {@code param} gets the values of fixture tensor {@code name}, whose shape must be the parameter's. */
        void put(String param, String name) {
            Tensor tensor = tensor(name);
            values.put(param, tensor.values());
            sources.put(param, tensor);
        }

        /** Parameter {@code param} gets {@code v} (a part of a fixture tensor). */
        void putValues(String param, double[] v) {
            values.put(param, v);
        }

        /** The values of fixture tensor {@code name}. */
        double[] values(String name) {
            return tensor(name).values();
        }

        private Tensor tensor(String name) {
            used.add(name);
            return fixture.tensor(name);
        }

        void same(String a, String b) {
            Tensor x = tensor(a);
            Tensor y = tensor(b);
            if (!Arrays.equals(x.values(), y.values())) {
                throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + b + " should be the same tensor as " + a
                        + " (tied)");
            }
        }

        void constant(String name, double expected) {
            for (double x : tensor(name).values()) {
                if ((float) x != (float) expected) {
                    throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + name + " is " + x
                            + " but the preset freezes it at " + expected);
                }
            }
        }

        /** Checks that the fixture's constant buffer {@code name} holds exactly {@code expected}. */
        void layout(String name, double[] expected) {
            if (!Arrays.equals(tensor(name).values(), expected)) {
                throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + name + " is "
                        + Arrays.toString(tensor(name).values()) + " but the preset builds in " + Arrays.toString(expected));
            }
        }

        /**
         * Checks that the fixture holds no tensor the mapping ignores, and that each copied tensor has its parameter's shape
         * (dimensions of size 1 aside: a scalar may be stored as {@code [1]}).
         *
         * @throws IllegalArgumentException naming the fixture and the tensor otherwise
         */
        void check(Preset preset, AdderModel model) {
            for (String name : fixture.tensors().keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("fixture " + fixture.fileName() + ": unknown tensor " + name + " (preset "
                            + preset.id() + " uses " + new TreeSet<>(used) + ")");
                }
            }
            Map<String, Parameter> params = model.namedParameters();
            for (Map.Entry<String, Tensor> e : sources.entrySet()) {
                Parameter p = params.get(e.getKey());
                long[] expected = p == null ? null : p.getArray().getShape().getShape();
                if (expected != null && !Arrays.equals(squeezed(expected), squeezed(e.getValue().shape()))) {
                    throw new IllegalArgumentException("fixture " + fixture.fileName() + ": tensor " + e.getValue().name()
                            + " has shape " + Arrays.toString(e.getValue().shape()) + " but parameter " + e.getKey()
                            + " has shape " + Arrays.toString(expected));
                }
            }
        }

        private static long[] squeezed(long[] shape) {
            return Arrays.stream(shape).filter(d -> d != 1).toArray();
        }
    }
}
