package io.github.adder4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches autograd recording off for the current thread (while a decoder runs forwards, or an optimiser changes
 * tensors in place), and restores the previous mode on close.
 *
 * <p>PyTorch refuses in-place changes of a leaf tensor that requires a gradient while grad mode is on, which is the
 * case inside a {@code GradientCollector} and in every thread DJL did not start (grad mode is thread-local and on by
 * default). Other engines are left alone.
 */
public final class GradMode implements AutoCloseable {

    private static final String PYTORCH = "PyTorch";

    private final boolean restore;
    private final boolean previous;

    private GradMode(boolean restore, boolean previous) {
        this.restore = restore;
        this.previous = previous;
    }

    /**
     * Turns grad mode off if {@code sample} belongs to the PyTorch engine.
     *
     * @param sample an array whose engine decides whether anything is done
     * @return a handle whose {@code close} restores grad mode; use it in try-with-resources
     */
    public static GradMode off(NDArray sample) {
        return off(sample == null ? null : sample.getManager());
    }

    /**
     * Turns grad mode off if {@code manager} belongs to the PyTorch engine.
     *
     * @param manager a manager whose engine decides whether anything is done
     * @return a handle whose {@code close} restores grad mode; use it in try-with-resources
     */
    public static GradMode off(ai.djl.ndarray.NDManager manager) {
        if (manager == null || !PYTORCH.equals(manager.getEngine().getEngineName())) {
            return new GradMode(false, false);
        }
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        return new GradMode(previous, true);
    }

    /** Restores the previous grad mode. */
    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(previous);
        }
    }
}
