package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.ParameterDigest;
import io.github.adder4j.core.prove.Certificate;
import io.github.adder4j.core.prove.Decider;
import io.github.adder4j.core.prove.Verdict;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every zoo entry has a recorded proof status; the proved entries' certificates are for the entries' weights and pass the
 * independent checker (a sample of leaves here, all of them with {@code -Dadder.slow=true}, which also decides every entry
 * again and compares the outcome).
 */
class ZooProofsTest {

    @Test
    void everyEntryHasAStatus() {
        Map<String, ZooProofs.Status> all = ZooProofs.all();
        for (ZooEntry e : AdderZoo.list()) {
            assertTrue(all.containsKey(e.id()), "no proof status for " + e.id());
        }
        assertEquals(Verdict.Outcome.PROVED, all.get("rope19-10").outcome());
        assertEquals(Verdict.Outcome.PROVED, all.get("split-74").outcome());
        assertEquals(Verdict.Outcome.PROVED, all.get("split-57").outcome());
    }

    /**
     * split-57's two tightest cells (step 8 with a8 + b8 = 9 + 2 or 2 + 9 over a7 = b7 = 0 with a carry in: the real margin
     * is about 0.033, on logits near 1150) fail the per-score softmax bound; both the prover and the independent checker
     * close them with the bound from score differences, in which the shared query's rounding cancels.
     */
    @Test
    void split57sTightestCellsCheck() {
        Certificate c = ZooProofs.certificate("split-57");
        assertTrue(c.steps().get(8).splits().isEmpty(), "step 8 is proved on its initial cells");
        try (AdderModel model = AdderZoo.loadModel("split-57")) {
            for (String leaf : new String[] {"8/7/1/0092", "8/7/1/0029"}) {
                double margin = CertificateChecker.leafMargin(model, leaf);
                assertTrue(margin > 0, leaf + ": the checker's margin " + margin);
            }
        }
    }

    @Test
    void provedEntriesCertificatesCheck() {
        check(199);
    }

    @Test
    @EnabledIfSystemProperty(named = "adder.slow", matches = "true")
    void provedEntriesCertificatesCheckInFull() {
        check(1);
    }

    @Test
    @EnabledIfSystemProperty(named = "adder.slow", matches = "true")
    void everyEntryDecidesAsRecorded() {
        for (ZooProofs.Status s : ZooProofs.all().values()) {
            try (AdderModel model = AdderZoo.loadModel(s.id())) {
                // the recorded run's settings: adder prove's defaults with the recorded budget
                Decider.Settings settings = new Decider.Settings(s.budget(), 8, 30, 100_000, 1);
                Verdict v = Decider.decide(s.id(), model, settings);
                assertEquals(s.outcome(), v.outcome(), s.id() + ": " + v.line());
                if (s.outcome() == Verdict.Outcome.PROVED) {
                    assertEquals(s.line(), v.line());
                }
            }
        }
    }

    @Test
    void recordedCounterexamplesAreWrongSumsOfTheModel() {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("COUNTEREXAMPLE: (\\d+) \\+ (\\d+) = (\\d+), got (-?\\d+)");
        for (ZooProofs.Status s : ZooProofs.all().values()) {
            if (s.outcome() != Verdict.Outcome.COUNTEREXAMPLE) {
                continue;
            }
            java.util.regex.Matcher m = line.matcher(s.line());
            assertTrue(m.matches(), s.line());
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(2));
            assertEquals(a + b, Long.parseLong(m.group(3)));
            assertEquals(Long.parseLong(m.group(4)), AdderZoo.load(s.id()).add(a, b), s.id());
            assertTrue(a + b != Long.parseLong(m.group(4)));
        }
    }

    private static void check(int every) {
        for (ZooProofs.Status s : ZooProofs.all().values()) {
            if (s.outcome() != Verdict.Outcome.PROVED) {
                continue;
            }
            Certificate c = ZooProofs.certificate(s.id());
            assertEquals("PROVED: " + s.id() + " is correct on all 10^20 inputs", s.line());
            try (AdderModel model = AdderZoo.loadModel(s.id())) {
                assertEquals(ParameterDigest.sha256Hex(model.tensors()), c.parametersSha256(), s.id());
                CertificateChecker.Result r = CertificateChecker.check(c, model, every);
                assertTrue(r.valid(), s.id() + ": " + r.problem());
                assertEquals(c.leaves(), r.leaves());
            }
        }
    }
}
