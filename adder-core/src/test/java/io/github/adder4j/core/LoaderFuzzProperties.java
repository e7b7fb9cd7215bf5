package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointException;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random mutations of valid checkpoint and fixture files: each gives a clear error naming the file (and the field where
 * one is at fault) or loads exactly what was written; never another exception, an out-of-memory error, a hang or a
 * silently different model.
 */
class LoaderFuzzProperties {

    private static final Checkpoint ORIGINAL;
    private static final byte[] CHECKPOINT;
    private static final byte[] FIXTURE;

    static {
        try (AdderModel model = Preset.SPLIT_57.builder().seed(11).build()) {
            ORIGINAL = model.toCheckpoint("fuzz: split-57 seed 11", Map.of("adderboard", "0/10010"));
        }
        CHECKPOINT = CheckpointFormat.toJson(ORIGINAL).getBytes(StandardCharsets.UTF_8);
        String shared = System.getProperty("adder.shared");
        Path base = shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared);
        try {
            FIXTURE = Files.readAllBytes(base.resolve("fixtures").resolve("published-57p.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mutation: its kind and the seed of its positions and bytes. */
    record Mutation(int kind, long seed) {
        static final List<String> KINDS = List.of("flip a bit", "replace a byte", "delete a range", "insert bytes",
                "duplicate a range", "truncate", "a huge number", "swap two bytes", "a digit changed");

        byte[] apply(byte[] original) {
            Random r = new Random(seed);
            byte[] b = original.clone();
            int at = r.nextInt(b.length);
            switch (kind) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) (32 + r.nextInt(95));
                case 2 -> {
                    int end = Math.min(b.length, at + 1 + r.nextInt(20));
                    b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, end, b.length));
                }
                case 3 -> {
                    byte[] junk = new byte[1 + r.nextInt(8)];
                    r.nextBytes(junk);
                    b = concat(Arrays.copyOfRange(b, 0, at), junk, Arrays.copyOfRange(b, at, b.length));
                }
                case 4 -> {
                    int end = Math.min(b.length, at + 1 + r.nextInt(40));
                    b = concat(Arrays.copyOfRange(b, 0, end), Arrays.copyOfRange(b, at, b.length));
                }
                case 5 -> b = Arrays.copyOf(b, at);
                case 6 -> {
                    int digit = indexOfDigit(b, at);
                    if (digit >= 0) {
                        b = concat(Arrays.copyOfRange(b, 0, digit), "99999999999".getBytes(StandardCharsets.US_ASCII),
                                Arrays.copyOfRange(b, digit, b.length));
                    }
                }
                case 7 -> {
                    int other = r.nextInt(b.length);
                    byte t = b[at];
                    b[at] = b[other];
                    b[other] = t;
                }
                default -> {
                    int digit = indexOfDigit(b, at);
                    if (digit >= 0) {
                        b[digit] = (byte) ('0' + (b[digit] - '0' + 1 + r.nextInt(9)) % 10);
                    }
                }
            }
            return b;
        }

        private static int indexOfDigit(byte[] b, int from) {
            for (int i = 0; i < b.length; i++) {
                int j = (from + i) % b.length;
                if (b[j] >= '0' && b[j] <= '9') {
                    return j;
                }
            }
            return -1;
        }

        private static byte[] concat(byte[]... parts) {
            int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
            byte[] out = new byte[n];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, Mutation.KINDS.size() - 1),
                Arbitraries.longs()).as(Mutation::new);
    }

    /** A clear message: it names the source first, stays short and holds no control character. */
    private static void assertClear(RuntimeException e, String prefix) {
        String message = e.getMessage();
        assertTrue(message != null && message.startsWith(prefix), () -> "unclear: " + e);
        assertTrue(message.length() < 600, () -> "too long: " + message);
        assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "control character in: " + message);
    }

    @Property(tries = 400)
    void aMutatedCheckpointFailsClearlyOrLoadsExactlyTheWrittenModel(@ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(CHECKPOINT);
        Statistics.label("mutation").collect(Mutation.KINDS.get(mutation.kind()));
        Checkpoint read;
        try {
            read = CheckpointFormat.read(new ByteArrayInputStream(mutated), "fuzz.json");
        } catch (CheckpointException e) {
            Statistics.label("outcome").collect("refused by the reader");
            assertClear(e, "checkpoint fuzz.json: ");
            return;
        }
        // the reader accepted it: it must be exactly what was written (whitespace aside), and it must load
        assertEquals(ORIGINAL, read, () -> "silently changed by " + Mutation.KINDS.get(mutation.kind()));
        try (AdderModel model = AdderModel.fromCheckpoint(read, "fuzz.json")) {
            Statistics.label("outcome").collect(Arrays.equals(mutated, CHECKPOINT) ? "unchanged" : "same content, other bytes");
            assertEquals(ORIGINAL.tensors(), model.tensors());
        }
    }

    @Property(tries = 300)
    void aMutatedPublishedFixtureIsRefusedByItsChecksum(@ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(FIXTURE);
        Statistics.label("mutation").collect(Mutation.KINDS.get(mutation.kind()));
        try {
            PublishedFixture fixture = PublishedFixture.read(new ByteArrayInputStream(mutated), "published-57p.json");
            assertArrayEquals(FIXTURE, mutated, "only the published bytes load under the published name");
            Statistics.label("outcome").collect("unchanged");
            assertTrue(fixture.tensors().size() > 0);
        } catch (IllegalArgumentException e) {
            Statistics.label("outcome").collect("refused");
            assertClear(e, "fixture published-57p.json: ");
        }
    }

    @Property(tries = 150)
    void aMutatedFixtureUnderAnotherNameFailsClearlyOrLoadsFiniteWeightsOfTheRightShapes(
            @ForAll("mutations") Mutation mutation) {
        byte[] mutated = mutation.apply(FIXTURE);
        Statistics.label("mutation").collect(Mutation.KINDS.get(mutation.kind()));
        PublishedFixture fixture;
        try {
            fixture = PublishedFixture.read(new ByteArrayInputStream(mutated), "fuzz-57p.json");
        } catch (IllegalArgumentException e) {
            Statistics.label("outcome").collect("refused by the reader");
            assertClear(e, "fixture fuzz-57p.json: ");
            return;
        }
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, fixture)) {
            // without the published name nothing says which values are right; what loads is finite and complete
            Statistics.label("outcome").collect("loaded");
            for (Tensor t : model.tensors()) {
                assertTrue(Arrays.stream(t.values()).allMatch(Double::isFinite), t::toString);
            }
        } catch (IllegalArgumentException e) {
            Statistics.label("outcome").collect("refused by the preset mapping");
            assertClear(e, "fixture fuzz-57p.json");
        }
    }
}
