package io.github.adder4j.train.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Every carry-generator pair has the carries its pattern claims. */
class CarryPatternProperties {

    @Property(tries = 2000)
    boolean everyDrawSatisfiesItsPatternsCarryProperty(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 10) int maxDigits) {
        DataRng rng = new DataRng(seed);
        CarryPair p = CarryGenerator.next(rng, maxDigits);
        int chain = Carries.longestChain(p.a(), p.b());
        Statistics.label("pattern").collect(p.pattern());
        Statistics.label("pattern and chain length").collect(p.pattern(), chain);
        return p.digits() <= maxDigits && holds(p);
    }

    @Property(tries = 1000)
    boolean chainGivesAChainOfAtLeastNdWhenBIsNotAMultipleOfTen(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 10) int nd) {
        CarryPair p = CarryGenerator.next(new DataRng(seed), CarryPattern.CHAIN, nd);
        int chain = Carries.longestChain(p.a(), p.b());
        boolean multipleOfTen = p.b() % 10 == 0;
        Statistics.label("b multiple of 10").collect(multipleOfTen);
        Statistics.label("nd and chain length").collect(nd, chain);
        return multipleOfTen || chain >= nd;
    }

    @Property(tries = 1000)
    boolean singleCarriesExactlyOnce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int nd) {
        CarryPair p = CarryGenerator.next(new DataRng(seed), CarryPattern.SINGLE, nd);
        Statistics.label("nd").collect(nd);
        return Carries.count(p.a(), p.b()) == 1 && Carries.longestChain(p.a(), p.b()) == 1;
    }

    /** The defining property of each pattern (see {@link CarryGenerator}). */
    static boolean holds(CarryPair p) {
        int nd = p.digits();
        long power = Batches.pow10(nd);
        boolean[] carry = Carries.carryOut(p.a(), p.b());
        return switch (p.pattern()) {
            case SINGLE -> {
                boolean shape = p.a() < power && p.b() < power && Carries.count(p.a(), p.b()) == 1;
                for (int i = 0; i < nd; i++) {
                    int da = Carries.digit(p.a(), i);
                    int db = Carries.digit(p.b(), i);
                    // the carrying column has both digits in 5..9, every other column both in 0..4
                    shape &= carry[i] ? da >= 5 && db >= 5 : da <= 4 && db <= 4;
                }
                yield shape;
            }
            case CHAIN -> {
                if (p.a() != power - 1 || p.b() < 1 || p.b() > Batches.pow10(Math.min(nd, 3))) {
                    yield false;
                }
                if (p.b() % power == 0) {
                    yield Carries.count(p.a(), p.b()) == 0;
                }
                int from = Carries.trailingZeros(p.b());
                boolean exact = true;
                for (int i = 0; i < Carries.COLUMNS; i++) {
                    exact &= carry[i] == (i >= from && i < nd);
                }
                yield exact;
            }
            case PLACE -> {
                int pos = Carries.trailingZeros(p.b());
                long k = p.b() / Batches.pow10(pos);
                boolean noCarryBelow = true;
                for (int i = 0; i < pos; i++) {
                    noCarryBelow &= !carry[i];
                }
                boolean length = nd == 1 ? p.a() <= 9 : Carries.length(p.a()) == nd;
                yield length && k >= 1 && k <= 9 && pos < nd && noCarryBelow;
            }
            case BOUNDARY -> {
                boolean range = p.a() >= power - 10 && p.a() < power && p.b() >= 1 && p.b() <= 20;
                if (nd == 1) {
                    yield range;
                }
                boolean crosses = p.a() + p.b() >= power;
                boolean chainThrough = true;
                for (int i = 1; i < nd; i++) {
                    chainThrough &= carry[i];
                }
                yield range && crosses == carry[nd - 1] && (!crosses || chainThrough);
            }
        };
    }
}
