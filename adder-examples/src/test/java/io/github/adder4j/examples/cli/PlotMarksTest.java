package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plot's vertical lines: curriculum changes, resumes, stops, and the best step even at exact match 0. */
class PlotMarksTest {

    private static Path run(Path dir, String data, String events) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"recipe\": {\"data\": \"" + data + "\"}}");
        StringBuilder metrics = new StringBuilder();
        for (int step = 0; step <= 9000; step += 1000) {
            metrics.append("{\"step\":").append(step).append(",\"loss\":1.5,\"lr\":0.01");
            if (step > 0 && step % 2000 == 0) {
                metrics.append(",\"valExact\":0.0,\"tokenAccuracy\":0.3");
            }
            metrics.append("}\n");
        }
        Files.writeString(dir.resolve("metrics.jsonl"), metrics);
        Files.writeString(dir.resolve("events.jsonl"), events);
        return dir;
    }

    @Test
    void curriculumResumeStopAndAZeroBestAreMarked(@TempDir Path dir) throws Exception {
        RunMetrics m = RunMetrics.read(run(dir, "CARRY_MIX_57", """
                {"event":"rss_start","rssMb":170,"step":0}
                {"event":"best","step":2000,"valExact":0.0}
                {"event":"stopped","step":4100}
                {"event":"rss_start","rssMb":170,"step":4100}
                {"event":"early_stop","step":9000,"perfectSince":1}
                """), "--run");
        List<String> names = TrainingCurves.verticals(m).stream().map(TrainingCurves.Vertical::name).toList();
        assertEquals(List.of("best @ step 2000 (exact 0.0000)", "curriculum: 6 digits @ step 2000", "stopped @ step 4100",
                "resumed @ step 4100", "curriculum: 10 digits @ step 7000", "stopped @ step 9000"), names);
    }

    @Test
    void uniformDataHasNoCurriculumMarks(@TempDir Path dir) throws Exception {
        RunMetrics m = RunMetrics.read(run(dir, "UNIFORM", ""), "--run");
        assertEquals(List.of(), m.marks());
        assertEquals(List.of("best @ step 2000 (exact 0.0000)"),
                TrainingCurves.verticals(m).stream().map(TrainingCurves.Vertical::name).toList());
    }
}
