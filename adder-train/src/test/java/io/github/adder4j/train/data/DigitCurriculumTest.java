package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adder4j.train.data.DigitCurriculum.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigitCurriculumTest {

    @Test
    void standardCurriculumBoundaries() {
        DigitCurriculum c = DigitCurriculum.standard();
        assertEquals(3, c.maxDigits(0));
        assertEquals(3, c.maxDigits(1999));
        assertEquals(6, c.maxDigits(2000));
        assertEquals(6, c.maxDigits(6999));
        assertEquals(10, c.maxDigits(7000));
        assertEquals(10, c.maxDigits(Integer.MAX_VALUE));
        assertEquals(3, c.smallestMaxDigits());
    }

    @Test
    void phasesNeedNotIncreaseInDigits() {
        DigitCurriculum c = new DigitCurriculum(List.of(new Phase(0, 10), new Phase(5, 2), new Phase(9, 7)));
        assertEquals(10, c.maxDigits(4));
        assertEquals(2, c.maxDigits(5));
        assertEquals(2, c.maxDigits(8));
        assertEquals(7, c.maxDigits(9));
        assertEquals(2, c.smallestMaxDigits());
        assertEquals(4, DigitCurriculum.constant(4).maxDigits(123_456));
    }

    @Test
    void invalidCurriculaAreRejected() {
        assertEquals("maxDigits must be in [1, 10]: 11",
                assertThrows(IllegalArgumentException.class, () -> new Phase(0, 11)).getMessage());
        assertEquals("maxDigits must be in [1, 10]: 0",
                assertThrows(IllegalArgumentException.class, () -> new Phase(0, 0)).getMessage());
        assertEquals("fromStep must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> new Phase(-1, 3)).getMessage());
        assertEquals("phases must not be empty: []",
                assertThrows(IllegalArgumentException.class, () -> new DigitCurriculum(List.of())).getMessage());
        assertEquals("phases must start at step 0: 10", assertThrows(IllegalArgumentException.class,
                () -> new DigitCurriculum(List.of(new Phase(10, 3)))).getMessage());
        assertEquals("phases must be sorted by strictly increasing fromStep: 7000 then 2000",
                assertThrows(IllegalArgumentException.class, () -> new DigitCurriculum(
                        List.of(new Phase(0, 3), new Phase(7000, 10), new Phase(2000, 6)))).getMessage());
        assertEquals("phases must be sorted by strictly increasing fromStep: 5 then 5",
                assertThrows(IllegalArgumentException.class, () -> new DigitCurriculum(
                        List.of(new Phase(0, 3), new Phase(5, 4), new Phase(5, 6)))).getMessage());
        assertEquals("step must be >= 0: -1", assertThrows(IllegalArgumentException.class,
                () -> DigitCurriculum.standard().maxDigits(-1)).getMessage());
    }
}
