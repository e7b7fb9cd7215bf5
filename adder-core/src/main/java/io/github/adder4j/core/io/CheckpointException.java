package io.github.adder4j.core.io;

/**
 * A checkpoint document that cannot be loaded: not JSON, truncated, not an adder4j checkpoint, an unsupported version,
 * a missing or ill-typed field, tensor data that does not fit its shape, or parameters whose checksum differs from the
 * one recorded.
 *
 * <p>It extends {@link IllegalArgumentException} because the document is a bad input value, like any other bad
 * argument in adder4j; code that already handles invalid arguments handles bad checkpoints too. Failures to read or
 * write a file at all (missing file, permissions) are {@link java.io.UncheckedIOException}s instead.
 *
 * <p>The message has the form {@code checkpoint <source>: <problem>}, e.g.
 * {@code checkpoint x.json: truncated or malformed JSON (unexpected end of input)}.
 */
public final class CheckpointException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The name of the document, usually its file name. */
    private final String source;

    /** What is wrong with it. */
    private final String problem;

    /**
     * A failure to load the document {@code source}.
     *
     * @param source  the document's name (file name or resource name)
     * @param problem what is wrong, without the source
     * @param cause   the underlying exception, or null
     */
    public CheckpointException(String source, String problem, Throwable cause) {
        super("checkpoint " + source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /**
     * The name of the document that failed to load.
     *
     * @return the file or resource name given to the reader, e.g. {@code best.json}
     */
    public String source() {
        return source;
    }

    /**
     * What is wrong with the document (the message without the {@code checkpoint <source>: } prefix).
     *
     * @return the problem alone, as the message says it after the prefix
     */
    public String problem() {
        return problem;
    }
}
