package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What {@link Adder#add(long, long)} documents: its range, its result, and the exception for an operand outside it. */
class AdderRangeTest {

    @Test
    void operandsOutsideTheRangeAreRefusedNamingThem() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Adder adder = model.adder();
            assertEquals(19_999_999_998L, adder.add(9_999_999_999L, 9_999_999_999L));
            assertEquals(0L, adder.add(0, 0));
            assertEquals("a must be in [0, 9999999999]: -5",
                    assertThrows(IllegalArgumentException.class, () -> adder.add(-5, 1)).getMessage());
            assertEquals("b must be in [0, 9999999999]: 10000000000",
                    assertThrows(IllegalArgumentException.class, () -> adder.add(1, 10_000_000_000L)).getMessage());
        }
    }

    /** The example in {@link AdderModel}'s class comment. */
    @Test
    void theAdderModelJavadocExampleRuns() {
        try (AdderModel model = Preset.byId("split-57").builder().build()) {
            assertEquals(57, model.parameterReport().uniqueParameters());
        }
        try (AdderModel model = Preset.ROPE19_10.create()) {
            assertEquals(11_111_111_100L, model.adder().add(1234567890L, 9876543210L));
        }
    }
}
