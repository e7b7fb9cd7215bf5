package io.github.adder4j.core;

import ai.djl.nn.Parameter;
import io.github.adder4j.core.io.DType;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Published trained weights (the fixtures of the AdderBoard submissions) to and from our presets: the name mapping
 * between each publication's tensors and our parameters, plus checks that the publication's frozen constants and tied
 * copies agree with what our architecture assumes. Reproducing the published results with these weights is the proof
 * that the builder options mean what they say.
 *
 * <p>The mapping works both ways: {@link #load(Preset, PublishedFixture)} reads published tensors into a preset, and
 * {@link #export(Preset, AdderModel)} writes any model of a mapped preset's architecture (one trained by adder4j
 * included) under the published names and shapes, with the published code's frozen constants, tied copies and layout
 * buffers, so that the published PyTorch code can load it. The mapped presets are {@link #MAPPED}.
 */
public final class PublishedWeights {
    /** The presets with a published PyTorch counterpart whose tensor names are mapped, in this order. */
    public static final List<Preset> MAPPED = List.of(Preset.SPLIT_57, Preset.SPLIT_234, Preset.LOWRANK_311, Preset.ROPE_122);

    private PublishedWeights() { }

    /**
     * Builds the preset and loads the fixture's weights into it.
     *
     * @param preset  one of the {@link #MAPPED} presets
     * @param fixture published weights under the published tensor names of that preset
     * @return the model with the fixture's weights; the caller closes it
     * @throws IllegalArgumentException {@code no published weights are mapped for preset <id> (mapped: ...)} for a
     *                                  preset without a published counterpart, or, naming the fixture and the tensor,
     *                                  when the fixture lacks a tensor, holds an unknown one, has a tensor of the wrong
     *                                  shape, or breaks a frozen constant or a tie of the preset
     */
    public static AdderModel load(Preset preset, PublishedFixture fixture) {
        Mapping mapping = mapping(preset, "no published weights are mapped for preset ");
        AdderModel model = preset.builder().build();
        try {
            Map<String, double[]> values = mapping.read(fixture);
            mapping.check(fixture, preset, model);
            model.load(values);
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

    /**
     * The weights of {@code model} under the published tensor names and shapes of {@code preset}: what the published
     * PyTorch code's {@code load_state_dict} takes. Besides the learned parameters, the list holds the published code's
     * frozen constants (at the values the preset freezes), tied copies (e.g. the 57-parameter model's three norms) and
     * layout buffers, so that {@link #load(Preset, PublishedFixture)} of the result gives the same model back.
     *
     * @param preset one of the {@link #MAPPED} presets
     * @param model a model of that preset's architecture ({@link AdderConfig#sameArchitecture}): built from the preset,
     *               trained by adder4j or loaded from a checkpoint
     * @return the tensors in the published order, in the model's precision
     * @throws IllegalArgumentException {@code preset <id> has no published PyTorch counterpart: ...} for a preset that
     *                                  is not mapped, or {@code the model is not of preset <id>'s architecture ...}
     */
    public static List<Tensor> export(Preset preset, AdderModel model) {
        Mapping mapping = mapping(preset, "no published tensor names are mapped for preset ");
        if (!preset.builder().config().sameArchitecture(model.config())) {
            throw new IllegalArgumentException("the model is not of preset " + preset.id() + "'s architecture, so it has no"
                    + " published tensor names (export it under adder4j's names instead)");
        }
        return mapping.write(model);
    }

    /**
     * The mapped preset whose architecture {@code config} has, for a model whose preset is not known (e.g. a checkpoint
     * written by the trainer).
     *
     * @param config a model's configuration
     * @return the {@link #MAPPED} preset of the same architecture ({@link AdderConfig#sameArchitecture}), or empty
     */
    public static Optional<Preset> presetOf(AdderConfig config) {
        return MAPPED.stream().filter(p -> p.builder().config().sameArchitecture(config)).findFirst();
    }

    private static Mapping mapping(Preset preset, String message) {
        return switch (preset) {
            case SPLIT_57 -> split57();
            case SPLIT_234 -> split234();
            case LOWRANK_311 -> lowrank311();
            case ROPE_122 -> rope122();
            default -> throw new IllegalArgumentException(message + preset.id() + " (mapped: "
                    + String.join(", ", MAPPED.stream().map(Preset::id).toList()) + ")");
        };
    }

    private static Mapping split57() {
        Mapping w = new Mapping();
        w.scalar("token.arc.amplitude", "tok_arc_A");
        w.scalar("token.arc.start", "tok_arc_start");
        w.scalar("token.arc.stride", "tok_arc_stride");
        w.put("position.equals", "special_pos_equals", 1, 3);
        w.put("position.sum_carry", "z_hi_pos", 1, 3);
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
        w.constant("_plus_pos", 0, 1, 3);
        w.constant("_eos_pos", 0, 1, 3);
        return w;
    }

    private static Mapping split234() {
        Mapping w = new Mapping();
        w.put("token.table", "tok_emb.weight");
        w.scalar("position.spiral.amplitude", "pos_spiral_amp");
        w.scalar("position.spiral.phase", "pos_spiral_phase");
        w.scalar("position.spiral.slope", "pos_spiral_slope");
        w.scalar("position.spiral.offset", "pos_spiral_offset");
        w.rows("special_enc", "position.plus", "position.equals", "position.eos");    // rows: PLUS, EQUALS, EOS
        w.put("position.sum_carry", "z10_enc", 1, 3);
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

    private static Mapping lowrank311() {
        Mapping w = new Mapping();
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

    private static Mapping rope122() {
        String l = "model.layers.0.";
        Mapping w = new Mapping();
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
     * How the tensors of a publication relate to the parameters of a preset, as a list of rules applied in order: read
     * from a fixture ({@link #read}) or written from a model ({@link #write}).
     */
    private static final class Mapping {
        /** One rule: a copied parameter, a tied copy, a frozen constant, a layout buffer or rows of parameters. */
        private record Rule(Kind kind, String name, String[] params, long[] shape, double[] values) { }

        private enum Kind { COPY, SAME, CONSTANT, LAYOUT, ROWS }

        private final List<Rule> rules = new ArrayList<>();

        /** Parameter {@code param} is fixture tensor {@code name}, of the parameter's shape. */
        void put(String param, String name) {
            rules.add(new Rule(Kind.COPY, name, new String[] {param}, null, null));
        }

        /** Parameter {@code param} is fixture tensor {@code name}, published with {@code shape} (sizes of 1 aside). */
        void put(String param, String name, long... shape) {
            rules.add(new Rule(Kind.COPY, name, new String[] {param}, shape, null));
        }

        /** Parameter {@code param} (of one value) is fixture tensor {@code name}, published as a scalar (shape []). */
        void scalar(String param, String name) {
            rules.add(new Rule(Kind.COPY, name, new String[] {param}, new long[0], null));
        }

        /** Fixture tensor {@code copy} is a tied copy of fixture tensor {@code source}. */
        void same(String source, String copy) {
            rules.add(new Rule(Kind.SAME, copy, new String[] {source}, null, null));
        }

        /** Fixture tensor {@code name} is frozen at {@code value} in every element (its shape: {@code shape}). */
        void constant(String name, double value, long... shape) {
            rules.add(new Rule(Kind.CONSTANT, name, new String[0], shape, new double[] {value}));
        }

        /** Fixture buffer {@code name} holds exactly {@code values}, built into the preset. */
        void layout(String name, double[] values) {
            rules.add(new Rule(Kind.LAYOUT, name, new String[0], new long[] {values.length}, values.clone()));
        }

        /** Fixture tensor {@code name} is the parameters {@code params}, one per row, each of the same size. */
        void rows(String name, String... params) {
            rules.add(new Rule(Kind.ROWS, name, params, null, null));
        }

        /**
         * The parameter values of {@code fixture}, after checking its ties, constants and layouts.
         *
         * @throws IllegalArgumentException naming the fixture and the tensor when one is missing or disagrees
         */
        Map<String, double[]> read(PublishedFixture fixture) {
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Rule rule : rules) {
                Tensor tensor = fixture.tensor(rule.name());
                switch (rule.kind()) {
                    case COPY -> values.put(rule.params()[0], tensor.values());
                    case SAME -> {
                        if (!Arrays.equals(fixture.tensor(rule.params()[0]).values(), tensor.values())) {
                            throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + rule.name()
                                    + " should be the same tensor as " + rule.params()[0] + " (tied)");
                        }
                    }
                    case CONSTANT -> {
                        double expected = rule.values()[0];
                        for (double x : tensor.values()) {
                            if ((float) x != (float) expected) {
                                throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + rule.name()
                                        + " is " + x + " but the preset freezes it at " + expected);
                            }
                        }
                    }
                    case LAYOUT -> {
                        if (!Arrays.equals(tensor.values(), rule.values())) {
                            throw new IllegalArgumentException("fixture " + fixture.fileName() + ": " + rule.name() + " is "
                                    + Arrays.toString(tensor.values()) + " but the preset builds in "
                                    + Arrays.toString(rule.values()));
                        }
                    }
                    case ROWS -> {
                        double[] all = tensor.values();
                        int row = all.length / rule.params().length;
                        for (int i = 0; i < rule.params().length; i++) {
                            values.put(rule.params()[i], Arrays.copyOfRange(all, i * row, (i + 1) * row));
                        }
                    }
                    default -> throw new IllegalStateException("unknown rule " + rule.kind());
                }
            }
            return values;
        }

        /**
         * Checks that the fixture holds no tensor the mapping ignores, and that each copied tensor has its parameter's
         * shape (dimensions of size 1 aside: a scalar may be stored as {@code [1]}).
         *
         * @throws IllegalArgumentException naming the fixture and the tensor otherwise
         */
        void check(PublishedFixture fixture, Preset preset, AdderModel model) {
            Set<String> used = new HashSet<>();
            for (Rule rule : rules) {
                used.add(rule.name());
                if (rule.kind() == Kind.SAME) {
                    used.add(rule.params()[0]);
                }
            }
            for (String name : fixture.tensors().keySet()) {
                if (!used.contains(name)) {
                    throw new IllegalArgumentException("fixture " + fixture.fileName() + ": unknown tensor " + name + " (preset "
                            + preset.id() + " uses " + new TreeSet<>(used) + ")");
                }
            }
            Map<String, Parameter> params = model.namedParameters();
            for (Rule rule : rules) {
                if (rule.kind() != Kind.COPY) {
                    continue;
                }
                Tensor tensor = fixture.tensor(rule.name());
                Parameter p = params.get(rule.params()[0]);
                long[] expected = p == null ? null : p.getArray().getShape().getShape();
                if (expected != null && !Arrays.equals(squeezed(expected), squeezed(tensor.shape()))) {
                    throw new IllegalArgumentException("fixture " + fixture.fileName() + ": tensor " + tensor.name()
                            + " has shape " + Arrays.toString(tensor.shape()) + " but parameter " + rule.params()[0]
                            + " has shape " + Arrays.toString(expected));
                }
            }
        }

        /**
         * The model's weights under the published names, in rule order; a tied copy follows its source.
         *
         * @throws IllegalArgumentException when the model lacks a mapped parameter or has one the mapping leaves out
         */
        List<Tensor> write(AdderModel model) {
            Map<String, Tensor> params = new LinkedHashMap<>();
            for (Tensor t : model.tensors()) {
                params.put(t.name(), t);
            }
            DType dtype = params.isEmpty() ? DType.FLOAT32 : params.values().iterator().next().dtype();
            Map<String, Tensor> out = new LinkedHashMap<>();
            Set<String> written = new TreeSet<>();
            for (Rule rule : rules) {
                switch (rule.kind()) {
                    case COPY -> {
                        Tensor p = param(params, rule.params()[0]);
                        written.add(p.name());
                        out.put(rule.name(), new Tensor(rule.name(), rule.shape() == null ? p.shape() : rule.shape(),
                                p.dtype(), p.values()));
                    }
                    case SAME -> {
                        Tensor source = out.get(rule.params()[0]);
                        out.put(rule.name(), new Tensor(rule.name(), source.shape(), source.dtype(), source.values()));
                    }
                    case CONSTANT -> {
                        double[] v = new double[(int) Arrays.stream(rule.shape()).reduce(1, (a, b) -> a * b)];
                        Arrays.fill(v, rule.values()[0]);
                        out.put(rule.name(), new Tensor(rule.name(), rule.shape(), dtype, v));
                    }
                    case LAYOUT -> out.put(rule.name(), new Tensor(rule.name(), rule.shape(), dtype, rule.values()));
                    case ROWS -> {
                        int rows = rule.params().length;
                        double[] first = param(params, rule.params()[0]).values();
                        double[] all = new double[rows * first.length];
                        for (int i = 0; i < rows; i++) {
                            Tensor p = param(params, rule.params()[i]);
                            written.add(p.name());
                            System.arraycopy(p.values(), 0, all, i * first.length, first.length);
                        }
                        out.put(rule.name(), new Tensor(rule.name(), new long[] {rows, first.length}, dtype, all));
                    }
                    default -> throw new IllegalStateException("unknown rule " + rule.kind());
                }
            }
            Set<String> left = new TreeSet<>(params.keySet());
            left.removeAll(written);
            if (!left.isEmpty()) {
                throw new IllegalArgumentException("parameters " + left + " have no published tensor name");
            }
            return List.copyOf(out.values());
        }

        private static Tensor param(Map<String, Tensor> params, String name) {
            Tensor p = params.get(name);
            if (p == null) {
                throw new IllegalArgumentException("the model has no parameter " + name);
            }
            return p;
        }

        private static long[] squeezed(long[] shape) {
            return Arrays.stream(shape).filter(d -> d != 1).toArray();
        }
    }
}
