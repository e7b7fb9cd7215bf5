package io.github.adder4j.train.data;

import io.github.adder4j.core.format.ModularFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModularDatasetTest {

    @Test
    void sizesAndTokens() {
        ModularDataset add = ModularDataset.create(ModularFormat.Op.ADD, 0.3, 1);
        assertEquals(97, add.modulus());
        assertEquals(97 * 97, add.size());
        assertEquals(Math.round(0.3 * 97 * 97), add.train().size());
        assertEquals(97 * 97 - add.train().size(), add.test().size());
        assertEquals(99, add.vocabSize());
        assertEquals(97, add.opToken());
        assertEquals(98, add.equalsToken());
        ModularDataset div = ModularDataset.create(ModularFormat.Op.DIVIDE, 0.5, 1);
        assertEquals(97 * 96, div.size());
        assertEquals(97 * 96 / 2, div.train().size());
        assertEquals(96 * 96, ModularDataset.create(ModularFormat.Op.MULTIPLY, 96, 0.5, 1).size());
    }

    @Test
    void batchesHoldTheTokenLayoutAOpBEquals() {
        ModularDataset d = ModularDataset.create(ModularFormat.Op.SUBTRACT, 0.4, 3);
        ModularBatch batch = d.train().rows(new int[] {5, 0});
        assertEquals(2, batch.rows());
        long[] in = batch.inputs();
        assertArrayEquals(new long[] {d.train().a(5), 97, d.train().b(5), 98, d.train().a(0), 97, d.train().b(0), 98},
                in);
        assertEquals((d.train().a(5) - d.train().b(5) + 97) % 97, batch.targets()[0]);
        ModularBatch all = d.test().all();
        assertEquals(d.test().size(), all.rows());
        assertEquals(d.test().size() * 4, all.inputs().length);
        assertEquals(all.targets()[7], d.test().target(7));
        assertEquals(d.test().rows(3, 6).targets()[0], all.targets()[3]);
    }

    @Test
    void splitIsDeterministicDisjointAndComplete() {
        for (ModularFormat.Op op : ModularFormat.Op.values()) {
            ModularDataset d = ModularDataset.create(op, 0.3, 42);
            assertEquals(d.train().all(), ModularDataset.create(op, 0.3, 42).train().all());
            assertNotEquals(d.train().all(), ModularDataset.create(op, 0.3, 43).train().all());
            Set<Integer> seen = new HashSet<>();
            for (ModularDataset.Split split : new ModularDataset.Split[] {d.train(), d.test()}) {
                for (int i = 0; i < split.size(); i++) {
                    assertTrue(seen.add(split.a(i) * 97 + split.b(i)), "pair listed twice");
                    if (op == ModularFormat.Op.DIVIDE) {
                        assertNotEquals(0, split.b(i));
                    }
                }
            }
            assertEquals(d.size(), seen.size());
        }
    }

    @Test
    void everyTargetSatisfiesItsDefiningEquation() {
        for (ModularFormat.Op op : ModularFormat.Op.values()) {
            ModularBatch all = ModularDataset.create(op, 0.99, 1).train().all();
            long[] in = all.inputs();
            long[] t = all.targets();
            for (int r = 0; r < all.rows(); r++) {
                long a = in[4 * r];
                long b = in[4 * r + 2];
                long expectedA = switch (op) {
                    case ADD -> (t[r] - b + 97) % 97;
                    case SUBTRACT -> (t[r] + b) % 97;
                    case MULTIPLY -> a;
                    case DIVIDE -> t[r] * b % 97;
                };
                assertEquals(a, expectedA, op + " row " + r);
                if (op == ModularFormat.Op.MULTIPLY) {
                    assertEquals(a * b % 97, t[r]);
                }
                assertTrue(t[r] >= 0 && t[r] < 97);
            }
        }
    }

    @Test
    void inverseIsCorrectForEveryResidue() {
        for (int p : new int[] {2, 3, 97, 113}) {
            for (int b = 1; b < p; b++) {
                int inv = ModularFormat.Op.inverse(b, p);
                assertTrue(inv >= 1 && inv < p);
                assertEquals(1, (long) b * inv % p, "b=" + b + " p=" + p);
            }
        }
        assertEquals(3, ModularFormat.Op.inverse(7, 10));
        assertEquals("b must be coprime to p (96) to have an inverse: 6",
                assertThrows(IllegalStateException.class, () -> ModularFormat.Op.inverse(6, 96)).getMessage());
        assertEquals("b must be in [1, 96]: 0",
                assertThrows(IllegalArgumentException.class, () -> ModularFormat.Op.DIVIDE.apply(5, 0, 97)).getMessage());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertEquals("p must be prime for op DIVIDE: 96", assertThrows(IllegalStateException.class,
                () -> ModularDataset.create(ModularFormat.Op.DIVIDE, 96, 0.5, 1)).getMessage());
        assertEquals("p must be in [2, 2048]: 1", assertThrows(IllegalArgumentException.class,
                () -> ModularDataset.create(ModularFormat.Op.ADD, 1, 0.5, 1)).getMessage());
        assertEquals("trainFraction must be in (0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> ModularDataset.create(ModularFormat.Op.ADD, 1.0, 1)).getMessage());
        assertEquals("trainFraction must be in (0, 1): 0.0", assertThrows(IllegalArgumentException.class,
                () -> ModularDataset.create(ModularFormat.Op.ADD, 0.0, 1)).getMessage());
        assertEquals("a must be in [0, 96]: 97",
                assertThrows(IllegalArgumentException.class, () -> ModularFormat.Op.ADD.apply(97, 0, 97)).getMessage());
        assertTrue(ModularDataset.isPrime(97));
        assertFalse(ModularDataset.isPrime(91));
        assertFalse(ModularDataset.isPrime(1));
        assertEquals(1, ModularDataset.create(ModularFormat.Op.ADD, 2, 0.01, 1).train().size(), "at least one train pair");
    }
}
