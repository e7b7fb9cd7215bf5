package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.io.CheckpointFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a run directory survives: a kill at each point of a checkpoint save (through the save hook, not timing luck),
 * runs written before checkpoint generations existed, restarts that fail, foreign directories, damaged files.
 */
class RunReliabilityTest {

    @TempDir
    Path tmp;

    /** One uninterrupted run of {@link #small()}, shared by the tests that compare with it. */
    @TempDir
    static Path shared;

    private static Path straight;

    @org.junit.jupiter.api.BeforeAll
    static void runStraight() {
        straight = straight(shared.resolve("straight"));
    }

    @AfterEach
    void clearHook() {
        RunFiles.saveHook = point -> { };
    }

    /** 40 steps with an evaluation (and so a checkpoint save) every 10. */
    private static Recipe small() {
        return Recipe.forPreset("split-57", 3).with(Map.of("steps", "40", "evalEvery", "10", "logEvery", "10",
                "validationSize", "12", "warmupSteps", "5", "batchSize", "8"));
    }

    private static Path straight(Path dir) {
        try (Trainer t = Trainer.start(small(), dir, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        return dir;
    }

    /** metrics.jsonl without the wall-clock field. */
    private static List<String> metrics(Path dir) throws Exception {
        return TrainerTest.metrics(dir);
    }

    private static String lastSha(Path dir) {
        return CheckpointFormat.read(RunFiles.lastCheckpoint(dir)).parametersSha256();
    }

    /** The simulated kill: an Error nothing in the trainer catches, as abrupt as the process ending there. */
    private static final class Kill extends Error {
        private static final long serialVersionUID = 1L;

        Kill(String point) {
            super("killed at " + point);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generation-written", "generation-committed", "last-copied"})
    void aKillAtAnyPointOfTheSecondSaveResumesToTheSameRun(String point) throws Exception {
        Path killed = tmp.resolve("killed");
        int[] saves = {0};
        RunFiles.saveHook = p -> {
            if (p.equals(point) && ++saves[0] == 2) {
                throw new Kill(p);
            }
        };
        try (Trainer t = Trainer.start(small(), killed, "test")) {
            assertThrows(Kill.class, t::run);
        }
        RunFiles.saveHook = p -> { };
        if (point.equals("last-copied")) {
            // the old failure: last.json of step 20 beside trainer-state.json of step 10
            assertEquals("20", CheckpointFormat.read(RunFiles.lastCheckpoint(killed)).metadata().results().get("step"));
            assertEquals(10, RunFiles.read(RunFiles.trainerState(killed), TrainerState.class).progress().nextStep());
        }
        try (Trainer t = Trainer.resume(killed)) {
            assertEquals(point.equals("generation-written") ? 10 : 20, t.startStep());
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(metrics(straight), metrics(killed));
        assertEquals(lastSha(straight), lastSha(killed));
        try (Stream<Path> files = Files.walk(killed)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "resume removes what the kill left");
        }
        assertEquals(List.of(40L, 30L), RunFiles.generations(killed).stream().map(RunFiles.Generation::step).toList());
    }

    @Test
    void aFullDiskDuringTheSaveKeepsThePreviousGenerationAndSaysWhy() throws Exception {
        Path run = tmp.resolve("run");
        RunFiles.saveHook = p -> {
            if (p.equals("generation-written")) {
                throw new java.io.UncheckedIOException("cannot write trainer-state.json: No space left on device",
                        new IOException("No space left on device"));
            }
        };
        try (Trainer t = Trainer.start(small(), run, "test")) {
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, t::run);
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        }
        try (Stream<Path> files = Files.walk(run)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "a failed save leaves no temporary files");
        }
        assertFalse(RunFiles.hasCheckpoint(run));
    }

    @Test
    void aRunWrittenBeforeGenerationsStillResumes() throws Exception {
        Path old = tmp.resolve("old");
        TrainerTest.startAndKillAt(small(), old, 30);
        // the layout of earlier versions: checkpoints/last.json and trainer-state.json only (version-1 checkpoint)
        for (RunFiles.Generation g : RunFiles.generations(old)) {
            Files.delete(g.checkpoint());
            Files.delete(g.state());
            Files.delete(g.checkpoint().getParent());
        }
        String v2 = Files.readString(RunFiles.lastCheckpoint(old));
        String v1 = v2.replace("\"version\": 2,", "\"version\": 1,").replaceFirst("\\n  \"contentSha256\": \"[0-9a-f]{64}\",", "");
        assertTrue(v1.length() < v2.length());
        Files.writeString(RunFiles.lastCheckpoint(old), v1);
        try (Trainer t = Trainer.resume(old)) {
            assertEquals(30, t.startStep());
            t.run();
        }
        assertEquals(metrics(straight), metrics(old));
        assertEquals(lastSha(straight), lastSha(old));
    }

    @Test
    void aRestartThatFailsKeepsTheRun() throws Exception {
        Path source = tmp.resolve("source.json");
        try (AdderModel m = Preset.SPLIT_57.builder().seed(5).build()) {
            m.save(source, "test", Map.of());
        }
        Path run = tmp.resolve("run");
        Recipe recipe = small().with(Map.of("initFrom", source.toString()));
        try (Trainer t = Trainer.start(recipe, run, "test")) {
            t.requestStop();
            assertEquals(TrainingResult.Status.STOPPED, t.run().status());
        }
        assertFalse(RunFiles.hasCheckpoint(run));
        Map<String, String> before = contents(run);
        Files.delete(source);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.restart(run));
        assertEquals("initFrom " + source + ": no such checkpoint file", e.getMessage());
        assertEquals(before, contents(run), "nothing was deleted or changed");
    }

    @Test
    void aRunWhoseStateIsGoneIsNotSilentlyStartedAgain() throws Exception {
        Path run = copy(straight, tmp.resolve("run"));
        for (RunFiles.Generation g : RunFiles.generations(run)) {
            Files.delete(g.state());
        }
        Files.delete(RunFiles.trainerState(run));
        Files.delete(RunFiles.summary(run));
        Map<String, String> before = contents(run);
        assertTrue(RunFiles.hasCheckpoint(run), "last.json is there");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.resume(run));
        assertTrue(e.getMessage().startsWith("run " + run + " has no complete checkpoint to resume from (gen-000000000040: "
                + "run file " + RunFiles.generation(run, 40).resolve("trainer-state.json") + ": no such file;"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was changed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Trainer.restart(run));
        assertEquals(before, contents(run));
    }

    @Test
    void aDamagedNewestGenerationFallsBackToThePreviousOne() throws Exception {
        Path run = tmp.resolve("run");
        TrainerTest.startAndKillAt(small(), run, 30);
        Path newest = RunFiles.generation(run, 30).resolve("trainer-state.json");
        String text = Files.readString(newest);
        Files.writeString(newest, text.substring(0, text.length() / 2)); // truncated, as by a disk error
        try (Trainer t = Trainer.resume(run)) {
            assertEquals(20, t.startStep());
            t.run();
        }
        assertEquals(metrics(straight), metrics(run));
        assertEquals(lastSha(straight), lastSha(run));
    }

    @Test
    void aDamagedRunFileIsNamed() throws Exception {
        Path run = copy(straight, tmp.resolve("run"));
        String config = Files.readString(RunFiles.config(run));
        Files.writeString(RunFiles.config(run), config.substring(0, 40));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.resume(run));
        assertEquals("run file " + RunFiles.config(run) + " is damaged (truncated or malformed JSON: it ends early)", e.getMessage());
        Files.writeString(RunFiles.config(run), "");
        e = assertThrows(IllegalStateException.class, () -> Trainer.resume(run));
        assertEquals("run file " + RunFiles.config(run) + " is damaged: not a JSON object", e.getMessage());
    }

