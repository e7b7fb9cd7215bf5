package io.github.adder4j.examples.cli;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code adder zoo list}: the verified models that ship with adder4j. */
@Command(name = "zoo", mixinStandardHelpOptions = true, description = "The model zoo: verified checkpoints produced by adder4j.",
        subcommands = {ZooCommand.ListCommand.class, CommandLine.HelpCommand.class})
public final class ZooCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public ZooCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list");
    }

    /** One line per entry: {@code ID  PARAMS  CATEGORY  ADDERBOARD}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per entry: ID  PARAMS  CATEGORY  ADDERBOARD (the verified AdderBoard result).")
    public static final class ListCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        /** Creates the command (picocli instantiates it). */
        public ListCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int width = AdderZoo.list().stream().mapToInt(e -> e.id().length()).max().orElse(2);
            for (ZooEntry e : AdderZoo.list()) {
                out.println(String.format(Locale.ROOT, "%-" + width + "s  %d  %s  %s", e.id(), e.uniqueParameters(),
                        e.category().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.results().adderBoard()));
            }
            out.flush();
            return 0;
        }
    }
}
