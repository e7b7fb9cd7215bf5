package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adder4j checkpoint describes its architecture: {@code verify}, {@code add}, {@code attention} and {@code params} take it
 * without --preset.
 */
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
        Cli.Run params = Cli.run("params", "--weights", file.toString());
        assertEquals("unique parameters (AdderBoard): 10", params.lastLine(), params.err());
    }

    @Test
    void aPublishedFixtureStillNeedsItsPreset() {
        String fixture = SharedFixtures.file("published-57p.json").toString();
        Cli.Run run = Cli.run("verify", "--weights", fixture);
        assertEquals(2, run.exitCode());
        assertEquals("error: --weights " + fixture + " is a published fixture, which does not describe its architecture: give its"
                + " --preset", run.err().lines().findFirst().orElseThrow());
        Cli.Run none = Cli.run("verify");
        assertEquals(2, none.exitCode());
        assertEquals("error: give --preset NAME, --zoo ID, or an adder4j checkpoint as --weights FILE",
                none.err().lines().findFirst().orElseThrow());
    }
}
