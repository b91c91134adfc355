package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlicePlanTest {
    private static double[] even(int m, double step) {
        double[] p = new double[m];
        for (int k = 0; k < m; k++) p[k] = 696.21 + k * step;   // absolute positions: the plan measures from the first
        return p;
    }

    @Test
    void factorOnEvenSlicesKeepsEveryMeasuredSlice() {
        SlicePlan p = SlicePlan.ofFactor(2, even(28, 5), 5);
        assertEquals(136, p.size());
        assertEquals(1.0, p.spacingMm(), 1e-12);
        assertEquals(108, p.synthesizedCount());
        for (int j = 0; j < p.size(); j++) {
            if (j % 5 == 0) assertEquals(j / 5, p.measured(j), "slice " + j);
            else {
                assertEquals(-1, p.measured(j), "slice " + j);
                assertEquals(j / 5, p.gap(j));
                assertEquals((j % 5) / 5.0, p.t(j), 1e-9);
            }
        }
        assertEquals(135.0, p.positionMm(135), 1e-9);
    }

    @Test
    void spacingThatDoesNotDivideStopsShortOfTheLastSlice() {
        SlicePlan p = SlicePlan.of(2, even(28, 5), 2);
        assertEquals(68, p.size());   // 0, 2, ..., 134 mm; the last measured slice is at 135
        assertEquals(2, p.measured(5));   // 10 mm
        assertEquals(-1, p.measured(67));
        assertEquals(26, p.gap(67));
        assertEquals(0.8, p.t(67), 1e-9);
    }

    @Test
    void unevenGapsGiveAUniformOutputOverTheSameExtent() {
        SlicePlan p = SlicePlan.of(2, new double[] {10, 12, 17, 18}, 1);
        assertEquals(9, p.size());
        int[] measured = {0, -1, 1, -1, -1, -1, -1, 2, 3};
        for (int j = 0; j < 9; j++) assertEquals(measured[j], p.measured(j), "slice " + j);
        assertEquals(0.5, p.t(1), 1e-12);
        assertEquals(1, p.gap(3));
        assertEquals(0.2, p.t(3), 1e-12);
        assertEquals(1.8, p.fractionalIndex(6), 1e-12);
        assertEquals(false, p.evenInput());
        // a factor uses the mean step: 8 mm over 3 gaps, halved
        SlicePlan f = SlicePlan.ofFactor(2, new double[] {10, 12, 17, 18}, 2);
        assertEquals(4.0 / 3, f.spacingMm(), 1e-12);
        assertEquals(7, f.size());
        assertEquals(3, f.measured(6));
    }

    @Test
    void badPositionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(2, new double[] {0, 1, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(2, new double[] {0, 2, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(2, new double[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(2, new double[] {0, 1}, 0));
        assertThrows(IllegalArgumentException.class, () -> SlicePlan.of(3, new double[] {0, 1}, 1));
    }
}
