package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.core.vision.VitModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image entries of the zoo: their accuracy claims re-verified, loading through DJL's Criteria, the index and the builder. */
class ImageZooTest {
    private static final String ID = "micro-vit-mnist";

    @Test
    void everyImageEntryScoresWhatItClaimsOnTheTestDigits() {
        assertTrue(ImageZoo.contains(ID), "the zoo has " + ID);
        for (ImageZooEntry entry : ImageZoo.list()) {
            try (VitModel model = ImageZoo.loadModel(entry.id())) {
                assertEquals(entry.test(), ImageZoo.measure(model), entry.id() + ": the claimed " + ImageZoo.MNIST_TEST + " score");
                assertEquals(entry.uniqueParameters(), model.parameterReport().uniqueParameters());
            }
        }
        ImageZooEntry vit = ImageZoo.entry(ID);
        assertEquals(4762, vit.uniqueParameters(), "the published Micro-ViT architecture");
        assertEquals(1996, vit.test().total());
    }

    @Test
    void criteriaClassifiesPixelsAndImagesAlike() throws Exception {
        ImageSet test = Digits.embeddedTest();
        int[] expected;
        try (VitModel model = ImageZoo.loadModel(ID)) {
            expected = model.predict(test);
        }
        Criteria<float[], Classifications> pixels = Criteria.builder().setTypes(float[].class, Classifications.class)
                .optGroupId(AdderModelZoo.GROUP_ID).optArtifactId(ID).build();
        Criteria<Image, Classifications> images = Criteria.builder().setTypes(Image.class, Classifications.class)
                .optGroupId(AdderModelZoo.GROUP_ID).optArtifactId(ID).build();
        try (ZooModel<float[], Classifications> model = pixels.loadModel();
             Predictor<float[], Classifications> predictor = model.newPredictor();
             ZooModel<Image, Classifications> imageModel = images.loadModel();
             Predictor<Image, Classifications> imagePredictor = imageModel.newPredictor()) {
            assertEquals("4762", model.getProperty("adder4j.uniqueParameters"));
            for (int i = 0; i < 20; i++) {
                Classifications c = predictor.predict(test.image(i));
                assertEquals(Integer.toString(expected[i]), c.best().getClassName(), "digit " + i);
                assertEquals(10, c.getClassNames().size());
                assertEquals(Integer.toString(expected[i]), imagePredictor.predict(image(test, i)).best().getClassName(),
                        "digit " + i + " as an image");
            }
            TranslateException small = assertThrows(TranslateException.class, () -> predictor.predict(new float[10]));
            assertEquals("a digit must have 28x28 = 784 pixels: 10", root(small).getMessage());
            float[] bright = new float[784];
            bright[3] = 2f;
            assertEquals("pixel 3 must be in [0, 1]: 2.0", root(assertThrows(TranslateException.class, () -> predictor.predict(bright)))
                    .getMessage());
        }
        Criteria<long[], Long> addition = Criteria.builder().setTypes(long[].class, Long.class).optGroupId(AdderModelZoo.GROUP_ID)
                .optArtifactId(ID).build();
        assertThrows(ModelNotFoundException.class, addition::loadModel);
        ModelNotFoundException wrong = assertThrows(ModelNotFoundException.class,
                () -> new AdderModelZoo().getModelLoader(ID).loadModel(addition));
        assertEquals("zoo entry " + ID + " supports Criteria<float[], Classifications>, Criteria<Image, Classifications> and "
                + "Criteria<NDList, NDList>, not <[J, java.lang.Long>", wrong.getMessage());
    }

    private static Image image(ImageSet set, int index) {
        BufferedImage img = new BufferedImage(set.cols(), set.rows(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < set.rows(); y++) {
            for (int x = 0; x < set.cols(); x++) {
                img.getRaster().setSample(x, y, 0, set.pixels()[index * set.rows() * set.cols() + y * set.cols() + x] & 0xff);
            }
        }
        return ImageFactory.getInstance().fromImage(img);
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void theIndexRefusesMalformedEntries() {
        String good = ImageZoo.toJson(ImageZoo.list());
        assertEquals(ImageZoo.list(), ImageZoo.parse(good, "x"));
        assertEquals("image zoo index x: entries[0]: results must hold exactly mnist-test: [adderboard]",
                assertThrows(IllegalArgumentException.class, () -> ImageZoo.parse(good.replace("\"mnist-test\"", "\"adderboard\""), "x"))
                        .getMessage());
        assertEquals("image zoo index x: field \"format\" must be \"adder4j-image-zoo\": \"adder4j-zoo\"",
                assertThrows(IllegalArgumentException.class, () -> ImageZoo.parse(good.replace("adder4j-image-zoo", "adder4j-zoo"), "x"))
                        .getMessage());
        assertEquals("unknown image zoo entry: nope (known: " + ID + ")",
                assertThrows(IllegalArgumentException.class, () -> ImageZoo.entry("nope")).getMessage());
        ImageZooEntry e = ImageZoo.entry(ID);
        IllegalStateException tampered = assertThrows(IllegalStateException.class, () -> ImageZoo.loadModel(e, "{}".getBytes()));
        assertTrue(tampered.getMessage().startsWith("zoo entry " + ID + ": checkpoint " + ID + ".json has SHA-256 "), tampered.getMessage());
    }

    @Test
    void theBuilderNeedsTheRunsTestScore(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        for (String f : List.of("checkpoints/best.json", "config.json", "summary.json")) {
            Files.writeString(run.resolve(f), "{}");
        }
        IllegalArgumentException noTest = assertThrows(IllegalArgumentException.class,
                () -> ZooBuilder.buildImages(tmp.resolve("zoo"), Map.of("vit", run), LocalDate.of(2026, 12, 5)));
        assertEquals("--image vit: run directory has no test.json: " + run, noTest.getMessage());
        assertEquals("--image names an id of an addition entry: split-57", assertThrows(IllegalArgumentException.class,
                () -> ZooBuilder.buildImages(Path.of("src/main/resources/io/github/adder4j/zoo"), Map.of("split-57", run),
                        LocalDate.of(2026, 12, 5))).getMessage());
    }
}
