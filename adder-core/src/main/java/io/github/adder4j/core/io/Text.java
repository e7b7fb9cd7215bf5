package io.github.adder4j.core.io;

/**
 * Checks and formatting for the strings stored in checkpoints, and the one way adder4j shows text that comes from
 * outside (file lines, command-line values) in messages: quoted, with control and format characters (terminal escape
 * sequences, bidirectional overrides) escaped, cut to a readable length.
 */
public final class Text {

    /** Characters of outside text that {@link #shown(String)} keeps. */
    public static final int SHOWN_CHARS = 60;

    private Text() {
    }

    /**
     * Checks that {@code value} is non-null and well-formed UTF-16 (no unpaired surrogate), so that it survives the
     * UTF-8 encoding of checkpoint files unchanged.
     *
     * @param what the argument name used in the exception message
     * @return {@code value}
     */
    static String requireWellFormed(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        int bad = firstUnpairedSurrogate(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    what + " must be well-formed Unicode (unpaired surrogate at index " + bad + "): " + quote(value));
        }
        return value;
    }

    /** Index of the first unpaired surrogate char in {@code s}, or -1 when there is none. */
    static int firstUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Text from outside as it may appear in a message: {@link #quote quoted} and cut after {@link #SHOWN_CHARS}
     * characters (marked by {@code ...}), so that no terminal escape sequence reaches the terminal.
     *
     * @param s text from a file or a user, may be null
     * @return the text quoted, at most {@link #SHOWN_CHARS} characters of it; {@code null} for a null string
     */
    public static String shown(String s) {
        if (s == null) {
            return "null";
        }
        if (s.length() <= SHOWN_CHARS) {
            return quote(s);
        }
        int end = Character.isHighSurrogate(s.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return quote(s.substring(0, end)) + "...";
    }

    /**
     * {@code s} in double quotes, with quotes, backslashes, control and format characters escaped Java-style.
     *
     * @param s any text, not null
     * @return the text between double quotes, escaped
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !isPairedAt(s, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
