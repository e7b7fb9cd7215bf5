package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GrokRateTest {

    @Test
    void wilsonIntervalsMatchTheTextbookValues() {
        // 1 of 10: the classic example, 95 % Wilson interval [0.0179, 0.4042]
        GrokRate one = GrokRate.wilson(1, 10);
        assertEquals(0.0179, one.low(), 5e-5);
        assertEquals(0.4042, one.high(), 5e-5);
        // the published 311p sweep: 6 of 56 above 90 %
        GrokRate published = GrokRate.wilson(6, 56);
        assertEquals(0.0500, published.low(), 5e-5);
        assertEquals(0.2147, published.high(), 5e-5);
        assertEquals("6/56 = 10.7 % (95 % Wilson interval 5.0-21.5 %)", published.toString());
        // none of 27: the upper end is z^2 / (n + z^2), the "rule of three"-like bound
        GrokRate none = GrokRate.wilson(0, 27);
        assertEquals(0.0, none.low());
        assertEquals(1.959963984540054 * 1.959963984540054 / (27 + 1.959963984540054 * 1.959963984540054), none.high(), 1e-12);
        GrokRate all = GrokRate.wilson(27, 27);
        assertEquals(1.0, all.high());
        assertEquals(1 - none.high(), all.low(), 1e-12);
        assertEquals("0/0 (no run counted yet)", GrokRate.wilson(0, 0).toString());
    }

    @Test
    void badCountsAreRejected() {
        assertEquals("grokked must be in [0, runs]: grokked=3, runs=2",
                assertThrows(IllegalArgumentException.class, () -> GrokRate.wilson(3, 2)).getMessage());
        assertEquals("grokked must be in [0, runs]: grokked=-1, runs=2",
                assertThrows(IllegalArgumentException.class, () -> GrokRate.wilson(-1, 2)).getMessage());
    }
}
