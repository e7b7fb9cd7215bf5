package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the example on suites small enough for a smoke test (the full AdderBoard run of the hand-coded model is
 * ConformanceTest's job in adder-core). The construction is correct on every input, so every case must pass.
 */
class VerifyAdderBoardExampleTest {

    private static void check(Suite suite) {
        Output out = new Output();
        SuiteResult result = VerifyAdderBoardExample.run(suite, out.stream());
        assertEquals(suite.size(), result.total());
        assertEquals(List.of(), result.failures());
        List<String> lines = out.lines();
        assertEquals(List.of("rope19-10: 10 parameters, " + suite.size() + " cases in suite " + suite.name(),
                suite.name() + ": " + suite.size() + "/" + suite.size() + " passed"), lines);
    }

    @Test
    void theHandCodedModelPassesEveryCaseOfARandomSuite() {
        check(Suite.random(11, 200));
    }

    @Test
    void theHandCodedModelPassesEveryCaseOfTheCarrySuite() {
        check(Suite.carry());
    }
}
