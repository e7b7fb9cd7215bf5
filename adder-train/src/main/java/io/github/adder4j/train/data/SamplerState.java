package io.github.adder4j.train.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The resumable state of a {@link PairSampler}: everything needed, together with the sampler's configuration, to
 * continue drawing exactly the same batches. Plain data (ints, longs, lists), so it serialises directly to JSON.
 *
 * @param nextStep one more than the step of the most recent batch drawn, 0 before the first
 * @param words the sampler's own words (RNG state and counters, layout defined by each sampler)
 * @param inner the states of wrapped samplers, in the order each sampler documents
 */
public record SamplerState(int nextStep, long[] words, List<SamplerState> inner) {

    /**
     * Validates and copies.
     *
     * @param nextStep non-negative
     * @param words not null
     * @param inner not null, no null entries
     */
    public SamplerState {
        if (nextStep < 0) {
            throw new IllegalArgumentException("nextStep must be >= 0: " + nextStep);
        }
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(inner, "inner");
        words = words.clone();
        inner = List.copyOf(inner);
    }

    /**
     * The words (a copy).
     *
     * @return the words
     */
    @Override
    public long[] words() {
        return words.clone();
    }

    /**
     * Checks that this state has the shape a sampler expects.
     *
     * @param sampler the sampler's name, for the message
     * @param wordCount expected number of words
     * @param innerCount expected number of inner states
     */
    void requireShape(String sampler, int wordCount, int innerCount) {
        if (words.length != wordCount || inner.size() != innerCount) {
            throw new IllegalArgumentException("state for " + sampler + " must have " + wordCount + " words and "
                    + innerCount + " inner states: " + words.length + " words and " + inner.size() + " inner states");
        }
    }

    /** Word {@code i} without copying. */
    long word(int i) {
        return words[i];
    }

    /** Words {@code from..from+count-1} as a new array. */
    long[] words(int from, int count) {
        return Arrays.copyOfRange(words, from, from + count);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplerState s && s.nextStep == nextStep && Arrays.equals(s.words, words)
                && s.inner.equals(inner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nextStep, Arrays.hashCode(words), inner);
    }

    @Override
    public String toString() {
        return "SamplerState[nextStep=" + nextStep + ", words=" + Arrays.toString(words) + ", inner=" + inner + "]";
    }
}
