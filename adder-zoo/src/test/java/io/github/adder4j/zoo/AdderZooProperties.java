package io.github.adder4j.zoo;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import io.github.adder4j.testing.AdderChecks;
import io.github.adder4j.testing.AdditionArbitraries;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Every zoo entry that claims 10010/10010 on AdderBoard, and no failure on its carry suite and its 100,000 random pairs,
 * adds exactly, on uniform pairs and on carry-heavy pairs (carry chains of every length at every column, near misses,
 * boundaries, mixed digit lengths: the arbitraries of {@code adder-testing}). Each try sends a whole list of pairs to
 * the model in one batch ({@link AdderChecks}); the longest carry chain of every pair is collected. An entry with
 * recorded random failures (a trained model exact on AdderBoard but wrong on a few in 100,000 other pairs) claims no exactness beyond its scores, which {@code AdderZooTest} re-verifies.
 */
class AdderZooProperties {
    /** Models loaded on first use, one per entry, closed after the class. */
    private static final Map<String, AdderModel> MODELS = new ConcurrentHashMap<>();

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
        return AdditionArbitraries.uniform();
    }

    @Provide
    Arbitrary<Case> carryHeavy() {
        return Arbitraries.oneOf(AdditionArbitraries.carryChains(), AdditionArbitraries.nearMissChains(),
                AdditionArbitraries.boundaries(), AdditionArbitraries.mixedLengths());
    }

    @Property(tries = 10)
    void addsUniformPairsExactly(@ForAll("perfectEntry") String id,
                                 @ForAll @Size(min = 25, max = 100) List<@From("uniform") Case> pairs) {
        AdderChecks.check(adder(id), pairs);
    }

    @Property(tries = 10)
    void addsCarryHeavyPairsExactly(@ForAll("perfectEntry") String id,
                                    @ForAll @Size(min = 25, max = 100) List<@From("carryHeavy") Case> pairs) {
        AdderChecks.check(adder(id), pairs);
        Statistics.label("pairs with a 10-column chain").collect(pairs.stream()
                .anyMatch(p -> Carries.longestCarryChain(p.a(), p.b()) == Carries.COLUMNS));
    }
}
