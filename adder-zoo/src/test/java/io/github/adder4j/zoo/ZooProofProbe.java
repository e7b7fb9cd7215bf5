package io.github.adder4j.zoo;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.prove.Decider;
import io.github.adder4j.core.prove.Verdict;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZooProofProbe {
    @Test
    void probe() {
        for (String id : System.getProperty("ids", "split-57,split-74").split(",")) {
            long t0 = System.nanoTime();
            try (AdderModel model = AdderZoo.loadModel(id)) {
                Verdict v = Decider.decide(id, model, new Decider.Settings(Long.getLong("budget", 300000L), 8, 30, 20000, 1));
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.println("VERDICT " + id + " " + v.line() + " | total " + s + " s | " + (v.proof() == null ? "no proof" : v.proof().cells() + " cells, proof " + v.proof().seconds() + " s, reason " + v.proof().reason()) + " | tried " + v.tried());
                if (v.proof() != null) {
                    v.proof().steps().forEach(st -> System.out.println("  step " + st.step() + " cells " + st.cells() + " leaves " + st.leaves() + " min " + st.minMargin() + " at " + st.minCell() + " splits " + st.splits().size() + " failed " + st.failed().size()));
                }
                if (v.certificate() != null) {
                    v.certificate().write(Path.of("/tmp/proofs/" + id + ".proof.json"));
                    System.out.println("CHECK " + id + " " + CertificateChecker.check(v.certificate(), model, 1));
                }
            }
        }
    }
}
