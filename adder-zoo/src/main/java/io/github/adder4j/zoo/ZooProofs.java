package io.github.adder4j.zoo;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.prove.Certificate;
import io.github.adder4j.core.prove.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proof status of the zoo entries ({@code proofs.json} beside the index): the outcome of {@code adder prove --zoo ID},
 * its result line and time, and for a proved entry its certificate ({@code proofs/ID.proof.json}), which the test suite
 * re-checks against the entry's weights with the independent checker.
 */
public final class ZooProofs {
    /** The status file's name inside {@link AdderZoo#RESOURCE_FOLDER}. */
    public static final String FILE = "proofs.json";

    private ZooProofs() { }

    /**
     * One entry's proof status.
     *
     * @param id          the zoo id
     * @param outcome     PROVED, COUNTEREXAMPLE or UNKNOWN
     * @param line        the last line {@code adder prove --zoo ID} printed
     * @param seconds     its wall time
     * @param budget      the cell budget it ran with ({@code --budget})
     * @param certificate the certificate's resource name (PROVED only), else null
     */
    public record Status(String id, Verdict.Outcome outcome, String line, double seconds, long budget, String certificate) {
        /**
         * Validates that the line is the outcome's and that exactly the proved entries have a certificate.
         *
         * @param id          the zoo id
         * @param outcome     PROVED, COUNTEREXAMPLE or UNKNOWN
         * @param line        the last line {@code adder prove --zoo ID} printed
         * @param seconds     its wall time
         * @param budget      the cell budget it ran with
         * @param certificate the certificate's resource name (PROVED only), else null
         */
        public Status {
            if (!line.startsWith(outcome.name() + ": ")) {
                throw new IllegalArgumentException("proof line of " + id + " must start with " + outcome + ": " + line);
            }
            if ((outcome == Verdict.Outcome.PROVED) != (certificate != null)) {
                throw new IllegalArgumentException("exactly the proved entries carry a certificate: " + id);
            }
        }
    }

    /**
     * Every recorded status, by zoo id.
     *
     * @return the statuses in the file's order
     */
    public static Map<String, Status> all() {
        JsonObject root = JsonParser.parseString(read(FILE)).getAsJsonObject();
        Map<String, Status> out = new LinkedHashMap<>();
        for (var e : root.getAsJsonArray("entries")) {
            JsonObject o = e.getAsJsonObject();
            Status s = new Status(o.get("id").getAsString(), Verdict.Outcome.valueOf(o.get("outcome").getAsString()), o.get("line").getAsString(),
                    o.get("seconds").getAsDouble(), o.get("budget").getAsLong(), o.has("certificate") ? o.get("certificate").getAsString() : null);
            out.put(s.id(), s);
        }
        return out;
    }

    /**
     * The status of one entry, if it was decided.
     *
     * @param id the zoo id
     * @return its status, or empty
     */
    public static Optional<Status> of(String id) {
        return Optional.ofNullable(all().get(id));
    }

    /**
     * The certificate of a proved entry.
     *
     * @param id the zoo id
     * @return its certificate
     * @throws IllegalArgumentException when the entry has no certificate
     */
    public static Certificate certificate(String id) {
        Status s = of(id).filter(x -> x.certificate() != null)
                .orElseThrow(() -> new IllegalArgumentException("zoo entry " + id + " has no proof certificate"));
        return Certificate.parse(read(s.certificate()));
    }

    private static String read(String name) {
        try (InputStream in = ZooProofs.class.getClassLoader().getResourceAsStream(AdderZoo.RESOURCE_FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("zoo resource " + AdderZoo.RESOURCE_FOLDER + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo resource " + name + ": " + e, e);
        }
    }
}
