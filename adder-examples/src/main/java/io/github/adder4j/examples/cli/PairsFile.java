package io.github.adder4j.examples.cli;

import io.github.adder4j.core.eval.Case;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads addition pairs, one {@code a b} per line (any blanks between). Everything from {@code #} to the end of a line
 * is a comment; blank lines are skipped.
 */
public final class PairsFile {
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private PairsFile() { }

    /**
     * The pairs of {@code in}, in order.
     *
     * @param name the file as the user gave it, used as {@code name:line} in messages
     * @throws IllegalArgumentException {@code name:line: ...} for a line that is not two whole numbers (quoting the
     *                                  line) or whose operands are out of range (the library's message)
     * @throws UncheckedIOException     when reading fails
     */
    public static List<Case> read(Reader in, String name) {
        List<Case> pairs = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        int lineNumber = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
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

    private static Case parse(String text, String line, String where) {
        String[] parts = BLANKS.split(text);
        long a;
        long b;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            a = Long.parseLong(parts[0]);
            b = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected two whole numbers \"a b\": " + line);
        }
        try {
            return new Case(a, b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
