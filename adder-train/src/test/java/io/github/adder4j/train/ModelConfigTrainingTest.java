package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.ConfigCodec;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.vision.VitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model described by a file ({@code Recipe.modelConfig}) instead of a preset: a builder-made model trains, resumes and
 * restarts without its file; configurations come from config files, checkpoints and runs; old run directories read as
 * before.
 */
class ModelConfigTrainingTest {

    /** The README's builder model: d = 3, RoPE, SwiGLU, QK-norm. */
    private static AdderModel.Builder builderModel() {
        return AdderModel.builder().dModel(3).rope(3).norm(Options.Norm.RMS).qkNorm(Options.QkNorm.SEPARATE).headDim(4).ffnWidth(3)
                .activation(Options.Activation.SWIGLU);
    }

    /** A tiny recipe of split-57's family training the model of {@code file}. */
    private static Recipe tiny(Path file) {
        return Recipe.forPreset("split-57", 5).toBuilder().modelConfig(file.toString()).steps(20).evalEvery(10).logEvery(10)
                .validationSize(50).warmupSteps(5).batchSize(32).build();
    }

    private static AdderConfig writeConfig(Path file) throws Exception {
        try (AdderModel m = builderModel().build()) {
            Files.writeString(file, RunFiles.GSON.toJson(m.configJson()));
            return m.config();
        }
    }

