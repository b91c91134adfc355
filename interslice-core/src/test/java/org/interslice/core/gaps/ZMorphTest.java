package org.interslice.core.gaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.metrics.Metrics;
import org.interslice.core.register.Affine2D;
import org.interslice.core.register.Warp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zmorph on real anatomy (8 axial planes of Colin27, 1 mm; tools/reference/register_slice_fixture.py): the
 * "sections" are planes 0-2 (before) and 5-7 (after), the gap is planes 3-4, and the after section is moved
 * by a known in-plane drift. Every gate fires on a constructed case.
 */
class ZMorphTest {
    static int nx, ny;
    static float[][] planes;

    @BeforeAll
    static void load() throws IOException {
        String base = "/org/interslice/core/register/ch2_axial";
        String[] d;
        try (InputStream in = ZMorphTest.class.getResourceAsStream(base + ".txt")) {
            d = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        }
        nx = Integer.parseInt(d[0]);
        ny = Integer.parseInt(d[1]);
        int nz = Integer.parseInt(d[2]), n = nx * ny;
        byte[] raw;
        try (InputStream in = ZMorphTest.class.getResourceAsStream(base + ".u8")) {
            raw = in.readAllBytes();
        }
        planes = new float[nz][n];
        for (int k = 0; k < nz; k++) for (int i = 0; i < n; i++) planes[k][i] = raw[k * n + i] & 0xff;
    }

    static double[] drift(double deg, double scale, double tx, double ty) {
        double c = Math.cos(Math.toRadians(deg)) * scale, s = Math.sin(Math.toRadians(deg)) * scale;
        return Affine2D.about(new double[] {c, -s, s, c}, (nx - 1) / 2.0, (ny - 1) / 2.0, tx, ty);
    }

    static float[][] range(int from, int to, double[] g) {
        float[][] r = new float[to - from][];
        for (int k = from; k < to; k++) {
            if (g == null) {
                r[k - from] = planes[k].clone();
            } else {
                r[k - from] = new float[nx * ny];
                Warp.affine(planes[k], nx, ny, g, r[k - from], null);
            }
        }
        return r;
    }

    @Test
    void driftedNeighboursAreReconstructedWithExactSurfaces() {
        double[] g = drift(2.5, 1.015, 4, -3);
        float[][] before = range(0, 3, null), after = range(5, 8, g);
        ZMorph.Outcome o = ZMorph.reconstruct(before, after, nx, ny, 4, new ConfigZMorph(), Job.serial());
        GapDiagnostics d = o.diagnostics();
        assertTrue(o.ok(), "failed: " + d.fallbackReason + " " + d.toMap());
        assertNull(o.failureReason());
        assertEquals("zmorph", d.methodUsed);
        assertEquals(4, o.planes().length);
        assertArrayEquals(before[2], o.planes()[0], "first plane = before surface");
        assertArrayEquals(after[0], o.planes()[3], "last plane = after surface");
        assertEquals(0, d.residualBefore);
        assertEquals(0, d.residualAfter);
        assertTrue(d.nccGain >= 0.05, "gain " + d.nccGain);
        assertEquals(0, d.maxImaginary);
        // the registration found roughly the drift: before(h x) ~ after(x) = plane(g x), so h ~ g
        double[] p = new double[2], q = new double[2];
        for (double[] pt : new double[][] {{nx / 2.0, ny / 2.0}, {nx / 4.0, ny / 4.0}, {3 * nx / 4.0, 3 * ny / 4.0}}) {
            Affine2D.apply(g, pt[0], pt[1], p);
            Affine2D.apply(d.affine, pt[0], pt[1], q);
            assertTrue(Math.hypot(p[0] - q[0], p[1] - q[1]) < 1.0, "registration off by " + Math.hypot(p[0] - q[0], p[1] - q[1]) + " px");
        }
        // the inner planes are closer to the truth (the dropped planes, drifted halfway) than the plain average
        float[][] avg = ZMorph.reconstruct(before, after, nx, ny, 4, withMethod(GapMethod.AVERAGE), Job.serial()).planes();
        float[] truth = new float[nx * ny];
        Warp.affine(planes[4], nx, ny, Affine2D.power(g, 2.0 / 3.0), truth, null);
        double range = 255;
        assertTrue(Metrics.psnr(truth, o.planes()[2], null, range) > Metrics.psnr(truth, avg[2], null, range) + 1,
                "zmorph " + Metrics.psnr(truth, o.planes()[2], null, range) + " dB vs average " + Metrics.psnr(truth, avg[2], null, range));
    }

