package org.interslice.core.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The matrix logarithm, exponential and Log-Euclidean power against scipy.linalg.logm, expm and
 * fractional_matrix_power (values made once by tools/reference/affine_power_expected.py, committed in
 * affine_power_expected.txt).
 */
class Affine2DTest {
    /** One case of the fixture: named rows of 9 values. */
    record Case(String name, Map<String, double[]> rows) {
    }

    static List<Case> load() throws IOException {
        String text;
        try (InputStream in = Affine2DTest.class.getResourceAsStream("/org/interslice/core/register/affine_power_expected.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        Map<String, double[]> rows = null;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] t = line.trim().split(" ");
            if (t[0].equals("case")) {
                rows = new LinkedHashMap<>();
                cases.add(new Case(t[1], rows));
                continue;
            }
            int skip = t[0].equals("power") ? 2 : 1;
            String key = skip == 2 ? "power " + t[1] : t[0];
            double[] v = new double[9];
            for (int i = 0; i < 9; i++) v[i] = Double.parseDouble(t[skip + i]);
            rows.put(key, v);
        }
        return cases;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < 9; i++)
            assertEquals(expected[i], actual[i], tol * scale, what + " [" + i + "]");
    }

    @Test
    void logExpAndPowerMatchScipy() throws IOException {
        List<Case> cases = load();
        assertEquals(6, cases.size());
        int powers = 0;
        for (Case c : cases) {
            double[] h = c.rows().get("H");
            assertTrue(Affine2D.hasRealLogarithm(h), c.name());
            assertClose(c.rows().get("logm"), Affine2D.log(h), 1e-11, c.name() + " logm");
            assertClose(c.rows().get("expm"), Affine2D.exp(c.rows().get("L")), 1e-12, c.name() + " expm");
            for (Map.Entry<String, double[]> e : c.rows().entrySet()) {
                if (!e.getKey().startsWith("power")) continue;
                double alpha = Double.parseDouble(e.getKey().substring(6));
                assertClose(e.getValue(), Affine2D.power(h, alpha), 1e-11, c.name() + " " + e.getKey());
                assertEquals(0, Affine2D.imaginaryPart(h, alpha));
                powers++;
            }
        }
        assertEquals(48, powers);
    }

    @Test
    void powersCompose() {
        double[] h = Affine2D.about(new double[] {1.02 * Math.cos(0.05), -Math.sin(0.05), Math.sin(0.05), 0.98 * Math.cos(0.05)}, 60, 40, 3.5, -2.0);
        double[] a = Affine2D.power(h, 0.3), b = Affine2D.power(h, 0.7);
        assertClose(h, Affine2D.multiply(a, b), 1e-12, "h^0.3 h^0.7");
        assertClose(Affine2D.identity(), Affine2D.multiply(Affine2D.power(h, -0.4), Affine2D.power(h, 0.4)), 1e-12, "h^-0.4 h^0.4");
        assertClose(Affine2D.inverse(h), Affine2D.power(h, -1), 1e-12, "h^-1");
    }

    @Test
    void negativeEigenvaluesHaveNoRealPower() {
        // a 180 degree rotation scaled by 0.9: both eigenvalues -0.9
        double[] h = {-0.9, 0, 4, 0, -0.9, 2, 0, 0, 1};
        assertFalse(Affine2D.hasRealLogarithm(h));
        assertEquals(Math.pow(0.9, 0.5) / 1, Affine2D.imaginaryPart(h, 0.5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Affine2D.power(h, 0.5));
        assertClose(h, Affine2D.power(h, 1), 0, "alpha 1 is h itself");
    }
}
