package io.github.adder4j.examples.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.data.DigitCurriculum;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The curves and events of one training run directory, read from its {@code metrics.jsonl} and {@code events.jsonl}
 * (written by {@code io.github.adder4j.train.Trainer}).
 *
 * <p>The run may still be running: a malformed <em>last</em> line is taken to be half-written and skipped with a
 * warning; a malformed line anywhere else is an error naming the file and line.
 *
 * @param dir    the run directory
 * @param points one point per metrics line, by step
 * @param grok   the step of the first {@code grok} event, if any
 * @param best   the best validation exact match and its step: the last {@code best} event, else the metrics line with
 *               the highest {@code valExact}; empty when no evaluation has happened
 */
record RunMetrics(Path dir, List<Point> points, OptionalLong grok, Optional<Best> best, List<Mark> marks) {

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    /** Validates that there is at least one point and copies the list (sorted by step). */
    RunMetrics {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(grok, "grok");
        Objects.requireNonNull(best, "best");
        marks = List.copyOf(marks);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points must not be empty");
        }
        points = points.stream().sorted(Comparator.comparingLong(Point::step)).toList();
    }

    /**
     * One metrics line; absent fields are NaN ({@code valExact}, {@code tokenAccuracy} and {@code trainExact} are only
     * on evaluation lines).
     *
     * @param step          optimizer steps done, at least 0
     * @param loss          mean training loss since the previous line
     * @param lr            learning rate
     * @param wd            weight decay
     * @param valExact      validation exact-match rate
     * @param tokenAccuracy validation per-token accuracy
     * @param trainExact    exact-match rate on training pairs
     */
    record Point(long step, double loss, double lr, double wd, double valExact, double tokenAccuracy, double trainExact) {
        /** Validates the step. */
        Point {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0: " + step);
            }
        }
    }

    /**
     * The best evaluation of a run.
     *
     * @param step     its step, at least 0
     * @param valExact its validation exact-match rate, in [0, 1]
     */
    record Best(long step, double valExact) {
        /** Validates the step and the rate. */
        Best {
            if (step < 0) {
                throw new IllegalArgumentException("step must be >= 0: " + step);
            }
            if (!(valExact >= 0 && valExact <= 1)) {
                throw new IllegalArgumentException("valExact must be in [0, 1]: " + valExact);
            }
        }
    }

    /**
     * A step worth a vertical line in the plot besides grokking and the best evaluation.
     *
     * @param step  the step
     * @param kind  what happened there
     * @param label the legend text, e.g. {@code resumed @ step 1200}
     */
    record Mark(long step, Kind kind, String label) {
        /** What a mark marks. */
        enum Kind {
            /** A run continued from a checkpoint ({@code rss_start} event after step 0). */
            RESUMED,
            /** A run stopped on request or early ({@code stopped}, {@code early_stop} events). */
            STOPPED,
            /** The digit curriculum widens (from the recipe's data in config.json). */
            CURRICULUM
        }
    }

    /** The curriculum marks of the recipe's data, up to {@code lastStep}; none when config.json names no such data. */
    private static List<Mark> curriculumMarks(Path dir, long lastStep) {
        List<Mark> marks = new ArrayList<>();
        try {
            JsonObject config = JsonParser.parseString(Files.readString(RunFiles.config(dir), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            JsonElement data = Recipe.FIELDS.value(config.getAsJsonObject("recipe"), "data");
            String name = data == null ? "" : data.getAsString();
            if (name.startsWith("CARRY_MIX") || name.equals("DIGIT_LENGTH")) {
                for (DigitCurriculum.Phase phase : DigitCurriculum.standard().phases()) {
                    if (phase.fromStep() > 0 && phase.fromStep() <= lastStep) {
                        marks.add(new Mark(phase.fromStep(), Mark.Kind.CURRICULUM,
                                "curriculum: " + phase.maxDigits() + " digits @ step " + phase.fromStep()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no curriculum marks for {}: {}", dir, e.toString());
        }
        return marks;
    }

    /** The last step with a metrics line. */
    long lastStep() {
        return points.get(points.size() - 1).step();
    }

    /** Whether any line carries a validation result. */
    boolean hasEvaluations() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.valExact()));
    }

    /**
     * Reads a run directory.
     *
     * @param dir    the directory (its existence is checked by the caller)
     * @param option the option that named it, for messages
     * @throws IllegalArgumentException when metrics.jsonl is missing, unreadable, empty or has a malformed line
     */
    static RunMetrics read(Path dir, String option) {
        Path metricsFile = RunFiles.metrics(dir);
        List<JsonObject> metricLines = lines(metricsFile, option + " " + dir, true);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < metricLines.size(); i++) {
            points.add(point(metricLines.get(i), metricsFile, i + 1));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(option + " " + dir + ": " + metricsFile.getFileName()
                    + " has no metric lines yet");
        }
        OptionalLong grok = OptionalLong.empty();
        Best best = null;
        List<Mark> marks = new ArrayList<>(curriculumMarks(dir, points.get(points.size() - 1).step()));
        for (JsonObject event : lines(RunFiles.events(dir), option + " " + dir, false)) {
            String name = event.has("event") && event.get("event").isJsonPrimitive() ? event.get("event").getAsString() : "";
            OptionalLong step = longField(event, "step");
            if (step.isEmpty()) {
                continue;
            }
            if (name.equals("grok") && grok.isEmpty()) {
                grok = step;
            } else if (name.equals("rss_start") && step.getAsLong() > 0) {
                marks.add(new Mark(step.getAsLong(), Mark.Kind.RESUMED, "resumed @ step " + step.getAsLong()));
            } else if (name.equals("stopped") || name.equals("early_stop")) {
                marks.add(new Mark(step.getAsLong(), Mark.Kind.STOPPED, "stopped @ step " + step.getAsLong()));
            } else if (name.equals("best")) {
                JsonElement v = event.get("valExact");
                if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                        && v.getAsDouble() >= 0 && v.getAsDouble() <= 1) {
                    best = new Best(step.getAsLong(), v.getAsDouble());
                }
            }
        }
        if (best == null) {
            Point top = null;
            for (Point p : points) {
                if (!Double.isNaN(p.valExact()) && (top == null || p.valExact() > top.valExact())) {
                    top = p;
                }
            }
            best = top == null ? null : new Best(top.step(), top.valExact());
        }
        marks.sort(Comparator.comparingLong(Mark::step));
        return new RunMetrics(dir, points, grok, Optional.ofNullable(best), marks);
    }

    private static Point point(JsonObject o, Path file, int line) {
        OptionalLong step = longField(o, "step");
        if (step.isEmpty()) {
            throw new IllegalArgumentException(file + " line " + line + ": no integer \"step\" field");
        }
        try {
            return new Point(step.getAsLong(), number(o, "loss"), number(o, "lr"), number(o, "wd"), number(o, "valExact"),
                    number(o, "tokenAccuracy"), number(o, "trainExact"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
        }
    }

    private static OptionalLong longField(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return OptionalLong.empty();
        }
        double v = e.getAsDouble();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? OptionalLong.of((long) v) : OptionalLong.empty();
    }

    private static double number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a number: " + e);
        }
        return e.getAsDouble();
    }

    /**
     * The JSON objects of a JSONL file, blank lines skipped. A malformed last line is skipped (the writer may be
     * mid-line); a malformed earlier line is an error.
     */
    private static List<JsonObject> lines(Path file, String context, boolean required) {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new IllegalArgumentException(context + ": no " + file.getFileName()
                        + " (is this a training run directory?)", e);
            }
            return List.of();
        } catch (IOException e) {
            throw new IllegalArgumentException(context + ": cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
        int last = text.size() - 1;
        while (last >= 0 && text.get(last).isBlank()) {
            last--;
        }
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            String line = text.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonObject object = parse(line);
            if (object == null) {
                if (i == last) {
                    LOG.warn("{} line {}: skipped an incomplete last line (is the run still writing?)", file, i + 1);
                    continue;
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a JSON object: " + abbreviate(line));
            }
            out.add(object);
        }
        return out;
    }

    private static JsonObject parse(String line) {
        try {
            JsonElement e = JsonParser.parseString(line);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
