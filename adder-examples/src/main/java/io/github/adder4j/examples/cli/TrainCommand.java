package io.github.adder4j.examples.cli;

import io.github.adder4j.core.Preset;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder train}: trains a preset with its published recipe (or a recipe file, or a modular-arithmetic task), or a
 * model described by a configuration file ({@code --config}), with options overriding recipe fields, into a run
 * directory; or continues a run with {@code --resume}. Progress goes to
 * stderr; stdout gets only the final summary.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Train a preset with its published recipe, or the model a --config file describes, into a run directory "
            + "(config.json, metrics.jsonl, events.jsonl, checkpoints/best.json and last.json, summary.json), or continue a run "
            + "with --resume.",
            "Options override recipe fields. A progress bar goes to stderr, the summary to stdout."})
public final class TrainCommand implements Callable<Integer> {

    /** Steps of a {@code --modular} run unless {@code --steps} says otherwise. */
    static final int MODULAR_STEPS = 15_000;

    /** Weight decay of a {@code --modular} run unless {@code --wd} says otherwise (0.01 memorises without grokking). */
    static final double MODULAR_WEIGHT_DECAY = 1.0;

    /** Seed unless {@code --seed} or the recipe file gives one. */
    static final long DEFAULT_SEED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
            completionCandidates = Converters.PresetIds.class,
            description = "Architecture preset, trained with its published recipe: ${COMPLETION-CANDIDATES}. "
                + "Required unless --recipe or --modular is given (then it overrides their preset). With --config only its "
                + "recipe is used.")
    private Preset preset;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the initialisation and the training data. Default: " + DEFAULT_SEED + " (or the --recipe file's).")
    private Long seed;

    @Option(names = "--steps", paramLabel = "N",
            description = "Optimizer steps. Default: the recipe's (60000 for split-57; " + MODULAR_STEPS + " with --modular).")
    private Integer steps;

    @Option(names = "--out", paramLabel = "DIR", description = "The new run directory (must not hold a run). Required unless --resume.")
    private Path out;

    @Option(names = "--batch", paramLabel = "B", description = "Examples per step (recipe field batchSize). Default: the recipe's.")
    private Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate (learningRate). Default: the recipe's.")
    private Double lr;

    @Option(names = "--wd", paramLabel = "X",
            description = "AdamW weight decay (weightDecay). Default: the recipe's (" + MODULAR_WEIGHT_DECAY + " with --modular).")
    private Double wd;

    @Option(names = "--warmup", paramLabel = "N", description = "Linear warm-up steps (warmupSteps). Default: the recipe's.")
    private Integer warmup;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Steps between evaluations (evalEvery, a multiple of logEvery). Default: the recipe's.")
    private Integer evalEvery;

    @Option(names = "--data", paramLabel = "DATA",
            description = "Training data: ${COMPLETION-CANDIDATES}. Default: the recipe's.")
    private Recipe.Data data;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER,
            description = "Set any recipe field by name (repeatable), e.g. --set validationSize=500 --set grokfast=true, or by its "
                + "path in the recipe's parts, e.g. --set optimization.grokfast=true. "
                + "Applied after the recipe file; a field cannot be set both here and by its own option.")
    private Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--recipe", paramLabel = "FILE",
            description = "Start from a recipe file: a JSON recipe, or a run's config.json (its recipe). Options override it.")
    private Path recipeFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"Train the model FILE describes instead of the preset's architecture: a model configuration JSON "
                + "(as AdderModel.configJson() or VitConfig.toJson() write it), an adder4j checkpoint (its configuration, not "
                + "its weights) or a run's config.json (its model). The recipe comes from --preset (its published recipe) "
                + "or --recipe FILE; --seed replaces the file's seed. Recipe field modelConfig; the run keeps a copy "
                + "(model-config.json)."})
    private Path configFile;

    @Option(names = "--modular", paramLabel = "FORMAT",
            description = "Train on a op b mod p instead of addition (e.g. mod97-add), with the modular grokking recipe: "
                + "classic-777's layout at d=64 (4 heads, FFN 256), full-batch AdamW lr 1e-3, 30 %% of all pairs for training.")
    private String modular;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (a finished run: just print its summary). No other options.")
    private Path resume;

    /** Creates the command (picocli instantiates it). */
    public TrainCommand() {
        // fields are injected by picocli
    }

    /** Trains (or resumes) and prints the summary. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resume != null) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                    .filter(name -> !name.equals("--resume")).distinct().toList();
            if (!others.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--resume cannot be combined with other options: "
                        + String.join(", ", others));
            }
            if (!TrainingRuns.holdsRun(resume)) {
                throw new ParameterException(spec.commandLine(), "--resume " + resume + ": no run there (missing config.json)");
            }
            if (TrainingRuns.finished(resume)) {
                err.println("run " + resume + " has already ended; nothing to do");
                err.flush();
            }
            TrainingResult result = TrainingRuns.continueRun(resume, err, "train");
            TrainingRuns.printSummary(out, result, resume);
            return 0;
        }
        if (this.out == null) {
            throw new ParameterException(spec.commandLine(), "--out DIR is required (or --resume DIR)");
        }
        Recipe recipe = recipe();
        if (TrainingRuns.holdsRun(this.out)) {
            throw new ParameterException(spec.commandLine(), "--out " + this.out + " already holds a run; continue it with --resume "
                    + this.out + " or choose another --out");
        }
        String commandLine = TrainingRuns.commandLine(spec.commandLine().getParseResult().originalArgs());
        TrainingResult result = TrainingRuns.start(recipe, this.out, commandLine, err, "train");
        TrainingRuns.printSummary(out, result, this.out);
        return 0;
    }

    /** The base recipe (file, modular or preset) with the options applied. */
    private Recipe recipe() {
        if (modular != null && recipeFile != null) {
            throw new ParameterException(spec.commandLine(), "--modular and --recipe cannot be combined");
        }
        if (configFile != null && modular != null) {
            throw new ParameterException(spec.commandLine(), "--config and --modular cannot be combined (a modular task trains"
                    + " its preset's architecture on the modular format)");
        }
        if (configFile != null && recipeFile == null && preset == null) {
            throw new ParameterException(spec.commandLine(), "--config " + configFile + " needs a recipe: give --preset NAME (its"
                    + " published recipe) or --recipe FILE");
        }
        com.google.gson.JsonObject config = configFile == null ? null
                : io.github.adder4j.train.ModelConfigs.read(configFile, "--config " + configFile);
        Recipe base;
        RecipeOverrides overrides = new RecipeOverrides();
        if (recipeFile != null) {
            base = RecipeOverrides.readRecipe("--recipe", recipeFile);
            overrides.option("--preset", "preset", preset == null ? null : preset.id());
            overrides.option("--seed", "seed", seed);
            overrides.option("--wd", "weightDecay", wd);
        } else if (modular != null) {
            try {
                base = Recipe.modularGrokking(modular, MODULAR_WEIGHT_DECAY, seed == null ? DEFAULT_SEED : seed, MODULAR_STEPS);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--modular: " + e.getMessage());
            }
            overrides.option("--preset", "preset", preset == null ? null : preset.id());
            overrides.option("--wd", "weightDecay", wd);
        } else {
            if (preset == null) {
                throw new ParameterException(spec.commandLine(), "--preset NAME is required (or --recipe FILE, or --modular FORMAT)");
            }
            base = Recipe.forPreset(preset.id(), seed == null ? DEFAULT_SEED : seed);
            overrides.option("--wd", "weightDecay", wd);
        }
        overrides.option("--steps", "steps", steps)
                .option("--batch", "batchSize", batch)
                .option("--lr", "learningRate", lr)
                .option("--warmup", "warmupSteps", warmup)
                .option("--eval-every", "evalEvery", evalEvery)
                .option("--data", "data", data)
                .option("--config", "modelConfig", configFile == null ? null : configFile.toAbsolutePath().normalize())
                .sets(sets);
        Recipe recipe = overrides.applyTo(base);
        if (config != null) {
            io.github.adder4j.train.ModelConfigs.requireFits(config, recipe, "--config " + configFile);
        }
        return recipe;
    }
}
