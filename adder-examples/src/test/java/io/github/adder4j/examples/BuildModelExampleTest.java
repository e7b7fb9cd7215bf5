package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterFormula;
import io.github.adder4j.core.params.ParameterReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildModelExampleTest {

    @Test
    void printsTheParameterTableOfTheBuiltModelAndItAgreesWithTheClosedForm() {
        Output out = new Output();
        ParameterReport report = BuildModelExample.run(out.stream());
        AdderConfig config = BuildModelExample.builder().config();
        long unique = ParameterFormula.uniqueParameters(config);
        long strict = ParameterFormula.strictParameters(config);

        assertEquals(unique, report.uniqueParameters());
        assertEquals(strict, report.strictParameters());
        List<String> lines = out.lines();
        assertEquals("model: q24-v10, d = 3, float32", lines.get(0));
        assertEquals("closed form (ParameterFormula): " + unique + " unique, " + strict + " strict", lines.get(1));
        assertEquals("unique parameters (AdderBoard): " + unique, out.lastLine());
        assertEquals("strict parameters (every weight-like constant counted): " + strict, lines.get(lines.size() - 2));
        for (Component c : report.components()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(c.name() + " ")), "row for " + c.name() + " in " + lines);
        }
    }

    @Test
    void theBuilderIsAFreshOneOnEveryCall() {
        assertEquals(BuildModelExample.builder().config(), BuildModelExample.builder().seed(42).config());
    }
}
