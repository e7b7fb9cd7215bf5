package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import io.github.adder4j.core.io.PublishedFixture;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proof that the builder is faithful: published weights loaded into our presets reproduce the published AdderBoard
 * results exactly, failures included.
 */
class ConformanceTest {

    private static SuiteResult adderBoard(AdderModel model) {
        return new SuiteRunner().run(Suite.adderBoard(), model.adder());
    }

    private static List<String> failures(SuiteResult r) {
        List<String> out = new ArrayList<>();
        for (Failure f : r.failures()) {
            out.add(f.a() + "+" + f.b() + "=" + f.got());
        }
        return out;
    }

    private static List<String> expectedFailures(PublishedFixture f) {
        List<String> out = new ArrayList<>();
        for (long[] x : f.expectedFailures()) {
            out.add(x[0] + "+" + x[1] + "=" + x[2]);
        }
        return out;
    }

    @Test
    void split57Passes10010AndReproducesPublishedLogits() throws Exception {
        PublishedFixture fixture = Fixtures.read("published-57p.json");
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, fixture)) {
            SuiteResult r = adderBoard(model);
            assertEquals("AdderBoard: 10010/10010 passed", r.summaryLine());
            assertEquals(fixture.expectedAdderboard().orElseThrow(), r.passed() + "/" + r.total());

            JsonObject example = JsonParser.parseString(Files.readString(Fixtures.dir().resolve("published-57p-example.json"))).getAsJsonObject();
            JsonArray promptJson = example.getAsJsonArray("prompt");
            long[] prompt = new long[promptJson.size()];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = promptJson.get(i).getAsLong();
            }
            float[][][] logits = model.logits(new long[][] {prompt});
            JsonArray expected = example.getAsJsonArray("logits_pos21");
            for (int k = 0; k < expected.size(); k++) {
                double e = expected.get(k).getAsDouble();
                double got = logits[0][21][k];
                assertEquals(0, Math.abs(got - e) / Math.abs(e), 1e-3, "logit " + k + ": " + got + " vs " + e);
            }
        }
    }

    @Test
    void split234Passes10001WithExactlyThePublishedFailures() {
        PublishedFixture fixture = Fixtures.read("published-234p.json");
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_234, fixture)) {
            SuiteResult r = adderBoard(model);
            assertEquals("AdderBoard: 10001/10010 passed", r.summaryLine());
            assertEquals(expectedFailures(fixture), failures(r));
        }
    }

    @Test
    void lowrank311Passes10010() {
        try (AdderModel model = PublishedWeights.load(Preset.LOWRANK_311, Fixtures.read("published-311p.json"))) {
            assertEquals("AdderBoard: 10010/10010 passed", adderBoard(model).summaryLine());
        }
    }

    @Test
    void rope122Passes10005WithExactlyThePublishedFailures() {
        PublishedFixture fixture = Fixtures.read("published-122p.json");
        try (AdderModel model = PublishedWeights.load(Preset.ROPE_122, fixture)) {
            SuiteResult r = adderBoard(model);
            assertEquals("AdderBoard: 10005/10010 passed", r.summaryLine());
            assertEquals(expectedFailures(fixture), failures(r));
        }
    }

    @Test
    void handCodedRope19Passes10010() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            assertEquals("AdderBoard: 10010/10010 passed", adderBoard(model).summaryLine());
        }
    }
}
