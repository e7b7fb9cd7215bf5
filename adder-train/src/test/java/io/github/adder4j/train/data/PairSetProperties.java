package io.github.adder4j.train.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** PairSet behaves like a set of (a, b) pairs. */
class PairSetProperties {

    @Property(tries = 300)
    boolean agreesWithAHashSetModel(
            @ForAll @Size(max = 300) List<@LongRange(max = 30) Long> as,
            @ForAll @Size(max = 300) List<@LongRange(max = 9_999_999_999L) Long> bs,
            @ForAll @LongRange(max = 30) long probeA) {
        Set<List<Long>> model = new HashSet<>();
        PairSet set = new PairSet();
        int n = Math.min(as.size(), bs.size());
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            long b = bs.get(i) % 5 == 0 ? bs.get(i) % 3 : bs.get(i);
            boolean added = set.add(as.get(i), b);
            if (added != model.add(List.of(as.get(i), b))) {
                return false;
            }
            duplicates += added ? 0 : 1;
        }
        Statistics.label("has duplicates").collect(duplicates > 0);
        for (List<Long> pair : model) {
            if (!set.contains(pair.get(0), pair.get(1))) {
                return false;
            }
        }
        for (long b = 0; b < 3; b++) {
            if (set.contains(probeA, b) != model.contains(List.of(probeA, b))) {
                return false;
            }
        }
        return set.size() == model.size();
    }
}
