package io.github.adder4j.zoo;

import ai.djl.Application;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The zoo as a DJL {@link ModelZoo}: group id {@value #GROUP_ID}, one {@link ZooEntryLoader} per entry (artifact id
 * = entry id). Registered through {@link AdderZooProvider}, so that
 * <pre>{@code
 * Criteria<long[], Long> criteria = Criteria.builder().setTypes(long[].class, Long.class)
 *         .optGroupId("io.github.adder4j").optArtifactId("rope19-10").build();
 * try (ZooModel<long[], Long> model = criteria.loadModel();
 *      Predictor<long[], Long> predictor = model.newPredictor()) {
 *     long sum = predictor.predict(new long[] {1234567890L, 9876543210L});
 * }
 * }</pre>
 * works offline. The index is read when the loaders are first asked for, not when DJL discovers the zoo.
 */
public final class AdderModelZoo extends ModelZoo {
    /** The DJL group id of the zoo. */
    public static final String GROUP_ID = "io.github.adder4j";
    /**
     * The DJL application every entry declares, {@code nlp/text_generation}: the model generates the sum's digits
     * token by token from the prompt's (DJL has no application of its own for arithmetic, and takes no new ones). So
     * {@code ModelZoo.listModels()} files the entries under it, and {@code Criteria.optApplication(APPLICATION)}
     * finds them while a criteria for another application passes them by.
     */
    public static final Application APPLICATION = Application.NLP.TEXT_GENERATION;

    private volatile List<ModelLoader> loaders;

    /** The zoo (its loaders are created lazily from {@link AdderZoo#list()}). */
    public AdderModelZoo() {
    }

    /** {@value #GROUP_ID}. */
    @Override
    public String getGroupId() {
        return GROUP_ID;
    }

    /** {@code PyTorch}, the engine adder4j runs on. */
    @Override
    public Set<String> getSupportedEngines() {
        return Set.of("PyTorch");
    }

    /** One loader per zoo entry, in index order: the image entries ({@link ImageZoo}), then the addition entries. */
    @Override
    public Collection<ModelLoader> getModelLoaders() {
        List<ModelLoader> result = loaders;
        if (result == null) {
            synchronized (this) {
                result = loaders;
                if (result == null) {
                    Repository repository = Repository.newInstance("adder4j-zoo",
                            "jar:///" + AdderZoo.RESOURCE_FOLDER + AdderZoo.INDEX);
                    List<ModelLoader> created = new ArrayList<>();
                    // the image entries first: DJL reports the refusal of the last loader it tried, an addition entry's
                    for (ImageZooEntry entry : ImageZoo.list()) {
                        created.add(new ImageZooEntryLoader(entry, repository));
                    }
                    for (ZooEntry entry : AdderZoo.list()) {
                        created.add(new ZooEntryLoader(entry, repository));
                    }
                    result = List.copyOf(created);
                    loaders = result;
                }
            }
        }
        return result;
    }

    /** The loader whose artifact id is {@code name}, or null. */
    @Override
    public ModelLoader getModelLoader(String name) {
        for (ModelLoader loader : getModelLoaders()) {
            if (loader.getArtifactId().equals(name)) {
                return loader;
            }
        }
        return null;
    }
}
