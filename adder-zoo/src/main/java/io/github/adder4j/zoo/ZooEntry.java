package io.github.adder4j.zoo;

import io.github.adder4j.core.format.TokenFormat;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One model of the zoo, as described by the index {@code zoo.json}.
 *
 * @param id               the entry's name and DJL artifact id, e.g. {@code rope19-10}: lowercase letters, digits,
 *                         '.', '_' and '-', starting with a letter or digit
 * @param category         whether the weights were trained or constructed by code
 * @param uniqueParameters unique parameters by the AdderBoard counting rules
 * @param strictParameters parameters by the strict counting rules
 * @param format           the token format the model reads and writes
 * @param provenance       where the weights come from: the trainer command with preset, recipe, seed, steps, wall time
 *                         and machine, or the code that sets the weights
 * @param results          the verified scores (see {@link VerifiedResults})
 * @param date             when the entry was made
 * @param checkpoint       the checkpoint's resource name, relative to the zoo's resource folder, e.g.
 *                         {@code rope19-10.json}
 * @param sha256           SHA-256 of the checkpoint file's bytes, 64 lowercase hexadecimal digits
 */
public record ZooEntry(String id, Category category, long uniqueParameters, long strictParameters, TokenFormat format,
                       String provenance, VerifiedResults results, LocalDate date, String checkpoint, String sha256) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.json");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Where an entry's weights come from. */
    public enum Category {
        /** Found by the adder4j trainer. */
        TRAINED,
        /** Set by code from a closed-form construction. */
        HAND_CODED
    }

    /**
     * Validates every component.
     *
     * @param id               the entry's name and DJL artifact id
     * @param category         trained or hand-coded
     * @param uniqueParameters unique parameters (AdderBoard rules)
     * @param strictParameters parameters (strict rules)
     * @param format           the token format
     * @param provenance       where the weights come from
     * @param results          the verified scores
     * @param date             when the entry was made
     * @param checkpoint       the checkpoint's resource name
     * @param sha256           the checkpoint's SHA-256
     * @throws IllegalArgumentException naming the component and the value when one is null, blank or malformed, or
     *                                  a count is negative
     */
    public ZooEntry {
        requireId(id);
        if (category == null) {
            throw new IllegalArgumentException("category must not be null");
        }
        if (uniqueParameters < 0) {
            throw new IllegalArgumentException("uniqueParameters must be >= 0: " + uniqueParameters);
        }
        if (strictParameters < 0) {
            throw new IllegalArgumentException("strictParameters must be >= 0: " + strictParameters);
        }
        if (format == null) {
            throw new IllegalArgumentException("format must not be null");
        }
        if (provenance == null || provenance.isBlank()) {
            throw new IllegalArgumentException("provenance must not be blank: " + provenance);
        }
        if (results == null) {
            throw new IllegalArgumentException("results must not be null");
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
     * The entry's searchable properties, as DJL filters them ({@code Criteria.builder().optFilter(KEY, VALUE)}):
     * {@code id}, {@code category} ({@code trained} or {@code hand-coded}), {@code uniqueParameters},
     * {@code strictParameters}, {@code format} (the token format id) and {@code adderboard} (e.g. {@code 10010/10010}).
     *
     * @return the properties, in that order
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("category", category.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        p.put("uniqueParameters", Long.toString(uniqueParameters));
        p.put("strictParameters", Long.toString(strictParameters));
        p.put("format", format.id());
        p.put("adderboard", results.adderBoard().toString());
        return Collections.unmodifiableMap(p);
    }

    /**
     * Checks a zoo id.
     *
     * @param id the id to check
     * @return the id
     * @throws IllegalArgumentException if it is null or not of the form {@code [a-z0-9][a-z0-9._-]*}
     */
    public static String requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must match [a-z0-9][a-z0-9._-]*: " + id);
        }
        return id;
    }
}
