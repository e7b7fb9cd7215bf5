package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadZooModelExampleTest {

    @Test
    void listsTheZooAndAddsWithTheFirstEntry() {
        String id = AdderZoo.list().get(0).id();
        long a = 5_193_798_811L;
        long b = 1_806_201_129L;
        Output out = new Output();

        long sum = LoadZooModelExample.run(id, a, b, out.stream());

        assertEquals(a + b, sum);
        assertEquals(id + ": " + a + " + " + b + " = " + (a + b), out.lastLine());
        List<String> lines = out.lines();
        assertEquals(AdderZoo.list().size() + 1, lines.size());
        ZooEntry first = AdderZoo.list().get(0);
        assertEquals("zoo: " + first.id() + " (" + first.category().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + ", " + first.uniqueParameters() + " parameters, AdderBoard " + first.results().adderBoard() + ")", lines.get(0));
    }

    @Test
    void rejectsOperandsOutsideTenDigits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadZooModelExample.run("rope19-10", 10_000_000_000L, 1, new Output().stream()));
        assertEquals("a must be in [0, 9999999999]: 10000000000", e.getMessage());
    }

    @Test
    void rejectsAnUnknownEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadZooModelExample.run("no-such-model", 1, 2, new Output().stream()));
        assertEquals("unknown zoo entry: no-such-model (known: " + AdderZoo.ids() + ")", e.getMessage());
    }
}
