package io.github.adder4j.zoo;

import io.github.adder4j.core.AdderModel;
import java.util.Locale;
import java.util.Map;

/**
 * The model card of a zoo entry, as {@code adder zoo info ID} prints it: identity, parameter table, format, the
 * checkpoint and its hash, the verified results with their date, and the provenance as structured fields (no machine
 * paths) with the commands that reproduce and re-verify the entry.
 */
public final class ModelCard {
    private static final String INDENT = "  ";

    private ModelCard() {
    }

    /**
     * The card of {@code entry}; builds the entry's model once for its parameter table.
     *
     * @param entry a zoo entry
     * @return the card, lines ending in newlines
     */
    public static String of(ZooEntry entry) {
        StringBuilder out = new StringBuilder();
        field(out, "", "id", entry.id());
        field(out, "", "category", entry.properties().get("category"));
        field(out, "", "parameters", entry.uniqueParameters() + " unique (AdderBoard rule), " + entry.strictParameters()
                + " strict");
        field(out, "", "format", entry.format().id());
        field(out, "", "checkpoint", entry.checkpoint() + " (adder4j-checkpoint JSON, SHA-256 " + entry.sha256() + ")");
        field(out, "", "verified", entry.date() + ": AdderBoard " + entry.results().adderBoard() + ", carry "
                + entry.results().carry() + ", random " + entry.results().random());
        Provenance provenance = Provenance.parse(entry.provenance());
        out.append("provenance\n");
        if (provenance.rounds().isEmpty()) {
            field(out, INDENT, "construction", provenance.construction());
        }
        for (Provenance.Round r : provenance.rounds()) {
            out.append(INDENT).append("round ").append(r.number()).append('\n');
            String in = INDENT + INDENT;
            field(out, in, "command", r.command());
            field(out, in, "preset", r.preset());
            field(out, in, "seed", Long.toString(r.seed()));
            field(out, in, "outcome", r.outcome());
            field(out, in, "machine", r.machine());
            field(out, in, "run", r.runDirectory());
            StringBuilder recipe = new StringBuilder();
            for (Map.Entry<String, String> f : r.recipe().entrySet()) {
                recipe.append(recipe.length() == 0 ? "" : " ").append(f.getKey()).append('=').append(f.getValue());
            }
            field(out, in, "recipe", recipe.toString());
        }
        out.append("commands\n");
        for (Provenance.Round r : provenance.rounds()) {
            out.append(INDENT).append("./").append(r.command()).append('\n');
        }
        out.append(INDENT).append("./adder verify --zoo ").append(entry.id()).append("                 # AdderBoard\n");
        out.append(INDENT).append("./adder verify --zoo ").append(entry.id()).append(" --suite carry\n");
        out.append("parameter table\n");
        try (AdderModel model = AdderZoo.loadModel(entry.id())) {
            for (String line : model.parameterReport().table().split("\n")) {
                out.append(INDENT).append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The card of an image entry: identity, parameters, the data its score was measured on, the checkpoint and its hash,
     * the verified test score with its date, the provenance (one line per training round) and the commands that re-verify it,
     * then the parameter table.
     *
     * @param entry an image zoo entry
     * @return the card, lines ending in newlines
     */
    public static String of(ImageZooEntry entry) {
        StringBuilder out = new StringBuilder();
        field(out, "", "id", entry.id());
        field(out, "", "category", "trained (image classifier)");
        field(out, "", "parameters", Long.toString(entry.uniqueParameters()));
        field(out, "", "dataset", entry.dataset());
        field(out, "", "checkpoint", entry.checkpoint() + " (adder4j-checkpoint JSON, SHA-256 " + entry.sha256() + ")");
        field(out, "", "verified", entry.date() + ": " + ImageZoo.MNIST_TEST + " " + entry.test() + " correct ("
                + String.format(Locale.ROOT, "%.2f", entry.accuracyPercent()) + " %)");
        out.append("provenance\n");
        for (String round : entry.provenance().split(" \\|\\| ")) {
            out.append(INDENT).append(round.replaceAll("/[^ \"]*?/(runs/)", "$1")).append('\n');
        }
        out.append("commands\n");
        out.append(INDENT).append("./adder verify --zoo ").append(entry.id()).append("        # last line: mnist test: P/N correct\n");
        out.append("parameter table\n");
        try (io.github.adder4j.core.vision.VitModel model = ImageZoo.loadModel(entry.id())) {
            for (String line : model.parameterReport().table().split("\n")) {
                out.append(INDENT).append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String indent, String name, String value) {
        out.append(indent).append(String.format(Locale.ROOT, "%-" + (13 - indent.length()) + "s ", name)).append(value)
                .append('\n');
    }
}
