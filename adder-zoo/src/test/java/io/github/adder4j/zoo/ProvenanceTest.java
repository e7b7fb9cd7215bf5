package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The structured provenance of the zoo entries and the model card built from it. */
class ProvenanceTest {

    @Test
    void everyShippedEntryParsesAndShowsNoMachinePath() {
        for (ZooEntry entry : AdderZoo.list()) {
            Provenance p = Provenance.parse(entry.provenance());
            if (entry.category() == ZooEntry.Category.HAND_CODED) {
                assertTrue(p.rounds().isEmpty(), entry.id());
                assertFalse(p.construction().isEmpty(), entry.id());
            } else {
                assertFalse(p.rounds().isEmpty(), entry.id());
                for (Provenance.Round r : p.rounds()) {
                    assertTrue(r.command().startsWith("adder "), r.command());
                    assertEquals(entry.id(), r.preset(), "every trained entry so far is named after its preset");
                    // a round trained before the recipe had parts names its fields flat, a later one by path
                    assertTrue(r.recipe().containsKey("steps") || r.recipe().containsKey("schedule.steps"), entry.id() + ": " + r.recipe());
                    r.recipe().values().forEach(v -> assertFalse(v.contains("/work/"), v));
                }
            }
        }
    }

    @Test
    void theSplit57RoundsAreReadField() {
        Provenance p = Provenance.parse(AdderZoo.entry("split-57").provenance());
        assertEquals(4, p.rounds().size());
        Provenance.Round second = p.rounds().get(1);
        assertEquals(2, second.number());
        assertEquals("split-57", second.preset());
        assertEquals(7, second.seed());
        assertEquals("0.005", second.recipe().get("learningRate"));
        assertEquals("runs/split-57-s7/checkpoints/best.json", second.recipe().get("initFrom"));
        assertEquals("amd64, 2 cores, Java 17.0.15", second.machine());
        assertEquals("split-57-s7-ftA", second.runDirectory());
        assertTrue(second.outcome().startsWith("COMPLETED after 40000 of 40000 steps"), second.outcome());
    }

    @Test
    void absolutePathsAreCutToTheirRunsPartOrFileName() {
        assertEquals("from runs/a/checkpoints/best.json and x.json, 10010/10010",
                Provenance.shorten("from /home/me/work/runs/a/checkpoints/best.json and /tmp/q/x.json, 10010/10010"));
    }

    @Test
    void aMalformedRoundIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.parse("trained: adder train | preset p"));
        assertEquals("provenance round 1 must have 5 fields separated by ' | ': 2 fields", e.getMessage());
    }

    @Test
    void theCardHoldsTheFieldsAndTheParameterTable() {
        String card = ModelCard.of(AdderZoo.entry("classic-777"));
        assertTrue(card.startsWith("id            classic-777\n"), card);
        assertTrue(card.contains("    seed      3\n"), card);
        assertTrue(card.contains("  ./adder train --preset classic-777 --seed 3 --out runs/classic-777-s5\n"), card);
        assertTrue(card.endsWith("unique parameters (AdderBoard): 777\n"), card);
    }
}
