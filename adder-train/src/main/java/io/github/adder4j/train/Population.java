package io.github.adder4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.block.AdderNet;
import io.github.adder4j.core.block.ParameterValues;
import io.github.adder4j.core.engine.GradMode;
import io.github.adder4j.train.optim.AdamW;
import io.github.adder4j.train.optim.Checks;
import io.github.adder4j.train.optim.Gradients;
import io.github.adder4j.train.optim.GradientClipping;
import io.github.adder4j.train.optim.GrokfastEma;
import io.github.adder4j.train.optim.SavedTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * P training runs of one architecture advanced together in one graph: every parameter, AdamW moment and Grokfast average
 * carries a leading member axis, the P batches go through one forward and one backward pass
 * ({@link AdderNet#populationLogits}), and the loss is the sum of the members' mean losses, so member p's gradient is the
 * gradient of its own loss alone. Everything else stays per member and is the members' own {@link Trainer} code: each
 * member draws its batches from its own task and seed, has its own learning rate, weight decay (the adaptive rule reads
 * its own evaluations), gradient clipping (its own global norm), Grokfast filter and AdamW step counts; it evaluates,
 * writes metrics and checkpoints in its own run directory, and ends by its recipe's own rules (completed, early stop,
 * abandoned, diverged, stopped). A member that ends leaves the population, which goes on with the rest.
 *
 * <p>So a member's run directory is an ordinary run: {@code Trainer.resume} continues it alone, a population can resume
 * it, and its metrics and weights equal those of the same run trained alone to float rounding (the sums of the loss and
 * of the gradient norm are reduced in another order). Members may be at different steps (resumed runs).
 *
 * <pre>{@code
 * List<Trainer> runs = new ArrayList<>();
 * for (long seed = 0; seed < 8; seed++) {
 *     runs.add(Trainer.start(Recipe.forPreset("rope-36", seed), Path.of("runs/rope-36/seed-" + seed), "population"));
 * }
 * try (Population population = Population.of(runs)) {
 *     List<TrainingResult> results = population.run();
 * }
 * }</pre>
 *
 * <p>What a population cannot share is refused by {@link #of}: models other than the addition decoders, another
 * architecture or batch size, L-BFGS, weight averaging, distillation and error mining (their state is per step and per
 * model; train those runs alone).
 */
public final class Population implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Population.class);

    private final List<Trainer> members;
    private final AdderNet net;
    private final DataType dtype;
    private final NDManager manager;
    private final List<String> names;
    private final double[] decayMultiplier;
    private final Recipe shared;
    private final boolean grokfast;
    private final double alpha;
    private final double lambda;
    /** Member index of each population row. */
    private List<Integer> rows = new ArrayList<>();
    private Map<String, NDArray> values = new LinkedHashMap<>();
    private Map<String, NDArray> first = new LinkedHashMap<>();
    private Map<String, NDArray> second = new LinkedHashMap<>();
    private Map<String, NDArray> averages = new LinkedHashMap<>();
    /** Per member: AdamW steps taken and Grokfast filter calls. */
    private final long[] adamSteps;
    private final long[] filterCounts;
    /**
     * The members' batches side by side, {@code (P B, T)}: one set of arrays filled by every step, not new ones per step (on a
     * virtual machine, fresh memory costs a page fault per page on first touch; a large population's batches are megabytes).
     */
    private Batch staged;
    /** Where this population's steps spend their time, by part (read by {@link #benchmarkInterleaved}). */
    private final PhaseClock clock = new PhaseClock();
    /** The one thread that draws every member's next batch while a step trains (shut down after the members close). */
    private final java.util.concurrent.ExecutorService batchWorker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "adder-population-batches");
        t.setDaemon(true);
        return t;
    });
    /** Per member: the learning rate and weight decay of its last update (what its AdamW state records). */
    private final double[] lastLr;
    private final double[] lastWd;
    private boolean closed;

    private Population(List<Trainer> members) {
        this.members = List.copyOf(members);
        for (Trainer t : this.members) {
            t.drawBatchesOn(batchWorker);                                                    // one thread draws every member's next batch
        }
        Trainer lead = members.get(0);
        this.net = ((AdderModel) lead.model()).block();
        this.dtype = net.dataType();
        this.shared = lead.recipe();
        this.manager = lead.model().manager().newSubManager();
        this.names = new ArrayList<>(lead.model().namedParameters().keySet());
        this.decayMultiplier = new double[names.size()];
        for (int k = 0; k < names.size(); k++) {
            decayMultiplier[k] = lead.optimizer().weightDecayMultiplier(names.get(k));
        }
        this.grokfast = lead.grokfast() != null;
        GrokfastEma.Config g = GrokfastEma.Config.defaults();
        this.alpha = g.alpha();
        this.lambda = g.lambda();
        this.adamSteps = new long[members.size()];
        this.filterCounts = new long[members.size()];
        this.lastLr = new double[members.size()];
        this.lastWd = new double[members.size()];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            all.add(i);
            AdamW.State adam = members.get(i).optimizer().exportState();
            adamSteps[i] = adam.step();
            lastLr[i] = adam.learningRate();
            lastWd[i] = adam.weightDecay();
            filterCounts[i] = grokfast ? members.get(i).grokfast().filterCount() : 0;
        }
        load(all);
    }

    /**
     * A population of runs made with {@link Trainer#start} or {@link Trainer#resume}; it owns them from now on and closes
     * them.
     *
     * @param members at least one run; all of one architecture (seeds and initialisations may differ), batch size and
     *                AdamW betas and epsilon, all with or all without Grokfast
     * @return the population, ready to {@link #run()}
     * @throws IllegalArgumentException naming the member and the option when a run cannot join
     */
    public static Population of(List<Trainer> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a population needs at least one run");
        }
        Trainer lead = members.get(0);
        JsonObject architecture = null;
        for (Trainer t : members) {
            Recipe r = t.recipe();
            String who = "run " + t.directory() + " (seed " + r.seed() + ")";
            if (!(t.model() instanceof AdderModel model)) {
                throw new IllegalArgumentException(who + " trains a " + t.model().getClass().getSimpleName()
                        + "; a population trains the addition decoders (AdderModel) only");
            }
            JsonObject arch = model.configJson().deepCopy();
            arch.remove("seed");
            arch.remove("init");
            if (architecture == null) {
                architecture = arch;
            } else if (!architecture.equals(arch)) {
                throw new IllegalArgumentException(who + " has another architecture than run " + lead.directory()
                        + "; a population trains one architecture");
            }
            refuse(who, "optimizer", r.optimization().optimizer() != Recipe.Optimizer.ADAMW, r.optimization().optimizer());
            refuse(who, "averaging", r.averaging() != null, r.averaging());
            refuse(who, "distillation", r.distillation() != null, r.distillation());
            refuse(who, "mineErrors", r.targeted(), r.rounds().mineErrors());
            Recipe l = lead.recipe();
            differs(who, "batchSize", r.data().batchSize(), l.data().batchSize());
            differs(who, "beta1", r.optimization().beta1(), l.optimization().beta1());
            differs(who, "beta2", r.optimization().beta2(), l.optimization().beta2());
            differs(who, "epsilon", r.optimization().epsilon(), l.optimization().epsilon());
            differs(who, "grokfast", r.optimization().grokfast(), l.optimization().grokfast());
            differs(who, "clipNorm", r.optimization().clipNorm(), l.optimization().clipNorm());
        }
        return new Population(members);
    }

    private static void refuse(String who, String option, boolean refused, Object value) {
        if (refused) {
            throw new IllegalArgumentException(who + " uses " + option + " " + value + ", which a population does not support;"
                    + " train it alone");
        }
    }

    private static void differs(String who, String option, Object value, Object lead) {
        if (!value.equals(lead)) {
            throw new IllegalArgumentException(who + " has " + option + " " + value + " but the population's first run has "
                    + lead + "; the members of a population share it");
        }
    }

    /** The members, in the order given. */
    public List<Trainer> members() {
        return members;
    }

    /** Asks every member to stop at its next metric line (each then writes a checkpoint it can resume from). */
    public void requestStop() {
        members.forEach(Trainer::requestStop);
    }

    /**
     * Trains every member to its end.
     *
     * @return each member's result, in the order of {@link #members()}
     */
    public List<TrainingResult> run() {
        int n = members.size();
        Trainer.Session[] sessions = new Trainer.Session[n];
        TrainingResult[] results = new TrainingResult[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = members.get(i).session();
        }
        LOG.info("population of {} runs: seeds {}", n, members.stream().map(t -> t.recipe().seed()).toList());
        while (!rows.isEmpty()) {
            List<Integer> ended = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                int i = rows.get(r);
                Trainer.Session s = sessions[i];
                if (s.step >= members.get(i).recipe().schedule().steps()) {
                    results[i] = s.finish();
                    ended.add(i);
                    continue;
                }
                if (s.stopReadsModel()) {
                    sync(r, i, lastLr[i], lastWd[i]);
                }
                if (s.stopBefore()) {
                    results[i] = s.finish();
                    ended.add(i);
                }
            }
            if (!ended.isEmpty()) {
                leave(ended);
                continue;
            }
            int p = rows.size();
            long[] at = new long[p];
            for (int r = 0; r < p; r++) {
                at[r] = sessions[rows.get(r)].step;
            }
            Turn turn = advance(at);
            double[] lr = turn.lr();
            double[] wd = turn.wd();
            Trainer.StepOutcome[] outcomes = turn.outcomes();
            for (int r = 0; r < p; r++) {
                int i = rows.get(r);
                lastLr[i] = lr[r];
                lastWd[i] = wd[r];
                Trainer.Session s = sessions[i];
                if (outcomes[r].applied() && s.afterReadsModel()) {
                    sync(r, i, lr[r], wd[r]);
                }
                if (s.after(lr[r], wd[r], outcomes[r], null) || s.step >= members.get(i).recipe().schedule().steps()) {
                    results[i] = s.finish();
                    ended.add(i);
                }
            }
            if (!ended.isEmpty()) {
                leave(ended);
            }
        }
        return List.of(results);
    }

    /**
     * Times the population's update: P runs of the given recipes (one per seed, nothing written) advance together for
     * {@code warmupSteps} untimed and {@code steps} timed steps.
     *
     * @param recipes     one recipe per member, all of one architecture (see {@link #of})
     * @param warmupSteps untimed steps first
     * @param steps       timed steps, at least 1
     * @return milliseconds per population step (one step of every member)
     * @throws IllegalArgumentException for bad counts or recipes a population cannot share
     */
    public static double benchmark(List<Recipe> recipes, int warmupSteps, int steps) {
        Checks.notNegative("warmupSteps", warmupSteps);
        Checks.positive("steps", steps);
        try (Population population = detachedPopulation(recipes)) {
            long started = 0;
            for (int step = 0; step < warmupSteps + steps; step++) {
                if (step == warmupSteps) {
                    started = System.nanoTime();
                }
                population.benchmarkStep(step);
            }
            return (System.nanoTime() - started) / 1e6 / steps;
        }
    }

    /**
     * Times the same steps of the same recipes both ways, interleaved: one trainer per recipe stepping alone (as one JVM
     * per seed trains) and all of them as one population. After {@code warmupSteps} untimed steps on both sides, the timed
     * steps go in blocks: every seed alone for {@code block} steps, then the population for the same {@code block} steps,
     * and so on, so that a drift of the machine's speed (a shared virtual machine's drifts by a third or more within a
     * minute) falls on both sides alike.
     *
     * @param recipes     one recipe per member, all of one architecture (see {@link #of})
     * @param warmupSteps untimed steps first, on both sides
     * @param steps       timed steps of each side, at least 1
     * @param block       steps per turn, at least 1
     * @return both sides' milliseconds per step and where those steps' time went
     * @throws IllegalArgumentException for bad counts or recipes a population cannot share
     * @throws IllegalStateException if a seed's step alone diverges
     */
    public static Interleaved benchmarkInterleaved(List<Recipe> recipes, int warmupSteps, int steps, int block) {
        Checks.notNegative("warmupSteps", warmupSteps);
        Checks.positive("steps", steps);
        Checks.positive("block", block);
        List<Trainer> alone = detached(recipes);
        try (Population population = detachedPopulation(recipes)) {
            long aloneNanos = 0;
            long populationNanos = 0;
            int end = warmupSteps + steps;
            for (int from = 0; from < end; ) {
                int to = from < warmupSteps ? warmupSteps : Math.min(end, from + block);      // the warm-up is one untimed turn
                boolean timed = from >= warmupSteps;
                if (from == warmupSteps) {
                    alone.forEach(t -> t.clock().reset());
                    population.clock.reset();
                }
                for (Trainer t : alone) {
                    long started = System.nanoTime();
                    for (int step = from; step < to; step++) {
                        t.benchmarkStep(step);
                    }
                    aloneNanos += timed ? System.nanoTime() - started : 0;
                }
                long started = System.nanoTime();
                for (int step = from; step < to; step++) {
                    population.benchmarkStep(step);
                }
                populationNanos += timed ? System.nanoTime() - started : 0;
                from = to;
            }
            double seedSteps = (double) steps * recipes.size();
            return new Interleaved(recipes.size(), aloneNanos / 1e6 / seedSteps, populationNanos / 1e6 / steps,
                    PhaseClock.perStep(alone.stream().map(Trainer::clock).toList(), seedSteps),
                    PhaseClock.perStep(List.of(population.clock), steps));
        } finally {
            alone.forEach(Trainer::close);
        }
    }

    /**
     * A measurement in turns ({@link #benchmarkInterleaved}).
     *
     * @param seeds        the seeds, each alone and all together
     * @param aloneMs      milliseconds per step of one seed alone, the mean over the seeds
     * @param populationMs milliseconds per population step (one step of every seed)
     * @param alone        where a step of one seed alone went, the mean over the seeds
     * @param population   where a population step went
     */
    public record Interleaved(int seeds, double aloneMs, double populationMs, StepTimes alone, StepTimes population) {
        /**
         * @throws IllegalArgumentException when seeds is below 1 or a time is not positive
         */
        public Interleaved {
            Checks.positive("seeds", seeds);
            Checks.positive("aloneMs", aloneMs);
            Checks.positive("populationMs", populationMs);
            Checks.notNull("alone", alone);
            Checks.notNull("population", population);
        }

        /** Population throughput over one-seed-at-a-time throughput: {@code seeds aloneMs / populationMs}. */
        public double speedup() {
            return seeds * aloneMs / populationMs;
        }
    }

    /** One detached trainer per recipe (nothing written); closes those made when one fails. */
    private static List<Trainer> detached(List<Recipe> recipes) {
        List<Trainer> trainers = new ArrayList<>();
        try {
            for (Recipe r : recipes) {
                trainers.add(Trainer.detached(r));
            }
            return trainers;
        } catch (RuntimeException e) {
            trainers.forEach(Trainer::close);
            throw e;
        }
    }

    /** A population of detached trainers of the recipes (the benchmarks'); closes them when they cannot share one. */
    private static Population detachedPopulation(List<Recipe> recipes) {
        List<Trainer> trainers = detached(recipes);
        try {
            return of(trainers);
        } catch (RuntimeException e) {
            trainers.forEach(Trainer::close);
            throw e;
        }
    }

    /** One update of every member at step {@code step} (the benchmarks', whose members are all at the same step). */
    private void benchmarkStep(int step) {
        long[] at = new long[rows.size()];
        java.util.Arrays.fill(at, step);
        advance(at);
    }

    /** The learning rates, weight decays and outcomes of one update of every row. */
    private record Turn(double[] lr, double[] wd, Trainer.StepOutcome[] outcomes) { }

    /**
     * One update of every row, row r at step {@code at[r]}: each member's learning rate and weight decay from its own
     * schedule and rule, its batch from its own task, then {@link #step}.
     */
    private Turn advance(long[] at) {
        clock.start();
        int p = rows.size();
        double[] lr = new double[p];
        double[] wd = new double[p];
        Batch[] batches = new Batch[p];
        for (int r = 0; r < p; r++) {
            Trainer t = members.get(rows.get(r));
            lr[r] = t.schedule().learningRate(at[r]);
            wd[r] = t.nextWeightDecay();
            Examples e = t.examples(at[r]);
            if (!(e instanceof Batch b)) {
                throw new IllegalStateException("run " + t.directory() + " gives " + e.getClass().getSimpleName()
                        + " examples; a population trains on token batches");
            }
            batches[r] = b;
        }
        clock.lap(PhaseClock.Part.DATA);
        return new Turn(lr, wd, step(batches, lr, wd));
    }

    /**
     * One update of every row: forward and backward of the summed member losses, then per member the Grokfast filter,
     * global-norm clipping and AdamW, with the formulas of {@link GrokfastEma}, {@link GradientClipping} and {@link AdamW}.
     */
    private Trainer.StepOutcome[] step(Batch[] batches, double[] lr, double[] wd) {
        int p = batches.length;
        int b = batches[0].rows();
        int t = batches[0].length();
        if (staged == null || staged.rows() != p * b || staged.length() != t) {
            staged = new Batch(new long[p * b * t], new long[p * b * t], new float[p * b * t], p * b, t);
        }
        long[] inputs = staged.inputs();                                                            // (P, B, T) row-major, reused
        long[] targets = staged.targets();
        float[] mask = staged.mask();
        float[] counts = new float[p];
        for (int r = 0; r < p; r++) {
            Batch x = batches[r];
            if (x.rows() != b || x.length() != t) {
                throw new IllegalStateException("the members' batches differ in shape: " + x.rows() + "x" + x.length() + " vs " + b + "x" + t);
            }
            System.arraycopy(x.inputs(), 0, inputs, r * b * t, b * t);
            System.arraycopy(x.targets(), 0, targets, r * b * t, b * t);
            System.arraycopy(x.mask(), 0, mask, r * b * t, b * t);
            float c = 0;
            for (float m : x.mask()) {
                c += m;
            }
            counts[r] = Math.max(1f, c);
        }
        clock.lap(PhaseClock.Part.DATA);
        double[] loss;
        float[] norms = new float[p];
        try (NDManager sm = manager.newSubManager()) {
            Gradients.zeroArrays(values.values());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray tokens = sm.create(inputs, new Shape(p, b, t));
                int from = staged.firstLossColumn();                                                // no loss before it in any row
                NDArray logits = net.populationLogits(values, tokens, from, true);                   // (P, B, T - from, V)
                NDArray logp = Forward.logProbabilityOf(logits,
                        Forward.columnsFrom(sm.create(targets, new Shape(p, b, t)), from));         // (P, B, T - from) log p(target)
                NDArray weights = Forward.columnsFrom(sm.create(mask, new Shape(p, b, t)), from).toType(dtype, false);
                NDArray perMember = logp.mul(weights).sum(new int[] {1, 2})
                        .div(sm.create(counts, new Shape(p)).toType(dtype, false)).neg();           // (P) mean loss of each member
                clock.lap(PhaseClock.Part.FORWARD);
                gc.backward(perMember.sum());
                loss = perMember.toType(DataType.FLOAT64, false).toDoubleArray();
                clock.lap(PhaseClock.Part.BACKWARD);
            }
            try (GradMode ignored = GradMode.off(values.values().iterator().next())) {
                List<NDArray> grads = new ArrayList<>();
                for (String name : names) {
                    NDArray g = values.get(name).getGradient();
                    g.attach(sm);
                    grads.add(g);
                }
                if (grokfast) {
                    filter(sm, grads);
                }
                if (shared.optimization().clipNorm() > 0) {
                    norms = clip(sm, grads, shared.optimization().clipNorm());
                }
                adamW(sm, grads, lr, wd);
            }
        }
        clock.lap(PhaseClock.Part.UPDATE);                                                          // the update and freeing the step's arrays
        Trainer.StepOutcome[] out = new Trainer.StepOutcome[p];
        for (int r = 0; r < p; r++) {
            boolean finite = Double.isFinite(loss[r]) && Float.isFinite(norms[r]);
            out[r] = new Trainer.StepOutcome(loss[r], norms[r], finite);
        }
        return out;
    }

    /** Grokfast: {@code ema = alpha ema + (1 - alpha) g; g += lambda ema}; a member's first call starts its average at g. */
    private void filter(NDManager sm, List<NDArray> grads) {
        int p = rows.size();
        float[] fresh = new float[p];
        boolean anyFresh = false;
        for (int r = 0; r < p; r++) {
            if (filterCounts[rows.get(r)] == 0) {
                fresh[r] = 1;
                anyFresh = true;
            }
        }
        NDArray freshMask = sm.create(fresh, new Shape(p)).toType(dtype, false);
        NDArray a = scalar(sm, alpha);
        NDArray oneMinusA = scalar(sm, 1 - alpha);
        NDArray l = scalar(sm, lambda);
        for (int k = 0; k < names.size(); k++) {
            NDArray g = grads.get(k);
            NDArray ema = averages.get(names.get(k));
            if (anyFresh) {
                ema.addi(own(g.mul(perRow(freshMask, g)), sm));                 // a fresh member's average is 0: now g
            }
            NDArray incoming = own(oneMinusA.mul(g), sm);
            ema.muli(a).addi(incoming);
            g.addi(own(l.mul(ema), sm));
        }
        for (int r = 0; r < p; r++) {
            filterCounts[rows.get(r)]++;
        }
    }

    /** Each member's global gradient norm, and its gradients scaled by {@code max / (norm + 1e-6)} where that is below 1. */
    private float[] clip(NDManager sm, List<NDArray> grads, double max) {
        NDArray total = null;
        for (NDArray g : grads) {
            int rank = g.getShape().dimension();
            int[] axes = new int[rank - 1];
            for (int a = 1; a < rank; a++) {
                axes[a - 1] = a;
            }
            NDArray squares = own(g.square().sum(axes), sm).toType(DataType.FLOAT64, false);   // (P)
            total = total == null ? squares : total.add(squares);
        }
        double[] norm2 = total.toDoubleArray();
        int p = norm2.length;
        float[] norms = new float[p];
        float[] factor = new float[p];
        for (int r = 0; r < p; r++) {
            norms[r] = (float) Math.sqrt(norm2[r]);
            float scale = (float) max / (norms[r] + (float) GradientClipping.EPSILON);
            factor[r] = scale < 1f ? scale : 1f;
        }
        NDArray f = sm.create(factor, new Shape(p)).toType(dtype, false);
        for (NDArray g : grads) {
            g.muli(perRow(f, g));
        }
        return norms;
    }

    /** AdamW with decoupled weight decay, per member learning rate, weight decay and step count. */
    private void adamW(NDManager sm, List<NDArray> grads, double[] lr, double[] wd) {
        int p = rows.size();
        float[] stepSize = new float[p];
        float[] correction2 = new float[p];
        Recipe r0 = shared;
        for (int r = 0; r < p; r++) {
            long t = adamSteps[rows.get(r)] + 1;
            stepSize[r] = (float) (lr[r] / (1 - Math.pow(r0.optimization().beta1(), t)));
            correction2[r] = (float) Math.sqrt(1 - Math.pow(r0.optimization().beta2(), t));
        }
        NDArray size = sm.create(stepSize, new Shape(p)).toType(dtype, false);
        NDArray c2 = sm.create(correction2, new Shape(p)).toType(dtype, false);
        NDArray oneMinusBeta1 = scalar(sm, 1 - r0.optimization().beta1());
        NDArray beta2 = scalar(sm, r0.optimization().beta2());
        NDArray oneMinusBeta2 = scalar(sm, 1 - r0.optimization().beta2());
        NDArray eps = scalar(sm, r0.optimization().epsilon());
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            NDArray w = values.get(name);
            NDArray g = grads.get(k);
            NDArray m = first.get(name);
            NDArray v = second.get(name);
            float[] keep = new float[p];
            boolean decays = false;
            for (int r = 0; r < p; r++) {
                double decay = lr[r] * (wd[r] * decayMultiplier[k]);
                keep[r] = (float) (1 - decay);
                decays |= decay != 0;
            }
            if (decays) {
                w.muli(perRow(sm.create(keep, new Shape(p)).toType(dtype, false), w));
            }
            NDArray diff = own(g.sub(m), sm);
            m.addi(diff.muli(oneMinusBeta1));
            NDArray gg = oneMinusBeta2.mul(g).muli(g);
            v.muli(beta2).addi(gg);
            NDArray denom = own(v.sqrt(), sm).divi(perRow(c2, v)).addi(eps);
            NDArray update = perRow(size, m).mul(m).divi(denom);
            w.subi(own(update, sm));
        }
        for (int r = 0; r < p; r++) {
            adamSteps[rows.get(r)]++;
        }
    }

    /** A per-row vector {@code (P)} shaped {@code (P, 1, ..., 1)} to scale an array {@code (P, ...)} row by row. */
    private static NDArray perRow(NDArray vector, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = vector.getShape().get(0);
        return vector.reshape(new Shape(shape));
    }

    private NDArray scalar(NDManager sm, double value) {
        return dtype == DataType.FLOAT64 ? sm.create(value) : sm.create((float) value);
    }

    private static NDArray own(NDArray array, NDManager sm) {
        array.attach(sm);
        return array;
    }

    /**
     * Copies row {@code r} into member {@code i}'s own model, AdamW and Grokfast state, so that its trainer evaluates and
     * checkpoints exactly what the population holds for it.
     */
    private void sync(int r, int i, double lr, double wd) {
        Trainer t = members.get(i);
        Map<String, double[]> weights = new LinkedHashMap<>();
        Map<String, SavedTensor> m = new LinkedHashMap<>();
        Map<String, SavedTensor> v = new LinkedHashMap<>();
        Map<String, SavedTensor> ema = new LinkedHashMap<>();
        for (String name : names) {
            weights.put(name, row(values.get(name), r).values());
            m.put(name, row(first.get(name), r));
            v.put(name, row(second.get(name), r));
            if (grokfast) {
                ema.put(name, row(averages.get(name), r));
            }
        }
        ParameterValues.load(t.model().namedParameters(), weights);
        t.optimizer().importState(new AdamW.State(adamSteps[i], lr, wd, m, v));
        if (grokfast) {
            t.grokfast().importState(new GrokfastEma.State(filterCounts[i], filterCounts[i] == 0 ? Map.of() : ema));
        }
    }

    private static SavedTensor row(NDArray array, int r) {
        try (NDArray slice = array.get(r)) {
            return new SavedTensor(slice.getShape().getShape(), slice.toType(DataType.FLOAT64, false).toDoubleArray());
        }
    }

    /** Builds the population tensors of the given members from their own models and optimizer states. */
    private void load(List<Integer> memberIndices) {
        rows = new ArrayList<>(memberIndices);
        for (String name : names) {
            NDList w = new NDList();
            NDList m = new NDList();
            NDList v = new NDList();
            NDList e = new NDList();
            for (int i : memberIndices) {
                Trainer t = members.get(i);
                Parameter param = t.model().namedParameters().get(name);
                NDArray value = param.getArray();
                w.add(value.duplicate());
                AdamW.State adam = t.optimizer().exportState();
                m.add(adam.firstMoments().get(name).toArray(manager, dtype));
                v.add(adam.secondMoments().get(name).toArray(manager, dtype));
                if (grokfast) {
                    GrokfastEma.State g = t.grokfast().exportState();
                    e.add(g.filterCount() == 0 ? manager.zeros(value.getShape(), dtype) : g.averages().get(name).toArray(manager, dtype));
                }
            }
            values.put(name, stackInto(w));
            first.put(name, stackInto(m));
            second.put(name, stackInto(v));
            if (grokfast) {
                averages.put(name, stackInto(e));
            }
        }
        for (NDArray value : values.values()) {
            value.setRequiresGradient(true);
        }
    }

    private NDArray stackInto(NDList parts) {
        NDArray stacked = NDArrays.stack(parts);
        stacked.attach(manager);
        parts.close();
        return stacked;
    }

    /** Removes ended members: the remaining rows are gathered into new population tensors. */
    private void leave(List<Integer> ended) {
        List<Integer> keep = new ArrayList<>();
        List<Integer> keepRows = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!ended.contains(rows.get(r))) {
                keep.add(rows.get(r));
                keepRows.add(r);
            }
        }
        LOG.info("{} run(s) ended; {} left in the population", ended.size(), keep.size());
        values = gather(values, keepRows, true);
        first = gather(first, keepRows, false);
        second = gather(second, keepRows, false);
        if (grokfast) {
            averages = gather(averages, keepRows, false);
        }
        rows = keep;
    }

    private Map<String, NDArray> gather(Map<String, NDArray> tensors, List<Integer> keepRows, boolean trainable) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray old = e.getValue();
            NDArray kept = null;
            if (!keepRows.isEmpty()) {
                try (GradMode ignored = GradMode.off(old)) {
                    NDList parts = new NDList();
                    for (int r : keepRows) {
                        try (NDArray view = old.get(r)) {
                            parts.add(view.duplicate());
                        }
                    }
                    kept = stackInto(parts);
                }
                if (trainable) {
                    kept.setRequiresGradient(true);
                }
            }
            old.close();
            if (kept != null) {
                out.put(e.getKey(), kept);
            }
        }
        return out;
    }

    /** Frees the population's tensors and closes every member. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        manager.close();
        for (Trainer t : members) {
            t.close();
        }
        batchWorker.shutdownNow();
    }
}
