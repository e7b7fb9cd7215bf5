package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adder4j.core.io.CheckpointFormat;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Telling published fixtures from adder4j checkpoints. */
class WeightsFileTest {

    @Test
    void theSharedFixturesArePublishedFixtures() throws IOException {
        for (String name : new String[] {"published-57p.json", "published-234p.json", "published-311p.json",
            "published-122p.json"}) {
            assertEquals(WeightsFile.Kind.PUBLISHED_FIXTURE,
                    WeightsFile.detect(Files.readString(SharedFixtures.file(name)), name), name);
        }
    }

    @Test
    void aFormatFieldOfAdder4jCheckpointMakesACheckpoint() {
        assertEquals(WeightsFile.Kind.ADDER4J_CHECKPOINT,
                WeightsFile.detect("{\"format\": \"" + CheckpointFormat.FORMAT + "\", \"version\": 1, \"tensors\": []}",
                        "c.json"));
        assertEquals(WeightsFile.Kind.ADDER4J_CHECKPOINT,
                WeightsFile.detect("{\"tensors\": {}, \"format\": \"adder4j-checkpoint\"}", "c.json"),
                "the format field decides even when tensors is an object");
    }

    @Test
    void otherDocumentsAreRejectedNamingTheFile() {
        assertEquals("--weights w.json: unknown format \"safetensors\" (expected \"adder4j-checkpoint\", or a published "
                        + "fixture without a format field)",
                assertThrows(IllegalArgumentException.class,
                        () -> WeightsFile.detect("{\"format\": \"safetensors\", \"tensors\": {}}", "w.json")).getMessage());
        assertEquals("--weights w.json: expected a JSON object at the top level",
                assertThrows(IllegalArgumentException.class, () -> WeightsFile.detect("[1, 2]", "w.json")).getMessage());
        assertEquals("--weights w.json: neither a published fixture (top-level \"tensors\" object) nor an adder4j "
                        + "checkpoint (\"format\": \"adder4j-checkpoint\")",
                assertThrows(IllegalArgumentException.class,
                        () -> WeightsFile.detect("{\"weights\": {}}", "w.json")).getMessage());
        String message = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.detect("{\"tensors\": {", "w.json")).getMessage();
        assertEquals("--weights w.json: not valid JSON: ", message.substring(0, "--weights w.json: not valid JSON: ".length()));
    }
}
