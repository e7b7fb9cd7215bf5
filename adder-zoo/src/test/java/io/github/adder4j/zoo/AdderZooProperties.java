package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every zoo entry that claims 10010/10010 on AdderBoard, and no failure on its carry suite and its 100,000 random pairs,
 * adds exactly, on uniform pairs and on carry-heavy pairs (long carry chains, 9...9 + small numbers, columns whose digits
 * sum to 9). Each try sends a whole list of pairs to the model in one batch; the longest carry chain of every pair is
 * collected. An entry with recorded random failures (a trained model exact on AdderBoard but wrong on a few in 100,000
 * other pairs) claims no exactness beyond its scores, which {@code AdderZooTest} re-verifies.
 */
class AdderZooProperties {
    /** Models loaded on first use, one per entry, closed after the class. */
    private static final Map<String, AdderModel> MODELS = new ConcurrentHashMap<>();

    private static final long MAX = Case.MAX_OPERAND;

    @AfterContainer
    static void closeModels() {
        MODELS.values().forEach(AdderModel::close);
        MODELS.clear();
    }

    private static Adder adder(String id) {
        return MODELS.computeIfAbsent(id, AdderZoo::loadModel).adder();
    }

    /** Whether an entry's verified results hold no failure at all. */
    static boolean claimsExactness(ZooEntry e) {
        return e.results().adderBoard().perfect() && e.results().carry().perfect() && e.results().random().perfect();
    }

    @Provide
    Arbitrary<String> perfectEntry() {
        List<String> ids = AdderZoo.list().stream().filter(AdderZooProperties::claimsExactness).map(ZooEntry::id).toList();
        return Arbitraries.of(ids);
    }

    @Provide
    Arbitrary<Case> uniform() {
        Arbitrary<Long> operand = Arbitraries.longs().between(0, MAX);
        return Arbitraries.oneOf(operand, operand.map(v -> v / 10)).tuple2().map(t -> new Case(t.get1(), t.get2()));
    }

    /** Digit columns: mostly "generate" (sum >= 10) and "propagate" (sum = 9), so that carries run far. */
    private static Arbitrary<int[]> column() {
        Arbitrary<int[]> generate = Arbitraries.integers().between(1, 9)
                .flatMap(a -> Arbitraries.integers().between(10 - a, 9).map(b -> new int[] {a, b}));
        Arbitrary<int[]> propagate = Arbitraries.integers().between(0, 9).map(a -> new int[] {a, 9 - a});
        Arbitrary<int[]> kill = Arbitraries.integers().between(0, 8)
                .flatMap(a -> Arbitraries.integers().between(0, 8 - a).map(b -> new int[] {a, b}));
        return Arbitraries.frequencyOf(Tuple.of(3, generate), Tuple.of(5, propagate), Tuple.of(1, kill));
    }

    private static Case fromColumns(List<int[]> columns) {
        long a = 0;
        long b = 0;
        for (int i = columns.size() - 1; i >= 0; i--) {
            a = a * 10 + columns.get(i)[0];
            b = b * 10 + columns.get(i)[1];
        }
        return new Case(a, b);
    }

    @Provide
    Arbitrary<Case> carryHeavy() {
        Arbitrary<Case> columns = column().list().ofSize(Carries.COLUMNS).map(AdderZooProperties::fromColumns);
        // a chain started at column s and carried through every column above it by digits summing to 9
        Arbitrary<Case> chainToTop = Arbitraries.integers().between(0, Carries.COLUMNS - 1).flatMap(start ->
                Arbitraries.integers().between(0, 9).list().ofSize(Carries.COLUMNS).map(digits -> {
                    int[][] cols = new int[Carries.COLUMNS][];
                    for (int i = 0; i < Carries.COLUMNS; i++) {
                        int d = digits.get(i);
                        cols[i] = i < start ? new int[] {d, d / 2} : i == start ? new int[] {Math.max(1, d), 10 - Math.max(1, d)}
                                : new int[] {d, 9 - d};
                    }
                    return fromColumns(List.of(cols));
                }));
        // 9...9 + a small number, either order
        Arbitrary<Case> ninesPlusSmall = Arbitraries.integers().between(1, 10).flatMap(k ->
                Arbitraries.longs().between(1, 99).map(small -> new long[] {(long) Math.pow(10, k) - 1, small}))
                .flatMap(p -> Arbitraries.of(new Case(p[0], p[1]), new Case(p[1], p[0])));
        return Arbitraries.oneOf(columns, chainToTop, ninesPlusSmall);
    }

    private static void checkBatch(String id, List<Case> pairs, String label) {
        long[] a = new long[pairs.size()];
        long[] b = new long[pairs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pairs.get(i).a();
            b[i] = pairs.get(i).b();
            Statistics.label(label).collect(Carries.longestCarryChain(a[i], b[i]));
        }
        long[] sums = adder(id).add(a, b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] + b[i], sums[i], id + ": " + a[i] + " + " + b[i]);
        }
    }

    @Property(tries = 10)
    void addsUniformPairsExactly(@ForAll("perfectEntry") String id,
                                 @ForAll @Size(min = 25, max = 100) List<@From("uniform") Case> pairs) {
        checkBatch(id, pairs, "longest carry chain (uniform)");
    }

    @Property(tries = 10)
    void addsCarryHeavyPairsExactly(@ForAll("perfectEntry") String id,
                                    @ForAll @Size(min = 25, max = 100) List<@From("carryHeavy") Case> pairs) {
        checkBatch(id, pairs, "longest carry chain (carry-heavy)");
        Statistics.label("pairs with a 10-column chain").collect(pairs.stream()
                .anyMatch(p -> Carries.longestCarryChain(p.a(), p.b()) == Carries.COLUMNS));
    }
}
