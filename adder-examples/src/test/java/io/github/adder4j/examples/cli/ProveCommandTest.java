package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.zoo.ZooProofs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adder prove}: a proof with its certificate, a counterexample, and a certificate check. */
class ProveCommandTest {

    @Test
    void provesSplit74AndWritesACertificateThatChecks(@TempDir Path tmp) {
        Path cert = tmp.resolve("split-74.proof.json");
        Cli.Run run = Cli.run("prove", "--zoo", "split-74", "--certificate", cert.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("PROVED: split-74 is correct on all 10^20 inputs", run.lastLine());
        assertTrue(Files.exists(cert));
        Cli.Run check = Cli.run("prove", "--zoo", "split-74", "--check", cert.toString(), "--every", "101");
        assertEquals(0, check.exitCode(), check.err());
        assertEquals("VALID: certificate split-74.proof.json proves split-74 correct on all 10^20 inputs", check.lastLine());
    }

    @Test
    void findsACounterexampleInThePublished234p() {
        Cli.Run run = Cli.run("prove", "--preset", "split-234", "--weights", SharedFixtures.file("published-234p.json").toString(),
                "--budget", "5000", "--random", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.lastLine().matches("COUNTEREXAMPLE: \\d+ \\+ \\d+ = \\d+, got -?\\d+"), run.lastLine());
    }

    @Test
    void aCertificateForOtherWeightsIsInvalid(@TempDir Path tmp) throws Exception {
        Path cert = tmp.resolve("rope19.proof.json");
        Files.writeString(cert, ZooProofs.certificate("rope19-10").toJson());
        Cli.Run run = Cli.run("prove", "--zoo", "split-74", "--check", cert.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.lastLine().startsWith("INVALID: the certificate is for parameters "), run.lastLine());
    }

    @Test
    void aNonPositiveBudgetIsABadOption() {
        Cli.Run run = Cli.run("prove", "--preset", "rope19-10", "--budget", "0");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("budget must be positive: 0"), run.err());
    }
}
