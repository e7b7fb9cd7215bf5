package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.SafeTensors;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.zoo.AdderZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --json / --fail-under} for CI pipelines, and {@code safetensors export / import}. */
class InteropAndCiCommandsTest {

    private static Cli.Run run(int exitCode, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(exitCode, run.exitCode(), () -> String.join(" ", args) + ": stdout " + run.out() + " stderr " + run.err());
        return run;
    }

    /** rope19-10 with its first tensor halved: a model that gets sums wrong. */
    private static Path brokenRope19(Path dir) {
        Path file = dir.resolve("broken.json");
        try (AdderModel model = Preset.ROPE19_10.create()) {
            List<Tensor> tensors = new ArrayList<>(model.tensors());
            Tensor first = tensors.get(0);
            double[] halved = first.values().clone();
            for (int i = 0; i < halved.length; i++) {
                halved[i] *= 0.5;
            }
            tensors.set(0, new Tensor(first.name(), first.shape(), first.dtype(), halved));
            model.loadTensors(tensors);
            model.save(file, "test: rope19-10 with " + first.name() + " halved", Map.of());
        }
        return file;
    }

    @Test
    void verifyJsonPrintsOneObject() {
        Cli.Run r = run(0, "verify", "--preset", "rope19-10", "--suite", "random:3:50", "--json");
        assertEquals(1, r.lines().size(), r.out());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("rope19-10", o.get("model").getAsString());
        assertEquals("random:3:50", o.get("suite").getAsString());
        assertEquals(50, o.get("passed").getAsInt());
        assertEquals(50, o.get("total").getAsInt());
        assertEquals(1.0, o.get("accuracy").getAsDouble());
        assertEquals(0, o.getAsJsonArray("failures").size());
    }

    @Test
    void failUnderExitsWithOneBelowTheThreshold(@TempDir Path dir) {
        Path broken = brokenRope19(dir);
        Cli.Run pass = run(0, "verify", "--preset", "rope19-10", "--suite", "random:3:50", "--fail-under", "100");
        assertEquals("random:3:50: 50/50 passed", pass.lastLine());
        Cli.Run fail = run(1, "verify", "--preset", "rope19-10", "--weights", broken.toString(), "--suite", "random:3:50",
                "--fail-under", "99", "--json", "--show-failures", "2");
        JsonObject o = JsonParser.parseString(fail.out()).getAsJsonObject();
        int passed = o.get("passed").getAsInt();
        assertTrue(passed < 50, fail.out());
        assertTrue(o.get("belowThreshold").getAsBoolean());
        assertEquals(Math.min(2, 50 - passed), o.getAsJsonArray("failures").size());
        assertTrue(fail.err().startsWith("error: " + passed + "/50 passed ("), fail.err());
        assertTrue(fail.err().contains(" %) is below --fail-under 99.0"), fail.err());
        assertEquals("error: --fail-under must be a percentage in [0, 100]: 101.0", Cli.run("verify", "--preset", "rope19-10",
                "--fail-under", "101").err().lines().findFirst().orElseThrow());
    }

    @Test
    void aPublishedFixtureGoesThroughSafetensorsAndVerifiesTheSame(@TempDir Path dir) throws Exception {
        Path fixture = SharedFixtures.file("published-57p.json");
        Path st = dir.resolve("57p.safetensors");
        assertEquals("wrote " + st + " (" + io.github.adder4j.core.io.PublishedFixture.read(fixture).tensorList().size()
                + " tensors)", run(0, "safetensors", "export", fixture.toString(), "--out", st.toString()).lastLine());
        Path checkpoint = dir.resolve("57p.json");
        run(0, "safetensors", "import", st.toString(), "--preset", "split-57", "--out", checkpoint.toString());
        assertEquals(run(0, "verify", "--preset", "split-57", "--weights", fixture.toString(), "--suite", "carry").lastLine(),
                run(0, "verify", "--preset", "split-57", "--weights", checkpoint.toString(), "--suite", "carry").lastLine());
        assertEquals("error: --preset is needed: " + st + " holds published tensor names, not an exported adder4j checkpoint",
                run(2, "safetensors", "import", st.toString(), "--out", dir.resolve("x.json").toString())
                        .err().lines().findFirst().orElseThrow());
    }

