package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default carry suite: coverage, structure, families, determinism. */
class CarrySuiteTest {

    private static final CarrySuite SUITE = Suite.carry();

    @Test
    void coversEveryLengthAndStartWithItsFillers() {
        assertEquals(StructureChecks.expectedCoverage(), StructureChecks.coverage(SUITE));
        // 56 chain combinations (length 0 and 55 placements) x 8, and 55 propagate runs x 4
        assertEquals(56 * 8 + 55 * 4, SUITE.structuredCases().size());
    }

    @Test
    void everyStructuredCaseHasItsClaimedStructure() {
        for (CarrySuite.StructuredCase s : SUITE.structuredCases()) {
            assertNull(StructureChecks.problem(s));
        }
    }

    @Test
    void evenChainFillersOnlyPropagateAfterTheFirstColumn() {
        // fillers come in suite order, CHAIN_FILLERS per (length, start): filler = index % CHAIN_FILLERS
        List<CarrySuite.StructuredCase> structured = SUITE.structuredCases();
        int oddWithAGenerateInside = 0;
        for (int i = 0; i < structured.size(); i++) {
            CarrySuite.StructuredCase s = structured.get(i);
            if (s.structure() != CarrySuite.Structure.CARRY_CHAIN || s.length() < 2) {
                continue;
            }
            boolean onlyNines = true;
            for (int column = s.start() + 1; column < s.start() + s.length(); column++) {
                onlyNines &= StructureChecks.digitSum(s.testCase(), column) == 9;
            }
            if (i % CarrySuite.CHAIN_FILLERS % 2 == 0) {
                assertTrue(onlyNines, s::toString);
            } else if (!onlyNines) {
                oddWithAGenerateInside++;
            }
        }
        // odd fillers draw any carrying digit sum, so most of them restart the carry inside the chain
        assertTrue(oddWithAGenerateInside > 100, "odd fillers with a digit sum >= 10 inside: " + oddWithAGenerateInside);
    }

    @Test
    void endsWithTheClassicFamiliesWithoutDuplicates() {
        List<Case> structured = SUITE.structuredCases().stream().map(CarrySuite.StructuredCase::testCase).toList();
        assertEquals(structured, SUITE.cases().subList(0, structured.size()));
        Set<Case> families = new LinkedHashSet<>(CarrySuite.classicFamilies());
        families.removeAll(new HashSet<>(structured));
        assertEquals(new ArrayList<>(families), SUITE.cases().subList(structured.size(), SUITE.size()));
        assertTrue(SUITE.cases().contains(new Case(5_193_798_811L, 1_806_201_129L)));
        assertTrue(SUITE.cases().contains(new Case(1_806_201_129L, 5_193_798_811L)));
        for (int k = 1; k <= 10; k++) {
            long nines = (long) Math.pow(10, k) - 1;
            assertTrue(SUITE.cases().contains(new Case(nines, 1)), "nines " + k);
            assertTrue(SUITE.cases().contains(new Case(1, nines)), "nines " + k);
            for (int j = 0; j < k; j++) {
                long power = (long) Math.pow(10, j);
                assertTrue(SUITE.cases().contains(new Case(nines, power)), k + "," + j);
                assertEquals(k - j, Carries.longestCarryChain(nines, power), k + "," + j);
            }
        }
        // 20 nines-plus-one cases + 110 (10^k - 1, 10^j) cases + 2, the 20 nines-plus-one ones counted twice
        assertEquals(112, families.size());
    }

    @Test
    void isDeterministicForASeed() {
        assertEquals("carry", SUITE.name());
        assertEquals(CarrySuite.DEFAULT_SEED, SUITE.seed());
        assertEquals(SUITE.cases(), Suite.carry().cases());
        assertEquals(SUITE.cases(), Suite.carry(CarrySuite.DEFAULT_SEED).cases());
        CarrySuite other = Suite.carry(1);
        assertEquals("carry:1", other.name());
        assertNotEquals(SUITE.structuredCases(), other.structuredCases());
    }

    @Test
    void catchesAnAdderThatIsWrongOnLongChains() {
        BatchAdder wrongOnLongChains = (a, b) -> {
            long[] sums = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                sums[i] = a[i] + b[i] + (Carries.longestCarryChain(a[i], b[i]) >= 8 ? 1 : 0);
            }
            return sums;
        };
        SuiteResult result = SUITE.run(wrongOnLongChains);
        Set<Case> failed = new HashSet<>();
        result.failures().forEach(f -> failed.add(f.testCase()));
        for (CarrySuite.StructuredCase s : SUITE.structuredCases()) {
            if (s.structure() == CarrySuite.Structure.CARRY_CHAIN && s.length() >= 8) {
                assertTrue(failed.contains(s.testCase()), s::toString);
            }
        }
        // chains of length 8, 9, 10 have 3 + 2 + 1 starts, 8 fillers each, on top of the families
        assertTrue(result.failed() >= 48, result::summaryLine);
        assertEquals(SUITE.cases().stream().filter(c -> Carries.longestCarryChain(c.a(), c.b()) >= 8).count(),
                result.failed());
    }

    @Test
    void structuredCaseValidatesItsCoordinates() {
        Case c = new Case(1, 2);
        assertEquals("length must be in [0, 10]: 11", assertThrows(IllegalArgumentException.class,
                () -> new CarrySuite.StructuredCase(CarrySuite.Structure.CARRY_CHAIN, 11, 0, c)).getMessage());
        assertEquals("length must be in [1, 10]: 0", assertThrows(IllegalArgumentException.class,
                () -> new CarrySuite.StructuredCase(CarrySuite.Structure.PROPAGATE_WITHOUT_CARRY, 0, 0, c))
                .getMessage());
        assertEquals("start must be in [0, 9]: -1", assertThrows(IllegalArgumentException.class,
                () -> new CarrySuite.StructuredCase(CarrySuite.Structure.CARRY_CHAIN, 1, -1, c)).getMessage());
        assertEquals("a chain of length 0 must have start 0: 4", assertThrows(IllegalStateException.class,
                () -> new CarrySuite.StructuredCase(CarrySuite.Structure.CARRY_CHAIN, 0, 4, c)).getMessage());
        assertEquals("start + length must be <= 10: start=3, length=8", assertThrows(IllegalStateException.class,
                () -> new CarrySuite.StructuredCase(CarrySuite.Structure.CARRY_CHAIN, 8, 3, c)).getMessage());
    }
}
