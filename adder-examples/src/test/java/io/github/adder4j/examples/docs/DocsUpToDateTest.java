package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.adder4j.core.Preset;
import io.github.adder4j.core.io.PublishedFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated sections of README.md and docs/*.md are what {@link DocsGenerator} writes now. The cheap sections are
 * regenerated and compared; the conformance section (four AdderBoard runs) is checked against the fixtures' published
 * scores instead, which adder-core's ConformanceTest proves that adder4j reproduces.
 */
class DocsUpToDateTest {

    private static Path root;
    private static Map<Path, List<Markers.Section>> sections;

    @BeforeAll
    static void readDocuments() {
        root = DocsGenerator.findRoot(Path.of(""));
        sections = new LinkedHashMap<>();
        for (Path file : DocsGenerator.documents(root)) {
            sections.put(file, Markers.sections(DocsGenerator.read(file), root.relativize(file).toString()));
        }
    }

    private static String outdated(Path file, String section) {
        return root.relativize(file) + ": generated section " + section + " is out of date; regenerate it from the repository root with: "
                + DocsGenerator.COMMAND;
    }

    @Test
    void everyCheapSectionIsWhatTheGeneratorWritesNow() {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Function<Path, String>> e : DocsGenerator.cheapSections().entrySet()) {
            rendered.put(e.getKey(), e.getValue().apply(root));
        }
        Set<String> seen = new TreeSet<>();
        for (Map.Entry<Path, List<Markers.Section>> file : sections.entrySet()) {
            for (Markers.Section s : file.getValue()) {
                if (rendered.containsKey(s.name())) {
                    seen.add(s.name());
                    assertEquals(rendered.get(s.name()), s.content(), outdated(file.getKey(), s.name()));
                }
            }
        }
        assertEquals(new TreeSet<>(rendered.keySet()), seen, "every cheap section appears in some document");
    }

    @Test
    void theConformanceSectionShowsThePublishedScoresOfTheFourFixturesAsReproduced() {
        List<ConformanceTable.Row> rows = null;
        Path document = null;
        for (Map.Entry<Path, List<Markers.Section>> file : sections.entrySet()) {
            for (Markers.Section s : file.getValue()) {
                if (s.name().equals(ConformanceTable.NAME)) {
                    assertFalse(s.content().isBlank(), outdated(file.getKey(), s.name()));
                    rows = ConformanceTable.parse(s.content());
                    document = file.getKey();
                }
            }
        }
        if (rows == null) {
            fail("no document has a generated section " + ConformanceTable.NAME);
        }
        String message = outdated(document, ConformanceTable.NAME);
        assertEquals(ConformanceTable.FIXTURES.size(), rows.size(), message);
        Path fixtures = SharedDir.fixtures(root);
        int i = 0;
        for (Map.Entry<Preset, String> e : ConformanceTable.FIXTURES.entrySet()) {
            ConformanceTable.Row row = rows.get(i++);
            PublishedFixture fixture = PublishedFixture.read(fixtures.resolve(e.getValue()));
            String where = e.getValue() + ": " + message;
            assertEquals(e.getKey().id(), row.preset(), where);
            assertEquals(e.getValue(), row.fixture(), where);
            assertEquals(fixture.expectedAdderboard().orElseThrow(), row.expected(), where);
            assertEquals(row.expected(), row.reproduced(), where);
            assertEquals("yes", row.sameFailures(), where);
        }
    }

    @Test
    void everySectionNameIsKnownAndTheLeadsSectionsAreInPlace() {
        Set<String> known = new TreeSet<>(DocsGenerator.allSections().keySet());
        known.addAll(DocsGenerator.OTHER_SECTIONS);
        Set<String> used = new TreeSet<>();
        for (Map.Entry<Path, List<Markers.Section>> file : sections.entrySet()) {
            for (Markers.Section s : file.getValue()) {
                assertTrue(known.contains(s.name()), root.relativize(file.getKey()) + ": unknown generated section " + s.name());
                used.add(s.name());
            }
        }
        assertEquals(known, used, "every known section appears in some document");
    }

    @Test
    void everyDocumentIsLinkedFromTheReadme() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (Path file : DocsGenerator.documents(root)) {
            String rel = root.relativize(file).toString();
            if (!rel.equals("README.md") && !readme.contains("](" + rel + ")")) {
                missing.add(rel);
            }
        }
        assertEquals(List.of(), missing, "documents not linked from README.md");
    }
}
