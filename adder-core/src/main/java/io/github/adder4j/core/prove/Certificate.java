package io.github.adder4j.core.prove;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A proof certificate: which model (the SHA-256 of its parameters, {@link io.github.adder4j.core.io.ParameterDigest}), the
 * rounding model assumed, and for every answer step the partition (the initial cells of {@link Cell#initial} refined by
 * the listed splits), the work done and the smallest winning margin. A checker regenerates the partition from it and
 * bounds every leaf again ({@code core.prove.check}).
 *
 * @param model            the model's name (zoo id, preset or file)
 * @param parametersSha256 SHA-256 of the parameters
 * @param format           the token format id
 * @param precision        FLOAT32 or FLOAT64
 * @param roundingRel      relative error per operation of the rounding model
 * @param roundingFnRel    relative error of a transcendental function
 * @param roundingAbs      absolute error per operation
 * @param steps            one entry per answer step, in order
 * @param seconds          wall time of the proof
 */
public record Certificate(String model, String parametersSha256, String format, String precision, double roundingRel,
                          double roundingFnRel, double roundingAbs, List<Step> steps, double seconds) {

    /** The document kind written in every certificate. */
    public static final String KIND = "adder4j-proof-certificate/1";

    /**
     * Validates and copies.
     *
     * @param model the model's name (zoo id, preset or file)
     * @param parametersSha256 SHA-256 of the parameters
     * @param format the token format id
     * @param precision FLOAT32 or FLOAT64
     * @param roundingRel relative error per operation of the rounding model
     * @param roundingFnRel relative error of a transcendental function
     * @param roundingAbs absolute error per operation
     * @param steps one entry per answer step, in order
     * @param seconds wall time of the proof
     */
    public Certificate {
        if (parametersSha256 == null || !parametersSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("parametersSha256 must be 64 lowercase hexadecimal digits: " + parametersSha256);
        }
        steps = List.copyOf(steps);
    }

    /**
     * One step of the proof.
     *
     * @param step      answer step
     * @param cells     cells bounded
     * @param leaves    leaves proved
     * @param minMargin smallest leaf margin
     * @param minCell   where
     * @param splits    split cells, {@code cell:down} or {@code cell:up}
     */
    public record Step(int step, long cells, long leaves, double minMargin, String minCell, List<String> splits) {
        /**
         * Copies.
         *
         * @param step answer step
         * @param cells cells bounded
         * @param leaves leaves proved
         * @param minMargin smallest leaf margin
         * @param minCell where
         * @param splits split cells, {@code cell:down} or {@code cell:up}
         */
        public Step {
            splits = List.copyOf(splits);
        }
    }

    /**
     * The certificate of a successful proof.
     *
     * @param model the model's name
     * @param sha256 the SHA-256 of the model's parameters
     * @param format the id of the model's token format
     * @param precision the model's precision, {@code float32} or {@code float64}
     * @param fm the rounding model the proof used
     * @param proof a proof in which every step is proved
     * @return the certificate, holding the partition of every step
     */
    public static Certificate of(String model, String sha256, String format, String precision, FloatModel fm, Prover.Proof proof) {
        if (!proof.proved()) {
            throw new IllegalArgumentException("no certificate for a failed proof: " + proof.reason());
        }
        List<Step> steps = new ArrayList<>();
        for (Prover.StepProof s : proof.steps()) {
            steps.add(new Step(s.step(), s.cells(), s.leaves(), s.minMargin(), s.minCell(), s.splits()));
        }
        return new Certificate(model, sha256, format, precision, fm.rel(), fm.fnRel(), fm.abs(), steps, proof.seconds());
    }

    /**
     * Smallest margin over all steps.
     *
     * @return the smallest margin by which the correct digit won, over all leaves
     */
    public double minMargin() {
        return steps.stream().mapToDouble(Step::minMargin).min().orElse(Double.NaN);
    }

    /**
     * Leaves over all steps.
     *
     * @return the number of leaf cells of all steps together
     */
    public long leaves() {
        return steps.stream().mapToLong(Step::leaves).sum();
    }

    /**
     * The JSON text.
     *
     * @return the certificate as JSON text, ending in a newline
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", KIND);
        o.addProperty("model", model);
        o.addProperty("parametersSha256", parametersSha256);
        o.addProperty("format", format);
        o.addProperty("precision", precision);
        o.addProperty("roundingRel", roundingRel);
        o.addProperty("roundingFnRel", roundingFnRel);
        o.addProperty("roundingAbs", roundingAbs);
        o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
        o.addProperty("leaves", leaves());
        o.addProperty("minMargin", minMargin());
        JsonArray array = new JsonArray();
        for (Step s : steps) {
            JsonObject j = new JsonObject();
            j.addProperty("step", s.step());
            j.addProperty("cells", s.cells());
            j.addProperty("leaves", s.leaves());
            j.addProperty("minMargin", s.minMargin());
            j.addProperty("minCell", s.minCell());
            JsonArray splits = new JsonArray();
            s.splits().forEach(splits::add);
            j.add("splits", splits);
            array.add(j);
        }
        o.add("steps", array);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return gson.toJson(o) + "\n";
    }

    /**
     * Parses a certificate.
     *
     * @param text a certificate's JSON text
     * @return the certificate
     * @throws IllegalArgumentException naming the problem when the text is not a certificate
     */
    public static Certificate parse(String text) {
        try {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            if (!KIND.equals(o.get("kind").getAsString())) {
                throw new IllegalArgumentException("not a proof certificate: kind " + o.get("kind"));
            }
            List<Step> steps = new ArrayList<>();
            for (var e : o.getAsJsonArray("steps")) {
                JsonObject j = e.getAsJsonObject();
                List<String> splits = new ArrayList<>();
                j.getAsJsonArray("splits").forEach(x -> splits.add(x.getAsString()));
                steps.add(new Step(j.get("step").getAsInt(), j.get("cells").getAsLong(), j.get("leaves").getAsLong(),
                        j.get("minMargin").getAsDouble(), j.get("minCell").getAsString(), splits));
            }
            return new Certificate(o.get("model").getAsString(), o.get("parametersSha256").getAsString(), o.get("format").getAsString(),
                    o.get("precision").getAsString(), o.get("roundingRel").getAsDouble(), o.get("roundingFnRel").getAsDouble(), o.get("roundingAbs").getAsDouble(), steps,
                    o.get("seconds").getAsDouble());
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("not a proof")) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed proof certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a certificate file.
     *
     * @param path a certificate file
     * @return the certificate
     * @throws IllegalArgumentException naming the problem when the file is not a certificate
     * @throws UncheckedIOException     {@code cannot read certificate <path>: <cause>} when the file cannot be read
     */
    public static Certificate read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the certificate atomically ({@link io.github.adder4j.core.io.AtomicFiles#write}).
     *
     * @param path the file to write; missing parent directories are created
     */
    public void write(Path path) {
        io.github.adder4j.core.io.AtomicFiles.write(path, toJson().getBytes(StandardCharsets.UTF_8));
    }
}
