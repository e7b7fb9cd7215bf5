package io.github.adder4j.core.eval;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Every carry suite, whatever its seed, covers every combination and each case has its claimed structure. */
class CarrySuiteProperties {

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 100_000),
                Arbitraries.longs().between(0, Long.MAX_VALUE))
                .filter(seed -> seed != Suite.ADDERBOARD_SEED);
    }

    @Property(tries = 25)
    boolean coversEveryCombination(@ForAll("seeds") long seed) {
        CarrySuite suite = Suite.carry(seed);
        Statistics.label("two-word seed").collect(seed >>> 32 != 0);
        return StructureChecks.coverage(suite).equals(StructureChecks.expectedCoverage());
    }

    @Property(tries = 25)
    void everyCaseHasItsClaimedStructure(@ForAll("seeds") long seed) {
        CarrySuite suite = Suite.carry(seed);
        int absorbed = 0;
        for (CarrySuite.StructuredCase s : suite.structuredCases()) {
            String problem = StructureChecks.problem(s);
            if (problem != null) {
                throw new AssertionError("seed " + seed + ": " + problem);
            }
            if (s.structure() == CarrySuite.Structure.PROPAGATE_WITHOUT_CARRY && s.start() >= 2
                    && StructureChecks.carriesOut(s.testCase(), s.start() - 2)) {
                absorbed++;
            }
        }
        // odd propagate fillers put a carry right below the run that the column in between absorbs
        Statistics.label("runs next to an absorbed carry").collect(absorbed >= 36 * 2 ? ">= 72" : "< 72");
        if (absorbed < 36 * 2) {
            throw new AssertionError("seed " + seed + ": only " + absorbed + " runs next to an absorbed carry");
        }
    }

    @Property(tries = 10)
    boolean isDeterministic(@ForAll("seeds") long seed) {
        return Suite.carry(seed).cases().equals(Suite.carry(seed).cases());
    }
}
