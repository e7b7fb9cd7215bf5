package io.github.adder4j.examples.cli;

import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code adder finetune}: new runs initialised from a run's best checkpoint, with that run's recipe as the base and a
 * fine-tuning learning rate, step count and schedule; {@code --rounds} chains several rounds (each from the previous
 * round's best), like the 311p recipe's three rounds. A fine-tuning directory that already holds the same rounds is
 * continued (ended rounds are kept, a half-done round resumes).
 */
@Command(name = "finetune", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Fine-tune from a run's best checkpoint, with the run's recipe as the base: one run in --out, or with "
            + "--rounds several in --out/round1, round2, ..., each starting from the previous round's best.",
            "A progress bar goes to stderr, the summary to stdout."})
public final class FinetuneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StartingRunOptions run;

    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate. Default: 0.001 (not with --rounds).")
    private Double lr;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps. Default: 5000 (not with --rounds).")
    private Integer steps;

    @Option(names = "--rounds", paramLabel = "LR:STEPS,...",
            description = "Several rounds in sequence, e.g. 1e-3:100000,3e-4:50000,1e-4:30000 (the 311p recipe).")
    private String rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "500", description = "Linear warm-up steps of each round.")
    private int warmup;

    @Option(names = "--schedule", paramLabel = "KIND", defaultValue = "cosine", converter = ScheduleConverter.class,
            completionCandidates = ScheduleConverter.Names.class,
            description = "After the warm-up: cosine (down to --floor times the lr at the last step), constant, or "
                + "cosine-open-end (progress (s - W) / (T - W), the low-rank seed code's).")
    private Recipe.Schedule schedule;

    @Option(names = "--floor", paramLabel = "R", defaultValue = "0.01",
            description = "Final learning rate of the cosine schedule as a fraction of the round's lr.")
    private double floor;

    @Option(names = "--mine-errors", paramLabel = "N", defaultValue = "0",
            description = "Targeted fine-tuning: run the starting model on N uniform pairs plus the carry suite and put every "
                + "pair it gets wrong into every batch (0: off).")
    private int mineErrors;

    @Option(names = "--mine-every", paramLabel = "N", defaultValue = "0",
            description = "With --mine-errors: mine again every N steps with the model being trained, on fresh pairs, and add "
                + "its errors to the pool (rounds of targeted fine-tuning; 0: mine once, from the starting model).")
    private int mineEvery;

    @Option(names = "--pool-per-batch", paramLabel = "N", defaultValue = "0",
            description = "With --mine-errors: at most N pool pairs per batch, cycling through a larger pool (0: the whole pool).")
    private int poolPerBatch;

    @Option(names = "--prover-pairs", paramLabel = "N", defaultValue = "0",
            description = "With --mine-errors: proof-guided mining, in every mining round run the carry-partition proof on "
                + "the model and add up to N pairs it gets wrong inside the cells the proof could not close (0: off).")
    private int proverPairs;

    @Option(names = "--keep-pool", description = "With --mine-errors: start from the --from run's accumulated error pool "
            + "(a targeted run's), adding the starting model's own errors to it; its mining rounds are numbered on past "
            + "that run's (rounds.miningOffset), so they draw new uniform pairs.")
    private boolean keepPool;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER, description = "Set any other recipe field by name (repeatable).")
    private Map<String, String> sets = new LinkedHashMap<>();

    /** Default fine-tuning learning rate (the 311p recipe's first round). */
    static final double DEFAULT_LR = 1e-3;

    /** Default fine-tuning steps (a targeted fine-tuning round). */
    static final int DEFAULT_STEPS = 5000;

    private static final Pattern ROUND = Pattern.compile("\\s*([0-9.eE+-]+)\\s*:\\s*([0-9_]+)\\s*");

    /** Creates the command (picocli instantiates it). */
    public FinetuneCommand() {
        // fields are injected by picocli
    }

    /**
     * One fine-tuning round.
     *
     * @param lr    peak learning rate, positive
     * @param steps optimizer steps, positive
     */
    record Round(double lr, int steps) {
        /** Validates. */
        Round {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new IllegalArgumentException("--rounds: lr must be positive: " + lr);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("--rounds: steps must be positive: " + steps);
            }
        }
    }

    /**
     * Parses {@code LR:STEPS,LR:STEPS,...}.
     *
     * @throws IllegalArgumentException naming {@code --rounds} and the text when it does not have that form
     */
    static List<Round> parseRounds(String text) {
        List<Round> result = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = ROUND.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("--rounds must look like LR:STEPS,LR:STEPS,...: " + text);
            }
            double lr;
            int steps;
            try {
                lr = Double.parseDouble(m.group(1));
                steps = Integer.parseInt(m.group(2).replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rounds must look like LR:STEPS,LR:STEPS,...: " + text, e);
            }
            result.add(new Round(lr, steps));
        }
        return result;
    }

    /** Runs the round(s) and prints their summaries. */
    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Round> plan;
        if (rounds != null) {
            if (lr != null || steps != null) {
                throw new ParameterException(spec.commandLine(), "--rounds cannot be combined with --lr or --steps");
            }
            try {
                plan = parseRounds(rounds);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else {
            plan = List.of(new Round(lr == null ? DEFAULT_LR : lr, steps == null ? DEFAULT_STEPS : steps));
        }
        Path source = run.checkpoint();
        Path from = run.from();
        Path out = run.out();
        Recipe base = TrainingRuns.recipe(from);
        String commandLine = TrainingRuns.commandLine(spec.commandLine().getParseResult().originalArgs());
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            dirs.add(rounds == null ? out : out.resolve("round" + (i + 1)));
        }
        // round k starts from round k-1's best checkpoint (and, with --keep-pool, its pool), both known only later
        List<Recipe> recipes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Path previous = i == 0 ? from : dirs.get(i - 1);
            Path init = i == 0 ? source : RunFiles.bestCheckpoint(previous);
            Recipe poolRecipe = i == 0 ? base : recipes.get(i - 1);                 // the run whose pool --keep-pool continues
            recipes.add(recipe(base, plan.get(i), init, previous, poolRecipe)); // validates every round before the first step
        }
        for (int i = 0; i < plan.size(); i++) {
            Round round = plan.get(i);
            Path dir = dirs.get(i);
            Recipe recipe = recipes.get(i);
            String label = plan.size() == 1 ? "finetune" : "round " + (i + 1) + "/" + plan.size();
            TrainingResult result;
            if (TrainingRuns.holdsRun(dir)) {
                if (!TrainingRuns.recipe(dir).equals(recipe)) {
                    throw new ParameterException(spec.commandLine(), "--out " + dir + " already holds a different run; choose another --out");
                }
                if (TrainingRuns.finished(dir)) {
                    err.println(label + ": " + dir + " has already ended");
                    err.flush();
                }
                result = TrainingRuns.continueRun(dir, err, label);
            } else {
                result = TrainingRuns.start(recipe, dir, commandLine, err, label);
            }
            if (plan.size() > 1) {
                stdout.println(String.format(Locale.ROOT, "round %d of %d: lr %s, %d steps", i + 1, plan.size(),
                        Double.toString(round.lr()), round.steps()));
            }
            TrainingRuns.printSummary(stdout, result, dir);
            if (result.status() == TrainingResult.Status.DIVERGED && i + 1 < plan.size()) {
                err.println("error: round " + (i + 1) + " diverged; the later rounds are not run");
                err.flush();
                return 1;
            }
        }
        return 0;
    }

    /**
     * The source run's recipe with the round's learning rate, steps, schedule and starting checkpoint; with
     * {@code --keep-pool}, the error pool of {@code poolRun} (the source run, or the previous round), whose recipe is
     * {@code poolRecipe}, and mining rounds numbered on from its last.
     */
    private Recipe recipe(Recipe base, Round round, Path init, Path poolRun, Recipe poolRecipe) {
        return new RecipeOverrides()
                .option("--lr", "learningRate", round.lr())
                .option("--steps", "steps", round.steps())
                .option("--warmup", "warmupSteps", warmup)
                .option("--schedule", "schedule", schedule)
                .option("--floor", "floorRatio", floor)
                .option("--mine-errors", "mineErrors", mineErrors)
                .option("--mine-every", "mineEvery", mineEvery)
                .option("--pool-per-batch", "poolPerBatch", poolPerBatch)
                .option("--prover-pairs", "proverPairs", proverPairs)
                .option("--keep-pool", "poolFrom", keepPool ? poolRun.toAbsolutePath().normalize().toString() : null)
                .option("--keep-pool", "miningOffset", keepPool ? poolRecipe.continuedMiningOffset() : null)
                .option("--from", "initFrom", init.toAbsolutePath().normalize().toString())
                // a seed run's abandon rule screens fresh seeds; it does not apply to fine-tuning a learned model
                .option("(fine-tuning)", "abandon", sets.containsKey("abandon") ? null : "null")
                .sets(sets)
                .applyTo(base);
    }

    /** {@code cosine}, {@code constant} or {@code cosine-open-end} (any case) as a {@link Recipe.Schedule}. */
    public static final class ScheduleConverter implements ITypeConverter<Recipe.Schedule> {
        /** Creates the converter (picocli instantiates it). */
        public ScheduleConverter() {
            // stateless
        }

        /** The schedule {@code value} names. */
        @Override
        public Recipe.Schedule convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "cosine" -> Recipe.Schedule.WARMUP_COSINE;
                case "constant" -> Recipe.Schedule.CONSTANT;
                case "cosine-open-end" -> Recipe.Schedule.WARMUP_COSINE_OPEN_END;
                default -> throw new TypeConversionException("must be cosine, constant or cosine-open-end: " + value);
            };
        }

        /** The accepted names, for the help text. */
        public static final class Names extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            /** cosine, constant. */
            public Names() {
                super(List.of("cosine", "constant", "cosine-open-end"));
            }
        }
    }
}
