package org.interslice.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The paired test between methods (issue 21.8: never a test on identical samples). */
class CohortStatisticsTest {
    @Test
    void samplesEqualUpToRoundingGetNoTest() {
        double[] x = new double[30], y = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = 30 + 0.1 * i;
            // the same numbers after a different float summation order: differences of a few ulps
            y[i] = x[i] * (1 + (i % 3 - 1) * 1e-15);
        }
        double[] r = CohortStatistics.pairedTest(x, y);
        assertTrue(Double.isNaN(r[0]), "p " + r[0]);
        // a real difference is still tested
        for (int i = 0; i < y.length; i++) y[i] = x[i] - 0.5 - 0.01 * (i % 7);
        double[] t = CohortStatistics.pairedTest(x, y);
        assertTrue(t[0] < 1e-3, "p " + t[0]);
        assertEquals(0.53, t[1], 0.02);
    }
}