    @Test
    void aBuilderMadeModelTrainsAndResumesWithoutItsFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("model.json");
        AdderConfig built = writeConfig(file);
        AdderConfig expected = built.toBuilder().seed(5).config(); // the recipe's seed replaces the file's
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(tiny(file), dir, "test")) {
            t.listener((done, total, loss, exact) -> {
                if (done == 10) {
                    t.requestStop();
                }
            });
            assertEquals(TrainingResult.Status.STOPPED, t.run().status());
            assertEquals(expected, ((AdderModel) t.model()).config());
        }
        JsonObject config = RunFiles.readObject(RunFiles.config(dir));
        assertEquals(ConfigCodec.toJson(expected), config.get("model"));
        assertEquals(file.toString(), config.getAsJsonObject("recipe").getAsJsonObject("start").get("modelConfig").getAsString());
        assertEquals(ConfigCodec.toJson(expected), JsonParser.parseString(Files.readString(dir.resolve(ModelConfigs.RUN_COPY))));
        Files.delete(file);
        try (Trainer t = Trainer.resume(dir)) {
            assertEquals(10, t.startStep());
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        try (AdderModel last = AdderModel.load(RunFiles.lastCheckpoint(dir))) {
            assertEquals(expected, last.config());
        }
        assertEquals("adder4j trainer: model config model.json (recipe of preset split-57), seed 5, step 20 of 20, data CARRY_MIX_57",
                CheckpointFormat.read(RunFiles.lastCheckpoint(dir)).metadata().provenance());
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointRestartsFromItsCopy(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("model.json");
        AdderConfig built = writeConfig(file);
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(tiny(file), dir, "test")) {
            t.requestStop();
            assertEquals(TrainingResult.Status.STOPPED, t.run().status());
        }
        Files.delete(file);
        try (Trainer t = Trainer.restart(dir)) {
            assertEquals(built.toBuilder().seed(5).config(), ((AdderModel) t.model()).config());
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
    }

    @Test
    void theRecipesInitAndSizesApplyOnTopOfTheFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("model.json");
        AdderConfig built = writeConfig(file);
        Recipe recipe = tiny(file).toBuilder().init(Options.Init.TORCH).model("ffnWidth=5").build();
        try (AdderModel m = (AdderModel) ModelConfigs.build(ModelConfigs.read(file, "test"), recipe)) {
            assertEquals(built.toBuilder().seed(5).init(Options.Init.TORCH).ffnWidth(5).config(), m.config());
        }
    }

    @Test
    void aVitConfigurationTrainsWithTheImageRecipeOnly(@TempDir Path tmp) throws Exception {
        VitConfig small = VitConfig.microVit().toBuilder().dModel(16).heads(2).headDim(8).build();
        Path file = tmp.resolve("vit.json");
        Files.writeString(file, small.toJson().toString());
        Recipe images = Recipe.forPreset(VitConfig.MICRO_VIT, 3).toBuilder().modelConfig(file.toString()).build();
        try (io.github.adder4j.core.TrainableModel m = ModelConfigs.build(ModelConfigs.read(file, "test"), images)) {
            assertEquals(small.toBuilder().seed(3).init(Options.Init.TORCH).build().toJson(), m.configJson());
        }
        Path sums = tmp.resolve("sums.json");
        writeConfig(sums);
        Recipe wrong = Recipe.forPreset(VitConfig.MICRO_VIT, 3).toBuilder().modelConfig(sums.toString()).build();
        assertEquals("modelConfig " + sums + " describes an addition model, which the recipe of preset micro-vit (images) cannot"
                + " train", assertThrows(IllegalArgumentException.class, () -> Trainer.start(wrong, tmp.resolve("run"), "test"))
                        .getMessage());
    }

    @Test
    void aCheckpointOrARunsConfigJsonGivesItsConfiguration(@TempDir Path tmp) throws Exception {
        Path checkpoint = tmp.resolve("checkpoint.json");
        JsonObject json;
        try (AdderModel m = builderModel().seed(9).build()) {
            m.save(checkpoint, "test", Map.of());
            json = m.configJson();
        }
        assertEquals(json, ModelConfigs.read(checkpoint, "--config checkpoint.json"));
        Path runConfig = tmp.resolve("config.json");
        JsonObject run = new JsonObject();
        run.add("recipe", RunFiles.GSON.toJsonTree(Recipe.forPreset("split-57", 1)));
        run.add("model", json);
        Files.writeString(runConfig, run.toString());
        assertEquals(json, ModelConfigs.read(runConfig, "--config config.json"));
        Path vit = tmp.resolve("vit.json");
        Files.writeString(vit, VitConfig.microVit().toJson().toString());
        assertEquals(VitConfig.microVit().toJson(), ModelConfigs.read(vit, "--config vit.json"));
    }

    @Test
    void badFilesAndCombinationsAreRefusedNamingTheField(@TempDir Path tmp) throws Exception {
        Recipe base = Recipe.forPreset("split-57", 5);
        assertEquals("modelConfig must name a .json file: \"model.txt\"",
                assertThrows(IllegalArgumentException.class, () -> base.toBuilder().modelConfig("model.txt").build()).getMessage());
        assertEquals("modelConfig and modular cannot be combined (a modular task builds its preset's architecture on the modular"
                + " format): modelConfig=m.json, modular=mod97-add", assertThrows(IllegalStateException.class,
                        () -> Recipe.modularGrokking("mod97-add", 1, 1, 100).toBuilder().modelConfig("m.json").build()).getMessage());
        assertEquals("m.json", base.with(Map.of("modelConfig", "m.json")).start().modelConfig());

        Path dir = tmp.resolve("run");
        Path none = tmp.resolve("none.json");
        assertEquals("modelConfig " + none + ": no such file",
                assertThrows(IllegalArgumentException.class, () -> Trainer.start(tiny(none), dir, "test")).getMessage());
        Path partial = tmp.resolve("partial.json");
        Files.writeString(partial, "{\"dModel\": 3}");
        assertEquals("modelConfig " + partial + ": not a model configuration (config is missing field norm)",
                assertThrows(IllegalArgumentException.class, () -> Trainer.start(tiny(partial), dir, "test")).getMessage());
        Path fixture = tmp.resolve("fixture.json");
        Files.writeString(fixture, "{\"tensors\": {}}");
        assertEquals("modelConfig " + fixture + " is a published fixture, which holds weights but no architecture: give a model"
                        + " configuration, an adder4j checkpoint or a run's config.json",
                assertThrows(IllegalArgumentException.class, () -> Trainer.start(tiny(fixture), dir, "test")).getMessage());
        Path vit = tmp.resolve("vit.json");
        Files.writeString(vit, VitConfig.microVit().toJson().toString());
        assertEquals("modelConfig " + vit + " describes a ViT, which trains on images: its recipe must be preset micro-vit's,"
                        + " not preset split-57's",
                assertThrows(IllegalArgumentException.class, () -> Trainer.start(tiny(vit), dir, "test")).getMessage());
        Path relative = Path.of("relative-none.json");
        assertEquals("modelConfig relative-none.json (" + dir.resolve(relative) + "): no such file",
                assertThrows(IllegalArgumentException.class, () -> Trainer.start(tiny(relative), dir, "test")).getMessage());
        assertFalse(Files.exists(dir), "a start that fails writes nothing");
    }

    @Test
    void recipesWithoutTheFieldReadAsBefore() throws Exception {
        // the field is null by default: published recipes are unchanged, and their JSON leaves it out
        Recipe lowrank = Recipe.forPreset("lowrank-311", 1);
        assertNull(lowrank.start().modelConfig());
        assertFalse(RunFiles.GSON.toJsonTree(lowrank).getAsJsonObject().getAsJsonObject("start").has("modelConfig"));
        assertEquals(lowrank, lowrank.toBuilder().build());
        // the campaign's recorded recipe (written before the field existed) still equals the published one
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path campaign = root.resolve("campaigns/lowrank-311/seed-1/config.json");
        assertEquals(lowrank, RunFiles.GSON.fromJson(RunFiles.readObject(campaign).get("recipe"), Recipe.class));
        // and every kept run directory's recipe reads, without a model config
        List<Path> configs;
        try (Stream<Path> runs = Files.list(root.resolve("docs/runs"))) {
            configs = runs.map(RunFiles::config).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(configs.size() > 10, configs.toString());
        for (Path c : configs) {
            assertNull(RunFiles.GSON.fromJson(RunFiles.readObject(c).get("recipe"), Recipe.class).start().modelConfig(), c.toString());
        }
    }
}
