package io.github.adder4j.core.prove;

import java.util.Objects;

/**
 * The decision about one model: proved correct on all 10^20 inputs, a confirmed counterexample, or unknown with the reason.
 *
 * @param outcome        which of the three
 * @param id             the model's name
 * @param counterexample the failing pair (COUNTEREXAMPLE only)
 * @param reason         what could not be bounded, where (UNKNOWN only)
 * @param proof          the proof attempt, or null when the architecture is not supported
 * @param certificate    the certificate (PROVED only)
 * @param tried          pairs the counterexample search ran through the model
 */
public record Verdict(Outcome outcome, String id, CounterexampleSearch.Counterexample counterexample, String reason, Prover.Proof proof,
                      Certificate certificate, long tried) {

    /** The three outcomes. */
    public enum Outcome {
        /** Correct on all 10^20 inputs, with a certificate. */
        PROVED,
        /** A pair the model adds wrongly, confirmed by running the model. */
        COUNTEREXAMPLE,
        /** Neither a proof nor a counterexample within the budget. */
        UNKNOWN
    }

    /**
     * Validates that the parts fit the outcome.
     *
     * @param outcome which of the three
     * @param id the model's name
     * @param counterexample the failing pair (COUNTEREXAMPLE only)
     * @param reason what could not be bounded, where (UNKNOWN only)
     * @param proof the proof attempt, or null when the architecture is not supported
     * @param certificate the certificate (PROVED only)
     * @param tried pairs the counterexample search ran through the model
     */
    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(id, "id");
        if ((outcome == Outcome.PROVED) != (certificate != null) || (outcome == Outcome.COUNTEREXAMPLE) != (counterexample != null)
                || (outcome == Outcome.UNKNOWN) != (reason != null)) {
            throw new IllegalArgumentException("verdict " + outcome + " needs exactly its own evidence");
        }
    }

    /**
     * The one-line result: {@code PROVED: ...}, {@code COUNTEREXAMPLE: a + b = expected, got X} or {@code UNKNOWN: ...}.
     *
     * @return the result as one line, starting with the outcome
     */
    public String line() {
        return switch (outcome) {
            case PROVED -> "PROVED: " + id + " is correct on all 10^20 inputs";
            case COUNTEREXAMPLE -> "COUNTEREXAMPLE: " + counterexample.a() + " + " + counterexample.b() + " = " + counterexample.expected()
                    + ", got " + counterexample.got();
            case UNKNOWN -> "UNKNOWN: " + reason;
        };
    }
}
