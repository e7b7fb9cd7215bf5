package io.github.adder4j.examples.cli;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ImageZoo;
import io.github.adder4j.zoo.ImageZooEntry;
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

    /**
     * A header, then one line per addition entry, in aligned columns: ID, PARAMS, CATEGORY, ADDERBOARD, CARRY, VERIFIED; then,
     * after an empty line, the image entries: ID, PARAMS, CATEGORY ({@code image}), MNIST-TEST, ACCURACY, VERIFIED.
     */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"A header, then one line per entry in aligned columns: ID  PARAMS  CATEGORY  ADDERBOARD  CARRY  VERIFIED.",
                "Then, after an empty line, the image classifiers: ID  PARAMS  CATEGORY  MNIST-TEST  ACCURACY  VERIFIED."})
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
            print(out, rows, width, new boolean[] {false, true, false, true, true, false});
            List<String[]> images = new ArrayList<>();
            images.add(new String[] {"ID", "PARAMS", "CATEGORY", "MNIST-TEST", "ACCURACY", "VERIFIED"});
            for (ImageZooEntry e : ImageZoo.list()) {
                images.add(new String[] {e.id(), Long.toString(e.uniqueParameters()), "image", e.test().toString(),
                    String.format(Locale.ROOT, "%.2f %%", e.accuracyPercent()), e.date().toString()});
            }
            if (images.size() > 1) {
                out.println();
                int[] imageWidth = new int[images.get(0).length];
                for (String[] row : images) {
                    for (int c = 0; c < row.length; c++) {
                        imageWidth[c] = Math.max(imageWidth[c], row[c].length());
                    }
                }
                print(out, images, imageWidth, new boolean[] {false, true, false, true, true, false});
            }
            out.flush();
            return 0;
        }

        private static void print(PrintWriter out, List<String[]> rows, int[] width, boolean[] number) {
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    String cell = String.format(Locale.ROOT, "%" + (number[c] ? "" : "-") + width[c] + "s", row[c]);
                    line.append(c == 0 ? "" : "  ").append(cell);
                }
                out.println(line.toString().stripTrailing());
            }
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
            out.print(ImageZoo.contains(id) ? ModelCard.of(ImageZoo.entry(id)) : ModelCard.of(AdderZoo.entry(id)));
            out.flush();
            return 0;
        }
    }
}
