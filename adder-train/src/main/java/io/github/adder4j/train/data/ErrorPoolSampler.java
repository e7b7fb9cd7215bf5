package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * Batches for targeted fine-tuning: every batch holds error pairs of an {@link ErrorPairPool} first, then random fill
 * from another sampler. With a per-batch cap {@code c} (the batch size when not given): when the pool has at most
 * {@code c} pairs, all of them are in every batch; when it has more, consecutive batches take consecutive windows of
 * {@code c} pool pairs, cycling, so every pair comes back every {@code ceil(pool / c)} batches. The pool is read live, so
 * pairs added between rounds appear in the next batch.
 *
 * <p>State words: {@code [cursor]} (start of the next window into the pool); inner states: the fill sampler's. The
 * pool's contents are not part of the state: save them separately ({@link ErrorPairPool#a()}, {@link ErrorPairPool#b()}).
 */
public final class ErrorPoolSampler implements PairSampler {

    private final ErrorPairPool pool;
    private final PairSampler fill;
    private final int maxPerBatch;
    private long cursor;
    private int nextStep;

    /**
     * Creates the sampler.
     *
     * @param pool the error pairs (read live)
     * @param fill draws the rest of each batch
     */
    public ErrorPoolSampler(ErrorPairPool pool, PairSampler fill) {
        this(pool, fill, Integer.MAX_VALUE);
    }

    /**
     * Creates the sampler with at most {@code maxPerBatch} pool pairs in a batch.
     *
     * @param pool the error pairs (read live)
     * @param fill draws the rest of each batch
     * @param maxPerBatch the cap, at least 1 (a cap above the batch size means the batch size)
     * @throws IllegalArgumentException if {@code maxPerBatch < 1}
     */
    public ErrorPoolSampler(ErrorPairPool pool, PairSampler fill, int maxPerBatch) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.fill = Objects.requireNonNull(fill, "fill");
        if (maxPerBatch < 1) {
            throw new IllegalArgumentException("maxPerBatch must be positive: " + maxPerBatch);
        }
        this.maxPerBatch = maxPerBatch;
    }

    /**
     * The pool.
     *
     * @return the pool
     */
    public ErrorPairPool pool() {
        return pool;
    }

    @Override
    public void sample(int step, long[] a, long[] b) {
        Batches.check(step, a, b);
        int batch = a.length;
        int cap = Math.min(batch, maxPerBatch);
        int poolSize = pool.size();
        int fromPool = Math.min(cap, poolSize);
        if (poolSize > cap) {
            int start = (int) (cursor % poolSize);
            for (int i = 0; i < cap; i++) {
                int j = (start + i) % poolSize;
                a[i] = pool.a(j);
                b[i] = pool.b(j);
            }
            cursor = (start + cap) % poolSize;
        } else {
            for (int i = 0; i < fromPool; i++) {
                a[i] = pool.a(i);
                b[i] = pool.b(i);
            }
        }
        long[] fa = new long[batch - fromPool];
        long[] fb = new long[batch - fromPool];
        fill.sample(step, fa, fb);
        System.arraycopy(fa, 0, a, fromPool, fa.length);
        System.arraycopy(fb, 0, b, fromPool, fb.length);
        nextStep = step + 1;
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, new long[] {cursor}, List.of(fill.state()));
    }

    @Override
    public void restore(SamplerState state) {
        state.requireShape("ErrorPoolSampler", 1, 1);
        if (state.word(0) < 0) {
            throw new IllegalArgumentException("cursor must be >= 0: " + state.word(0));
        }
        fill.restore(state.inner().get(0));
        cursor = state.word(0);
        nextStep = state.nextStep();
    }
}
