package io.github.adder4j.zoo;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.Translator;
import io.github.adder4j.core.AdderModel;
import java.util.Map;
import java.util.Objects;

/**
 * The DJL {@link ModelLoader} of one zoo entry (artifact id = entry id). It loads from the classpath only, never from
 * the network, and supports two pairs of types:
 * <ul>
 *   <li>{@code Criteria<long[], Long>}: input {@code {a, b}}, output the sum, through an {@link AdditionBlock} and an
 *       {@link AdditionTranslator};</li>
 *   <li>{@code Criteria<NDList, NDList>}: the raw network, tokens {@code (B, T)} int64 to logits {@code (B, T, vocab)}.</li>
 * </ul>
 */
public final class ZooEntryLoader extends BundledEntryLoader {
    private final ZooEntry entry;

    /** The loader of {@code entry}; {@code repository} names where the zoo lives (for DJL's listings). */
    ZooEntryLoader(ZooEntry entry, Repository repository) {
        super(Objects.requireNonNull(entry, "entry").id(), AdderModelZoo.APPLICATION, repository);
        this.entry = entry;
    }

    /**
     * The zoo entry this loader loads.
     *
     * @return the entry
     */
    public ZooEntry entry() {
        return entry;
    }





    /**
     * Loads the entry (SHA-256 checked) into a new model that the caller closes.
     *
     * <p>Which entry a criteria selects: the one its artifact id names; without an artifact id, the first entry in
     * index order (fewest parameters first) whose {@link ZooEntry#properties() properties} equal every
     * {@code optFilter}; a criteria with neither is refused rather than answered with an arbitrary entry.
     *
     * @throws ModelNotFoundException when the criteria name neither the group id nor an artifact id (so that searches
     *                                for other models never end here), name no artifact id and no filter, filter on
     *                                an unknown property or on other values, or ask for other types than
     *                                {@code <long[], Long>} or {@code <NDList, NDList>}
     */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria) throws ModelNotFoundException {
        if (criteria.getArtifactId() == null && !AdderModelZoo.GROUP_ID.equals(criteria.getGroupId())) {
            // never answer a search that did not ask for this zoo or this entry
            throw new ModelNotFoundException("zoo entry " + entry.id() + " is only loaded by group id "
                    + AdderModelZoo.GROUP_ID + " or artifact id " + entry.id());
        }
        Map<String, String> filters = criteria.getFilters() == null ? Map.of() : criteria.getFilters();
        if (criteria.getArtifactId() == null && filters.isEmpty()) {
            throw new ModelNotFoundException("the adder4j zoo needs an artifact id (one of " + AdderZoo.ids()
                    + ") or a filter on " + String.join(", ", entry.properties().keySet()));
        }
        Map<String, String> properties = entry.properties();
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String actual = properties.get(filter.getKey());
            if (actual == null) {
                throw new ModelNotFoundException("unknown filter " + filter.getKey() + " for the adder4j zoo (known: "
                        + String.join(", ", properties.keySet()) + ")");
            }
            if (!actual.equals(filter.getValue())) {
                throw new ModelNotFoundException("zoo entry " + entry.id() + " has " + filter.getKey() + " " + actual
                        + ", not " + filter.getValue());
            }
        }
        Class<I> in = criteria.getInputClass();
        Class<O> out = criteria.getOutputClass();
        boolean addition = in == long[].class && out == Long.class;
        boolean raw = in == NDList.class && out == NDList.class;
        if (!addition && !raw) {
            throw new ModelNotFoundException("zoo entry " + entry.id() + " supports Criteria<long[], Long> and "
                    + "Criteria<NDList, NDList>, not <" + in.getName() + ", " + out.getName() + ">");
        }
        AdderModel adderModel = AdderZoo.loadModel(entry.id());
        try {
            Model model = Model.newInstance(entry.id());
            model.setProperty("adder4j.uniqueParameters", Long.toString(entry.uniqueParameters()));
            model.setProperty("adder4j.format", entry.format().id());
            model.setProperty("adder4j.adderboard", entry.results().adderBoard().toString());
            Translator<?, ?> translator;
            if (addition) {
                model.setBlock(new AdditionBlock(adderModel.adder()));
                translator = new AdditionTranslator();
            } else {
                model.setBlock(adderModel.block());
                translator = new NoopTranslator();
            }
            return new AdderZooModel<>(model, (Translator<I, O>) translator, adderModel);
        } catch (RuntimeException e) {
            adderModel.close();
            throw e;
        }
    }



}
