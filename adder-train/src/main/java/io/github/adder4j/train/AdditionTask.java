package io.github.adder4j.train;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.train.data.ExcludingSampler;
import io.github.adder4j.train.data.PairSampler;
import io.github.adder4j.train.data.SamplerState;
import io.github.adder4j.train.data.ValidationSet;

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

    /** A task over the given format, sampler and validation set; validation pairs are never drawn for training. */
    public AdditionTask(TokenFormat format, PairSampler sampler, ValidationSet validation, String description) {
        this.format = format;
        this.sampler = new ExcludingSampler(sampler, validation.pairSet());
        this.validation = validation;
        this.description = description;
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
    public Evaluation evaluate(AdderModel model) {
        long[] va = validation.a();
        long[] vb = validation.b();
        long[] got = model.adder(1024).add(va, vb);
        int exact = 0;
        for (int i = 0; i < va.length; i++) {
            if (got[i] == va[i] + vb[i]) {
                exact++;
            }
        }
        TokenFormat.TrainingBatch rows = format.trainingBatch(va, vb);
        double tokenAccuracy = Forward.tokenAccuracy(model, new Batch(rows.inputs(), rows.targets(), rows.mask(), rows.rows(),
                rows.length()), 1024);
        return new Evaluation((double) exact / va.length, tokenAccuracy, va.length, -1);
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
