package io.github.adder4j.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adder bench}: the parent of the timing commands. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Time a model (subcommands: eval, decoding all 10,010 AdderBoard cases; train, optimizer steps; sweep, seeds trained one at a time versus as one population).",
        subcommands = {BenchEvalCommand.class, BenchTrainCommand.class, BenchSweepCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public BenchCommand() {
        // fields are injected by picocli
    }

    /** Without a subcommand there is nothing to time: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
