package io.github.adder4j.core.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The independent checker accepts the committed rope19-10 certificate and rejects altered ones. */
class CertificateCheckerTest {

    @Test
    void theCommittedRope19CertificateChecks() {
        Certificate c = Certificates.rope19();
        assertEquals(170_300, c.leaves());
        try (AdderModel model = Preset.ROPE19_10.create()) {
            CertificateChecker.Result r = CertificateChecker.check(c, model, 97);
            assertTrue(r.valid(), r.problem());
            assertEquals(170_300, r.leaves());
            assertTrue(r.leavesChecked() > 1700 && r.minMargin() > 0);
        }
    }

    @Test
    void alteredCertificatesAreRejected() {
        Certificate c = Certificates.rope19();
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Certificate otherModel = new Certificate(c.model(), "0".repeat(64), c.format(), c.precision(), c.roundingRel(), c.roundingFnRel(),
                    c.roundingAbs(), c.steps(), c.seconds());
            assertEquals("the certificate is for parameters " + "0".repeat(64) + ", the model has " + c.parametersSha256(),
                    CertificateChecker.check(otherModel, model, 97).problem());

            Certificate looser = new Certificate(c.model(), c.parametersSha256(), c.format(), c.precision(), c.roundingRel() / 2,
                    c.roundingFnRel(), c.roundingAbs(), c.steps(), c.seconds());
            assertTrue(CertificateChecker.check(looser, model, 97).problem().startsWith("the certificate assumes rounding errors "));

            List<Certificate.Step> steps = new ArrayList<>(c.steps());
            Certificate.Step s3 = steps.get(3);
            steps.set(3, new Certificate.Step(3, s3.cells(), s3.leaves() + 1, s3.minMargin(), s3.minCell(), s3.splits()));
            assertEquals("step 3 has 20000 leaves, the certificate says 20001", CertificateChecker.check(with(c, steps), model, 97).problem());

            steps = new ArrayList<>(c.steps());
            steps.set(3, new Certificate.Step(3, s3.cells(), s3.leaves(), s3.minMargin(), s3.minCell(), List.of("3/0/0/1111:down")));
            assertEquals("step 3: 1 splits name cells outside the partition", CertificateChecker.check(with(c, steps), model, 97).problem());

            steps = new ArrayList<>(c.steps());
            steps.set(3, new Certificate.Step(3, s3.cells(), s3.leaves() + 99, s3.minMargin(), s3.minCell(), List.of("3/2/1/1111:down")));
            assertTrue(CertificateChecker.check(with(c, steps), model, 97).valid(), "a refined partition is still a partition");
        }
    }

    @Test
    void certificatesRoundTripThroughJson() {
        Certificate c = Certificates.rope19();
        Certificate back = Certificate.parse(c.toJson());
        assertEquals(c.parametersSha256(), back.parametersSha256());
        assertEquals(c.steps(), back.steps());
        assertEquals(c.minMargin(), back.minMargin());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Certificate.parse("{\"kind\": \"x\"}"));
        assertEquals("not a proof certificate: kind \"x\"", e.getMessage());
        assertFalse(c.toJson().isBlank());
    }

    private static Certificate with(Certificate c, List<Certificate.Step> steps) {
        return new Certificate(c.model(), c.parametersSha256(), c.format(), c.precision(), c.roundingRel(), c.roundingFnRel(), c.roundingAbs(),
                steps, c.seconds());
    }
}
