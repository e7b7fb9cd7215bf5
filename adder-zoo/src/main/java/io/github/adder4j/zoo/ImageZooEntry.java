package io.github.adder4j.zoo;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One image classifier of the zoo, as described by the image index {@code vision.json}: a Vision Transformer trained by
 * adder4j and its accuracy on the embedded MNIST test digits, measured when the entry was built and re-measured by the
 * test suite ({@code ImageZooTest}).
 *
 * @param id               the entry's name and DJL artifact id, e.g. {@code micro-vit-mnist}
 * @param uniqueParameters the model's parameters (every tensor element once)
 * @param dataset          what {@code test} was measured on, e.g. {@value ImageZoo#DATASET}
 * @param provenance       the trainer runs the weights come from (commands, recipes, steps, wall time, machine)
 * @param test             correct answers on the test digits, {@code P/N}
 * @param date             when the entry was made
 * @param checkpoint       the checkpoint's resource name, relative to the zoo's resource folder
 * @param sha256           SHA-256 of the checkpoint file's bytes, 64 lowercase hexadecimal digits
 */
public record ImageZooEntry(String id, long uniqueParameters, String dataset, String provenance, Score test, LocalDate date,
                            String checkpoint, String sha256) {

    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.json");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates every component.
     *
     * @param id               the entry's name and DJL artifact id
     * @param uniqueParameters the model's parameters
     * @param dataset          what {@code test} was measured on
     * @param provenance       the trainer runs the weights come from
     * @param test             correct answers on the test digits
     * @param date             when the entry was made
     * @param checkpoint       the checkpoint's resource name
     * @param sha256           the checkpoint's SHA-256
     * @throws IllegalArgumentException naming the component and the value when one is null, blank or malformed
     */
    public ImageZooEntry {
        ZooEntry.requireId(id);
        if (uniqueParameters <= 0) {
            throw new IllegalArgumentException("uniqueParameters must be positive: " + uniqueParameters);
        }
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("dataset must not be blank: " + dataset);
        }
        if (provenance == null || provenance.isBlank()) {
            throw new IllegalArgumentException("provenance must not be blank: " + provenance);
        }
        if (test == null) {
            throw new IllegalArgumentException("test must not be null");
        }
        if (date == null) {
            throw new IllegalArgumentException("date must not be null");
        }
        if (checkpoint == null || !RESOURCE.matcher(checkpoint).matches()) {
            throw new IllegalArgumentException("checkpoint must be a resource name like " + id + ".json: " + checkpoint);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hexadecimal digits: " + sha256);
        }
    }

    /**
     * The test accuracy in percent.
     *
     * @return e.g. {@code 95.24}
     */
    public double accuracyPercent() {
        return 100.0 * test.passed() / test.total();
    }

    /**
     * The entry's searchable properties, as DJL filters them: {@code id}, {@code category} ({@code trained}),
     * {@code uniqueParameters}, {@code dataset} and {@code mnistTest} (e.g. {@code 1901/1996}).
     *
     * @return the properties, in that order
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("category", "trained");
        p.put("uniqueParameters", Long.toString(uniqueParameters));
        p.put("dataset", dataset);
        p.put("mnistTest", test.toString());
        return Collections.unmodifiableMap(p);
    }
}
