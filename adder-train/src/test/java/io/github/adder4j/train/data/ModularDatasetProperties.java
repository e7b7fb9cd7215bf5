package io.github.adder4j.train.data;

import io.github.adder4j.core.format.ModularFormat;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Modular datasets: correct targets, a clean partition, inverses that invert. */
class ModularDatasetProperties {

    @Property(tries = 100)
    boolean targetsAreCorrectAndSplitsPartitionAllPairs(@ForAll ModularFormat.Op op,
            @ForAll @IntRange(min = 2, max = 60) int p, @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction,
            @ForAll long seed) {
        Assume.that(op != ModularFormat.Op.DIVIDE || ModularDataset.isPrime(p));
        Statistics.label("op").collect(op);
        ModularDataset d = ModularDataset.create(op, p, fraction, seed);
        boolean[] seen = new boolean[p * p];
        for (ModularDataset.Split split : new ModularDataset.Split[] {d.train(), d.test()}) {
            for (int i = 0; i < split.size(); i++) {
                int a = split.a(i);
                int b = split.b(i);
                int t = split.target(i);
                long check = switch (op) {
                    case ADD -> ((long) t - a - b) % p;
                    case SUBTRACT -> ((long) t - a + b) % p;
                    case MULTIPLY -> ((long) t - (long) a * b) % p;
                    case DIVIDE -> ((long) t * b - a) % p;
                };
                if (check != 0 || seen[a * p + b]) {
                    return false;
                }
                seen[a * p + b] = true;
            }
        }
        int expected = op == ModularFormat.Op.DIVIDE ? p * (p - 1) : p * p;
        return d.size() == expected && Math.abs(d.train().size() - fraction * expected) <= 1;
    }

    @Property(tries = 300)
    boolean inverseInverts(@ForAll @IntRange(min = 2, max = 5000) int p, @ForAll @IntRange(min = 1) int raw) {
        int b = 1 + raw % (p - 1);
        Assume.that(gcd(b, p) == 1);
        int inv = ModularFormat.Op.inverse(b, p);
        return inv >= 1 && inv < p && (long) b * inv % p == 1 % p;
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
