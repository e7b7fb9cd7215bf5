package io.github.adder4j.examples.cli;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ModelCard;
import io.github.adder4j.zoo.ZooEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code adder zoo list} and {@code adder zoo info ID}: the verified models that ship with adder4j. */
@Command(name = "zoo", mixinStandardHelpOptions = true, description = "The model zoo: verified checkpoints produced by adder4j.",
        subcommands = {ZooCommand.ListCommand.class, ZooCommand.InfoCommand.class, CommandLine.HelpCommand.class})
public final class ZooCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public ZooCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or info");
    }

    /** A header, then one line per entry, in aligned columns: ID, PARAMS, CATEGORY, ADDERBOARD, CARRY, VERIFIED. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "A header, then one line per entry in aligned columns: ID  PARAMS  CATEGORY  ADDERBOARD  CARRY  VERIFIED.")
    public static final class ListCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        /** Creates the command (picocli instantiates it). */
        public ListCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "PARAMS", "CATEGORY", "ADDERBOARD", "CARRY", "VERIFIED"});
            for (ZooEntry e : AdderZoo.list()) {
                rows.add(new String[] {e.id(), Long.toString(e.uniqueParameters()), e.properties().get("category"),
                    e.results().adderBoard().toString(), e.results().carry().toString(), e.date().toString()});
            }
            int[] width = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    boolean number = c == 1 || c == 3 || c == 4;
                    String cell = String.format(Locale.ROOT, "%" + (number ? "" : "-") + width[c] + "s", row[c]);
                    line.append(c == 0 ? "" : "  ").append(cell);
                }
                out.println(line.toString().stripTrailing());
            }
            out.flush();
            return 0;
        }
    }

    /** The model card of one entry ({@link ModelCard}). */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "The model card of an entry: parameters, format, checkpoint, verified results and date, provenance "
                    + "(training rounds with their recipes) and the commands that reproduce and re-verify it.")
    public static final class InfoCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "A zoo entry (see `adder zoo list`).")
        private String id;

        /** Creates the command (picocli instantiates it). */
        public InfoCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(ModelCard.of(AdderZoo.entry(id)));
            out.flush();
            return 0;
        }
    }
}
