package io.github.adder4j.zoo;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verified models shipped with adder4j. Each entry is a checkpoint resource plus a line in the index
 * {@code io/github/adder4j/zoo/zoo.json} that records its parameter counts, provenance, measured scores and the
 * SHA-256 of the checkpoint file; loading checks that hash before anything else.
 *
 * <pre>{@code
 * long sum = AdderZoo.load("rope19-10").add(1234567890L, 9876543210L);   // 11111111100
 * try (AdderModel model = AdderZoo.loadModel("rope19-10")) {
 *     model.parameterReport().uniqueParameters();                         // 10
 * }
 * }</pre>
 */
public final class AdderZoo {
    /** The classpath folder of the zoo's resources. */
    public static final String RESOURCE_FOLDER = "io/github/adder4j/zoo/";
    /** The index's file name inside {@link #RESOURCE_FOLDER}. */
    public static final String INDEX = "zoo.json";

    private static final Logger LOG = LoggerFactory.getLogger(AdderZoo.class);
    private static final Map<String, Adder> SHARED = new ConcurrentHashMap<>();

    private AdderZoo() {
    }

    /** Read once, on first use. */
    private static final class Index {
        static final List<ZooEntry> ENTRIES = readIndex();
    }

    private static List<ZooEntry> readIndex() {
        try (InputStream in = open(INDEX)) {
            return ZooIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE_FOLDER + INDEX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the zoo index " + RESOURCE_FOLDER + INDEX + ": " + e, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = AdderZoo.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("zoo resource " + RESOURCE_FOLDER + name + " is missing from the classpath");
        }
        return in;
    }

    /**
     * Every entry, in index order.
     *
     * @return the entries, fewest parameters first
     */
    public static List<ZooEntry> list() {
        return Index.ENTRIES;
    }

    /**
     * The ids of every entry, comma separated.
     *
     * @return e.g. {@code rope19-10, split-57}
     */
    public static String ids() {
        return list().stream().map(ZooEntry::id).collect(Collectors.joining(", "));
    }

    /**
     * The entry called {@code id}.
     *
     * @param id an entry id
     * @return its index entry
     * @throws IllegalArgumentException when there is none, e.g. {@code unknown zoo entry: xyz (known: rope19-10)}
     */
    public static ZooEntry entry(String id) {
        if (id == null) {
            throw new IllegalArgumentException("id must not be null");
        }
        for (ZooEntry e : list()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown zoo entry: " + id + " (known: " + ids() + ")");
    }

    /**
     * An adder backed by the entry's model. The model is loaded on the first call for an id and then shared by every
     * later call for the same id; it stays in memory until the JVM exits. Use {@link #loadModel(String)} to own (and
     * close) a model yourself.
     *
     * @param id an entry id
     * @return the shared adder of that entry
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException    when the checkpoint resource does not match the index
     */
    public static Adder load(String id) {
        ZooEntry entry = entry(id);
        return SHARED.computeIfAbsent(entry.id(), key -> loadModel(entry).adder());
    }

    /**
     * A new model built from the entry's checkpoint; the caller closes it.
     *
     * @param id an entry id
     * @return a new model, owned by the caller
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException    when the checkpoint resource does not match the index
     */
    public static AdderModel loadModel(String id) {
        return loadModel(entry(id));
    }

    private static AdderModel loadModel(ZooEntry entry) {
        try (InputStream in = open(entry.checkpoint())) {
            return loadModel(entry, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo checkpoint " + RESOURCE_FOLDER + entry.checkpoint() + ": " + e, e);
        }
    }

    /** Builds the entry's model from checkpoint bytes; see {@link #readCheckpoint}. */
    static AdderModel loadModel(ZooEntry entry, InputStream in) {
        Checkpoint checkpoint = readCheckpoint(entry, in);
        AdderModel model = AdderModel.fromCheckpoint(checkpoint, entry.checkpoint());
        if (model.config().format() != entry.format()) {
            model.close();
            throw new IllegalStateException("zoo entry " + entry.id() + ": the index says format " + entry.format().id()
                    + " but the checkpoint builds " + model.config().format().id());
        }
        LOG.debug("loaded zoo entry {} ({} unique parameters)", entry.id(), entry.uniqueParameters());
        return model;
    }

    /**
     * Reads the entry's checkpoint from {@code in} (to its end; not closed): the bytes must hash to the index's
     * SHA-256, and the checkpoint's parameter counts must equal the index's.
     *
     * @throws IllegalStateException naming the entry when the hash or the counts differ
     */
    static Checkpoint readCheckpoint(ZooEntry entry, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo checkpoint " + entry.checkpoint() + ": " + e, e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(entry.sha256())) {
            throw new IllegalStateException("zoo entry " + entry.id() + ": checkpoint " + entry.checkpoint()
                    + " has SHA-256 " + actual + " but the index records " + entry.sha256());
        }
        Checkpoint checkpoint = CheckpointFormat.read(new ByteArrayInputStream(bytes), entry.checkpoint());
        Checkpoint.Metadata meta = checkpoint.metadata();
        if (meta.uniqueParameters() != entry.uniqueParameters() || meta.strictParameters() != entry.strictParameters()) {
            throw new IllegalStateException("zoo entry " + entry.id() + ": the index says " + entry.uniqueParameters() + "/"
                    + entry.strictParameters() + " parameters (unique/strict) but the checkpoint says "
                    + meta.uniqueParameters() + "/" + meta.strictParameters());
        }
        return checkpoint;
    }

    /** Lowercase hexadecimal SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
