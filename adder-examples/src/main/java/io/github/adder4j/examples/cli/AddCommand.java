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

    @Parameters(index = "0", arity = "0..1", paramLabel = "A", converter = Converters.OperandConverter.class,
            description = "First operand, in [0, 9999999999].")
    private Long a;

    @Parameters(index = "1", arity = "0..1", paramLabel = "B", converter = Converters.OperandConverter.class,
            description = "Second operand, in [0, 9999999999].")
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

    /**
     * Checks the operands (or opens the pairs file), builds the model and prints the sums; a pairs file is read, added and
     * printed batch by batch, so its sums appear as it goes and memory stays flat whatever its length.
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (pairs == null) {
            if (a == null || b == null) {
                throw new ParameterException(spec.commandLine(), "give two operands A B, or --pairs FILE");
            }
            Case single = new Case(a, b);
            try (AdderModel m = model.open()) {
                out.println(m.adder(batch.batch()).add(single.a(), single.b()));
            }
            out.flush();
            return 0;
        }
        if (a != null) {
            throw new ParameterException(spec.commandLine(), "give either A B or --pairs FILE, not both");
        }
        checkPairsFile();
        try (Reader in = Files.newBufferedReader(pairs, StandardCharsets.UTF_8)) {
            PairsFile file = PairsFile.open(in, pairs.toString());
            List<Case> first = file.next(batch.batch());
            if (first.isEmpty()) {
                return 0;
            }
            try (AdderModel m = model.open()) {
                Adder adder = m.adder(batch.batch());
                for (List<Case> cases = first; !cases.isEmpty(); cases = file.next(batch.batch())) {
                    long[] as = cases.stream().mapToLong(Case::a).toArray();
                    long[] bs = cases.stream().mapToLong(Case::b).toArray();
                    for (long sum : adder.add(as, bs)) {
                        out.println(sum);
                    }
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--pairs " + pairs + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--pairs " + pairs + ": cannot read: " + e.getCause().getMessage(), e);
        } finally {
            out.flush();
        }
        return 0;
    }

    /** A missing file, a directory or a device is refused before the model is built. */
    private void checkPairsFile() {
        if (Files.isDirectory(pairs)) {
            throw new ParameterException(spec.commandLine(), "--pairs: is a directory, not a file: " + pairs);
        }
        if (!Files.exists(pairs)) {
            throw new ParameterException(spec.commandLine(), "--pairs: no such file: " + pairs);
        }
        if (!Files.isRegularFile(pairs)) {
            throw new ParameterException(spec.commandLine(), "--pairs: not a regular file: " + pairs);
        }
    }
}
