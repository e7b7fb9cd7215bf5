package io.github.adder4j.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated sections of a Markdown file. A section is an opening marker line {@code <!-- generated:NAME -->}, its content
 * lines, and a closing marker line {@code <!-- /generated:NAME -->}; NAME is lowercase letters, digits and '-'. Sections do
 * not nest, and a name may occur in several places (each is rewritten with the same content).
 */
final class Markers {
    private Markers() { }

    private static final Pattern MARKER = Pattern.compile("^<!-- (/?)generated:([a-z0-9-]+) -->$", Pattern.MULTILINE);

    /**
     * One generated section.
     *
     * @param name the section's name
     * @param content the lines between the markers, joined with '\n' (no leading or trailing line break; empty when the
     *     markers are adjacent)
     */
    record Section(String name, String content) { }

    /** The opening marker of section {@code name}. */
    static String open(String name) {
        return "<!-- generated:" + name + " -->";
    }

    /** The closing marker of section {@code name}. */
    static String close(String name) {
        return "<!-- /generated:" + name + " -->";
    }

    /**
     * Every section of {@code text}, in order.
     *
     * @throws IllegalStateException naming {@code file} when a marker is unbalanced, nested or closes another name
     */
    static List<Section> sections(String text, String file) {
        List<Section> out = new ArrayList<>();
        for (int[] span : spans(text, file)) {
            out.add(new Section(text.substring(span[0], span[1]), content(text, span)));
        }
        return out;
    }

    /**
     * {@code text} with the content of every section called {@code name} replaced by {@code content}.
     *
     * @throws IllegalStateException when the markers of {@code file} are malformed
     */
    static String replace(String text, String name, String content, String file) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int[] span : spans(text, file)) {
            if (!text.substring(span[0], span[1]).equals(name)) {
                continue;
            }
            out.append(text, from, span[2]);
            out.append(content.isEmpty() ? "" : content + "\n");
            from = span[3];
        }
        return out.append(text.substring(from)).toString();
    }

    /**
     * For every section: name start and end, the start of its content (after the opening line's break) and the start of
     * its closing marker.
     */
    private static List<int[]> spans(String text, String file) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        String openName = null;
        int nameStart = -1;
        int nameEnd = -1;
        int contentStart = -1;
        while (m.find()) {
            boolean closing = !m.group(1).isEmpty();
            String name = m.group(2);
            int line = lineOf(text, m.start());
            if (!closing) {
                if (openName != null) {
                    throw new IllegalStateException(file + " line " + line + ": section " + name + " opens inside section "
                            + openName);
                }
                openName = name;
                nameStart = m.start(2);
                nameEnd = m.end(2);
                contentStart = Math.min(text.length(), m.end() + 1);
            } else {
                if (openName == null) {
                    throw new IllegalStateException(file + " line " + line + ": section " + name + " closes but is not open");
                }
                if (!openName.equals(name)) {
                    throw new IllegalStateException(file + " line " + line + ": section " + openName + " is closed by " + close(name));
                }
                spans.add(new int[] {nameStart, nameEnd, contentStart, m.start()});
                openName = null;
            }
        }
        if (openName != null) {
            throw new IllegalStateException(file + ": section " + openName + " is not closed");
        }
        return spans;
    }

    private static String content(String text, int[] span) {
        String c = text.substring(span[2], Math.max(span[2], span[3]));
        return c.endsWith("\n") ? c.substring(0, c.length() - 1) : c;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
