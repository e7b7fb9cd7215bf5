package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adder4j checkpoint describes its architecture: {@code verify}, {@code add} and {@code attention} take it without --preset. */
class CheckpointAloneTest {

    @Test
    void aCheckpointNeedsNoPreset(@TempDir Path tmp) {
        Path file = tmp.resolve("rope.json");
        try (AdderModel model = Preset.ROPE19_10.create()) {
            model.save(file, "test", Map.of());
        }
        Cli.Run verify = Cli.run("verify", "--weights", file.toString(), "--suite", "random:3:100");
        assertEquals(0, verify.exitCode(), verify.err());
        assertEquals("random:3:100: 100/100 passed", verify.lastLine());
        Cli.Run add = Cli.run("add", "--weights", file.toString(), "9999999999", "1");
        assertEquals("10000000000", add.lastLine(), add.err());
        Cli.Run attention = Cli.run("attention", "--weights", file.toString(), "12", "34", "--out", tmp.resolve("a.png").toString());
        assertEquals(0, attention.exitCode(), attention.err());
    }

    @Test
    void aPublishedFixtureStillNeedsItsPreset() {
        Cli.Run run = Cli.run("verify", "--weights", SharedFixtures.file("published-57p.json").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is a published fixture, which does not describe its architecture: give its --preset"), run.err());
        Cli.Run none = Cli.run("verify");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("give exactly one of --preset and --zoo"), none.err());
    }
}
