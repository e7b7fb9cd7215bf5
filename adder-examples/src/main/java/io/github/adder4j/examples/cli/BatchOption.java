package io.github.adder4j.examples.cli;

import io.github.adder4j.core.decode.GreedyDecoder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --batch N} option (prompts per forward pass), as a picocli mixin; N must be positive. */
public final class BatchOption {

    /** The largest batch size: a batch's decoding tensors grow with it, and larger batches are no faster. */
    public static final int MAX = 65_536;

    /** The default batch size, the decoder's. */
    public static final int DEFAULT = GreedyDecoder.DEFAULT_BATCH_SIZE;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private int batch = DEFAULT;

    /** Creates the mixin (picocli instantiates it). */
    public BatchOption() {
        // fields are injected by picocli
    }

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + GreedyDecoder.DEFAULT_BATCH_SIZE,
            description = "Prompts decoded per forward pass, at most " + MAX + ".")
    void setBatch(int value) {
        if (value < 1) {
            throw new ParameterException(command.commandLine(), "--batch must be positive: " + value);
        }
        if (value > MAX) {
            throw new ParameterException(command.commandLine(), "--batch must be at most " + MAX + ": " + value);
        }
        batch = value;
    }

    /** The batch size. */
    public int batch() {
        return batch;
    }
}
