package io.github.adder4j.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Regenerates the generated sections of {@code README.md} and {@code docs/*.md}: the text between
 * {@code <!-- generated:NAME -->} and {@code <!-- /generated:NAME -->}. Everything else in those files is left as it is.
 *
 * <pre>
 * mvn -B -q -o -DskipTests package
 * java -Dai.djl.offline=true -Dadder.shared=../shared -cp adder-examples/target/adder.jar \
 *      io.github.adder4j.examples.docs.DocsGenerator [ROOT]
 * </pre>
 * ROOT is the repository root (default: found from the working directory). The sections:
 * <ul>
 *   <li>{@code presets}: every preset with its published, unique and strict counts, format and precision;</li>
 *   <li>{@code builder-costs}: the parameter cost of every builder option;</li>
 *   <li>{@code carry-histogram}: longest carry chains of the AdderBoard cases, of uniform pairs and of the carry suite;</li>
 *   <li>{@code recipes}: the published training recipes;</li>
 *   <li>{@code recipe-fields}: every recipe field by flat name, with its path in the recipe's parts, type and default;</li>
 *   <li>{@code zoo-table}: the zoo's entries and their verified scores;</li>
 *   <li>{@code micro-vit-params} and {@code vit-sizes}: the Micro-ViT's parameter report and the sizes of its sweep;</li>
 *   <li>{@code vit-runs}: the kept Micro-ViT runs of {@code docs/runs} and their held-out accuracy;</li>
 *   <li>{@code conformance}: the published fixtures run on AdderBoard (the slow one: four full AdderBoard runs).</li>
 * </ul>
 * Sections named in {@link #OTHER_SECTIONS} are written by other tools and left alone.
 */
public final class DocsGenerator {
    private DocsGenerator() { }

    /** The command that regenerates the sections, for messages. */
    public static final String COMMAND = "mvn -B -q -o -DskipTests package && java -Dai.djl.offline=true -Dadder.shared=../shared "
            + "-cp adder-examples/target/adder.jar io.github.adder4j.examples.docs.DocsGenerator";

    /** Marked sections whose content comes from elsewhere (benchmark runs): the generator does not touch them. */
    public static final Set<String> OTHER_SECTIONS = Set.of("bench-results");

    /** The sections that are cheap to compute (no model runs beyond building the presets), by name. */
    static Map<String, Function<Path, String>> cheapSections() {
        Map<String, Function<Path, String>> m = new LinkedHashMap<>();
        m.put(PresetTable.NAME, root -> PresetTable.render());
        m.put(BuilderCosts.NAME, root -> BuilderCosts.render());
        m.put(CarryHistogram.NAME, root -> CarryHistogram.render());
        m.put(RecipeTable.NAME, root -> RecipeTable.render());
        m.put(RecipeFieldsTable.NAME, root -> RecipeFieldsTable.render());
        m.put(ZooTable.NAME, root -> ZooTable.render());
        m.put(ZooTable.IMAGE_NAME, root -> ZooTable.renderImages());
        m.put(Leaderboard.NAME, root -> Leaderboard.render());
        m.put(VitTable.NAME, root -> VitTable.render());
        m.put(VitTable.SIZES_NAME, VitTable::renderSizes);
        m.put(VitRunsTable.NAME, VitRunsTable::render);
        return m;
    }

    /** Every section the generator writes, by name. */
    static Map<String, Function<Path, String>> allSections() {
        Map<String, Function<Path, String>> m = cheapSections();
        m.put(ConformanceTable.NAME, root -> ConformanceTable.render(SharedDir.fixtures(root)));
        return m;
    }

    /** {@code README.md} and every {@code docs/*.md} below {@code root}, in name order. */
    static List<Path> documents(Path root) {
        List<Path> out = new ArrayList<>();
        out.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.list(docs)) {
                files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + docs, e);
            }
        }
        return out;
    }

    /**
     * Rewrites every section of the documents under {@code root}; returns the files that changed.
     *
     * @throws IllegalStateException when a document names a section that neither the generator nor {@link #OTHER_SECTIONS}
     *     knows, or has malformed markers
     */
    public static List<Path> generate(Path root) {
        Map<String, Function<Path, String>> sections = allSections();
        Map<String, String> rendered = new LinkedHashMap<>();
        List<Path> changed = new ArrayList<>();
        for (Path file : documents(root)) {
            String text = read(file);
            String updated = text;
            for (Markers.Section s : Markers.sections(text, root.relativize(file).toString())) {
                if (OTHER_SECTIONS.contains(s.name())) {
                    continue;
                }
                Function<Path, String> renderer = sections.get(s.name());
                if (renderer == null) {
                    throw new IllegalStateException(root.relativize(file) + ": unknown generated section " + s.name() + " (known: "
                            + new TreeSet<>(sections.keySet()) + ", written elsewhere: " + new TreeSet<>(OTHER_SECTIONS) + ")");
                }
                String content = rendered.computeIfAbsent(s.name(), n -> renderer.apply(root));
                updated = Markers.replace(updated, s.name(), content, file.toString());
            }
            if (!updated.equals(text)) {
                write(file, updated);
                changed.add(file);
            }
        }
        return changed;
    }

    /**
     * The repository root: {@code start} or its nearest ancestor holding both {@code README.md} and the parent
     * {@code pom.xml} of adder4j.
     *
     * @throws IllegalStateException when there is none
     */
    static Path findRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isRegularFile(pom)
                    && read(pom).contains("<artifactId>adder4j-parent</artifactId>")) {
                return p;
            }
        }
        throw new IllegalStateException("no adder4j repository root at or above " + start.toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code [ROOT]}: regenerates every section and prints the files that changed. */
    public static void main(String[] args) {
        if (args.length > 1) {
            throw new IllegalArgumentException("arguments must be [ROOT]: " + String.join(" ", args));
        }
        Path root = args.length == 1 ? Path.of(args[0]) : findRoot(Path.of(""));
        List<Path> changed = generate(root);
        for (Path p : changed) {
            System.out.println("updated " + root.relativize(p));
        }
        System.out.println(changed.isEmpty() ? "all generated sections are up to date" : changed.size() + " file(s) updated");
    }
}
