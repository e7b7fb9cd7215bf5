package io.github.adder4j.core.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Fixtures;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The three outcomes on real models: rope19-10 proved, the published 234p and a perturbed rope19-10 with counterexamples. */
class DeciderTest {
    private static final java.time.Duration MINUTE = java.time.Duration.ofMinutes(1);

    @Test
    void aTimeLimitStopsTheProofLikeASpentBudget() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Prover prover = new Prover(new CellBound(IntervalNet.of(model), 8), 1_000_000);
            Prover.Proof p = prover.within(java.time.Duration.ofNanos(1)).prove();
            assertTrue(!p.proved() && p.reason().endsWith(": time limit 1.0E-9 s spent"), p.reason());
            assertEquals(1, p.steps().size());
            assertEquals(0, p.cells(), "no cell is bounded once the limit has passed");
            assertEquals(1, p.steps().get(0).failed().size(), "the cell it stopped at is left open");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prover.within(java.time.Duration.ZERO));
            assertEquals("time limit must be positive: PT0S", e.getMessage());
        }
    }

    @Test
    void aCellTheBudgetCannotSplitIsReportedAsTheBudgetNotAsAFailure() {
        // the weakened rope19-10 needs splits at its first unproved step; three cells cannot hold them
        try (AdderModel model = perturbed(0.98)) {
            Prover.Proof p = new Prover(new CellBound(IntervalNet.of(model), 8), 3).prove();
            assertTrue(!p.proved() && p.reason().contains(": cell budget 3 spent (margin ")
                    && p.reason().endsWith(" <= 0, and splitting further needs more cells)"), p.reason());
            assertTrue(p.steps().get(p.steps().size() - 1).budgetStopped(), p.steps().toString());
        }
    }

    @Test
    void rope19StepsZeroAndTenAreProved() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Prover prover = new Prover(new CellBound(IntervalNet.of(model), 8), 1_000_000);
            for (int step : new int[] {0, 10}) {
                Prover.StepProof s = prover.proveStep(step, 1_000_000);
                assertTrue(s.proved(), "step " + step + ": " + s.failed());
                assertEquals(Cell.initial(step).size(), s.leaves());
                assertTrue(s.minMargin() > 0);
            }
        }
    }

    @Test
    void published234pHasACounterexample() {
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_234, Fixtures.read("published-234p.json"))) {
            Verdict v = Decider.decide("published-234p", model, new Decider.Settings(5_000, 8, 30, 0, 1));
            assertEquals(Verdict.Outcome.COUNTEREXAMPLE, v.outcome(), v.line());
            CounterexampleSearch.Counterexample c = v.counterexample();
            assertEquals(c.got(), model.adder().add(c.a(), c.b()));
            assertNotEquals(c.a() + c.b(), c.got());
            assertEquals("COUNTEREXAMPLE: " + c.a() + " + " + c.b() + " = " + (c.a() + c.b()) + ", got " + c.got(), v.line());
        }
    }

    @Test
    void aPerturbedRope19HasACounterexample() {
        // the carry hinge's output weight 2 % too small: sums with long runs of 9s go wrong
        try (AdderModel model = perturbed(0.98)) {
            Verdict v = Decider.decide("rope19-10-perturbed", model, new Decider.Settings(300_000, 8, 30, 0, 1));
            assertEquals(Verdict.Outcome.COUNTEREXAMPLE, v.outcome(), v.line());
            CounterexampleSearch.Counterexample c = v.counterexample();
            assertNotEquals(c.a() + c.b(), model.adder().add(c.a(), c.b()));
        }
    }

    @Test
    void theProofGuidedPairsOfAPerturbedRope19AreDistinctWrongSums() {
        try (AdderModel model = perturbed(0.98)) {
            Decider.Settings settings = new Decider.Settings(300_000, 8, 30, 0, 1);
            List<CounterexampleSearch.Counterexample> pairs = Decider.counterexamples(model, settings, 200, MINUTE);
            assertTrue(pairs.size() > 1, "pairs: " + pairs.size());
            assertTrue(pairs.size() <= 200);
            long[] a = pairs.stream().mapToLong(CounterexampleSearch.Counterexample::a).toArray();
            long[] b = pairs.stream().mapToLong(CounterexampleSearch.Counterexample::b).toArray();
            long[] got = model.adder().add(a, b);
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(pairs.get(i).got(), got[i], pairs.get(i).toString());
                assertNotEquals(a[i] + b[i], got[i], pairs.get(i).toString());
            }
            assertEquals(pairs.size(), pairs.stream().map(p -> p.a() + "+" + p.b()).distinct().count());
            assertEquals(pairs.subList(0, 1), Decider.counterexamples(model, settings, 1, MINUTE));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Decider.counterexamples(model, settings, 0, MINUTE));
            assertEquals("limit must be positive: 0", e.getMessage());
        }
    }

    @Test
    void aSlightlyPerturbedRope19IsStillProvedButNotByTheOriginalCertificate() {
        try (AdderModel original = Preset.ROPE19_10.create(); AdderModel model = perturbed(0.985)) {
            Prover prover = new Prover(new CellBound(IntervalNet.of(model), 8), 1_000_000);
            assertTrue(prover.proveStep(0, 1_000_000).proved());
            Certificate c = Certificates.rope19();
            CertificateChecker.Result r = CertificateChecker.check(c, model, 1000);
            assertTrue(!r.valid() && r.problem().startsWith("the certificate is for parameters " + c.parametersSha256()), r.problem());
            assertTrue(CertificateChecker.check(c, original, 1000).valid());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "adder.slow", matches = "true")
    void rope19IsProvedAndItsCertificateChecks() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Verdict v = Decider.decide("rope19-10", model, Decider.Settings.defaults());
            assertEquals("PROVED: rope19-10 is correct on all 10^20 inputs", v.line());
            assertEquals(Certificates.rope19().parametersSha256(), v.certificate().parametersSha256());
            assertEquals(Certificates.rope19().leaves(), v.certificate().leaves());
            CertificateChecker.Result r = CertificateChecker.check(v.certificate(), model, 1);
            assertTrue(r.valid(), r.problem());
            assertEquals(v.certificate().leaves(), r.leavesChecked());
        }
    }

    /** rope19-10 with the carry hinge's output weight scaled. */
    static AdderModel perturbed(double factor) {
        AdderModel model = Preset.ROPE19_10.create();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Tensor t : model.tensors()) {
            double[] v = t.values().clone();
            if (t.name().equals("layer0.ffn.down.theta")) {
                v[0] *= factor;
            }
            values.put(t.name(), v);
        }
        model.load(values);
        return model;
    }
}
