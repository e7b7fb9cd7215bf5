package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkersTest {

    private static final String DOC = String.join("\n", "# Title", "<!-- generated:a -->", "old", "lines",
            "<!-- /generated:a -->", "text", "<!-- generated:b -->", "<!-- /generated:b -->", "<!-- generated:a -->", "x",
            "<!-- /generated:a -->", "end", "");

    @Test
    void readsEverySectionInOrder() {
        assertEquals(List.of(new Markers.Section("a", "old\nlines"), new Markers.Section("b", ""), new Markers.Section("a", "x")),
                Markers.sections(DOC, "doc.md"));
    }

    @Test
    void replacesEveryOccurrenceOfANameAndNothingElse() {
        String out = Markers.replace(DOC, "a", "new", "doc.md");
        assertEquals(String.join("\n", "# Title", "<!-- generated:a -->", "new", "<!-- /generated:a -->", "text",
                "<!-- generated:b -->", "<!-- /generated:b -->", "<!-- generated:a -->", "new", "<!-- /generated:a -->", "end", ""), out);
        assertEquals(String.join("\n", "<!-- generated:b -->", "t", "<!-- /generated:b -->"),
                Markers.replace(String.join("\n", "<!-- generated:b -->", "<!-- /generated:b -->"), "b", "t", "d.md"));
    }

    @Test
    void rejectsMalformedMarkers() {
        assertEquals("d.md: section a is not closed",
                assertThrows(IllegalStateException.class, () -> Markers.sections("<!-- generated:a -->\nx\n", "d.md")).getMessage());
        assertEquals("d.md line 2: section b opens inside section a", assertThrows(IllegalStateException.class,
                () -> Markers.sections("<!-- generated:a -->\n<!-- generated:b -->\n", "d.md")).getMessage());
        assertEquals("d.md line 1: section a closes but is not open",
                assertThrows(IllegalStateException.class, () -> Markers.sections("<!-- /generated:a -->\n", "d.md")).getMessage());
        assertEquals("d.md line 2: section a is closed by <!-- /generated:b -->", assertThrows(IllegalStateException.class,
                () -> Markers.sections("<!-- generated:a -->\n<!-- /generated:b -->\n", "d.md")).getMessage());
    }
}
