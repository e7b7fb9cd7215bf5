package io.github.adder4j.train;

import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.format.ModularFormat;
import io.github.adder4j.train.data.DataRng;
import io.github.adder4j.train.data.ModularBatch;
import io.github.adder4j.train.data.ModularDataset;
import io.github.adder4j.train.data.SamplerState;
import java.util.List;

/**
 * {@code a op b mod p} on a fixed train/test split of all pairs (the grokking setting): batches are uniform draws from
 * the train split (the whole split when the batch is at least as large), evaluation is the answer accuracy on the test
 * split, with the train-split accuracy alongside.
 */
public final class ModularTask implements Task {
    private final ModularDataset data;
    private final ModularFormat format;
    private DataRng rng;
    private int nextStep;

    /** A task on a seeded split of all pairs. */
    public ModularTask(ModularFormat format, double trainFraction, long seed) {
        this.format = format;
        this.data = ModularDataset.create(format.op(), format.modulus(), trainFraction, seed);
        this.rng = new DataRng(DataRng.deriveSeed(seed, 1));
    }

    @Override
    public Batch batch(int step, int batchSize) {
        ModularDataset.Split train = data.train();
        ModularBatch rows;
        if (batchSize >= train.size()) {
            rows = train.all();
        } else {
            int[] pick = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                pick[i] = rng.nextInt(train.size());
            }
            rows = train.rows(pick);
        }
        nextStep = step + 1;
        return toBatch(rows);
    }

    private static Batch toBatch(ModularBatch rows) {
        int n = rows.rows();
        long[] targets = new long[n * 4];
        float[] mask = new float[n * 4];
        for (int i = 0; i < n; i++) {
            targets[i * 4 + 3] = rows.targets()[i];                 // the residue follows '='
            mask[i * 4 + 3] = 1;
        }
        return new Batch(rows.inputs(), targets, mask, n, 4);
    }

    @Override
    public Evaluation evaluate(TrainableModel model) {
        Forward.TeacherForced test = Forward.teacherForced(model, toBatch(data.test().all()), 4096);
        double train = Forward.tokenAccuracy(model, toBatch(data.train().all()), 4096);
        return new Evaluation(test.tokenAccuracy(), test.tokenAccuracy(), data.test().size(), train, test.loss());
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, rng.state(), List.of());
    }

    @Override
    public void restore(SamplerState state) {
        rng = DataRng.fromState(state.words());
        nextStep = state.nextStep();
    }

    @Override
    public String describe() {
        return format.id() + ", train fraction " + data.trainFraction() + " (" + data.train().size() + " train / "
                + data.test().size() + " test pairs)";
    }
}
