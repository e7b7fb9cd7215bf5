package io.github.adder4j.examples.docs;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import io.github.adder4j.core.io.PublishedFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section {@code conformance}: the published weights of the four fixtures loaded into our presets and run on AdderBoard,
 * expected score (the fixture's {@code expected.adderboard_seed2025}) beside the reproduced one, and whether the failing
 * cases are exactly the published ones. Computing it runs AdderBoard four times; the adder-core conformance
 * tests prove the same results on every build.
 */
final class ConformanceTable {
    private ConformanceTable() { }

    /** The section's name. */
    static final String NAME = "conformance";

    /** The preset of each published fixture. */
    static final Map<Preset, String> FIXTURES = fixtures();

    private static Map<Preset, String> fixtures() {
        Map<Preset, String> m = new LinkedHashMap<>();
        m.put(Preset.SPLIT_57, "published-57p.json");
        m.put(Preset.SPLIT_234, "published-234p.json");
        m.put(Preset.LOWRANK_311, "published-311p.json");
        m.put(Preset.ROPE_122, "published-122p.json");
        return m;
    }

    /**
     * One row as it appears in the table.
     *
     * @param preset preset id
     * @param fixture fixture file name
     * @param expected the published AdderBoard score, {@code P/N}
     * @param reproduced the score adder4j measures with those weights, {@code P/N}
     * @param sameFailures {@code yes} when the failing cases (and the model's wrong answers) are exactly the published ones
     */
    record Row(String preset, String fixture, String expected, String reproduced, String sameFailures) { }

    /** Runs AdderBoard on every fixture and renders the table. */
    static String render(Path fixturesDir) {
        MarkdownTable t = header();
        for (Map.Entry<Preset, String> e : FIXTURES.entrySet()) {
            PublishedFixture fixture = PublishedFixture.read(fixturesDir.resolve(e.getValue()));
            try (AdderModel model = PublishedWeights.load(e.getKey(), fixture)) {
                SuiteResult r = new SuiteRunner().run(Suite.adderBoard(), model.adder());
                String expected = fixture.expectedAdderboard().orElseThrow(
                        () -> new IllegalStateException("fixture " + e.getValue() + " has no expected AdderBoard score"));
                t.row("`" + e.getKey().id() + "`", "`" + e.getValue() + "`", expected, r.passed() + "/" + r.total(),
                        failures(r).equals(fixture.expectedFailures().stream().map(f -> List.of(f[0], f[1], f[2])).toList())
                                ? "yes" : "no");
            }
        }
        return t.render();
    }

    private static List<List<Long>> failures(SuiteResult r) {
        List<List<Long>> out = new ArrayList<>();
        for (Failure f : r.failures()) {
            out.add(List.of(f.a(), f.b(), f.got()));
        }
        return out;
    }

    private static MarkdownTable header() {
        return new MarkdownTable("preset", "fixture", "#published AdderBoard", "#reproduced by adder4j", "same failing cases");
    }

    /**
     * Reads the rows back from the section's content.
     *
     * @throws IllegalStateException when a line is not a table row of five cells
     */
    static List<Row> parse(String content) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = content.lines().toList();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            String[] cells = line.substring(1, Math.max(1, line.length() - 1)).split("\\|");
            if (!line.startsWith("|") || !line.endsWith("|") || cells.length != 5) {
                throw new IllegalStateException("conformance table line " + (i + 1) + " is not a row of 5 cells: " + line);
            }
            rows.add(new Row(unquote(cells[0]), unquote(cells[1]), cells[2].trim(), cells[3].trim(), cells[4].trim()));
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.trim().replace("`", "");
    }
}
