package io.github.adder4j.examples.cli;

import io.github.adder4j.core.eval.Case;
import io.github.adder4j.core.io.Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads addition pairs, one {@code a b} per line (any blanks between), in batches so that a file of any length is
 * processed in constant memory. Everything from {@code #} to the end of a line is a comment; blank lines are skipped.
 * Operands are whole numbers in ASCII digits ({@code 0-9} only: other scripts' digits are refused); a line that is not
 * two of them is quoted in the message with control characters escaped.
 */
public final class PairsFile {
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\f]+");
    private static final Pattern OPERAND = Pattern.compile("-?[0-9]{1,18}");

    /** Longest line read: longer ones are refused without being held in memory. */
    static final int MAX_LINE_CHARS = 4096;

    private final BufferedReader lines;
    private final String name;
    private int lineNumber;

    private PairsFile(Reader in, String name) {
        this.lines = new BufferedReader(in);
        this.name = name;
    }

    /**
     * A reader of the pairs of {@code in}, batch by batch ({@link #next(int)}).
     *
     * @param name the file as the user gave it, used as {@code name:line} in messages
     */
    public static PairsFile open(Reader in, String name) {
        return new PairsFile(in, name);
    }

    /**
     * All pairs of {@code in}, in order.
     *
     * @param name the file as the user gave it, used as {@code name:line} in messages
     * @throws IllegalArgumentException {@code name:line: ...} for a line that is not two whole numbers (quoting the
     *                                  line) or whose operands are out of range (the library's message)
     * @throws UncheckedIOException     when reading fails
     */
    public static List<Case> read(Reader in, String name) {
        PairsFile file = open(in, name);
        List<Case> pairs = new ArrayList<>();
        for (List<Case> batch = file.next(4096); !batch.isEmpty(); batch = file.next(4096)) {
            pairs.addAll(batch);
        }
        return pairs;
    }

    /**
     * The next pairs, at most {@code max} of them; empty at the end of the input.
     *
     * @throws IllegalArgumentException as {@link #read}
     * @throws UncheckedIOException     when reading fails
     */
    public List<Case> next(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        List<Case> pairs = new ArrayList<>(Math.min(max, 4096));
        try {
            while (pairs.size() < max) {
                String line = readLine();
                if (line == null) {
                    break;
                }
                lineNumber++;
                int hash = line.indexOf('#');
                String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!text.isEmpty()) {
                    pairs.add(parse(text, line.strip(), name + ":" + lineNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
        return pairs;
    }

    /** The next line without its terminator, or null at the end; a line over {@link #MAX_LINE_CHARS} is refused. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c = lines.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() >= MAX_LINE_CHARS) {
                throw new IllegalArgumentException(name + ":" + (lineNumber + 1) + ": line longer than " + MAX_LINE_CHARS
                        + " characters");
            }
            line.append((char) c);
            c = lines.read();
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private static Case parse(String text, String line, String where) {
        String[] parts = BLANKS.split(text);
        if (parts.length != 2 || !OPERAND.matcher(parts[0]).matches() || !OPERAND.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException(where + ": expected two whole numbers \"a b\" in digits 0-9: " + Text.shown(line));
        }
        try {
            return new Case(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