    @Test
    void morphKeepsTheGatesAndTheSurfaces() {
        double[] g = drift(2.5, 1.015, 4, -3);
        float[][] before = range(0, 3, null), after = range(5, 8, g);
        ZMorph.Outcome o = ZMorph.reconstruct(before, after, nx, ny, 4, withMethod(GapMethod.MORPH), Job.serial());
        assertTrue(o.ok(), "failed: " + o.failureReason());
        assertEquals("morph", o.diagnostics().methodUsed);
        assertArrayEquals(before[2], o.planes()[0]);
        assertArrayEquals(after[0], o.planes()[3]);
        assertTrue(o.diagnostics().flowMaxPx > 0 && o.diagnostics().flowMaxPx < 20, "flow " + o.diagnostics().flowMaxPx);
        float[] truth = new float[nx * ny];
        Warp.affine(planes[4], nx, ny, Affine2D.power(g, 2.0 / 3.0), truth, null);
        float[][] avg = ZMorph.reconstruct(before, after, nx, ny, 4, withMethod(GapMethod.AVERAGE), Job.serial()).planes();
        assertTrue(Metrics.psnr(truth, o.planes()[2], null, 255) > Metrics.psnr(truth, avg[2], null, 255));
        // the same gates: blank neighbours are skipped, not morphed
        assertEquals(ZMorph.NO_FOREGROUND_PLANES,
                ZMorph.reconstruct(before, new float[3][nx * ny], nx, ny, 4, withMethod(GapMethod.MORPH), Job.serial()).failureReason());
    }

    @Test
    void oneThreadEqualsTwo() {
        double[] g = drift(-2, 0.99, -3, 2);
        float[][] before = range(0, 3, null), after = range(5, 8, g);
        float[][] a = ZMorph.reconstruct(before, after, nx, ny, 5, new ConfigZMorph(), Job.serial()).planes();
        try (Job two = Job.of(2, null)) {
            float[][] b = ZMorph.reconstruct(before, after, nx, ny, 5, new ConfigZMorph(), two).planes();
            for (int p = 0; p < 5; p++) assertArrayEquals(a[p], b[p]);
        }
    }

    @Test
    void blankPlanesHaveNoForeground() {
        float[][] before = range(0, 3, null), after = new float[3][nx * ny];
        ZMorph.Outcome o = ZMorph.reconstruct(before, after, nx, ny, 4, new ConfigZMorph(), Job.serial());
        assertFalse(o.ok());
        assertNull(o.planes());
        assertEquals(ZMorph.NO_FOREGROUND_PLANES, o.failureReason());
        assertEquals(0, o.diagnostics().afterCandidates);
        assertEquals(ZMorph.NO_FOREGROUND_PLANES,
                ZMorph.reconstruct(new float[2][nx * ny], new float[2][nx * ny], nx, ny, 4, new ConfigZMorph(), Job.serial()).failureReason());
    }

    @Test
    void unrelatedNeighboursHaveLowOverlap() {
        // the after "section" is another image: the same slice turned upside down (other tissue in the centre)
        float[][] after = new float[3][nx * ny];
        for (int k = 0; k < 3; k++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) after[k][y * nx + x] = planes[5 + k][(ny - 1 - y) * nx + (nx - 1 - x) / 3];
        ZMorph.Outcome o = ZMorph.reconstruct(range(0, 3, null), after, nx, ny, 4, new ConfigZMorph(), Job.serial());
        assertEquals(ZMorph.LOW_OVERLAP_NCC, o.failureReason(), "pair NCC " + o.diagnostics().nccPair);
        assertTrue(o.diagnostics().nccPair < 0.3);
        SplittableRandom r = new SplittableRandom(5);
        float[][] noise = new float[3][nx * ny];
        for (float[] p : noise) for (int i = 0; i < p.length; i++) p[i] = (float) (100 * r.nextDouble());
        assertEquals(ZMorph.LOW_OVERLAP_NCC, ZMorph.reconstruct(range(0, 3, null), noise, nx, ny, 4, new ConfigZMorph(), Job.serial()).failureReason());
    }

