package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Check values of CPython's {@code random.Random} (from the AdderBoard spec and from CPython 3 itself). */
class MersenneTwisterTest {

    private static long[] next32s(MersenneTwister rng, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.next32();
        }
        return out;
    }

    @Test
    void firstOutputsOfSeed2025MatchTheSpec() {
        assertArrayEquals(new long[] {2395527356L, 355203201L, 2773882754L, 3597174691L},
                next32s(new MersenneTwister(2025), 4));
    }

    @Test
    void otherSeedsMatchCPython() {
        assertArrayEquals(new long[] {3626764237L, 1654615998L, 3255389356L}, next32s(new MersenneTwister(0), 3));
        assertArrayEquals(new long[] {2965333991L, 2601685024L}, next32s(new MersenneTwister(20_260_317L), 2));
        // seeds of 2^32 and more use a two-word key
        assertArrayEquals(new long[] {2166296868L, 2220160828L, 1153647273L},
                next32s(new MersenneTwister((1L << 40) + 5), 3));
        assertArrayEquals(new long[] {1359979423L, 2819855560L, 2711238091L},
                next32s(new MersenneTwister(Long.MAX_VALUE), 3));
    }

    @Test
    void adderBoardPairsMatchTheSpec() throws Exception {
        MersenneTwister rng = new MersenneTwister(2025);
        long[][] pairs = new long[10_000][];
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < pairs.length; i++) {
            long a = rng.randint(0, 9_999_999_999L);
            long b = rng.randint(0, 9_999_999_999L);
            pairs[i] = new long[] {a, b};
            lines.append(a).append(',').append(b).append('\n');
        }
        assertArrayEquals(new long[] {2395527356L, 9334186774L}, pairs[0]);
        assertArrayEquals(new long[] {4296888873L, 8475224721L}, pairs[1]);
        assertArrayEquals(new long[] {2446880696L, 4577514554L}, pairs[2]);
        assertArrayEquals(new long[] {1721735679L, 186192860L}, pairs[3]);
        assertArrayEquals(new long[] {3295396137L, 8512642381L}, pairs[4]);
        assertArrayEquals(new long[] {4210807827L, 8038206893L}, pairs[9_999]);
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(lines.toString().getBytes(StandardCharsets.US_ASCII));
        assertEquals("6a86109cb0ad998c03c17b559ffedfaa5b40f09be92d22a01304048d9e79f25a",
                HexFormat.of().formatHex(digest));
    }

    @Test
    void getrandbitsMatchesCPythonForEveryWordLayout() {
        MersenneTwister rng = new MersenneTwister(7);
        int[] ks = {1, 5, 31, 32, 33, 34, 63, 64, 0};
        long[] got = new long[ks.length];
        for (int i = 0; i < ks.length; i++) {
            got[i] = rng.getrandbits(ks[i]);
        }
        assertArrayEquals(new long[] {0L, 30L, 323946139L, 1695753998L, 2795742288L, 13196013363L,
            868196408185819179L, Long.parseUnsignedLong("10750541312280087032"), 0L}, got);
    }

    @Test
    void randomMatchesCPython() {
        MersenneTwister rng = new MersenneTwister(7);
        assertEquals(0.32383276483316237, rng.random());
        assertEquals(0.15084917392450192, rng.random());
        assertEquals(0.6509344730398537, rng.random());
    }

    @Test
    void randbelowAndRandintMatchCPython() {
        MersenneTwister rng = new MersenneTwister(7);
        long[] bounds = {1, 2, 3, 10, 1000, (1L << 62) + 1, Long.MAX_VALUE};
        long[] got = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            got[i] = rng.randbelow(bounds[i]);
        }
        assertArrayEquals(new long[] {0, 0, 1, 0, 74, 3372884942334257169L, 534945643873015901L}, got);

        MersenneTwister other = new MersenneTwister(7);
        long[] ints = new long[5];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = other.randint(-5, 5);
        }
        assertArrayEquals(new long[] {0, -3, 1, 5, -5}, ints);
        // the widest range a long supports: 2^63 - 1 values
        assertEquals(2963232292988464947L, other.randint(-(1L << 62), (1L << 62) - 2));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("seed must be non-negative: -1",
                assertThrows(IllegalArgumentException.class, () -> new MersenneTwister(-1)).getMessage());
        MersenneTwister rng = new MersenneTwister(1);
        assertEquals("k must be in [0, 64]: 65",
                assertThrows(IllegalArgumentException.class, () -> rng.getrandbits(65)).getMessage());
        assertEquals("k must be in [0, 64]: -1",
                assertThrows(IllegalArgumentException.class, () -> rng.getrandbits(-1)).getMessage());
        assertEquals("n must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> rng.randbelow(0)).getMessage());
        assertEquals("lo must be <= hi: lo=5, hi=3",
                assertThrows(IllegalStateException.class, () -> rng.randint(5, 3)).getMessage());
        assertEquals("range [-9223372036854775808, 9223372036854775807] holds more than 2^63 - 1 values",
                assertThrows(IllegalStateException.class,
                        () -> rng.randint(Long.MIN_VALUE, Long.MAX_VALUE)).getMessage());
    }
}
