package io.github.adder4j.examples.cli;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PyTorch's operator profiler around some work ({@code --profile FILE} of the bench commands): writes the Chrome trace
 * (open it in chrome://tracing or Perfetto) and prints the operators that took the most self time (their time minus the
 * time of the operators they called), per unit of work.
 */
final class OperatorProfile {
    private OperatorProfile() { }

    /**
     * One operator's total.
     *
     * @param name        the operator, e.g. {@code aten::bmm}
     * @param selfMicros  its self time in microseconds, summed
     * @param calls       how often it ran
     */
    record Row(String name, double selfMicros, long calls) { }

    /**
     * Runs {@code work} under the profiler, writes the trace to {@code trace} and prints the top {@code top} operators by
     * self time, divided by {@code units} (e.g. steps).
     */
    static void run(Runnable work, Path trace, int units, String unit, int top, PrintWriter out) {
        JniUtils.startProfile(false, true, false);
        try {
            work.run();
        } finally {
            JniUtils.stopProfile(trace.toAbsolutePath().toString());
        }
        List<Row> rows = selfTimes(trace);
        double total = rows.stream().mapToDouble(Row::selfMicros).sum();
        out.println(String.format(Locale.ROOT, "profile: %.2f ms of operator self time per %s (trace %s); top operators:",
                total / 1000 / units, unit, trace));
        for (Row r : rows.subList(0, Math.min(top, rows.size()))) {
            out.println(String.format(Locale.ROOT, "  %8.3f ms/%s %5.1f%% %7.1f calls/%s  %s", r.selfMicros() / 1000 / units, unit,
                    100 * r.selfMicros() / total, (double) r.calls() / units, unit, r.name()));
        }
        out.flush();
    }

    /** Each operator's self time from a Chrome trace: complete events nested by time on each thread. */
    static List<Row> selfTimes(Path trace) {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(trace));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + trace, e);
        }
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject().getAsJsonArray("traceEvents");
        List<JsonObject> complete = new ArrayList<>();
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("ph") && o.get("ph").getAsString().equals("X") && o.has("dur")) {
                complete.add(o);
            }
        }
        complete.sort(Comparator.comparing((JsonObject o) -> o.has("tid") ? o.get("tid").getAsString() : "")
                .thenComparingDouble(o -> o.get("ts").getAsDouble())
                .thenComparingDouble(o -> -o.get("dur").getAsDouble()));
        Map<String, double[]> totals = new HashMap<>();
        Deque<JsonObject> open = new ArrayDeque<>();
        String thread = null;
        for (JsonObject o : complete) {
            String tid = o.has("tid") ? o.get("tid").getAsString() : "";
            if (!tid.equals(thread)) {
                open.clear();
                thread = tid;
            }
            double ts = o.get("ts").getAsDouble();
            double dur = o.get("dur").getAsDouble();
            while (!open.isEmpty() && open.peek().get("ts").getAsDouble() + open.peek().get("dur").getAsDouble() <= ts) {
                open.pop();
            }
            if (!open.isEmpty()) {
                totals.computeIfAbsent(open.peek().get("name").getAsString(), k -> new double[2])[0] -= dur;
            }
            double[] t = totals.computeIfAbsent(o.get("name").getAsString(), k -> new double[2]);
            t[0] += dur;
            t[1]++;
            open.push(o);
        }
        List<Row> rows = new ArrayList<>();
        totals.forEach((name, t) -> rows.add(new Row(name, t[0], (long) t[1])));
        rows.sort(Comparator.comparingDouble(Row::selfMicros).reversed());
        return rows;
    }
}
