package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntensityTest {
    @Test
    void hounsfieldAirMeansTheCtWindow() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) v[i] = i < 300 ? -1024 : 40 + i % 50;
        Intensity m = Intensity.of(v);
        assertTrue(m.ct());
        assertEquals(-1000, m.low());
        assertEquals(1000, m.high());
    }

    @Test
    void otherwiseRobustPercentiles() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) v[i] = i;   // 0..1000: p0.5 = 5, p99.5 = 995
        v[1000] = 1e6f;                                   // an outlier moves p99.5 only by interpolation
        Intensity m = Intensity.of(v);
        assertFalse(m.ct());
        assertEquals(5.0, m.low(), 1e-9);
        assertEquals(995.0, m.high(), 1e-9, "one outlier does not set the window");
    }

    @Test
    void mapsBack() {
        Intensity m = new Intensity(-1000, 1000, true);
        float[] src = {-1024, 0, 35.5f, 2500}, dst = new float[4];
        m.forward(src, 0, dst, 0, 4);
        assertEquals(0.5f, dst[1], 0f);
        for (int i = 0; i < 4; i++) assertEquals(src[i], m.back(dst[i]), 1e-3f);
    }
}
