package io.github.adder4j.core;

import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, double[]> values = switch (preset) {
            case SPLIT_57 -> split57(fixture);
            case SPLIT_234 -> split234(fixture);
            case LOWRANK_311 -> lowrank311(fixture);
            case ROPE_122 -> rope122(fixture);
            default -> throw new IllegalArgumentException("no published weights are mapped for preset " + preset.id()
                    + " (mapped: split-57, split-234, lowrank-311, rope-122)");
        };
        AdderModel model = preset.builder().build();
        try {
            model.load(values);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static Map<String, double[]> split57(PublishedFixture f) {
        Map<String, double[]> w = new LinkedHashMap<>();
        w.put("token.arc.amplitude", v(f, "tok_arc_A"));
        w.put("token.arc.start", v(f, "tok_arc_start"));
        w.put("token.arc.stride", v(f, "tok_arc_stride"));
        w.put("position.equals", v(f, "special_pos_equals"));
        w.put("position.sum_carry", v(f, "z_hi_pos"));
        w.put("layer0.attention.key.weight", v(f, "q_proj.weight"));
        w.put("layer0.attention.phase", v(f, "q_phase_angle"));
        w.put("layer0.attention.out.A", v(f, "out_proj.A"));
        w.put("layer0.attention.out.B", v(f, "out_proj.B"));
        w.put("layer0.ffn.in.weight", v(f, "fc1.weight"));
        w.put("head.H", v(f, "head_proj.weight"));
        w.put("norm.weight", v(f, "norm1.weight"));
        same(f, "norm1.weight", "norm2.weight");
        same(f, "norm1.weight", "norm_f.weight");
        Positions.Spiral spiral = (Positions.Spiral) Preset.SPLIT_57.builder().config().positions();
        constant(f, "spiral_amp", spiral.amp().value());
        constant(f, "spiral_phase", spiral.phase().value());
        constant(f, "spiral_slope", spiral.slope().value());
        constant(f, "spiral_offset", spiral.offset().value());
        constant(f, "_plus_pos", 0);
        constant(f, "_eos_pos", 0);
        return w;
    }

    private static Map<String, double[]> split234(PublishedFixture f) {
        Map<String, double[]> w = new LinkedHashMap<>();
        w.put("token.table", v(f, "tok_emb.weight"));
        w.put("position.spiral.amplitude", v(f, "pos_spiral_amp"));
        w.put("position.spiral.phase", v(f, "pos_spiral_phase"));
        w.put("position.spiral.slope", v(f, "pos_spiral_slope"));
        w.put("position.spiral.offset", v(f, "pos_spiral_offset"));
        double[] special = v(f, "special_enc");                       // rows: PLUS, EQUALS, EOS
        w.put("position.plus", Arrays.copyOfRange(special, 0, 3));
        w.put("position.equals", Arrays.copyOfRange(special, 3, 6));
        w.put("position.eos", Arrays.copyOfRange(special, 6, 9));
        w.put("position.sum_carry", v(f, "z10_enc"));
        w.put("layer0.norm1.weight", v(f, "ln1.weight"));
        w.put("layer0.norm1.bias", v(f, "ln1.bias"));
        w.put("layer0.attention.query.weight", v(f, "q_proj.weight"));
        w.put("layer0.attention.key.weight", v(f, "k_proj.weight"));
        w.put("layer0.attention.value.weight", v(f, "v_proj.weight"));
        w.put("layer0.attention.out.weight", v(f, "out_proj.weight"));
        w.put("layer0.norm2.weight", v(f, "ln2.weight"));
        w.put("layer0.norm2.bias", v(f, "ln2.bias"));
        w.put("layer0.ffn.in.weight", v(f, "ffn.0.weight"));
        w.put("layer0.ffn.in.bias", v(f, "ffn.0.bias"));
        w.put("layer0.ffn.out.weight", v(f, "ffn.2.weight"));
        w.put("layer0.ffn.out.bias", v(f, "ffn.2.bias"));
        w.put("final.norm.weight", v(f, "ln_f.weight"));
        w.put("final.norm.bias", v(f, "ln_f.bias"));
        w.put("head.H", v(f, "head_proj.weight"));
        return w;
    }

    private static Map<String, double[]> lowrank311(PublishedFixture f) {
        Map<String, double[]> w = new LinkedHashMap<>();
        w.put("token.table", v(f, "token_emb.weight"));
        same(f, "token_emb.weight", "lm_head.weight");
        w.put("position.A", v(f, "pos_emb.A"));
        w.put("position.B", v(f, "pos_emb.B"));
        w.put("layer0.norm1.weight", v(f, "blocks.0.ln1.weight"));
        w.put("layer0.attention.shared.A", v(f, "blocks.0.attn.qkv_A"));
        w.put("layer0.attention.query.B", v(f, "blocks.0.attn.qkv_Bq"));
        w.put("layer0.attention.key.B", v(f, "blocks.0.attn.qkv_Bkv"));
        w.put("layer0.attention.out.A", v(f, "blocks.0.attn.proj.A"));
        w.put("layer0.attention.out.B", v(f, "blocks.0.attn.proj.B"));
        w.put("layer0.norm2.weight", v(f, "blocks.0.ln2.weight"));
        w.put("layer0.ffn.in.A", v(f, "blocks.0.mlp.fc1.A"));
        w.put("layer0.ffn.in.B", v(f, "blocks.0.mlp.fc1.B"));
        w.put("layer0.ffn.out.A", v(f, "blocks.0.mlp.fc2.A"));
        w.put("layer0.ffn.out.B", v(f, "blocks.0.mlp.fc2.B"));
        w.put("final.norm.weight", v(f, "ln_f.weight"));
        return w;
    }

    private static Map<String, double[]> rope122(PublishedFixture f) {
        String l = "model.layers.0.";
        Map<String, double[]> w = new LinkedHashMap<>();
        w.put("token.table", v(f, "model.embed_tokens.weight"));
        w.put("layer0.norm1.weight", v(f, l + "input_layernorm.weight"));
        w.put("layer0.attention.query.weight", v(f, l + "self_attn.q_proj.weight"));
        w.put("layer0.attention.key.weight", v(f, l + "self_attn.k_proj.weight"));
        w.put("layer0.attention.value.weight", v(f, l + "self_attn.v_proj.weight"));
        w.put("layer0.attention.qNorm.weight", v(f, l + "self_attn.q_norm.weight"));
        w.put("layer0.attention.kNorm.weight", v(f, l + "self_attn.k_norm.weight"));
        w.put("layer0.attention.out.weight", v(f, l + "self_attn.o_proj.weight"));
        w.put("layer0.norm2.weight", v(f, l + "post_attention_layernorm.weight"));
        w.put("layer0.ffn.gate.weight", v(f, l + "mlp.gate_proj.weight"));
        w.put("layer0.ffn.up.weight", v(f, l + "mlp.up_proj.weight"));
        w.put("layer0.ffn.down.weight", v(f, l + "mlp.down_proj.weight"));
        w.put("final.norm.weight", v(f, "model.norm.weight"));
        return w;
    }

    private static double[] v(PublishedFixture f, String name) {
        return f.tensor(name).values();
    }

    private static void same(PublishedFixture f, String a, String b) {
        Tensor x = f.tensor(a);
        Tensor y = f.tensor(b);
        if (!Arrays.equals(x.values(), y.values())) {
            throw new IllegalArgumentException("fixture " + f.fileName() + ": " + b + " should be the same tensor as " + a + " (tied)");
        }
    }

    private static void constant(PublishedFixture f, String name, double expected) {
        for (double x : f.tensor(name).values()) {
            if ((float) x != (float) expected) {
                throw new IllegalArgumentException("fixture " + f.fileName() + ": " + name + " is " + x
                        + " but the preset freezes it at " + expected);
            }
        }
    }
}
