package io.github.adder4j.core.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.ConfigCodec;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.params.GeneratedConfigs.Candidate;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The closed-form count agrees with the report the built model derives from its blocks, and with the model's distinct
 * DJL parameters, over randomly generated configurations of the whole option space; the same configurations survive
 * the builder and JSON round trips and build models that run.
 */
class ParameterFormulaProperties {

    @Provide
    Arbitrary<Candidate> candidates() {
        return GeneratedConfigs.candidates();
    }

    @Property(tries = 150)
    void reportAndDistinctParametersMatchTheFormula(@ForAll("candidates") Candidate candidate) {
        Statistics.label("candidate").collect(candidate.valid() ? "valid" : "rejected");
        Statistics.label("candidate").coverage(c -> c.check("valid").percentage(p -> p >= 80.0));
        Assume.that(candidate.valid());
        AdderConfig config = candidate.config();
        collect(candidate);
        long unique = ParameterFormula.uniqueParameters(config);
        long strict = ParameterFormula.strictParameters(config);
        try (AdderModel model = AdderModel.of(config)) {
            ParameterReport report = model.parameterReport();
            assertEquals(unique, report.uniqueParameters(), () -> "unique count of " + config + "\n" + report.table());
            assertEquals(strict, report.strictParameters(), () -> "strict count of " + config + "\n" + report.table());
            Set<String> ids = new HashSet<>();
            long distinct = 0;
            for (var pair : model.block().getParameters()) {
                Parameter p = pair.getValue();
                if (ids.add(p.getId())) {
                    distinct += p.getArray().getShape().size();
                }
            }
            assertEquals(unique, distinct, () -> "distinct DJL parameters of " + config + "\n" + report.table());
            long named = model.namedParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            assertEquals(unique, named, () -> "namedParameters of " + config);
        }
    }

    @Property(tries = 200)
    void generatedConfigsSurviveToBuilderAndJsonUnchanged(@ForAll("candidates") Candidate candidate) {
        Assume.that(candidate.valid());
        AdderConfig config = candidate.config();
        collect(candidate);
        assertEquals(config, config.toBuilder().config());
        assertEquals(config, ConfigCodec.fromJson(ConfigCodec.toJson(config)));
        assertEquals(ParameterFormula.uniqueParameters(config), ParameterFormula.uniqueParameters(config.toBuilder().seed(config.seed() + 1).config()),
                "the seed does not change the architecture");
    }

    @Property(tries = 100)
    void everyGeneratedModelRunsForwardToFiniteLogits(@ForAll("candidates") Candidate candidate) {
        Assume.that(candidate.valid());
        collect(candidate);
        try (AdderModel model = AdderModel.of(candidate.config())) {
            long[][] prompts = model.format().prompts(new long[] {9999999999L, 5193798811L}, new long[] {1L, 1806201129L});
            float[][][] logits = model.logits(prompts);
            assertEquals(2, logits.length);
            for (float[][] row : logits) {
                assertEquals(model.format().promptLength(), row.length);
                for (float[] v : row) {
                    assertEquals(model.format().vocabSize(), v.length);
                    for (float x : v) {
                        assertTrue(Float.isFinite(x), () -> "non-finite logit for " + candidate.config());
                    }
                }
            }
        }
    }

    private static void collect(Candidate candidate) {
        AdderConfig config = candidate.config();
        Statistics.label("residual").collect(config.residual());
        Statistics.label("embedding").collect(config.embedding());
        Statistics.label("positions").collect(candidate.positionsType());
        Statistics.label("positions").coverage(c -> c.check("spiral").count(n -> n > 0));
        Statistics.label("relative").collect(candidate.relativeType());
        Statistics.label("qkMode").collect(config.attention().qkMode());
        Statistics.label("qkMode").coverage(c -> {
            c.check(QkMode.TIED_PHASE).count(n -> n > 0);
            c.check(QkMode.K_ROTATES_Q).count(n -> n > 0);
        });
        Statistics.label("valueMode").collect(config.attention().valueMode());
        Statistics.label("valueMode").coverage(c -> c.check(ValueMode.HEAD).count(n -> n > 0));
        Statistics.label("outputMode").collect(config.attention().outputMode());
        Statistics.label("sharedRank").collect(config.attention().sharedRank() > 0);
        Statistics.label("ffnOut").collect(config.ffn().width() == 0 ? "no FFN" : config.ffn().outMode().name());
        Statistics.label("norm / shared").collect(config.norm().kind() + " / " + config.norm().shared());
        Statistics.label("layers").collect(config.attention().layers());
    }
}
