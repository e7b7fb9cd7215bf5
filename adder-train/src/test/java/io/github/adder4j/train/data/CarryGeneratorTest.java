package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CarryGeneratorTest {

    private static final int DRAWS = 400;

    @Test
    void singleHasExactlyOneCarryingColumnWithBothDigitsAtLeastFive() {
        DataRng rng = new DataRng(11);
        for (int nd = 1; nd <= 10; nd++) {
            Set<Integer> columns = new HashSet<>();
            for (int t = 0; t < DRAWS; t++) {
                CarryPair p = CarryGenerator.next(rng, CarryPattern.SINGLE, nd);
                assertTrue(p.a() < Batches.pow10(nd) && p.b() < Batches.pow10(nd), p::toString);
                int high = -1;
                for (int i = 0; i < nd; i++) {
                    int da = Carries.digit(p.a(), i);
                    int db = Carries.digit(p.b(), i);
                    if (da >= 5 && db >= 5) {
                        assertEquals(-1, high, () -> "two high columns in " + p);
                        high = i;
                    } else {
                        int col = i;
                        assertTrue(da <= 4 && db <= 4, () -> "mixed column " + col + " in " + p);
                    }
                }
                assertTrue(high >= 0, p::toString);
                columns.add(high);
                assertEquals(1, Carries.count(p.a(), p.b()), p::toString);
                assertTrue(Carries.carryOut(p.a(), p.b())[high], p::toString);
            }
            assertEquals(nd, columns.size(), "every column is used for nd=" + nd);
        }
    }

    @Test
    void chainIsAllNinesAndCarriesFromTheLowestNonZeroDigitOfBThroughColumnNdMinusOne() {
        DataRng rng = new DataRng(12);
        for (int nd = 1; nd <= 10; nd++) {
            long bMax = Batches.pow10(Math.min(nd, 3));
            boolean sawMax = false;
            int draws = nd <= 4 ? 12_000 : 1_000;
            for (int t = 0; t < draws; t++) {
                CarryPair p = CarryGenerator.next(rng, CarryPattern.CHAIN, nd);
                assertEquals(Batches.pow10(nd) - 1, p.a());
                assertTrue(p.b() >= 1 && p.b() <= bMax, p::toString);
                sawMax |= p.b() == bMax;
                boolean[] carry = Carries.carryOut(p.a(), p.b());
                if (p.b() % Batches.pow10(nd) == 0) {
                    assertEquals(0, Carries.count(p.a(), p.b()), p::toString);
                } else {
                    int from = Carries.trailingZeros(p.b());
                    for (int i = 0; i < Carries.COLUMNS; i++) {
                        int col = i;
                        assertEquals(i >= from && i < nd, carry[i], () -> "column " + col + " of " + p);
                    }
                    assertEquals(nd - from, Carries.longestChain(p.a(), p.b()));
                }
            }
            if (nd <= 4) {
                assertTrue(sawMax, "b reaches 10^min(nd,3) for nd=" + nd);
            }
        }
    }

    @Test
    void publishedChainEdgeCaseBEqualsTenToTheNdCarriesNothing() {
        DataRng rng = new DataRng(13);
        int noCarry = 0;
        for (int t = 0; t < 1000; t++) {
            CarryPair p = CarryGenerator.next(rng, CarryPattern.CHAIN, 1);
            if (p.b() == 10) {
                assertEquals(0, Carries.count(p.a(), p.b()));
                noCarry++;
            } else {
                assertEquals(1, Carries.longestChain(p.a(), p.b()));
            }
        }
        assertTrue(noCarry > 50 && noCarry < 150, "about one in ten: " + noCarry);
    }

    @Test
    void placeAddsOneNonZeroDigitToAnNdDigitNumber() {
        DataRng rng = new DataRng(14);
        for (int nd = 1; nd <= 10; nd++) {
            Set<Integer> positions = new HashSet<>();
            Set<Integer> ks = new HashSet<>();
            for (int t = 0; t < DRAWS; t++) {
                CarryPair p = CarryGenerator.next(rng, CarryPattern.PLACE, nd);
                if (nd == 1) {
                    assertTrue(p.a() <= 9, p::toString);
                } else {
                    assertEquals(nd, Carries.length(p.a()), p::toString);
                }
                int pos = Carries.trailingZeros(p.b());
                long k = p.b() / Batches.pow10(pos);
                assertTrue(k >= 1 && k <= 9, p::toString);
                assertTrue(pos < nd, p::toString);
                positions.add(pos);
                ks.add((int) k);
                boolean[] carry = Carries.carryOut(p.a(), p.b());
                for (int i = 0; i < pos; i++) {
                    assertFalse(carry[i], () -> "no carry below pos in " + p);
                }
                assertEquals(carry[pos], Carries.digit(p.a(), pos) + k >= 10, p::toString);
            }
            assertEquals(nd, positions.size());
            assertEquals(9, ks.size());
        }
    }

    @Test
    void boundarySitsJustBelowAPowerOfTenAndCrossingItCarriesThroughColumnsOneToNdMinusOne() {
        DataRng rng = new DataRng(15);
        for (int nd = 1; nd <= 10; nd++) {
            long power = Batches.pow10(nd);
            int crossed = 0;
            for (int t = 0; t < DRAWS; t++) {
                CarryPair p = CarryGenerator.next(rng, CarryPattern.BOUNDARY, nd);
                assertTrue(p.a() >= power - 10 && p.a() <= power - 1, p::toString);
                assertTrue(p.b() >= 1 && p.b() <= 20, p::toString);
                if (nd >= 2) {
                    boolean crosses = p.a() + p.b() >= power;
                    boolean[] carry = Carries.carryOut(p.a(), p.b());
                    assertEquals(crosses, carry[nd - 1], p::toString);
                    if (crosses) {
                        crossed++;
                        for (int i = 1; i < nd; i++) {
                            int col = i;
                            assertTrue(carry[i], () -> "column " + col + " of " + p);
                        }
                    }
                }
            }
            if (nd >= 2) {
                assertTrue(crossed > DRAWS / 2, "most boundary pairs cross 10^nd: " + crossed);
            }
        }
    }

    @Test
    void mixedDrawsUseAllPatternsAndLengthsUniformly() {
        DataRng rng = new DataRng(16);
        Map<CarryPattern, Integer> patterns = new EnumMap<>(CarryPattern.class);
        int[] lengths = new int[7];
        int n = 40_000;
        for (int t = 0; t < n; t++) {
            CarryPair p = CarryGenerator.next(rng, 6);
            patterns.merge(p.pattern(), 1, Integer::sum);
            lengths[p.digits()]++;
        }
        assertEquals(0, lengths[0]);
        for (int nd = 1; nd <= 6; nd++) {
            assertTrue(Math.abs(lengths[nd] - n / 6.0) < 0.05 * n / 6, "nd=" + nd + ": " + lengths[nd]);
        }
        for (CarryPattern pattern : CarryPattern.values()) {
            assertTrue(Math.abs(patterns.get(pattern) - n / 4.0) < 0.05 * n / 4, pattern + ": " + patterns);
        }
    }

    @Test
    void invalidArgumentsAreRejected() {
        DataRng rng = new DataRng(0);
        assertEquals("maxDigits must be in [1, 10]: 11",
                assertThrows(IllegalArgumentException.class, () -> CarryGenerator.next(rng, 11)).getMessage());
        assertEquals("digits must be in [1, 10]: 0", assertThrows(IllegalArgumentException.class,
                () -> CarryGenerator.next(rng, CarryPattern.CHAIN, 0)).getMessage());
        assertEquals("a must be in [0, 9999999999]: -1", assertThrows(IllegalArgumentException.class,
                () -> new CarryPair(CarryPattern.SINGLE, 1, -1, 0)).getMessage());
        assertEquals("b must be in [0, 9999999999]: 10000000000", assertThrows(IllegalArgumentException.class,
                () -> new CarryPair(CarryPattern.SINGLE, 1, 0, 10_000_000_000L)).getMessage());
    }
}