    @Test
    void alignedNeighboursGiveNoRegistrationGain() {
        ZMorph.Outcome o = ZMorph.reconstruct(range(0, 3, null), range(5, 8, null), nx, ny, 4, new ConfigZMorph(), Job.serial());
        assertEquals(ZMorph.REG_DID_NOT_IMPROVE, o.failureReason());
        assertTrue(o.diagnostics().nccGain < 0.05);
        // the gate is an option: with no minimum gain the same pair is filled
        ConfigZMorph c = new ConfigZMorph();
        c.minNccGain = -1;
        assertTrue(ZMorph.reconstruct(range(0, 3, null), range(5, 8, null), nx, ny, 4, c, Job.serial()).ok());
    }

    @Test
    void optimiserFailureIsReported() {
        // 16 x 3 planes with structure pass the pair gate; the registration cannot work on 3 rows
        float[] p = new float[16 * 3];
        for (int i = 0; i < p.length; i++) p[i] = (i * 7) % 11 + i / 16;
        ZMorph.Outcome o = ZMorph.reconstruct(new float[][] {p}, new float[][] {p.clone()}, 16, 3, 4, new ConfigZMorph(), Job.serial());
        assertEquals(ZMorph.REGISTRATION_EXCEPTION, o.failureReason(), o.diagnostics().toMap().toString());
        assertTrue(o.diagnostics().registrationMessage.contains("too small"), o.diagnostics().registrationMessage);
    }

    @Test
    void aStepThatLosesTheOverlapIsNoLongerAFailure() {
        // every pixel must stay inside: steps that move one out are rejected, the registration ends inside the
        // image (this used to be registration_exception) and the gain gate judges what it found
        ConfigZMorph c = new ConfigZMorph();
        c.registration.minOverlap = 1.0;
        c.registration.levels = 0;   // one level (a coarse transform carried to a finer level may lose a row)
        ZMorph.Outcome o = ZMorph.reconstruct(range(0, 3, null), range(5, 8, drift(2, 1, 4, 4)), nx, ny, 4, c, Job.serial());
        assertTrue(o.failureReason() == null || !o.failureReason().equals(ZMorph.REGISTRATION_EXCEPTION), o.diagnostics().toMap().toString());
        assertTrue(o.diagnostics().affine != null);
    }

    @Test
    void affineGates() {
        assertNull(ZMorph.affineGate(drift(3, 1.02, 5, 5)));
        assertEquals(ZMorph.AFFINE_DETERMINANT_NON_POSITIVE, ZMorph.affineGate(new double[] {-1, 0, 180, 0, 1, 0, 0, 0, 1}));   // a mirror
        assertEquals(ZMorph.AFFINE_DETERMINANT_NON_POSITIVE, ZMorph.affineGate(new double[] {1, 1, 0, 1, 1, 0, 0, 0, 1}));    // a collapse
        assertEquals(ZMorph.AFFINE_POWER_NOT_REAL, ZMorph.affineGate(new double[] {-1, 0, 180, 0, -1, 216, 0, 0, 1}));   // 180 degrees
    }

    @Test
    void baselinesOnlyWhenAskedAndUngated() {
        float[][] before = range(0, 3, null), after = new float[3][nx * ny];   // blank: zmorph would skip
        ZMorph.Outcome a = ZMorph.reconstruct(before, after, nx, ny, 3, withMethod(GapMethod.AVERAGE), Job.serial());
        assertTrue(a.ok());
        assertEquals("average", a.diagnostics().methodUsed);
        for (int i = 0; i < nx * ny; i += 97) assertEquals(0.5f * before[2][i], a.planes()[1][i]);
        ZMorph.Outcome w = ZMorph.reconstruct(before, after, nx, ny, 5, withMethod(GapMethod.WEIGHTED), Job.serial());
        assertTrue(w.ok());
        assertEquals("weighted", w.diagnostics().methodUsed);
        // brighter near the before side, fading toward the blank after side
        double m0 = mean(w.planes()[0]), m4 = mean(w.planes()[4]);
        assertTrue(m0 > 3 * m4 && m4 > 0, m0 + " " + m4);
    }

    private static ConfigZMorph withMethod(GapMethod m) {
        ConfigZMorph c = new ConfigZMorph();
        c.method = m;
        return c;
    }

    private static double mean(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s / a.length;
    }
}
