package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.params.ParameterReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every zoo entry loads, its recorded counts and AdderBoard score hold, and tampered files are refused. */
class AdderZooTest {
    /** Every entry's model, loaded once for the class. */
    private static final Map<String, AdderModel> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void loadAll() {
        for (ZooEntry entry : AdderZoo.list()) {
            MODELS.put(entry.id(), AdderZoo.loadModel(entry.id()));
        }
    }

    @AfterAll
    static void closeAll() {
        MODELS.values().forEach(AdderModel::close);
        MODELS.clear();
    }

    private static byte[] resourceBytes(ZooEntry entry) throws IOException {
        try (InputStream in = AdderZooTest.class.getClassLoader()
                .getResourceAsStream(AdderZoo.RESOURCE_FOLDER + entry.checkpoint())) {
            assertNotNull(in, "missing resource " + entry.checkpoint());
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theIndexListsTheHandCodedRope19Entry() {
        ZooEntry rope = AdderZoo.entry("rope19-10");
        assertEquals(ZooEntry.Category.HAND_CODED, rope.category());
        assertEquals("rope19-10.json", rope.checkpoint());
        assertEquals(Preset.ROPE19_10.publishedParameters(), rope.uniqueParameters());
        assertTrue(AdderZoo.list().contains(rope));
    }

    @Test
    void onlyQualifyingEntriesShip() {
        for (ZooEntry entry : AdderZoo.list()) {
            assertTrue(entry.results().qualifies(), entry.id() + ": " + entry.results().disqualification());
        }
    }

    @Test
    void everyEntryLoadsWithItsIndexedFormat() {
        assertFalse(AdderZoo.list().isEmpty());
        for (ZooEntry entry : AdderZoo.list()) {
            AdderModel model = MODELS.get(entry.id());
            assertEquals(entry.format(), model.config().format(), entry.id());
        }
    }

    @Test
    void metadataCountsEqualAFreshParameterReport() {
        for (ZooEntry entry : AdderZoo.list()) {
            ParameterReport report = MODELS.get(entry.id()).parameterReport();
            assertEquals(report.uniqueParameters(), entry.uniqueParameters(), entry.id() + " unique");
            assertEquals(report.strictParameters(), entry.strictParameters(), entry.id() + " strict");
        }
    }

    @Test
    void checkpointMetadataAgreesWithTheIndex() throws IOException, NoSuchAlgorithmException {
        for (ZooEntry entry : AdderZoo.list()) {
            byte[] bytes = resourceBytes(entry);
            assertEquals(entry.sha256(), sha256(bytes), entry.id());
            Checkpoint checkpoint = AdderZoo.readCheckpoint(entry, new ByteArrayInputStream(bytes));
            assertEquals(entry.results(), VerifiedResults.fromMap(checkpoint.metadata().results()), entry.id());
            assertEquals(entry.provenance(), checkpoint.metadata().provenance(), entry.id());
        }
    }

    @Test
    void handCodedEntriesHoldExactlyTheWeightsTheirCodeSets() {
        for (ZooEntry entry : AdderZoo.list()) {
            if (entry.category() != ZooEntry.Category.HAND_CODED) {
                continue;
            }
            try (AdderModel fresh = Preset.byId(entry.id()).create()) {
                List<Tensor> expected = fresh.tensors();
                List<Tensor> actual = MODELS.get(entry.id()).tensors();
                assertEquals(expected.size(), actual.size(), entry.id());
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i).name(), actual.get(i).name());
                    assertArrayEquals(expected.get(i).shape(), actual.get(i).shape(), expected.get(i).name());
                    assertArrayEquals(expected.get(i).values(), actual.get(i).values(), expected.get(i).name());
                }
            }
        }
    }

    /** The verified-claims test: each entry's recorded AdderBoard score is what a fresh run measures now. */
    @TestFactory
    Stream<DynamicTest> adderBoardClaimEqualsAFreshRun() {
        return AdderZoo.list().stream().map(entry -> DynamicTest.dynamicTest(entry.id(), () -> {
            SuiteResult fresh = Suite.adderBoard().run(MODELS.get(entry.id()).adder());
            assertEquals(entry.results().adderBoard(), new Score(fresh.passed(), fresh.total()));
        }));
    }

    @Test
    void loadGivesASharedWorkingAdder() {
        assertEquals(11_111_111_100L, AdderZoo.load("rope19-10").add(1_234_567_890L, 9_876_543_210L));
        assertSame(AdderZoo.load("rope19-10"), AdderZoo.load("rope19-10"));
    }

    @Test
    void tamperedBytesFailTheShaCheck() throws IOException, NoSuchAlgorithmException {
        ZooEntry entry = AdderZoo.entry("rope19-10");
        byte[] bytes = resourceBytes(entry);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("\"provenance\"");
        assertTrue(at > 0);
        byte[] tampered = bytes.clone();
        tampered[at + 1] = (byte) 'P';   // "Provenance": still the same length, no longer the indexed file
        String expected = "zoo entry rope19-10: checkpoint rope19-10.json has SHA-256 " + sha256(tampered)
                + " but the index records " + entry.sha256();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdderZoo.readCheckpoint(entry, new ByteArrayInputStream(tampered)));
        assertEquals(expected, e.getMessage());
        IllegalStateException viaModel = assertThrows(IllegalStateException.class,
                () -> AdderZoo.loadModel(entry, new ByteArrayInputStream(tampered)));
        assertEquals(expected, viaModel.getMessage());
        // the untouched bytes load
        try (AdderModel model = AdderZoo.loadModel(entry, new ByteArrayInputStream(bytes))) {
            assertEquals(entry.uniqueParameters(), model.parameterReport().uniqueParameters());
        }
    }

    @Test
    void indexCountsThatDisagreeWithTheCheckpointAreRefused() throws IOException {
        ZooEntry entry = AdderZoo.entry("rope19-10");
        ZooEntry wrong = new ZooEntry(entry.id(), entry.category(), entry.uniqueParameters() + 1, entry.strictParameters(),
                entry.format(), entry.provenance(), entry.results(), entry.date(), entry.checkpoint(), entry.sha256());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AdderZoo.readCheckpoint(wrong, new ByteArrayInputStream(resourceBytes(entry))));
        assertEquals("zoo entry rope19-10: the index says " + (entry.uniqueParameters() + 1) + "/" + entry.strictParameters()
                + " parameters (unique/strict) but the checkpoint says " + entry.uniqueParameters() + "/"
                + entry.strictParameters(), e.getMessage());
    }

    @Test
    void unknownIdsAreRefusedWithTheKnownIds() {
        String known = AdderZoo.list().stream().map(ZooEntry::id).collect(Collectors.joining(", "));
        assertTrue(known.contains("rope19-10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdderZoo.load("rope19-11"));
        assertEquals("unknown zoo entry: rope19-11 (known: " + known + ")", e.getMessage());
        IllegalArgumentException viaModel = assertThrows(IllegalArgumentException.class, () -> AdderZoo.loadModel("split-58"));
        assertEquals("unknown zoo entry: split-58 (known: " + known + ")", viaModel.getMessage());
        assertEquals("id must not be null",
                assertThrows(IllegalArgumentException.class, () -> AdderZoo.entry(null)).getMessage());
    }

    @Test
    void theShippedIndexIsInCanonicalForm() throws IOException {
        try (InputStream in = AdderZooTest.class.getClassLoader().getResourceAsStream(AdderZoo.RESOURCE_FOLDER + AdderZoo.INDEX)) {
            assertNotNull(in);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(text, ZooIndex.toJson(AdderZoo.list()));
            assertEquals(AdderZoo.list(), ZooIndex.parse(text, "zoo.json"));
        }
    }

    @Test
    void thePropertiesCoverTheHandCodedEntryAndATrainedOne() {
        List<ZooEntry> exact = AdderZoo.list().stream().filter(AdderZooProperties::claimsExactness).toList();
        assertTrue(exact.stream().anyMatch(e -> e.id().equals("rope19-10")), exact.toString());
        assertTrue(exact.stream().anyMatch(e -> e.category() == ZooEntry.Category.TRAINED),
                "at least one trained entry has no recorded failure, so AdderZooProperties tests a trained model: " + exact);
    }
}
