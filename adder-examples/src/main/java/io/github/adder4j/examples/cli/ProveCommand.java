package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.prove.Certificate;
import io.github.adder4j.core.prove.Decider;
import io.github.adder4j.core.prove.Prover;
import io.github.adder4j.core.prove.Verdict;
import io.github.adder4j.core.prove.check.CertificateChecker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adder prove}: decides whether a model adds correctly on all 10^20 inputs (an interval proof with a certificate),
 * or finds a pair it adds wrongly; {@code --check FILE} re-validates a certificate with the independent checker instead.
 */
@Command(name = "prove", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Prove a model correct on all 10^20 inputs, or find a counterexample. The last line is one of",
            "PROVED: ID is correct on all 10^20 inputs / COUNTEREXAMPLE: a + b = expected, got X / UNKNOWN: reason."})
public final class ProveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Option(names = "--certificate", paramLabel = "FILE", description = "Write the proof certificate here when the model is proved.")
    private Path certificate;

    @Option(names = "--check", paramLabel = "FILE",
            description = "Re-validate this certificate for the model with the independent checker instead of proving.")
    private Path check;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "With --check: bound every N-th leaf again (the partition is always regenerated whole).")
    private int every;

    @Option(names = "--budget", paramLabel = "N", defaultValue = "2000000", description = "Most partition cells the proof bounds.")
    private long budget;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "8", description = "Bisection levels of the attention output box per cell.")
    private int depth;

    @Option(names = "--random", paramLabel = "N", defaultValue = "100000", description = "Uniform random pairs the counterexample search tries last.")
    private int random;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the counterexample search.")
    private long seed;

    /** Creates the command (picocli instantiates it). */
    public ProveCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String id = model.id();
        try (AdderModel m = model.open()) {
            if (check != null) {
                Certificate c = Certificate.read(check);
                CertificateChecker.Result r = CertificateChecker.check(c, m, every);
                out.printf(Locale.ROOT, "checked %d leaves of %d in %.1f s, smallest margin %.6g%n", r.leavesChecked(), r.leaves(), r.seconds(), r.minMargin());
                out.println(r.valid() ? "VALID: certificate " + check.getFileName() + " proves " + c.model() + " correct on all 10^20 inputs"
                        : "INVALID: " + r.problem());
                out.flush();
                return r.valid() ? 0 : 1;
            }
            Verdict v = Decider.decide(id, m, new Decider.Settings(budget, depth, 30, random, seed));
            if (v.proof() != null) {
                for (Prover.StepProof s : v.proof().steps()) {
                    out.printf(Locale.ROOT, "step %2d: %8d cells, %8d leaves, smallest margin %.6g at %s%s%n", s.step(), s.cells(), s.leaves(),
                            s.minMargin(), s.minCell(), s.proved() ? "" : ", " + s.failed().size() + " unproved");
                }
                out.printf(Locale.ROOT, "proof: %d cells in %.1f s%n", v.proof().cells(), v.proof().seconds());
            }
            if (v.outcome() != Verdict.Outcome.PROVED) {
                out.printf(Locale.ROOT, "counterexample search: %d pairs run through the model%n", v.tried());
            }
            if (v.certificate() != null) {
                out.printf(Locale.ROOT, "smallest margin %.6g over %d leaves; parameters SHA-256 %s%n", v.certificate().minMargin(),
                        v.certificate().leaves(), v.certificate().parametersSha256());
                if (certificate != null) {
                    v.certificate().write(certificate);
                    out.println("certificate: " + certificate);
                }
            }
            out.println(v.line());
        }
        out.flush();
        return 0;
    }
}
