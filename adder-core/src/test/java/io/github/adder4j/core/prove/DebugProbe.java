package io.github.adder4j.core.prove;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Fixtures;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugProbe {
    @Test
    void probe() {
        String which = System.getProperty("probe", "rope19");
        try (AdderModel model = which.equals("rope19") ? Preset.ROPE19_10.create()
                : which.equals("57") ? PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))
                : PublishedWeights.load(Preset.SPLIT_234, Fixtures.read("published-234p.json"))) {
            Verdict v = Decider.decide(which, model, new Decider.Settings(Long.getLong("budget", 2000000L), 8, 30, 20000, 1));
            System.out.println("VERDICT " + v.line() + " " + (v.proof() == null ? "" : v.proof().seconds() + " s " + v.proof().cells() + " cells") + " tried " + v.tried());
            if (v.certificate() != null) {
                v.certificate().write(Path.of("/tmp/cert-" + which + ".json"));
                CertificateChecker.Result r = CertificateChecker.check(v.certificate(), model, Integer.getInteger("every", 1));
                System.out.println("CHECK " + r);
            }
        }
    }
}
