package io.github.adder4j.core.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Independent checks of {@link CarrySuite} structure claims, shared by the carry-suite tests and properties. */
final class StructureChecks {

    private StructureChecks() {
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }

    /** Carry out of column i, from the truncated operands: no digit loop. */
    static boolean carriesOut(Case c, int column) {
        long m = pow10(column + 1);
        return c.a() % m + c.b() % m >= m;
    }

    static int digitSum(Case c, int column) {
        long p = pow10(column);
        return (int) (c.a() / p % 10 + c.b() / p % 10);
    }

    /** Null when the case has its claimed structure, else what is wrong. */
    static String problem(CarrySuite.StructuredCase s) {
        Case c = s.testCase();
        int start = s.start();
        int end = start + s.length();
        if (s.structure() == CarrySuite.Structure.CARRY_CHAIN) {
            int longest = 0;
            int run = 0;
            for (int column = 0; column < 10; column++) {
                run = carriesOut(c, column) ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            if (longest != s.length()) {
                return s + ": longest chain " + longest;
            }
            if (s.length() == 0) {
                return null;
            }
            for (int column = start; column < end; column++) {
                if (!carriesOut(c, column)) {
                    return s + ": column " + column + " does not carry";
                }
            }
            if (start > 0 && carriesOut(c, start - 1)) {
                return s + ": chain starts before column " + start;
            }
            if (end < 10 && carriesOut(c, end)) {
                return s + ": chain continues past column " + (end - 1);
            }
            return null;
        }
        if (start > 0 && carriesOut(c, start - 1)) {
            return s + ": the run receives a carry";
        }
        for (int column = Math.max(0, start - 1); column <= Math.min(9, end); column++) {
            boolean inside = column >= start && column < end;
            if ((digitSum(c, column) == 9) != inside) {
                return s + ": digit sum " + digitSum(c, column) + " in column " + column;
            }
            if (inside && carriesOut(c, column)) {
                return s + ": column " + column + " carries";
            }
        }
        return null;
    }

    /** How many structured cases each (structure, length, start) has. */
    static Map<List<Object>, Integer> coverage(CarrySuite suite) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (CarrySuite.StructuredCase s : suite.structuredCases()) {
            counts.merge(List.of(s.structure(), s.length(), s.start()), 1, Integer::sum);
        }
        return counts;
    }

    /** The coverage every carry suite must have: every combination, with its filler count. */
    static Map<List<Object>, Integer> expectedCoverage() {
        Map<List<Object>, Integer> counts = new HashMap<>();
        counts.put(List.of(CarrySuite.Structure.CARRY_CHAIN, 0, 0), CarrySuite.CHAIN_FILLERS);
        for (int length = 1; length <= 10; length++) {
            for (int start = 0; start + length <= 10; start++) {
                counts.put(List.of(CarrySuite.Structure.CARRY_CHAIN, length, start), CarrySuite.CHAIN_FILLERS);
                counts.put(List.of(CarrySuite.Structure.PROPAGATE_WITHOUT_CARRY, length, start),
                        CarrySuite.RUN_FILLERS);
            }
        }
        return counts;
    }
}
