package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** Rosenbrock's valley, f(1, 1) = 0: the textbook test of a quasi-Newton method. */
    private static double rosenbrock(double[] x, double[] g) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    @Test
    void itFindsTheMinimumOfRosenbrocksValleyInFewIterations() {
        Lbfgs opt = new Lbfgs(Lbfgs.Config.defaults(), LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        int iterations = 0;
        while (opt.loss() > 1e-14 && iterations < 100) {
            assertFalse(opt.iterate().converged(), "stalled at " + java.util.Arrays.toString(opt.x()));
            iterations++;
        }
        assertTrue(iterations < 60, "iterations " + iterations);
        assertEquals(1, opt.x()[0], 1e-6);
        assertEquals(1, opt.x()[1], 1e-6);
    }

    @Test
    void onAQuadraticTheCurvatureHistoryMakesStepsOfLengthOne() {
        // f = sum_i c_i x_i^2 / 2 with condition number 100: steepest descent alone would need hundreds of iterations
        double[] c = {1, 3, 10, 30, 100};
        Lbfgs.Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < x.length; i++) {
                g[i] = c[i] * x[i];
                v += c[i] * x[i] * x[i] / 2;
            }
            return v;
        };
        Lbfgs opt = new Lbfgs(Lbfgs.Config.defaults(), f, new double[] {1, 1, 1, 1, 1});
        List<Double> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(opt.iterate().step());
        }
        // measured with a NumPy transcription of the same algorithm: 6.8e-5 after 12 iterations, 6.1e-13 after 17
        assertTrue(opt.loss() < 1e-15, "loss " + opt.loss());
        assertTrue(steps.stream().filter(t -> t == 1.0).count() >= 17, "unit steps after the first: " + steps);
    }

    @Test
    void atAnExactMinimumItReportsConvergenceAndKeepsThePoint() {
        Lbfgs.Objective f = (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            return (x[0] - 3) * (x[0] - 3);
        };
        Lbfgs opt = new Lbfgs(Lbfgs.Config.defaults(), f, new double[] {3});
        Lbfgs.Outcome outcome = opt.iterate();
        assertTrue(outcome.converged());
        assertEquals(0, outcome.step(), 0);
        assertArrayEquals(new double[] {3}, opt.x(), 0);
    }

    @Test
    void anExportedStateContinuesExactlyAsTheUninterruptedRun() {
        Lbfgs straight = new Lbfgs(new Lbfgs.Config(3, 30, 1e-4), LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        Lbfgs first = new Lbfgs(new Lbfgs.Config(3, 30, 1e-4), LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        for (int i = 0; i < 7; i++) {
            straight.iterate();
            first.iterate();
        }
        Lbfgs.State saved = first.exportState();
        first.iterate(); // the exported state is a copy: later iterations do not change it
        Lbfgs resumed = new Lbfgs(new Lbfgs.Config(3, 30, 1e-4), LbfgsTest::rosenbrock, saved);
        for (int i = 0; i < 10; i++) {
            Lbfgs.Outcome a = straight.iterate();
            Lbfgs.Outcome b = resumed.iterate();
            assertEquals(a, b);
        }
        assertArrayEquals(straight.x(), resumed.x(), 0);
        assertEquals(straight.evaluations(), resumed.evaluations());
        assertEquals(3, resumed.exportState().s().size(), "history is capped at m = 3");
    }

    @Test
    void badSettingsAndStartsFailWithTheValue() {
        assertEquals("history must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(0, 30, 1e-4)).getMessage());
        assertEquals("maxLineSearch must be positive: -1",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(10, -1, 1e-4)).getMessage());
        assertEquals("armijo must be in (0, 1): 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Lbfgs.Config(10, 30, 1.0)).getMessage());
        assertEquals("the loss and gradient at the starting point must be finite: loss NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> new Lbfgs(Lbfgs.Config.defaults(), (x, g) -> Double.NaN, new double[] {1})).getMessage());
        assertEquals("x0 must not be empty",
                assertThrows(IllegalArgumentException.class,
                        () -> new Lbfgs(Lbfgs.Config.defaults(), (x, g) -> 0, new double[0])).getMessage());
    }
}
