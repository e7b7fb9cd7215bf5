package io.github.adder4j.train;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.train.data.ExcludingSampler;
import io.github.adder4j.train.data.PairSampler;
import io.github.adder4j.train.data.PairSet;
import io.github.adder4j.train.data.SamplerState;
import io.github.adder4j.train.data.ValidationSet;
import java.util.List;

/**
 * Addition in any token format: batches come from a pair sampler (validation pairs excluded), rows from the format, and
 * evaluation is autoregressive exact match plus teacher-forced token accuracy on a validation set with its own seed.
 */
public final class AdditionTask implements Task {
    private final TokenFormat format;
    private final PairSampler sampler;
    private final ValidationSet validation;
    private final String description;
    private long[] a = new long[0];
    private long[] b = new long[0];

    private final boolean everyDigit;

    /** A task over the given format, sampler and validation set; validation pairs are never drawn for training. */
    public AdditionTask(TokenFormat format, PairSampler sampler, ValidationSet validation, String description) {
        this(format, sampler, validation, List.of(), false, description);
    }

    /**
     * A task whose validation pairs and {@code heldOut} sets (e.g. a test set) are never drawn for training.
     *
     * @param everyDigit score an answer exact only when all its sum tokens are digits spelling the sum
     *        ({@link TokenFormat#readEveryDigit}); else the format's own reader decides
     */
    public AdditionTask(TokenFormat format, PairSampler sampler, ValidationSet validation, List<ValidationSet> heldOut,
                        boolean everyDigit, String description) {
        this.format = format;
        PairSet excluded = validation.pairSet();
        for (ValidationSet set : heldOut) {
            long[] ha = set.a();
            long[] hb = set.b();
            for (int i = 0; i < ha.length; i++) {
                excluded.add(ha[i], hb[i]);
            }
        }
        this.sampler = new ExcludingSampler(sampler, excluded);
        this.validation = validation;
        this.everyDigit = everyDigit;
        this.description = description;
    }

    /**
     * The fraction of {@code pairs} the model answers exactly, scored as this task scores validation.
     *
     * @param model the model
     * @param pairs the pairs
     * @return exact matches over pairs
     */
    public double exact(AdderModel model, ValidationSet pairs) {
        long[] va = pairs.a();
        long[] vb = pairs.b();
        long[] got = answers(model, va, vb);
        int exact = 0;
        for (int i = 0; i < va.length; i++) {
            if (got[i] == va[i] + vb[i]) {
                exact++;
            }
        }
        return (double) exact / va.length;
    }

    private long[] answers(AdderModel model, long[] va, long[] vb) {
        if (!everyDigit) {
            return model.adder(1024).add(va, vb);
        }
        long[][] tokens = model.adder(1024).generate(va, vb);
        long[] got = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            got[i] = format.readEveryDigit(tokens[i]);
        }
        return got;
    }

    @Override
    public Batch batch(int step, int batchSize) {
        if (a.length != batchSize) {
            a = new long[batchSize];
            b = new long[batchSize];
        }
        sampler.sample(step, a, b);
        TokenFormat.TrainingBatch t = format.trainingBatch(a, b);
        return new Batch(t.inputs(), t.targets(), t.mask(), t.rows(), t.length());
    }

    @Override
    public Evaluation evaluate(TrainableModel trained) {
        if (!(trained instanceof AdderModel model)) {
            throw new IllegalArgumentException("addition evaluates an AdderModel, got a " + trained.getClass().getSimpleName());
        }
        long[] va = validation.a();
        long[] vb = validation.b();
        double exact = exact(model, validation);
        TokenFormat.TrainingBatch rows = format.trainingBatch(va, vb);
        Forward.TeacherForced forced = Forward.teacherForced(model, new Batch(rows.inputs(), rows.targets(), rows.mask(),
                rows.rows(), rows.length()), 1024);
        return new Evaluation(exact, forced.tokenAccuracy(), va.length, -1, forced.loss());
    }

    @Override
    public SamplerState state() {
        return sampler.state();
    }

    @Override
    public void restore(SamplerState state) {
        sampler.restore(state);
    }

    @Override
    public String describe() {
        return description + ", validation " + validation;
    }
}
