package io.github.adder4j.examples.docs;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.VerifiedResults;
import io.github.adder4j.zoo.ZooEntry;
import java.util.Locale;

/** Section {@code zoo-table}: every entry of the zoo index with its counts and verified scores, as {@link AdderZoo#list()} reads them. */
final class ZooTable {
    private ZooTable() { }

    /** The section's name. */
    static final String NAME = "zoo-table";

    /** The image section's name. */
    static final String IMAGE_NAME = "image-zoo-table";

    /** The image entries ({@link io.github.adder4j.zoo.ImageZoo#list()}): parameters, test score and accuracy, date. */
    static String renderImages() {
        MarkdownTable t = new MarkdownTable("id", "category", "#parameters", "measured on", "#test correct", "test accuracy", "date");
        for (io.github.adder4j.zoo.ImageZooEntry e : io.github.adder4j.zoo.ImageZoo.list()) {
            t.row("`" + e.id() + "`", "trained", e.uniqueParameters(), e.dataset(), e.test(),
                    String.format(Locale.ROOT, "%.2f %%", e.accuracyPercent()), e.date());
        }
        return t.render();
    }

    /** The table. */
    static String render() {
        MarkdownTable t = new MarkdownTable("id", "category", "#unique", "#strict", "format", "#AdderBoard", "#carry suite",
                "#random (" + VerifiedResults.RANDOM_SEEDS + " seeds)", "date");
        for (ZooEntry e : AdderZoo.list()) {
            t.row("`" + e.id() + "`", e.category().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.uniqueParameters(),
                    e.strictParameters(), "`" + e.format().id() + "`", e.results().adderBoard(), e.results().carry(),
                    e.results().random(), e.date());
        }
        return t.render();
    }
}
