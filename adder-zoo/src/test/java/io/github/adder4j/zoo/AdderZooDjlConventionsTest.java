package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Application;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.MRL;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import io.github.adder4j.core.AdderModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL conventions a DJL user expects of the zoo: filters, applications, djl:// URLs and model paths, offline. */
class AdderZooDjlConventionsTest {

    private static Criteria.Builder<long[], Long> addition() {
        return Criteria.builder().setTypes(long[].class, Long.class);
    }

    private static long add(Criteria<long[], Long> criteria, long a, long b) throws Exception {
        try (ZooModel<long[], Long> model = criteria.loadModel(); Predictor<long[], Long> predictor = model.newPredictor()) {
            return predictor.predict(new long[] {a, b});
        }
    }

    @Test
    void aFilterOnUniqueParametersSelectsThatEntry() throws Exception {
        Criteria<long[], Long> criteria = addition().optGroupId(AdderModelZoo.GROUP_ID).optFilter("uniqueParameters", "57")
                .build();
        try (ZooModel<long[], Long> model = criteria.loadModel(); Predictor<long[], Long> predictor = model.newPredictor()) {
            assertEquals("57", model.getProperty("adder4j.uniqueParameters"));
            assertEquals("split-57", model.getName());
            assertEquals(10_000_000_000L, predictor.predict(new long[] {9_999_999_999L, 1L}));
        }
        Criteria<long[], Long> handCoded = addition().optGroupId(AdderModelZoo.GROUP_ID).optFilter("category", "hand-coded")
                .build();
        try (ZooModel<long[], Long> model = handCoded.loadModel()) {
            assertEquals("rope19-10", model.getName());
        }
    }

    @Test
    void filtersThatNoEntryHoldsAreNotFound() {
        ModelNotFoundException none = assertThrows(ModelNotFoundException.class, () -> addition()
                .optGroupId(AdderModelZoo.GROUP_ID).optFilter("uniqueParameters", "58").build().loadModel());
        String last = AdderZoo.list().get(AdderZoo.list().size() - 1).id();
        assertEquals("zoo entry " + last + " has uniqueParameters " + AdderZoo.entry(last).uniqueParameters() + ", not 58",
                none.getCause().getMessage());
        ModelNotFoundException unknown = assertThrows(ModelNotFoundException.class, () -> addition()
                .optGroupId(AdderModelZoo.GROUP_ID).optFilter("layers", "1").build().loadModel());
        assertEquals("unknown filter layers for the adder4j zoo (known: id, category, uniqueParameters, strictParameters, "
                + "format, adderboard)", unknown.getCause().getMessage());
        // an artifact id and a filter it does not hold
        assertThrows(ModelNotFoundException.class, () -> addition().optArtifactId("split-57")
                .optFilter("uniqueParameters", "10").build().loadModel());
    }

