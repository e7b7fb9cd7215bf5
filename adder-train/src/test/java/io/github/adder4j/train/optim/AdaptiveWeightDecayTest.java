package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.util.List;

class AdaptiveWeightDecayTest {

    private final AdaptiveWeightDecay rule = AdaptiveWeightDecay.recipe74p(0.01);

    @Test
    void recipe74pThresholdsAreInclusive() {
        assertEquals(0.01, rule.initialWeightDecay());
        assertEquals(0.01 * 0.01, rule.weightDecay(0.2, 0.7));
        assertEquals(0.01 * 0.01, rule.weightDecay(1.0, 1.0));
        assertEquals(0.01 * 0.1, rule.weightDecay(Math.nextDown(0.2), 0.7));
        assertEquals(0.01 * 0.1, rule.weightDecay(0.02, 0.7));
        assertEquals(0.01, rule.weightDecay(Math.nextDown(0.02), 0.99));
        assertEquals(0.01, rule.weightDecay(1.0, Math.nextDown(0.7)));
        assertEquals(0.01, rule.weightDecay(0.0, 0.0));
    }

    @Test
    void firstMatchingTierWins() {
        AdaptiveWeightDecay custom = new AdaptiveWeightDecay(1.0,
                List.of(new AdaptiveWeightDecay.Tier(0.5, 0.0, 0.0), new AdaptiveWeightDecay.Tier(0.0, 0.5, 0.5)));
        assertEquals(0.0, custom.weightDecay(0.9, 0.9));
        assertEquals(0.5, custom.weightDecay(0.1, 0.9));
        assertEquals(1.0, custom.weightDecay(0.1, 0.1));
        assertEquals(2.0, new AdaptiveWeightDecay(2.0, List.of()).weightDecay(1.0, 1.0));
    }

    @Test
    void rejectsBadValues() {
        assertEquals("exactMatch must be in [0, 1]: 1.5", assertThrows(IllegalArgumentException.class,
                () -> rule.weightDecay(1.5, 0.5)).getMessage());
        assertEquals("tokenAccuracy must be in [0, 1]: NaN", assertThrows(IllegalArgumentException.class,
                () -> rule.weightDecay(0.5, Double.NaN)).getMessage());
        assertEquals("baseWeightDecay must be non-negative: -0.01", assertThrows(IllegalArgumentException.class,
                () -> AdaptiveWeightDecay.recipe74p(-0.01)).getMessage());
        assertEquals("minExactMatch must be in [0, 1]: 2.0", assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveWeightDecay.Tier(2.0, 0.5, 0.1)).getMessage());
        assertEquals("multiplier must be non-negative: -1.0", assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveWeightDecay.Tier(0.5, 0.5, -1.0)).getMessage());
        assertEquals("tiers must not be null", assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveWeightDecay(0.01, null)).getMessage());
    }
}
