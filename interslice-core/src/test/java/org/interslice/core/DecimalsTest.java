package org.interslice.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Decimals} writes what {@code String.format(Locale.ROOT, "%.Nf" / "%.Ng")} writes (the JDK's
 * Formatter is the reference; the plan printed by {@code resample} must not change): values of every
 * magnitude, both signs, decimal ties (0.15, 2.345, x.xx5), carries into a new digit (9.9995, 999.95),
 * values the fast path hands to the formatter (zero, tiny, huge, NaN, infinities) and random doubles.
 */
class DecimalsTest {
    private static List<Double> values() {
        List<Double> v = new ArrayList<>();
        double[] fixedOnes = {0, -0.0, 1, 0.5, 0.3, 0.15, 0.25, 0.35, 0.45, 1.005, 2.345, 2.675, 0.125, 0.0625, 9.9995, 9.99995, 99.95,
                999.95, 0.99995, 0.0009995, 0.001, 0.0015, 0.00049, 1e-3, 9999999.95, 1e7, 1.5e7, 123456.789, 18079.3, 191.5, 4.638, 0.7,
                1e-5, 5e-4, 3.14159, 150.55, 185.05, 158.05, 1e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : fixedOnes) {
            v.add(d);
            v.add(-d);
        }
        // decimal ties and near-ties at every scale and position
        for (int scale = -3; scale <= 6; scale++)
            for (int k = 0; k < 200; k++) {
                double base = (k * 37 + 5) * Math.pow(10, scale - 3);
                v.add(base);
                v.add(base + 5 * Math.pow(10, scale - 5));
                v.add(Math.nextUp(base));
                v.add(Math.nextDown(base));
            }
        SplittableRandom r = new SplittableRandom(22);
        for (int i = 0; i < 20000; i++) {
            v.add(Math.pow(10, r.nextDouble(-5, 8)) * (r.nextBoolean() ? 1 : -1));
            v.add(r.nextInt(1, 100000) / Math.pow(10, r.nextInt(0, 6)));   // short decimals, as spacings and sizes are
        }
        return v;
    }

    @Test
    void fixedEqualsTheFormatter() {
        for (double d : values())
            for (int n = 0; n <= 6; n++) assertEquals(String.format(Locale.ROOT, "%." + n + "f", d), Decimals.fixed(d, n), d + " to " + n + " decimals");
    }

    @Test
    void generalEqualsTheFormatter() {
        for (double d : values())
            for (int n = 1; n <= 7; n++) assertEquals(String.format(Locale.ROOT, "%." + n + "g", d), Decimals.general(d, n), d + " to " + n + " digits");
    }

    @Test
    void badPrecisionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Decimals.fixed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Decimals.general(1, 0));
    }
}
