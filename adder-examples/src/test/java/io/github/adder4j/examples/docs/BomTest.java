package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * adder-bom has no parent (so that importing it manages only adder4j's own modules), so its version and its list of
 * modules are kept in step with the parent by this test.
 */
class BomTest {

    private static String firstTag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no <" + tag + ">");
        }
        return m.group(1);
    }

    private static List<String> all(String xml, String regex) {
        return Pattern.compile(regex).matcher(xml).results().map(r -> r.group(1)).toList();
    }

    @Test
    void theBomHasTheParentsVersionAndManagesEveryOtherModule() {
        Path root = DocsGenerator.findRoot(Path.of(""));
        String parent = DocsGenerator.read(root.resolve("pom.xml")).replaceAll("(?s)<dependencyManagement>.*</dependencyManagement>", "")
                .replaceAll("(?s)<build>.*</build>", "");
        String bom = DocsGenerator.read(root.resolve("adder-bom/pom.xml"));
        assertEquals(firstTag(parent, "version"), firstTag(bom, "version"));
        List<String> modules = all(parent, "<module>([^<]*)</module>").stream().filter(m -> !m.equals("adder-bom")).toList();
        List<String> managed = all(bom, "<artifactId>(adder-[a-z]+)</artifactId>").stream().filter(a -> !a.equals("adder-bom")).toList();
        assertEquals(modules, managed);
    }
}
