package io.github.adder4j.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --from DIR [--from-last] --out DIR2}, as a picocli mixin: the options of a command that starts a new run from
 * another run's checkpoint ({@code finetune}, {@code polish}).
 */
public final class StartingRunOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The run to start from (its checkpoints/best.json and config.json).")
    private Path from;

    @Option(names = "--from-last", description = "Start from the run's last checkpoint (checkpoints/last.json) instead of its "
            + "best: for a run whose validation exact match never rose, whose best is its first evaluation.")
    private boolean fromLast;

    @Option(names = "--out", required = true, paramLabel = "DIR2", description = "The new run directory.")
    private Path out;

    /** Creates the mixin (picocli instantiates it). */
    public StartingRunOptions() {
        // fields are injected by picocli
    }

    /** The source run directory. */
    public Path from() {
        return from;
    }

    /** The new run directory. */
    public Path out() {
        return out;
    }

    /**
     * The checkpoint the new run starts at, after the checks of {@link TrainingRuns#startingCheckpoint}.
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --from} or {@code --out}
     */
    public Path checkpoint() {
        return TrainingRuns.startingCheckpoint(command, from, fromLast, out);
    }
}
