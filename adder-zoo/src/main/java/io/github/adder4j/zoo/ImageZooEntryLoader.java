package io.github.adder4j.zoo;

import ai.djl.Application;
import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.Translator;
import io.github.adder4j.core.vision.VitModel;
import java.util.Map;
import java.util.Objects;

/**
 * The DJL {@link ModelLoader} of one image entry (artifact id = entry id), application
 * {@code cv/image_classification}. It loads from the classpath only and supports:
 * <ul>
 *   <li>{@code Criteria<float[], Classifications>}: 28x28 pixels in [0, 1], row-major (see {@link DigitTranslator});</li>
 *   <li>{@code Criteria<Image, Classifications>}: a 28x28 DJL image, read as grayscale;</li>
 *   <li>{@code Criteria<NDList, NDList>}: the raw network, images {@code (B, 28, 28)} to logits {@code (B, 10)}.</li>
 * </ul>
 * <pre>{@code
 * Criteria<float[], Classifications> criteria = Criteria.builder().setTypes(float[].class, Classifications.class)
 *         .optGroupId("io.github.adder4j").optArtifactId("micro-vit-mnist").build();
 * try (ZooModel<float[], Classifications> model = criteria.loadModel();
 *      Predictor<float[], Classifications> predictor = model.newPredictor()) {
 *     String digit = predictor.predict(pixels).best().getClassName();
 * }
 * }</pre>
 */
public final class ImageZooEntryLoader extends BundledEntryLoader {
    /** The DJL application of the image entries. */
    public static final Application APPLICATION = Application.CV.IMAGE_CLASSIFICATION;

    private final ImageZooEntry entry;

    ImageZooEntryLoader(ImageZooEntry entry, Repository repository) {
        super(Objects.requireNonNull(entry, "entry").id(), APPLICATION, repository);
        this.entry = entry;
    }

    /**
     * The image entry this loader loads.
     *
     * @return the entry
     */
    public ImageZooEntry entry() {
        return entry;
    }





    /**
     * Loads the entry (SHA-256 and claimed score checked) into a new model that the caller closes.
     *
     * @throws ModelNotFoundException when the criteria name neither the group id nor this artifact id, filter on an unknown
     *                                property or another value, or ask for types other than the three supported
     */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria) throws ModelNotFoundException {
        if (criteria.getArtifactId() == null && !AdderModelZoo.GROUP_ID.equals(criteria.getGroupId())) {
            throw new ModelNotFoundException("zoo entry " + entry.id() + " is only loaded by group id " + AdderModelZoo.GROUP_ID
                    + " or artifact id " + entry.id());
        }
        Map<String, String> filters = criteria.getFilters() == null ? Map.of() : criteria.getFilters();
        if (criteria.getArtifactId() == null && filters.isEmpty()) {
            throw new ModelNotFoundException("the adder4j zoo needs an artifact id or a filter on "
                    + String.join(", ", entry.properties().keySet()));
        }
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String actual = entry.properties().get(filter.getKey());
            if (actual == null) {
                throw new ModelNotFoundException("unknown filter " + filter.getKey() + " for image zoo entry " + entry.id()
                        + " (known: " + String.join(", ", entry.properties().keySet()) + ")");
            }
            if (!actual.equals(filter.getValue())) {
                throw new ModelNotFoundException("zoo entry " + entry.id() + " has " + filter.getKey() + " " + actual + ", not "
                        + filter.getValue());
            }
        }
        Class<I> in = criteria.getInputClass();
        Class<O> out = criteria.getOutputClass();
        boolean pixels = in == float[].class && out == Classifications.class;
        boolean images = in == Image.class && out == Classifications.class;
        boolean raw = in == NDList.class && out == NDList.class;
        if (!pixels && !images && !raw) {
            throw new ModelNotFoundException("zoo entry " + entry.id() + " supports Criteria<float[], Classifications>, "
                    + "Criteria<Image, Classifications> and Criteria<NDList, NDList>, not <" + in.getName() + ", " + out.getName() + ">");
        }
        VitModel vit = ImageZoo.loadModel(entry.id());
        try {
            Model model = Model.newInstance(entry.id());
            model.setProperty("adder4j.uniqueParameters", Long.toString(entry.uniqueParameters()));
            model.setProperty("adder4j.mnistTest", entry.test().toString());
            model.setBlock(vit.block());
            int side = vit.config().imageSize();
            Translator<?, ?> translator = pixels ? DigitTranslator.ofPixels(side) : images ? DigitTranslator.ofImages(side)
                    : new NoopTranslator();
            return new AdderZooModel<>(model, (Translator<I, O>) translator, vit);
        } catch (RuntimeException e) {
            vit.close();
            throw e;
        }
    }



}
