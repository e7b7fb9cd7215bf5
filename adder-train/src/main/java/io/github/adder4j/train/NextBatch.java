package io.github.adder4j.train;

import io.github.adder4j.train.data.SamplerState;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A step's examples, the next one made on a background thread while this step trains: the Java side of a step (drawing
 * and encoding a batch, about a tenth of a small model's step) then overlaps the native side on a second core, as a
 * data-loader worker does.
 *
 * <p>The task is only ever used by one thread at a time (the prefetch is the only work given to the task while the step
 * runs), and batches are drawn in step order, so the batches are exactly those of drawing each at its step.
 * {@link #settle()} waits for a pending batch, drops it and restores the task's data state from before it, so that
 * whatever reads or changes the task next (an evaluation, a mining round, a checkpoint of its state) sees it as if no
 * batch had been drawn ahead.
 */
final class NextBatch implements AutoCloseable {
    private final Task task;
    private final int batchSize;
    private final boolean ahead;
    private ExecutorService worker;
    /** Whether {@link #worker} is shared with other trainers ({@link #drawOn}): then it is not this object's to shut down. */
    private boolean sharedWorker;
    private Future<Examples> pending;
    private long pendingStep = -1;
    private SamplerState before;

    /**
     * @param task      the task drawing the batches
     * @param batchSize examples per batch
     * @param ahead     whether to draw ahead at all (with one core there is nothing to overlap)
     */
    NextBatch(Task task, int batchSize, boolean ahead) {
        this.task = task;
        this.batchSize = batchSize;
        this.ahead = ahead;
    }

    /** Draws ahead when the machine has a core to spare. */
    static NextBatch forMachine(Task task, int batchSize) {
        return new NextBatch(task, batchSize, Runtime.getRuntime().availableProcessors() > 1);
    }

    /** The examples of {@code step}: the batch drawn ahead for it, or drawn now. */
    Examples take(long step) {
        if (pending != null && pendingStep == step) {
            Examples e = await(pending);
            pending = null;
            before = null;
            return e;
        }
        settle();
        return task.batch((int) step, batchSize);
    }

    /** Starts drawing the batch of {@code step} on the background thread (nothing when drawing ahead is off). */
    void drawAhead(long step) {
        if (!ahead) {
            return;
        }
        settle();
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "adder-next-batch");
                t.setDaemon(true);
                return t;
            });
        }
        before = task.state();
        pendingStep = step;
        pending = worker.submit(() -> task.batch((int) step, batchSize));
    }

    /**
     * Draws ahead on {@code shared}, one thread that serves several trainers (a population's members), instead of a thread
     * of its own: handing a batch to a thread that is already running costs a queue entry, while waking one of many
     * parked threads for every member and step costs a system call each. The batches are the same (each trainer's are
     * still drawn in step order, one at a time, and settled as before).
     *
     * @param shared a single-thread executor that outlives this object's use of it
     */
    void drawOn(ExecutorService shared) {
        settle();
        if (worker != null && !sharedWorker) {
            worker.shutdownNow();
        }
        worker = java.util.Objects.requireNonNull(shared, "shared");
        sharedWorker = true;
    }

    /** Drops a batch drawn ahead, if any, and puts the task back to its state before that batch. */
    void settle() {
        if (pending == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                pending.get();                               // the worker must be done with the task before it is restored
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;                                       // dropped; drawn again at its step, the error surfaces there
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        pending = null;
        task.restore(before);
        before = null;
    }

    private static Examples await(Future<Examples> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the next batch was drawn", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        settle();
        if (worker != null && !sharedWorker) {
            worker.shutdownNow();
        }
    }
}
