package io.github.adder4j.core.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The carry partition: sizes, children, the digits a cell determines, and the text form. */
class CellTest {

    @Test
    void initialPartitionsHaveTheExpectedSizes() {
        assertEquals(100, Cell.initial(0).size());
        assertEquals(10_000, Cell.initial(1).size());
        assertEquals(20_000, Cell.initial(5).size());
        assertEquals(200, Cell.initial(10).size());
    }

    @Test
    void everyPairLiesInExactlyOneInitialCellWithTheRightAnswer() {
        Random random = new Random(3);
        for (int step = 0; step <= 10; step++) {
            List<Cell> cells = Cell.initial(step);
            for (int n = 0; n < 40; n++) {
                long a = (long) (random.nextDouble() * 1e10);
                long b = n % 2 == 0 ? 9_999_999_999L - a : (long) (random.nextDouble() * 1e10);
                long sum = a + b;
                long inside = cells.stream().filter(c -> contains(c, a, b)).count();
                assertEquals(1, inside, "step " + step + ": " + a + " + " + b);
                Cell c = cells.stream().filter(x -> contains(x, a, b)).findFirst().orElseThrow();
                assertEquals(sum / pow10(step) % 10, c.answer());
            }
        }
    }

    @Test
    void downwardChildrenKeepTheCarryAndUpwardChildrenFixTheNextColumn() {
        Cell cell = Cell.parse("3/2/1/4718");
        List<Cell> down = cell.children(Cell.Split.DOWN);
        assertEquals(100, down.size()); // pairs and carries into column 1 whose sum carries out
        for (Cell child : down) {
            assertEquals(1, (child.digit(0, 1) + child.digit(1, 1) + child.carryIn()) / 10);
            assertEquals(cell.answer(), child.answer());
        }
        assertEquals(100, Cell.parse("3/0/0/11223344").children(Cell.Split.UP).size());
        assertEquals(null, Cell.parse("9/0/0/11111111111111111111").nextSplit());
    }

    @Test
    void textFormRoundTrips() {
        Cell cell = Cell.parse("3/2/1/4718");
        assertEquals("3/2/1/4718", cell.toString());
        assertEquals(4, cell.digit(0, 2));
        assertEquals(8, cell.digit(1, 3));
        assertEquals((1 + 8 + (4 + 7 + 1) / 10) % 10, cell.answer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cell.parse("3/2/1"));
        assertEquals("cell must be step/lo/carryIn/digits: 3/2/1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cell.parse("3/0/1/12"));
        assertEquals("carryIn must be 0 or 1 (0 at column 0): 1", e.getMessage());
    }

    @Test
    void pointCellsGiveTheirOperands() {
        Cell point = Cell.parse("4/0/0/12345678901234567890");
        assertTrue(point.isPoint());
        assertEquals(List.of(9753197531L, 864208642L), List.of(point.operands()[0], point.operands()[1]));
    }

    private static boolean contains(Cell c, long a, long b) {
        int carry = 0;
        for (int k = 0; k <= Cell.TOP; k++) {
            int da = (int) (a / pow10(k) % 10);
            int db = (int) (b / pow10(k) % 10);
            if (k == c.lo() && carry != c.carryIn()) {
                return false;
            }
            if (c.fixed(k) && (c.digit(0, k) != da || c.digit(1, k) != db)) {
                return false;
            }
            carry = (da + db + carry) / 10;
        }
        return true;
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
