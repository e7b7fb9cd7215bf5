package io.github.adder4j.core;

import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.format.Formats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-coded constructions: architectures whose weights are computed from a published closed form instead of trained.
 *
 * <h2>RoPE period 19, 10 parameters</h2>
 * d = 2, one head of dim 2, parameterless RMSNorm {@code u}, RoPE with period 19 on unit-normalised q and k, a parabolic
 * tied embedding {@code e(k) = [c0 - c1 k^2, -k]} and a two-hinge SwiGLU that detects the carry. Attention is purely
 * positional: with period 19, the query that predicts sum digit i sits 10 and 29 positions after b_i and a_i, so both get
 * the largest score {@code AMP cos(0.3 OMEGA)}, and the column below gets {@code AMP cos(0.7 OMEGA)}; AMP = ln 10 / (cos 0.3
 * OMEGA - cos 0.7 OMEGA) makes their weights differ by a factor 10.
 */
public final class HandCoded {
    private HandCoded() { }

    /** {@code 2 pi / 19}. */
    public static final double OMEGA = 2 * Math.PI / 19;
    /** Query phase {@code 10.3 OMEGA}. */
    public static final double PHI = OMEGA * 10.3;
    /** Score amplitude {@code ln 10 / (cos 0.3 OMEGA - cos 0.7 OMEGA)}. */
    public static final double AMP = Math.log(10) / (Math.cos(0.3 * OMEGA) - Math.cos(0.7 * OMEGA));
    /** {@code 1000 / sqrt 2}. */
    public static final double DIGIT_SCALE = 1000 / Math.sqrt(2);
    /** {@code 256 / sqrt 2}. */
    public static final double CARRY_ALPHA = 256 / Math.sqrt(2);

    /** The architecture of the period-19 construction (weights still at the builder's initial values). */
    static AdderModel.Builder rope19Builder() {
        double a = CARRY_ALPHA * (-94) / Math.sqrt(2);
        double c = CARRY_ALPHA * DIGIT_SCALE;
        double carry = (100 / CARRY_ALPHA) / Math.sqrt(2);
        return AdderModel.builder().format(Formats.ROPE19_31).dModel(2).summed().embedding(Embedding.PARABOLIC)
                .positions(Positions.none()).relative(Positions.Relative.ropePeriod(19, Pairing.ROTATE_HALF))
                .norm(Norm.RMS_PLAIN).finalNorm(Norm.RMS).normEps(1e-6).qkNorm(QkNorm.PLAIN)
                .heads(1).headDim(2)
                // q = [x0 q0, x0 q1]: two learned entries in column 0
                .queryProjection(Projection.basis(List.<double[][]>of(new double[][] {{1, 0}, {0, 0}}, new double[][] {{0, 0}, {1, 0}}),
                        new double[] {Math.cos(PHI), -Math.sin(PHI)}))
                // k = [x0, 0]: a structural selection, no parameters
                .keyProjection(Projection.fixed(new double[][] {{1, 0}, {0, 0}}))
                // value = [0, v x1]
                .valueProjection(Projection.basis(List.<double[][]>of(new double[][] {{0, 0}, {0, 1}}), new double[] {-22 * DIGIT_SCALE}))
                .attentionOutputMode(OutputMode.IDENTITY)
                .attentionScale(AMP / 2)
                .ffnWidth(2).activation(Activation.SWIGLU)
                // gate rows: g0 = a x0 + c x1, g1 = (a - c/1000) x0 + c x1
                .ffnIn(Projection.basis(List.<double[][]>of(new double[][] {{1, 0}, {1, 0}}, new double[][] {{0, 1}, {-0.001, 1}}),
                        new double[] {a, c}))
                // both hidden units are multiplied by x0
                .ffnUp(Projection.fixed(new double[][] {{1, 0}, {1, 0}}))
                // h1 += carry (silu(g1) x0 - silu(g0) x0)
                .ffnOutProjection(Projection.basis(List.<double[][]>of(new double[][] {{0, 0}, {-1, 1}}), new double[] {carry}))
                .precision(Precision.FLOAT64);
    }

    /**
     * Sets the 10 constructed weights of a model built from {@link Preset#ROPE19_10}.
     *
     * @param model a freshly built model of the {@link Preset#ROPE19_10} architecture
     */
    public static void rope19(AdderModel model) {
        Map<String, double[]> w = new LinkedHashMap<>();
        w.put("token.parabola.c0", new double[] {1000});
        w.put("token.parabola.c1", new double[] {0.001});
        w.put("layer0.attention.query.theta", new double[] {Math.cos(PHI), -Math.sin(PHI)});
        w.put("layer0.attention.value.theta", new double[] {-22 * DIGIT_SCALE});
        w.put("layer0.ffn.gate.theta", new double[] {CARRY_ALPHA * (-94) / Math.sqrt(2), CARRY_ALPHA * DIGIT_SCALE});
        w.put("layer0.ffn.down.theta", new double[] {(100 / CARRY_ALPHA) / Math.sqrt(2)});
        w.put("final.norm.weight", new double[] {50 * Math.sqrt(2), -10 * Math.sqrt(2)});
        model.load(w);
    }
}
