package org.interslice.core.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Registration recovers a known affine on a real slice (Colin27 T1, axial, 181 x 217; fixture from
 * tools/reference/register_slice_fixture.py): the moving image is the slice warped by a drift of the size
 * serial sections show (rotation 2.5 degrees, scale 1.5%, shift 4 px), so the expected transform is known
 * by construction.
 */
class AffineRegistrationTest {
    /** Planes of the ch2 fixture as float, x fastest: {nx, ny, nz} in dims. */
    static float[][] ch2(int[] dims) throws IOException {
        String base = "/org/interslice/core/register/ch2_axial";
        String[] d;
        try (InputStream in = AffineRegistrationTest.class.getResourceAsStream(base + ".txt")) {
            d = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        }
        for (int i = 0; i < 3; i++) dims[i] = Integer.parseInt(d[i]);
        byte[] raw;
        try (InputStream in = AffineRegistrationTest.class.getResourceAsStream(base + ".u8")) {
            raw = in.readAllBytes();
        }
        int n = dims[0] * dims[1];
        assertEquals((long) n * dims[2], raw.length);
        float[][] planes = new float[dims[2]][n];
        for (int k = 0; k < dims[2]; k++) for (int i = 0; i < n; i++) planes[k][i] = raw[k * n + i] & 0xff;
        return planes;
    }

    static double[] drift(int nx, int ny, double deg, double scale, double tx, double ty) {
        double c = Math.cos(Math.toRadians(deg)) * scale, s = Math.sin(Math.toRadians(deg)) * scale;
        return Affine2D.about(new double[] {c, -s, s, c}, (nx - 1) / 2.0, (ny - 1) / 2.0, tx, ty);
    }

    @ParameterizedTest
    @EnumSource(AffineMetric.class)
    void recoversAKnownDrift(AffineMetric metric) throws IOException {
        int[] dims = new int[3];
        float[] fixed = ch2(dims)[4];
        int nx = dims[0], ny = dims[1];
        double[] g = drift(nx, ny, 2.5, 1.015, 4.0, -3.0);
        float[] moving = new float[nx * ny];
        Warp.affine(fixed, nx, ny, g, moving, null);
        if (metric == AffineMetric.NCC) for (int i = 0; i < moving.length; i++) moving[i] = 0.6f * moving[i] + 20;   // other contrast
        ConfigAffine c = new ConfigAffine();
        c.metric = metric;
        AffineRegistration.Result r = new AffineRegistration(c).register(fixed, moving, nx, ny);
        // moving(h x) = fixed(g h x) ~ fixed(x): h ~ g^-1; compare where the transforms put the image's corners
        double[] expected = Affine2D.inverse(g);
        double worst = 0;
        double[] p = new double[2], q = new double[2];
        for (double[] corner : new double[][] {{0, 0}, {nx - 1, 0}, {0, ny - 1}, {nx - 1, ny - 1}}) {
            Affine2D.apply(expected, corner[0], corner[1], p);
            Affine2D.apply(r.matrix(), corner[0], corner[1], q);
            worst = Math.max(worst, Math.hypot(p[0] - q[0], p[1] - q[1]));
        }
        assertTrue(worst < 0.25, metric + ": corners off by " + worst + " px; found " + java.util.Arrays.toString(r.matrix()));
        assertTrue(r.levels() >= 2, "coarse to fine: " + r.levels() + " levels");
    }

    @Test
    void identicalImagesGiveTheIdentity() throws IOException {
        int[] dims = new int[3];
        float[] a = ch2(dims)[2];
        AffineRegistration.Result r = new AffineRegistration(new ConfigAffine()).register(a, a, dims[0], dims[1]);
        double[] id = Affine2D.identity();
        for (int i = 0; i < 9; i++) assertEquals(id[i], r.matrix()[i], 1e-6);
    }

    /** A Gaussian blob of sigma 4 px at (cx, cy) on a 64 x 64 image. */
    static float[] blob(double cx, double cy) {
        float[] b = new float[64 * 64];
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) b[y * 64 + x] = (float) Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 32);
        return b;
    }

    @Test
    void aTrialStepThatLosesTheOverlapIsRejectedNotAFailure() {
        // a blob moved by (8, 4) px: with a pyramid (levels -1 and 1) a near-Gauss-Newton step threw 82% of the
        // image out of overlap, which used to fail the whole registration ("only 18% of the image overlaps"); such
        // a step must be rejected instead
        float[] fixed = blob(24, 30), moving = blob(32, 34);
        for (int levels : new int[] {-1, 0, 1}) {
            ConfigAffine c = new ConfigAffine();
            c.levels = levels;
            double[] h = new AffineRegistration(c).register(fixed, moving, 64, 64).matrix();
            // moving(h x) ~ fixed(x): h takes the fixed blob's centre onto the moving one's
            assertEquals(32, h[0] * 24 + h[1] * 30 + h[2], 0.1, "x, levels " + levels);
            assertEquals(34, h[3] * 24 + h[4] * 30 + h[5], 0.1, "y, levels " + levels);
            assertTrue(overlap(h, 64, 64) >= c.minOverlap, "the transform found keeps the overlap");
        }
    }

    /** Fraction of the pixels h maps inside the image. */
    static double overlap(double[] h, int nx, int ny) {
        long n = 0;
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                double px = h[0] * x + h[1] * y + h[2], py = h[3] * x + h[4] * y + h[5];
                if (px >= 0 && px <= nx - 1 && py >= 0 && py <= ny - 1) n++;
            }
        return n / (double) (nx * ny);
    }

    @Test
    void aTransformThatMustKeepEveryPixelStaysInside() {
        // noise against a corner block pulls the transform out of the image; with every pixel required inside,
        // every step that moves one out is rejected: the result keeps them all (it used to throw)
        SplittableRandom rnd = new SplittableRandom(3);
        int nx = 64, ny = 64;
        float[] a = new float[nx * ny], b = new float[nx * ny];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble();
        for (int y = 50; y < 64; y++) for (int x = 50; x < 64; x++) b[y * nx + x] = 5;
        ConfigAffine c = new ConfigAffine();
        c.minOverlap = 1;
        assertEquals(1.0, overlap(new AffineRegistration(c).register(a, b, nx, ny).matrix(), nx, ny));
    }

    @Test
    void tooSmallAnImageIsAFailure() {
        assertThrows(AffineRegistration.Failure.class, () -> new AffineRegistration(new ConfigAffine()).register(new float[9], new float[9], 3, 3));
    }
}
