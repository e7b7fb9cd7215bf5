package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.format.TokenFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zoo through DJL's Criteria API, offline. */
class AdderZooCriteriaTest {

    private static Criteria<long[], Long> additionCriteria(String artifactId) {
        return Criteria.builder().setTypes(long[].class, Long.class)
                .optGroupId("io.github.adder4j").optArtifactId(artifactId).build();
    }

    @Test
    void runsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void criteriaLoadsRope19AndAdds() throws Exception {
        try (ZooModel<long[], Long> model = additionCriteria("rope19-10").loadModel();
             Predictor<long[], Long> predictor = model.newPredictor()) {
            assertEquals(11_111_111_100L, predictor.predict(new long[] {1_234_567_890L, 9_876_543_210L}));
            assertEquals("10", model.getProperty("adder4j.uniqueParameters"));
            assertEquals("rope19-31", model.getProperty("adder4j.format"));
            List<long[]> pairs = new ArrayList<>();
            pairs.add(new long[] {9_999_999_999L, 1L});
            pairs.add(new long[] {9_999_999_999L, 9_999_999_999L});
            pairs.add(new long[] {0L, 0L});
            pairs.add(new long[] {4_545_454_545L, 5_454_545_455L});
            List<Long> sums = predictor.batchPredict(pairs);
            assertEquals(List.of(10_000_000_000L, 19_999_999_998L, 0L, 10_000_000_000L), sums);
        }
    }

    @Test
    void badInputsFailThePrediction() throws Exception {
        try (ZooModel<long[], Long> model = additionCriteria("rope19-10").loadModel();
             Predictor<long[], Long> predictor = model.newPredictor()) {
            TranslateException three = assertThrows(TranslateException.class, () -> predictor.predict(new long[] {1, 2, 3}));
            assertEquals("input must be {a, b}: 3 values", rootCause(three).getMessage());
            TranslateException big = assertThrows(TranslateException.class,
                    () -> predictor.predict(new long[] {10_000_000_000L, 2}));
            assertInstanceOf(IllegalArgumentException.class, rootCause(big));
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Test
    void rawCriteriaGivesTheNetworkLogits() throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optGroupId("io.github.adder4j").optArtifactId("rope19-10").build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor();
             AdderModel reference = AdderZoo.loadModel("rope19-10");
             NDManager manager = NDManager.newBaseManager()) {
            TokenFormat format = reference.format();
            long[][] prompts = format.prompts(new long[] {1_234_567_890L}, new long[] {9_876_543_210L});
            NDArray tokens = manager.create(prompts);
            NDList out = predictor.predict(new NDList(tokens));
            float[][][] expected = reference.logits(prompts);
            NDArray logits = out.singletonOrThrow();
            assertArrayEquals(new long[] {1, prompts[0].length, format.vocabSize()}, logits.getShape().getShape());
            double[] actual = logits.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            int i = 0;
            for (float[] row : expected[0]) {
                for (float v : row) {
                    assertEquals(v, actual[i++], 1e-3 * Math.max(1, Math.abs(v)));
                }
            }
        }
    }

    @Test
    void theZooIsRegisteredWithOneLoaderPerEntry() {
        ModelZoo zoo = ModelZoo.getModelZoo("io.github.adder4j");
        assertInstanceOf(AdderModelZoo.class, zoo);
        List<String> artifacts = new ArrayList<>();
        for (ModelLoader loader : zoo.getModelLoaders()) {
            assertEquals("io.github.adder4j", loader.getGroupId());
            artifacts.add(loader.getArtifactId());
        }
        List<String> expected = new ArrayList<>(ImageZoo.list().stream().map(ImageZooEntry::id).toList());
        expected.addAll(AdderZoo.list().stream().map(ZooEntry::id).toList());
        assertEquals(expected, artifacts);
        assertEquals("rope19-10", zoo.getModelLoader("rope19-10").getArtifactId());
    }

    @Test
    void searchesThatNameNeitherTheGroupNorAnArtifactNeverLoadAZooEntry() {
        Criteria<NDList, NDList> anything = Criteria.builder().setTypes(NDList.class, NDList.class).build();
        ModelLoader loader = ModelZoo.getModelZoo("io.github.adder4j").getModelLoader("rope19-10");
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, () -> loader.loadModel(anything));
        assertEquals("zoo entry rope19-10 is only loaded by group id io.github.adder4j or artifact id rope19-10",
                e.getMessage());
    }

    @Test
    void anArtifactIdAloneFindsTheEntry() throws Exception {
        Criteria<long[], Long> criteria = Criteria.builder().setTypes(long[].class, Long.class).optArtifactId("rope19-10")
                .build();
        try (ZooModel<long[], Long> model = criteria.loadModel();
             Predictor<long[], Long> predictor = model.newPredictor()) {
            assertEquals(10_000_000_000L, predictor.predict(new long[] {1L, 9_999_999_999L}));
        }
    }

    @Test
    void unknownArtifactsAndUnsupportedTypesAreNotFound() {
        assertThrows(ModelNotFoundException.class, () -> additionCriteria("rope19-11").loadModel());
        Criteria<String, String> strings = Criteria.builder().setTypes(String.class, String.class)
                .optGroupId("io.github.adder4j").optArtifactId("rope19-10").build();
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, strings::loadModel);
        Throwable cause = e.getCause();
        assertTrue(cause instanceof ModelNotFoundException, String.valueOf(cause));
        assertEquals("zoo entry rope19-10 supports Criteria<long[], Long> and Criteria<NDList, NDList>, not "
                + "<java.lang.String, java.lang.String>", cause.getMessage());
    }
}
