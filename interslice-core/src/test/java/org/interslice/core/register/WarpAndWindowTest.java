package org.interslice.core.register;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WarpAndWindowTest {
    @Test
    void warpByWholeAndHalfPixelsAndClampsAtTheEdges() {
        int nx = 5, ny = 4, n = nx * ny;
        float[] src = new float[n];
        for (int i = 0; i < n; i++) src[i] = i * i;
        float[] u = new float[n], v = new float[n], out = new float[n];
        Arrays.fill(u, 1f);
        Warp.bilinear(src, nx, ny, u, v, 1f, out);
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) assertEquals(src[Math.min(x + 1, nx - 1) + nx * y], out[x + nx * y]);
        Arrays.fill(u, 0f);
        Arrays.fill(v, 0.5f);
        Warp.bilinear(src, nx, ny, u, v, 1f, out);
        for (int y = 0; y < ny - 1; y++)
            for (int x = 0; x < nx; x++) assertEquals((src[x + nx * y] + src[x + nx * (y + 1)]) / 2, out[x + nx * y], 1e-3f);
        // scale 0 is the identity, bit for bit
        Warp.bilinear(src, nx, ny, u, v, 0f, out);
        for (int i = 0; i < n; i++) assertEquals(src[i], out[i]);
    }

    @Test
    void windowIsThePercentilesOfBothImages() {
        // a holds 0..4999, b holds 5000..9999: together a uniform ramp, so percentile q sits at 100 q
        int n = 5000;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            b[i] = n + i;
        }
        double[] w = new double[2];
        IntensityWindow.of(a, 0, b, 0, n, 0.5, 99.5, new int[IntensityWindow.BINS], w);
        double bin = 9999.0 / IntensityWindow.BINS;
        assertEquals(50, w[0], 2 * bin);
        assertEquals(9950, w[1], 2 * bin);
        float[] out = new float[n];
        IntensityWindow.normalise(b, 0, n, w[0], w[1], out);
        assertEquals((5000 - w[0]) / (w[1] - w[0]), out[0], 1e-5);
        assertEquals(1f, out[n - 1]);   // clipped
    }
}
