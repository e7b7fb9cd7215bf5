package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The file handling of {@link ZooBuilder}. The full verification protocol takes minutes, so these tests pass a
 * verifier that checks one known sum on the model it is given and returns the scores recorded for rope19-10; the
 * scores themselves are checked against fresh runs in {@link AdderZooTest}.
 */
class AdderZooBuilderTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

    @TempDir
    Path dir;

    /** The models the verifier was given. */
    private final List<Long> verified = new ArrayList<>();

    private final Function<BatchAdder, VerifiedResults> verifier = adder -> {
        long[] sum = adder.add(new long[] {1_234_567_890L}, new long[] {9_876_543_210L});
        verified.add(sum[0]);
        return AdderZoo.entry("rope19-10").results();
    };

    private static byte[] shipped(String name) throws IOException {
        try (InputStream in = AdderZooBuilderTest.class.getClassLoader().getResourceAsStream(AdderZoo.RESOURCE_FOLDER + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void rebuildingTheHandCodedEntryReproducesTheShippedFilesByteForByte() throws IOException {
        ZooEntry shippedEntry = AdderZoo.entry("rope19-10");
        List<ZooEntry> built = ZooBuilder.build(dir, List.of("rope19-10"), Map.of(), shippedEntry.date(), false, verifier);
        assertEquals(List.of(shippedEntry), built);
        assertEquals(List.of(11_111_111_100L), verified);
        assertArrayEquals(shipped("rope19-10.json"), Files.readAllBytes(dir.resolve("rope19-10.json")));
        // the shipped index holds the other entries too: its rope19-10 entry is the one rebuilt, field for field
        assertEquals(indexEntry(new String(shipped(AdderZoo.INDEX), java.nio.charset.StandardCharsets.UTF_8), "rope19-10"),
                indexEntry(Files.readString(dir.resolve(AdderZoo.INDEX)), "rope19-10"));
    }

    private static com.google.gson.JsonObject indexEntry(String index, String id) {
        for (com.google.gson.JsonElement e : com.google.gson.JsonParser.parseString(index).getAsJsonObject().getAsJsonArray("entries")) {
            if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no entry " + id + " in " + index);
    }

    private Path fakeRun(String name) throws IOException {
        Path run = dir.resolve("runs").resolve(name);
        try (AdderModel model = Preset.ROPE19_10.create()) {
            model.save(run.resolve("checkpoints").resolve("best.json"), "trainer run " + name, Map.of("valExact", "1.0"));
        }
        Files.writeString(run.resolve("config.json"), "{\"recipe\":{\"preset\":\"rope19-10\",\"seed\":7,\"steps\":3000,"
                + "\"data\":\"DIGIT_LENGTH\"},\"command\":\"adder train --preset rope19-10 --seed 7\","
                + "\"machine\":\"amd64, 2 cores, Java 17\"}", StandardCharsets.UTF_8);
        Files.writeString(run.resolve("summary.json"), "{\"status\":\"EARLY_STOPPED\",\"steps\":2500,\"bestExact\":1.0,"
                + "\"bestStep\":2400,\"grokStep\":-1,\"wallSeconds\":123.4,\"message\":\"exact match 1.0 held\"}",
                StandardCharsets.UTF_8);
        return run;
    }

    @Test
    void aTrainedEntryKeepsItsWeightsAndTakesItsProvenanceFromTheRun() throws IOException {
        Path run = fakeRun("seed7");
        Checkpoint best = CheckpointFormat.read(run.resolve("checkpoints").resolve("best.json"));
        List<ZooEntry> built = ZooBuilder.build(dir.resolve("zoo"), List.of(), Map.of("r19-seed7", run), DATE, false, verifier);
        assertEquals(1, built.size());
        ZooEntry e = built.get(0);
        assertEquals(ZooEntry.Category.TRAINED, e.category());
        assertEquals("r19-seed7.json", e.checkpoint());
        assertEquals(DATE, e.date());
        assertEquals("trained: adder train --preset rope19-10 --seed 7 | preset rope19-10, seed 7, recipe "
                + "{\"preset\":\"rope19-10\",\"seed\":7,\"steps\":3000,\"data\":\"DIGIT_LENGTH\"} | EARLY_STOPPED after 2500 of "
                + "3000 steps (exact match 1.0 held), best checkpoint at step 2400 (validation exact 1.0), wall time 123.4 s "
                + "| machine amd64, 2 cores, Java 17 | run directory seed7", e.provenance());
        byte[] bytes = Files.readAllBytes(dir.resolve("zoo").resolve("r19-seed7.json"));
        assertEquals(AdderZoo.sha256(bytes), e.sha256());
        Checkpoint written = CheckpointFormat.read(dir.resolve("zoo").resolve("r19-seed7.json"));
        assertEquals(best.tensors(), written.tensors());
        assertEquals(best.config(), written.config());
        assertEquals(best.metadata().created(), written.metadata().created());
        assertEquals(e.provenance(), written.metadata().provenance());
        assertEquals(e.results().toMap(), written.metadata().results());
        assertEquals(List.of(11_111_111_100L), verified);
    }

    /**
     * The provenance chain of run {@code name}, a fine-tuning of run {@code seed7}: its recipe holds {@code fields} (a
     * format with {@code %s} where seed7's best checkpoint goes) after the preset and seed. The chain starts with seed7.
     */
    private String fineTunedChain(String name, String fields) throws IOException {
        Path first = fakeRun("seed7");
        Path second = fakeRun(name);
        String from = first.resolve("checkpoints").resolve("best.json").toString().replace("\\", "\\\\");
        Files.writeString(second.resolve("config.json"), "{\"recipe\":{\"preset\":\"rope19-10\",\"seed\":7,"
                + String.format(fields, from) + "},\"command\":\"adder finetune --from seed7\",\"machine\":\"m\"}",
                StandardCharsets.UTF_8);
        String provenance = ZooBuilder.chainProvenance(second);
        assertTrue(provenance.startsWith("round 1: trained: adder train --preset rope19-10 --seed 7 | "), provenance);
        return provenance;
    }

    @Test
    void aFineTunedEntryListsEveryRoundOldestFirst() throws IOException {
        String provenance = fineTunedChain("seed7-ft", "\"steps\":500,\"initFrom\":\"%s\"");
        assertTrue(provenance.contains(" || round 2: trained: adder finetune --from seed7 | "), provenance);
        assertTrue(provenance.endsWith("run directory seed7-ft"), provenance);
        // a starting checkpoint outside any run directory is named, not followed
        Path first = dir.resolve("runs").resolve("seed7");
        Path second = dir.resolve("runs").resolve("seed7-ft");
        Files.writeString(first.resolve("config.json"), "{\"recipe\":{\"preset\":\"rope19-10\",\"seed\":7,\"steps\":3000,"
                + "\"initFrom\":\"elsewhere.json\"},\"command\":\"adder train\",\"machine\":\"m\"}", StandardCharsets.UTF_8);
        assertTrue(ZooBuilder.chainProvenance(second).startsWith("started from checkpoint elsewhere.json || round 1: "),
                ZooBuilder.chainProvenance(second));
    }

    @Test
    void aRunWhoseRecipeIsWrittenInPartsIsReadToo() throws IOException {
        String provenance = fineTunedChain("seed7-parts", "\"start\":{\"initFrom\":\"%s\"},\"schedule\":{\"steps\":500,"
                + "\"kind\":\"CONSTANT\"}");
        assertTrue(provenance.contains(" | EARLY_STOPPED after 2500 of 500 steps ("), provenance);
        Provenance.Round round = Provenance.parse(provenance).rounds().get(1);
        assertEquals("500", round.recipe().get("schedule.steps"));
        assertEquals("CONSTANT", round.recipe().get("schedule.kind"));
        assertEquals("runs/seed7/checkpoints/best.json", round.recipe().get("start.initFrom"));
    }

    @Test
    void existingEntriesAreKeptUnlessClean() throws IOException {
        Path zoo = dir.resolve("zoo");
        ZooBuilder.build(zoo, List.of("rope19-10"), Map.of(), DATE, false, verifier);
        List<ZooEntry> merged = ZooBuilder.build(zoo, List.of(), Map.of("a-run", fakeRun("a")), DATE, false, verifier);
        assertEquals(List.of("a-run", "rope19-10"), merged.stream().map(ZooEntry::id).toList());
        assertEquals(merged, ZooIndex.parse(Files.readString(zoo.resolve(AdderZoo.INDEX)), "zoo.json"));

        List<ZooEntry> cleaned = ZooBuilder.build(zoo, List.of(), Map.of("b-run", fakeRun("b")), DATE, true, verifier);
        assertEquals(List.of("b-run"), cleaned.stream().map(ZooEntry::id).toList());
        assertFalse(Files.exists(zoo.resolve("a-run.json")));
        assertFalse(Files.exists(zoo.resolve("rope19-10.json")));
        assertTrue(Files.exists(zoo.resolve("b-run.json")));
    }

    @Test
    void aKeptEntryWhoseFileChangedStopsTheBuild() throws IOException {
        Path zoo = dir.resolve("zoo");
        ZooEntry e = ZooBuilder.build(zoo, List.of("rope19-10"), Map.of(), DATE, false, verifier).get(0);
        Files.writeString(zoo.resolve("rope19-10.json"), " ", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        String actual = AdderZoo.sha256(Files.readAllBytes(zoo.resolve("rope19-10.json")));
        Path run = fakeRun("c");
        IllegalStateException x = assertThrows(IllegalStateException.class,
                () -> ZooBuilder.build(zoo, List.of(), Map.of("c-run", run), DATE, false, verifier));
        assertEquals("zoo entry rope19-10: checkpoint rope19-10.json has SHA-256 " + actual + " but the index records "
                + e.sha256(), x.getMessage());
    }

    @Test
    void badRequestsAreRefused() throws IOException {
        assertEquals("nothing to build: give --hand-coded ID or --trained ID=RUN_DIR", assertThrows(
                IllegalArgumentException.class, () -> ZooBuilder.build(dir, List.of(), Map.of(), DATE, false, verifier))
                .getMessage());
        assertEquals("--hand-coded must name a hand-coded preset: split-57", assertThrows(IllegalArgumentException.class,
                () -> ZooBuilder.build(dir, List.of("split-57"), Map.of(), DATE, false, verifier)).getMessage());
        Path run = fakeRun("d");
        assertEquals("--trained names an id that --hand-coded also names: rope19-10", assertThrows(
                IllegalArgumentException.class, () -> ZooBuilder.build(dir, List.of("rope19-10"), Map.of("rope19-10", run),
                        DATE, false, verifier)).getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        assertEquals("--trained x: run directory has no checkpoints/best.json: " + empty, assertThrows(
                IllegalArgumentException.class, () -> ZooBuilder.build(dir, List.of(), Map.of("x", empty), DATE, false,
                        verifier)).getMessage());
        assertEquals("id must match [a-z0-9][a-z0-9._-]*: X", assertThrows(IllegalArgumentException.class,
                () -> ZooBuilder.build(dir, List.of(), Map.of("X", run), DATE, false, verifier)).getMessage());
        assertTrue(verified.isEmpty());
    }

    @Test
    void anEntryBelowTheZooBarIsNotWritten() throws IOException {
        Path run = fakeRun("e");
        VerifiedResults weak = new VerifiedResults(new Score(1062, 10010), new Score(89, 780), new Score(10313, 100000));
        assertFalse(weak.qualifies());
        Path zoo = dir.resolve("zoo");
        IllegalStateException x = assertThrows(IllegalStateException.class,
                () -> ZooBuilder.build(zoo, List.of(), Map.of("weak", run), DATE, false, adder -> weak));
        assertEquals("zoo entry weak does not qualify for the zoo: AdderBoard 1062/10010 is below 99 %; carry 89/780 is not "
                + "exact (an entry needs >= 99 % of AdderBoard and the whole carry suite)", x.getMessage());
        assertFalse(Files.exists(zoo.resolve("weak.json")));
        assertFalse(Files.exists(zoo.resolve(AdderZoo.INDEX)));
        // the bar itself: 99 % of 10010 is 9909.9, so 9910 with an exact carry suite qualifies and 9909 does not
        assertTrue(new VerifiedResults(new Score(9910, 10010), new Score(780, 780), new Score(0, 100000)).qualifies());
        VerifiedResults justBelow = new VerifiedResults(new Score(9909, 10010), new Score(780, 780), new Score(100000, 100000));
        assertEquals("AdderBoard 9909/10010 is below 99 %", justBelow.disqualification());
        assertEquals("", AdderZoo.entry("rope19-10").results().disqualification());
    }

    @Test
    void theCommandLineRequiresOut() {
        CommandLine cli = new CommandLine(new ZooBuilder());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(2, cli.execute("--hand-coded", "rope19-10"));
    }
}
