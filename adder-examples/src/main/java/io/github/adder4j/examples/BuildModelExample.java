package io.github.adder4j.examples;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.params.ParameterFormula;
import io.github.adder4j.core.params.ParameterReport;
import java.io.PrintStream;

/**
 * Builds a model with {@link AdderModel#builder()} and prints its parameter table: one row per component, then the strict
 * and the AdderBoard count. The architecture is a small Qwen3-style RoPE model in the spirit of the published 122- and
 * 36-parameter models: d = 3, circular-arc token embedding, RoPE instead of learned positions, one RMSNorm weight shared by
 * every site, SwiGLU feed-forward. Its weights are freshly initialised (seeded), not trained.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.BuildModelExample
 * </pre>
 */
public final class BuildModelExample {
    private BuildModelExample() { }

    /** The architecture this example builds; every call returns a fresh builder. */
    public static AdderModel.Builder builder() {
        return AdderModel.builder()
                .format(Formats.Q24_V10)                 // [0] a LSB-first [0 0] b LSB-first [0]; 11 sum digits back
                .dModel(3).summed()                      // x = E[tok] (no additive positions below)
                .embedding(Embedding.ARC)                // A [cos(s + k tau), sin(s + k tau), 0]: 3 parameters
                .positions(Positions.none()).rope(3)     // relative positions inside attention: free
                .norm(Norm.RMS).normEps(1e-6).sharedNorm(true)
                .qkNorm(QkNorm.SHARED)                   // one RMSNorm weight for q and k
                .heads(1).headDim(4)
                .ffnWidth(3).activation(Activation.SWIGLU)
                .seed(42);
    }

    /**
     * Builds the model, prints its parameter table and the closed-form count of {@link ParameterFormula}, and returns
     * the report.
     */
    public static ParameterReport run(PrintStream out) {
        AdderModel.Builder builder = builder();
        try (AdderModel model = builder.build()) {
            ParameterReport report = model.parameterReport();
            out.println("model: " + model.format().id() + ", d = " + model.config().dModel() + ", "
                    + model.config().precision().name().toLowerCase(java.util.Locale.ROOT));
            out.println("closed form (ParameterFormula): " + ParameterFormula.uniqueParameters(builder.config()) + " unique, "
                    + ParameterFormula.strictParameters(builder.config()) + " strict");
            out.println(report.table());
            return report;
        }
    }

    /** Prints the table to standard output. */
    public static void main(String[] args) {
        run(System.out);
    }
}
