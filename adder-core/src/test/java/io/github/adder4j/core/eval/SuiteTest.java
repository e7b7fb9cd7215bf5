package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suites themselves, {@link Suite#parse(String)} and the AdderBoard scoring facts. */
class SuiteTest {

    private static final long TEN_DIGITS = 10_000_000_000L;

    private static final BatchAdder REFERENCE = (a, b) -> {
        long[] sums = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sums[i] = a[i] + b[i];
        }
        return sums;
    };

    @Test
    void adderBoardHasTheEdgeCasesThenTheRandomPairsInOrder() throws Exception {
        AdderBoardSuite suite = Suite.adderBoard();
        assertEquals("AdderBoard", suite.name());
        assertEquals(10_010, suite.size());
        List<Case> expectedEdges = List.of(
                new Case(0, 0), new Case(0, 1), new Case(9_999_999_999L, 0), new Case(9_999_999_999L, 1),
                new Case(9_999_999_999L, 9_999_999_999L), new Case(5_000_000_000L, 5_000_000_000L),
                new Case(1_111_111_111L, 8_888_888_889L), new Case(1_234_567_890L, 9_876_543_210L),
                new Case(9_999_999_999L, 9_999_999_999L), new Case(1, 9_999_999_999L));
        assertEquals(expectedEdges, suite.cases().subList(0, 10));
        assertEquals(expectedEdges, AdderBoardSuite.EDGE_CASES);
        assertEquals(List.of(new Case(2395527356L, 9334186774L), new Case(4296888873L, 8475224721L),
                new Case(2446880696L, 4577514554L), new Case(1721735679L, 186192860L),
                new Case(3295396137L, 8512642381L)), suite.cases().subList(10, 15));
        assertEquals(new Case(4210807827L, 8038206893L), suite.cases().get(10_009));

        StringBuilder lines = new StringBuilder();
        for (Case c : suite.randomPairs()) {
            lines.append(c.a()).append(',').append(c.b()).append('\n');
        }
        assertEquals(10_000, suite.randomPairs().size());
        assertEquals("6a86109cb0ad998c03c17b559ffedfaa5b40f09be92d22a01304048d9e79f25a", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void adderBoardIsSharedAndImmutable() {
        assertSame(Suite.adderBoard(), Suite.adderBoard());
        assertThrows(UnsupportedOperationException.class, () -> Suite.adderBoard().cases().set(0, new Case(1, 1)));
    }

    @Test
    void adderBoardLongestCarryFactsMatchTheSpec() {
        int atLeast8 = 0;
        int exactly10 = 0;
        for (Case c : Suite.adderBoard().cases()) {
            int longest = Carries.longestCarryChain(c.a(), c.b());
            atLeast8 += longest >= 8 ? 1 : 0;
            exactly10 += longest == 10 ? 1 : 0;
        }
        assertEquals(148, atLeast8);
        assertEquals(20, exactly10);
    }

    @Test
    void referenceAdderScoresEverything() {
        SuiteResult result = Suite.adderBoard().run(REFERENCE);
        assertEquals("AdderBoard: 10010/10010 passed", result.summaryLine());
        assertEquals(List.of(), result.failures());
        assertEquals(1.0, result.accuracy());
        assertTrue(result.qualified());
        assertTrue(result.perfect());
    }

    @Test
    void adderThatDropsTheCarryOutDigitFailsExactlyTheElevenDigitSums() {
        BatchAdder dropsCarryOut = (a, b) -> {
            long[] sums = REFERENCE.add(a, b);
            for (int i = 0; i < sums.length; i++) {
                sums[i] %= TEN_DIGITS;
            }
            return sums;
        };
        List<Failure> expected = new ArrayList<>();
        for (Case c : Suite.adderBoard().cases()) {
            if (c.expected() >= TEN_DIGITS) {
                expected.add(new Failure(c.a(), c.b(), c.expected(), c.expected() - TEN_DIGITS));
            }
        }
        SuiteResult result = Suite.adderBoard().run(dropsCarryOut, 1_000);
        assertEquals(expected, result.failures());
        // 5117 of the 10,010 sums have eleven digits (counted with CPython)
        assertEquals(5_117, result.failed());
        assertEquals("AdderBoard: 4893/10010 passed", result.summaryLine());
        assertEquals("9999999999 + 1 = 10000000000, got 0", result.failures().get(0).toString());
        assertFalse(result.qualified());
    }

    @Test
    void adderWrongOnLongCarryChainsFailsTheSpecsCount() {
        BatchAdder wrongOnLongChains = (a, b) -> {
            long[] sums = REFERENCE.add(a, b);
            for (int i = 0; i < sums.length; i++) {
                if (Carries.longestCarryChain(a[i], b[i]) >= 8) {
                    sums[i] += 1;
                }
            }
            return sums;
        };
        SuiteResult result = Suite.adderBoard().run(wrongOnLongChains);
        assertEquals("AdderBoard: 9862/10010 passed", result.summaryLine());
        assertEquals(148, result.failures().size());
        for (Failure f : result.failures()) {
            assertTrue(Carries.longestCarryChain(f.a(), f.b()) >= 8, f::toString);
            assertEquals(f.expected() + 1, f.got(), f::toString);
        }
        assertFalse(result.qualified());
    }

    @Test
    void qualificationIsAtMostOneHundredFailures() {
        for (int wrong : new int[] {100, 101}) {
            BatchAdder firstWrong = (a, b) -> {
                long[] sums = REFERENCE.add(a, b);
                for (int i = 0; i < Math.min(wrong, sums.length); i++) {
                    sums[i] = -1;
                }
                return sums;
            };
            SuiteResult result = Suite.adderBoard().run(firstWrong);
            assertEquals(wrong, result.failed());
            assertEquals(wrong == 100, result.qualified(), "wrong=" + wrong);
        }
    }

    @Test
    void randomSuitesAreSeededUniformPairs() {
        RandomSuite suite = Suite.random(7, 100);
        assertEquals("random:7:100", suite.name());
        assertEquals(100, suite.size());
        assertEquals(7, suite.seed());
        // CPython: r = random.Random(7); [r.randint(0, 9999999999) for _ in range(4)]
        assertEquals(List.of(new Case(4942859575L, 2795742288L), new Case(2301595691L, 2179419893L)),
                suite.cases().subList(0, 2));
        assertEquals(suite.cases(), Suite.random(7, 100).cases());
        assertEquals(suite.cases().subList(0, 10), Suite.random(7, 10).cases());
        assertNotEquals(suite.cases(), Suite.random(8, 100).cases());
    }

    @Test
    void theTestSeedIsRefused() {
        String message = "seed 2025 is the AdderBoard test seed; use another seed for random suites";
        assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> Suite.random(2025, 10)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Suite.carry(2025)).getMessage());
        assertEquals(message,
                assertThrows(IllegalArgumentException.class, () -> Suite.parse("random:2025:10")).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Suite.parse("carry:2025")).getMessage());
    }

    @Test
    void factoriesRejectBadArguments() {
        assertEquals("seed must be non-negative: -1",
                assertThrows(IllegalArgumentException.class, () -> Suite.random(-1, 10)).getMessage());
        assertEquals("n must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> Suite.random(1, 0)).getMessage());
        assertEquals("seed must be non-negative: -3",
                assertThrows(IllegalArgumentException.class, () -> Suite.carry(-3)).getMessage());
    }

    @Test
    void parseReadsEveryFormAndEveryName() {
        assertSame(Suite.adderBoard(), Suite.parse("adderboard"));
        assertSame(Suite.adderBoard(), Suite.parse(" AdderBoard "));
        Suite carry = Suite.parse("carry");
        assertInstanceOf(CarrySuite.class, carry);
        assertEquals(CarrySuite.DEFAULT_SEED, ((CarrySuite) carry).seed());
        assertEquals("carry", carry.name());
        Suite carry7 = Suite.parse("carry:7");
        assertEquals("carry:7", carry7.name());
        assertEquals(Suite.carry(7).cases(), carry7.cases());
        Suite random = Suite.parse("random:11:25");
        assertInstanceOf(RandomSuite.class, random);
        assertEquals(Suite.random(11, 25).cases(), random.cases());
        for (Suite suite : List.of(Suite.adderBoard(), Suite.carry(), carry7, random)) {
            assertEquals(suite.cases(), Suite.parse(suite.name()).cases(), suite.name());
        }
    }

    @Test
    void parseRejectsEverythingElse() {
        for (String text : List.of("", "foo", "random", "random:7", "random:x:5", "random:7:5:1", "carry:",
                "carry:1:2", "adderboard:1", "random:7:99999999999", "random:\u0667:5", "carry:\uff17")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Suite.parse(text), text);
            assertEquals("suite must be one of adderboard, carry, carry:SEED, random:SEED:N: \"" + text + "\"",
                    e.getMessage());
        }
        assertEquals("n must be positive: -5",
                assertThrows(IllegalArgumentException.class, () -> Suite.parse("random:7:-5")).getMessage());
        assertThrows(NullPointerException.class, () -> Suite.parse(null));
        assertEquals("n must be at most " + Suite.MAX_RANDOM_CASES + ": 2147483647",
                assertThrows(IllegalArgumentException.class, () -> Suite.parse("random:1:2147483647")).getMessage());
    }
}
