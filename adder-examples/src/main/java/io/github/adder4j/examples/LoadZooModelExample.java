package io.github.adder4j.examples;

import io.github.adder4j.core.Adder;
import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import java.io.PrintStream;

/**
 * Lists the zoo and adds two numbers with one of its verified models. {@link AdderZoo#load(String)} checks the
 * checkpoint's SHA-256 against the zoo index, rebuilds the architecture from the checkpoint's configuration and returns an
 * {@link Adder}; the model stays loaded for later calls with the same id.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.LoadZooModelExample [ID [A B]]
 * </pre>
 * Defaults: the first zoo entry, {@code 1234567890 + 9876543210}.
 */
public final class LoadZooModelExample {
    private LoadZooModelExample() { }

    /** The largest operand: ten digits. */
    private static final long MAX_OPERAND = 9_999_999_999L;

    /** Prints every zoo entry, loads entry {@code id} and prints {@code a + b} as the model computes it; returns that sum. */
    public static long run(String id, long a, long b, PrintStream out) {
        checkOperand("a", a);
        checkOperand("b", b);
        for (ZooEntry e : AdderZoo.list()) {
            out.println("zoo: " + e.id() + " (" + e.category().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", "
                    + e.uniqueParameters() + " parameters, AdderBoard " + e.results().adderBoard() + ")");
        }
        Adder adder = AdderZoo.load(id);
        long sum = adder.add(a, b);
        out.println(id + ": " + a + " + " + b + " = " + sum);
        return sum;
    }

    private static void checkOperand(String name, long v) {
        if (v < 0 || v > MAX_OPERAND) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_OPERAND + "]: " + v);
        }
    }

    /** {@code [ID [A B]]}. */
    public static void main(String[] args) {
        if (args.length != 0 && args.length != 1 && args.length != 3) {
            throw new IllegalArgumentException("arguments must be [ID [A B]]: " + String.join(" ", args));
        }
        String id = args.length > 0 ? args[0] : AdderZoo.list().get(0).id();
        long a = args.length == 3 ? Long.parseLong(args[1]) : 1_234_567_890L;
        long b = args.length == 3 ? Long.parseLong(args[2]) : 9_876_543_210L;
        run(id, a, b, System.out);
    }
}