    @Test
    void anAdder4jCheckpointGoesThroughSafetensorsWithoutAPreset(@TempDir Path dir) throws Exception {
        Path original = dir.resolve("rope.json");
        try (AdderModel model = Preset.ROPE19_10.create()) {
            model.save(original, "hand-coded: test", Map.of());
        }
        Path st = dir.resolve("rope.safetensors");
        run(0, "safetensors", "export", original.toString(), "--out", st.toString());
        Path back = dir.resolve("back.json");
        run(0, "safetensors", "import", st.toString(), "--out", back.toString());
        assertEquals("11111111100", run(0, "add", "--preset", "rope19-10", "--weights", back.toString(), "1234567890",
                "9876543210").lastLine());
        Files.write(st, new byte[] {1, 2, 3});
        assertEquals("error: safetensors rope.safetensors: shorter than its 8-byte header length: 3 bytes",
                run(2, "safetensors", "import", st.toString(), "--out", back.toString()).err().lines().findFirst().orElseThrow());
    }

    /**
     * A model trained by adder4j (the zoo's split-57) exported under the published names: exactly the names and shapes
     * of the published 57p fixture, and imported again (the preset comes from the file's metadata) as the same tensors
     * with the same AdderBoard result.
     */
    @Test
    void aTrainedModelGoesOutUnderThePublishedNamesAndComesBackTheSame(@TempDir Path dir) throws Exception {
        PublishedFixture published = PublishedFixture.read(SharedFixtures.file("published-57p.json"));
        Path st = dir.resolve("split-57.safetensors");
        assertEquals("wrote " + st + " (" + published.tensorList().size() + " tensors)", run(0, "safetensors", "export",
                "--zoo", "split-57", "--names", "published", "--out", st.toString()).lastLine());
        SafeTensors.Contents contents = SafeTensors.fromBytes(Files.readAllBytes(st), "split-57.safetensors");
        assertEquals(Map.of("source", "zoo entry split-57", "preset", "split-57"), contents.metadata());
        assertEquals(published.tensors().keySet(), contents.byName().keySet());
        for (Tensor t : published.tensorList()) {
            assertArrayEquals(t.shape(), contents.byName().get(t.name()).shape(), t.name());
        }
        Path back = dir.resolve("back.json");
        assertEquals("wrote " + back, run(0, "safetensors", "import", st.toString(), "--out", back.toString()).lastLine());
        try (AdderModel zoo = AdderZoo.loadModel("split-57"); AdderModel again = AdderModel.load(back)) {
            assertEquals(zoo.tensors(), again.tensors());
        }
        assertEquals(run(0, "verify", "--zoo", "split-57").lastLine(),
                run(0, "verify", "--preset", "split-57", "--weights", back.toString()).lastLine());
    }

    @Test
    void modelsWithoutPublishedNamesAreRefusedNamingTheOption(@TempDir Path dir) {
        String out = dir.resolve("x.safetensors").toString();
        assertEquals("error: --names published: --zoo rope19-10 is a model of no preset with published tensor names "
                + "(mapped: split-57, split-234, lowrank-311, rope-122); export it with --names adder4j",
                run(2, "safetensors", "export", "--zoo", "rope19-10", "--names", "published", "--out", out)
                        .err().lines().findFirst().orElseThrow());
        assertEquals("error: Invalid value for option '--names': unknown names: pytorch (known: published, adder4j)",
                run(2, "safetensors", "export", "--zoo", "split-57", "--names", "pytorch", "--out", out)
                        .err().lines().findFirst().orElseThrow());
        assertEquals("error: give one of WEIGHTS or --zoo ID", run(2, "safetensors", "export", "--out", out)
                .err().lines().findFirst().orElseThrow());
        Path vit = dir.resolve("vit.json");
        int vitTensors;
        try (VitModel model = VitModel.of(VitConfig.microVit())) {
            model.save(vit, "test: an untrained micro-vit", Map.of());
            vitTensors = model.tensors().size();
        }
        assertEquals("error: --names published: " + vit + " is a model of no preset with published tensor names "
                + "(mapped: split-57, split-234, lowrank-311, rope-122); export it with --names adder4j",
                run(2, "safetensors", "export", vit.toString(), "--names", "published", "--out", out)
                        .err().lines().findFirst().orElseThrow());
        assertEquals("wrote " + out + " (" + vitTensors + " tensors)",
                run(0, "safetensors", "export", vit.toString(), "--out", out).lastLine());
        String missing = dir.resolve("missing.json").toString();
        assertEquals("error: weights " + missing + ": no such file", run(1, "safetensors", "export", missing, "--out", out)
                .err().lines().findFirst().orElseThrow());
    }
}
