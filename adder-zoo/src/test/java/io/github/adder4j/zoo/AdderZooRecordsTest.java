package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.format.Formats;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of the zoo's records and of the index document. */
class AdderZooRecordsTest {
    private static final String SHA = "ab".repeat(32);
    private static final VerifiedResults RESULTS = new VerifiedResults(new Score(10_010, 10_010), new Score(779, 780),
            new Score(99_999, 100_000));

    private static ZooEntry entry(String id) {
        return new ZooEntry(id, ZooEntry.Category.TRAINED, 57, 61, Formats.LSB34_V10, "trained: x", RESULTS,
                LocalDate.of(2026, 1, 2), id + ".json", SHA);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void scoresParseAndPrint() {
        Score s = Score.parse("10009/10010");
        assertEquals(new Score(10_009, 10_010), s);
        assertEquals("10009/10010", s.toString());
        assertFalse(s.perfect());
        assertTrue(Score.parse("3/3").perfect());
        assertEquals("score must have the form P/N: 1/0", message(() -> Score.parse("1/0")));
        assertEquals("score must have the form P/N: 01/2", message(() -> Score.parse("01/2")));
        assertEquals("score must have the form P/N:  1/2", message(() -> Score.parse(" 1/2")));
        assertEquals("passed must be in [0, 2]: 3", message(() -> Score.parse("3/2")));
        assertEquals("passed must be in [0, 5]: -1", message(() -> new Score(-1, 5)));
        assertEquals("total must be positive: 0", message(() -> new Score(0, 0)));
    }

    @Test
    void verifiedResultsCheckTheProtocolTotals() {
        assertEquals(Map.of("adderboard", "10010/10010", "carry", "779/780", "random", "99999/100000"), RESULTS.toMap());
        assertEquals(List.of("adderboard", "carry", "random"), List.copyOf(RESULTS.toMap().keySet()));
        assertEquals(RESULTS, VerifiedResults.fromMap(Map.of("adderboard", "10010/10010", "carry", "779/780",
                "random", "99999/100000", "valExact", "1.0")));
        assertEquals("adderBoard total must be 10010: 10/10",
                message(() -> new VerifiedResults(new Score(10, 10), new Score(1, 1), new Score(1, 100_000))));
        assertEquals("random total must be 100000: 10000/10000",
                message(() -> new VerifiedResults(new Score(1, 10_010), new Score(1, 1), new Score(10_000, 10_000))));
        assertEquals("carry must not be null",
                message(() -> new VerifiedResults(new Score(1, 10_010), null, new Score(1, 100_000))));
        assertEquals("results must contain carry: [adderboard, random]",
                message(() -> VerifiedResults.fromMap(new java.util.TreeMap<>(Map.of("adderboard", "1/10010",
                        "random", "1/100000")))));
        assertEquals("results random: score must have the form P/N: all",
                message(() -> VerifiedResults.fromMap(Map.of("adderboard", "1/10010", "carry", "1/2", "random", "all"))));
    }

    @Test
    void entriesValidateEveryComponent() {
        ZooEntry ok = entry("split-57-s3");
        assertEquals("split-57-s3.json", ok.checkpoint());
        assertEquals("id must match [a-z0-9][a-z0-9._-]*: Split", message(() -> entry("Split")));
        assertEquals("id must match [a-z0-9][a-z0-9._-]*: ../x", message(() -> entry("../x")));
        assertEquals("id must match [a-z0-9][a-z0-9._-]*: null", message(() -> entry(null)));
        assertEquals("category must not be null", message(() -> new ZooEntry("a", null, 1, 1, Formats.LSB34_V10, "p",
                RESULTS, LocalDate.EPOCH, "a.json", SHA)));
        assertEquals("uniqueParameters must be >= 0: -1", message(() -> new ZooEntry("a", ZooEntry.Category.TRAINED, -1, 1,
                Formats.LSB34_V10, "p", RESULTS, LocalDate.EPOCH, "a.json", SHA)));
        assertEquals("provenance must not be blank:  ", message(() -> new ZooEntry("a", ZooEntry.Category.TRAINED, 1, 1,
                Formats.LSB34_V10, " ", RESULTS, LocalDate.EPOCH, "a.json", SHA)));
        assertEquals("checkpoint must be a resource name like a.json: sub/a.json", message(() -> new ZooEntry("a",
                ZooEntry.Category.TRAINED, 1, 1, Formats.LSB34_V10, "p", RESULTS, LocalDate.EPOCH, "sub/a.json", SHA)));
        assertEquals("sha256 must be 64 lowercase hexadecimal digits: ABC", message(() -> new ZooEntry("a",
                ZooEntry.Category.TRAINED, 1, 1, Formats.LSB34_V10, "p", RESULTS, LocalDate.EPOCH, "a.json", "ABC")));
    }

    @Test
    void theIndexRoundTripsAndRejectsMalformedDocuments() {
        List<ZooEntry> entries = List.of(entry("a"), entry("b"));
        String json = ZooIndex.toJson(entries);
        assertEquals(entries, ZooIndex.parse(json, "x.json"));
        assertEquals("zoo index x.json: duplicate entry id a at entries[1]",
                message(() -> ZooIndex.parse(ZooIndex.toJson(List.of(entry("a"), entry("a"))), "x.json")));
        assertEquals("zoo index x.json: field \"format\" must be \"adder4j-zoo\": \"other\"",
                message(() -> ZooIndex.parse(json.replace("\"adder4j-zoo\"", "\"other\""), "x.json")));
        assertEquals("zoo index x.json: unsupported version 2 (this reader supports 1)",
                message(() -> ZooIndex.parse(json.replace("\"version\": 1", "\"version\": 2"), "x.json")));
        assertEquals("zoo index x.json: entries[0]: missing field \"sha256\"",
                message(() -> ZooIndex.parse(json.replaceFirst(",\\s*\"sha256\": \"[0-9a-f]+\"", ""), "x.json")));
        assertEquals("zoo index x.json: entries[0]: field \"category\" must be TRAINED or HAND_CODED: GROWN",
                message(() -> ZooIndex.parse(json.replaceFirst("\"TRAINED\"", "\"GROWN\""), "x.json")));
        assertEquals("zoo index x.json: entries[0]: unknown format: lsb99 (known: lsb34-v10, lsb34-v14, msb-rev-v14, "
                + "q24-v10, rope19-31)", message(() -> ZooIndex.parse(json.replaceFirst("\"lsb34-v10\"", "\"lsb99\""), "x.json")));
    }
}
