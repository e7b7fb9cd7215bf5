package io.github.adder4j.examples.cli;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Case;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adder add}: the model's sum of A and B, or of every pair in a file (one sum per line). */
@Command(name = "add", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Add two numbers with a model (A B), or every pair of a file (--pairs), one sum per line.")
public final class AddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "A", description = "First operand, in [0, 9999999999].")
    private Long a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", description = "Second operand, in [0, 9999999999].")
    private Long b;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "File with one \"a b\" per line (blank lines and # comments skipped), instead of A B.")
    private Path pairs;

    @Mixin
    private BatchOption batch;

    /** Creates the command (picocli instantiates it). */
    public AddCommand() {
        // fields are injected by picocli
    }

    /** Reads and checks the input first, then builds the model and prints the sums. */
    @Override
    public Integer call() {
        List<Case> cases = input();
        PrintWriter out = spec.commandLine().getOut();
        if (!cases.isEmpty()) {
            long[] as = cases.stream().mapToLong(Case::a).toArray();
            long[] bs = cases.stream().mapToLong(Case::b).toArray();
            long[] sums;
            try (AdderModel m = model.open()) {
                Adder adder = m.adder(batch.batch());
                sums = adder.add(as, bs);
            }
            for (long sum : sums) {
                out.println(sum);
            }
        }
        out.flush();
        return 0;
    }

    private List<Case> input() {
        if (pairs != null) {
            if (a != null) {
                throw new ParameterException(spec.commandLine(), "give either A B or --pairs FILE, not both");
            }
            try (Reader in = Files.newBufferedReader(pairs, StandardCharsets.UTF_8)) {
                return PairsFile.read(in, pairs.toString());
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "--pairs: no such file: " + pairs);
            } catch (IOException e) {
                throw new IllegalArgumentException("--pairs " + pairs + ": cannot read: " + e, e);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("--pairs " + pairs + ": cannot read: " + e.getCause(), e);
            }
        }
        if (a == null || b == null) {
            throw new ParameterException(spec.commandLine(), "give two operands A B, or --pairs FILE");
        }
        return List.of(new Case(a, b));
    }
}