    @Test
    void aNonEmptyDirectoryThatHoldsNoRunIsRefused() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Files.writeString(foreign.resolve("metrics.jsonl"), "{\"mine\": 1}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.start(small(), foreign, "test"));
        assertEquals("run directory " + foreign + " is not empty and holds no run (it has metrics.jsonl, notes.txt); "
                + "choose a new or empty directory", e.getMessage());
        assertEquals("{\"mine\": 1}\n", Files.readString(foreign.resolve("metrics.jsonl")));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (Trainer t = Trainer.start(small().with(Map.of("steps", "10")), empty, "test")) {
            t.run();
        }
        assertTrue(Files.exists(RunFiles.summary(empty)));
    }

    @Test
    void initFromIsResolvedInTheRunAndNeverEchoesAForeignFile() throws Exception {
        Path run = tmp.resolve("run");
        Recipe passwd = small().with(Map.of("initFrom", "/etc/passwd"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.start(passwd, run, "test"));
        assertEquals("initFrom /etc/passwd is not a checkpoint (.json) file", e.getMessage());
        Path secret = tmp.resolve("secret.json");
        Files.writeString(secret, "{\"format\": \"TOKEN-s3cr3t-do-not-print\", \"key\": \"TOKEN-s3cr3t\"}");
        Recipe foreign = small().with(Map.of("initFrom", secret.toString()));
        e = assertThrows(IllegalArgumentException.class, () -> Trainer.start(foreign, run, "test"));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertEquals("checkpoint secret.json: not an adder4j checkpoint (its \"format\" is not \"adder4j-checkpoint\")",
                e.getMessage());
        assertFalse(Files.exists(run), "nothing was written");

        Path source = Files.createDirectories(tmp.resolve("relative")).resolve("start.json");
        try (AdderModel m = Preset.SPLIT_57.builder().seed(5).build()) {
            m.save(source, "test", Map.of());
        }
        assertEquals(source, Trainer.initFrom(small().with(Map.of("initFrom", "start.json")), source.getParent()));
    }

    @Test
    void everyRunFileHasTheSamePermissionsAndMetricsHaveAValidationLoss() throws Exception {
        Path run = straight;
        Map<String, Set<PosixFilePermission>> permissions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                permissions.put(run.relativize(f).toString(), Files.getPosixFilePermissions(f));
            }
        }
        assertEquals(1, Set.copyOf(permissions.values()).size(), permissions.toString());
        assertTrue(permissions.containsKey("config.json") && permissions.containsKey("metrics.jsonl")
                && permissions.containsKey("summary.json") && permissions.containsKey("checkpoints/trainer-state.json"));
        for (String line : Files.readAllLines(RunFiles.metrics(run))) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("valExact")) {
                double loss = o.get("valLoss").getAsDouble();
                assertTrue(loss > 0 && loss < 10, line);
            }
        }
    }

    /** A copy of a run directory (also of the old-form runs of {@link RecipeMigrationTest}). */
    static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    /** Every regular file of a directory tree and its content. */
    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }
}
