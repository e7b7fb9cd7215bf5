package io.github.adder4j.examples.docs;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table, written with padded columns so that the source reads as a table too. */
final class MarkdownTable {
    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * A table with these column headers; a header starting with '#' marks a right-aligned (numeric) column, the '#' is
     * not printed.
     */
    MarkdownTable(String... columns) {
        header = new ArrayList<>();
        numeric = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            numeric[i] = columns[i].startsWith("#");
            header.add(numeric[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    /**
     * Appends a row.
     *
     * @throws IllegalArgumentException when the number of cells differs from the number of columns
     */
    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row must have " + header.size() + " cells: " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c).replace("|", "\\|"));
        }
        rows.add(row);
        return this;
    }

    /** The table, one line per row, without a trailing line break. */
    String render() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(3, header.get(i).length());
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, width));
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < width.length; i++) {
            rule.add("-".repeat(width[i] - 1) + (numeric[i] ? ":" : "-"));
        }
        lines.add(line(rule, width));
        for (List<String> r : rows) {
            lines.add(line(r, width));
        }
        return String.join("\n", lines);
    }

    private String line(List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            sb.append(' ').append(numeric[i] ? pad + c : c + pad).append(" |");
        }
        return sb.toString();
    }
}
