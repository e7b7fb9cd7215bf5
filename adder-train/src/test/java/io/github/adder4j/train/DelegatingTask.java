package io.github.adder4j.train;

import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.train.data.SamplerState;

/** A task that passes everything to a real task; tests override the one part they script. */
class DelegatingTask implements Task {
    private final Task inner;

    DelegatingTask(Task inner) {
        this.inner = inner;
    }

    @Override
    public Examples batch(int step, int batchSize) {
        return inner.batch(step, batchSize);
    }

    @Override
    public Evaluation evaluate(TrainableModel model) {
        return inner.evaluate(model);
    }

    @Override
    public SamplerState state() {
        return inner.state();
    }

    @Override
    public void restore(SamplerState state) {
        inner.restore(state);
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