    @Test
    void aCriteriaWithNeitherArtifactIdNorFilterIsRefusedNotAnsweredWithRope19() {
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class,
                () -> addition().optGroupId(AdderModelZoo.GROUP_ID).build().loadModel());
        assertEquals("the adder4j zoo needs an artifact id (one of " + AdderZoo.ids() + ") or a filter on id, category, "
                + "uniqueParameters, strictParameters, format, adderboard", e.getCause().getMessage());
    }

    @Test
    void listModelsFilesEveryEntryUnderTheAdditionApplication() {
        Map<Application, List<MRL>> models = ModelZoo.listModels();
        List<String> ours = models.entrySet().stream()
                .flatMap(e -> e.getValue().stream().filter(m -> AdderModelZoo.GROUP_ID.equals(m.getGroupId()))
                        .map(m -> e.getKey().getPath() + " " + m.getArtifactId()))
                .toList();
        List<String> expected = new java.util.ArrayList<>(ImageZoo.list().stream().map(e -> "cv/image_classification " + e.id()).toList());
        expected.addAll(AdderZoo.list().stream().map(e -> "nlp/text_generation " + e.id()).toList());
        assertEquals(expected, ours, "the image entries under image classification, the addition entries under text generation");
        assertTrue(AdderModelZoo.APPLICATION.matches(Application.NLP.TEXT_GENERATION));
        assertFalse(models.getOrDefault(Application.UNDEFINED, List.of()).stream()
                .anyMatch(m -> AdderModelZoo.GROUP_ID.equals(m.getGroupId())));
    }

    @Test
    void anApplicationCriteriaFindsTheEntriesAndAnotherApplicationDoesNot() throws Exception {
        assertEquals(3L, add(addition().optApplication(AdderModelZoo.APPLICATION).optArtifactId("rope19-10").build(), 1, 2));
        assertThrows(ModelNotFoundException.class, () -> addition().optApplication(Application.CV.IMAGE_CLASSIFICATION)
                .optArtifactId("rope19-10").build().loadModel());
    }

    @Test
    void aDjlUrlLoadsTheEntryOffline() throws Exception {
        Criteria<long[], Long> criteria = addition().optModelUrls("djl://io.github.adder4j/split-57").build();
        assertEquals(11_111_111_100L, add(criteria, 1_234_567_890L, 9_876_543_210L));
        assertEquals(11_111_111_100L, add(addition().optModelUrls("djl://io.github.adder4j/rope19-10/1").build(),
                1_234_567_890L, 9_876_543_210L));
        // DJL's filters hold on the URL's artifact too
        assertEquals(5L, add(addition().optModelUrls("djl://io.github.adder4j/split-57").optFilter("format", "lsb34-v10")
                .build(), 2, 3));
        assertThrows(ModelNotFoundException.class, () -> addition().optModelUrls("djl://io.github.adder4j/split-57")
                .optFilter("uniqueParameters", "10").build().loadModel());
    }

    @Test
    void aDjlUrlGivesTheRawNetworkToo() throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelUrls("djl://io.github.adder4j/rope19-10").build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel(); Predictor<NDList, NDList> predictor = model.newPredictor();
             AdderModel reference = AdderZoo.loadModel("rope19-10"); NDManager manager = NDManager.newBaseManager()) {
            long[][] prompts = reference.format().prompts(new long[] {12L}, new long[] {30L});
            NDList out = predictor.predict(new NDList(manager.create(prompts)));
            assertEquals(List.of(1L, (long) prompts[0].length, (long) reference.format().vocabSize()),
                    java.util.Arrays.stream(out.singletonOrThrow().getShape().getShape()).boxed().toList());
        }
    }

    @Test
    void aDjlUrlNamingNoEntryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> addition().optModelUrls("djl://io.github.adder4j/split-58").build());
        assertEquals("unknown zoo entry: split-58 (known: " + AdderZoo.ids() + ")", e.getMessage());
        IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
                () -> addition().optModelUrls("djl://io.github.adder4j/split-57/2").build());
        assertEquals("zoo entry split-57 has only version 1: djl://io.github.adder4j/split-57/2", version.getMessage());
    }

    @Test
    void aModelPathToOwnCheckpointLoadsIt(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("best.json");
        try (AdderModel model = AdderZoo.loadModel("split-57")) {
            model.save(checkpoint, "a copy of split-57 for the test", Map.of());
        }
        Criteria<long[], Long> criteria = addition().optModelPath(checkpoint).build();
        try (ZooModel<long[], Long> model = criteria.loadModel(); Predictor<long[], Long> predictor = model.newPredictor()) {
            assertEquals("best", model.getName());
            assertEquals(List.of(10_000_000_000L, 0L), predictor.batchPredict(List.of(new long[] {1, 9_999_999_999L},
                    new long[] {0, 0})));
        }
        assertEquals(7L, add(addition().optModelUrls(checkpoint.toUri().toString()).build(), 3, 4));
    }

    @Test
    void aModelPathThatIsNotACheckpointIsStillDjlsOwn(@TempDir Path dir) {
        // a folder without a model: DJL's simple repository, DJL's own error
        assertThrows(Exception.class, () -> addition().optModelPath(dir).build().loadModel());
        assertInstanceOf(ai.djl.repository.SimpleRepository.class,
                new AdderRepositoryFactory().newInstance("x", dir.toUri()));
    }
}
