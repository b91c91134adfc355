package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

class MorphSynthesizerTest {
    static final int NX = 72, NY = 64;

    /** A disc-and-ring phantom in HU-like values centred at (cx, cy). */
    static float phantom(double x, double y, double cx, double cy) {
        double r = Math.hypot(x - cx, y - cy);
        double v = -1000;
        if (r < 22) v = 40 + 30 * Math.sin(x / 4.0) * Math.cos(y / 5.0);
        if (r > 17 && r < 21) v = 1200;
        if (Math.hypot(x - cx - 6, y - cy + 4) < 5) v = 300;
        return (float) v;
    }

    static FloatVolume stack(double... shiftsX) {
        float[] d = new float[NX * NY * shiftsX.length];
        for (int z = 0; z < shiftsX.length; z++)
            for (int y = 0; y < NY; y++)
                for (int x = 0; x < NX; x++) d[x + NX * (y + NY * z)] = phantom(x, y, 34 + shiftsX[z], 32);
        return new FloatVolume(NX, NY, shiftsX.length, d, Geometry.identity(), false);
    }

    static float[] slice(FloatVolume v, int z) {
        int p = v.nx() * v.ny();
        return Arrays.copyOfRange(v.data(), z * p, (z + 1) * p);
    }

    @Test
    void registeredUnderItsNameAndMeasuredSlicesComeBackExactly() {
        assertInstanceOf(MorphSynthesizer.class, SynthesisMethods.image("morph"));
        FloatVolume kept = stack(0, 3, 5);
        double[] pos = {0, 2, 4}, targets = {0, 2, 4, -1, 9};
        FloatVolume out = FloatVolume.allocate(NX, NY, targets.length, Geometry.identity());
        new MorphSynthesizer().synthesize(kept, pos, targets, out, Job.serial());
        assertArrayEquals(slice(kept, 0), slice(out, 0));
        assertArrayEquals(slice(kept, 1), slice(out, 1));
        assertArrayEquals(slice(kept, 2), slice(out, 2));
        assertArrayEquals(slice(kept, 0), slice(out, 3));   // before the first: the edge slice
        assertArrayEquals(slice(kept, 2), slice(out, 4));
    }

    @Test
    void aTranslatedPatternIsMovedNotBlended() {
        FloatVolume kept = stack(0, 4);
        double[] targets = {0.25, 0.5, 0.75};
        FloatVolume morph = FloatVolume.allocate(NX, NY, 3, Geometry.identity());
        FloatVolume lin = FloatVolume.allocate(NX, NY, 3, Geometry.identity());
        new MorphSynthesizer().synthesize(kept, new double[] {0, 1}, targets, morph, Job.serial());
        new LinearSynthesizer().synthesize(kept, new double[] {0, 1}, targets, lin, Job.serial());
        for (int s = 0; s < 3; s++) {
            double shift = 4 * targets[s], em = 0, el = 0;
            int n = 0;
            for (int y = 4; y < NY - 4; y++)
                for (int x = 4; x < NX - 4; x++) {
                    double truth = phantom(x, y, 34 + shift, 32);
                    int i = x + NX * (y + NY * s);
                    em += Math.abs(morph.data()[i] - truth);
                    el += Math.abs(lin.data()[i] - truth);
                    n++;
                }
            em /= n;
            el /= n;
            // the truth has hard edges a sub-pixel move cannot reproduce exactly; linear ghosts both copies
            assertTrue(em < 0.35 * el, "t = " + targets[s] + ": morph mean error " + em + " HU, linear " + el);
        }
    }

    @Test
    void swappingTheSlicesMirrorsTheResult() {
        FloatVolume ab = stack(0, 3.5), ba = stack(3.5, 0);
        double[] t = {0.25, 0.5, 0.75}, mirrored = {0.75, 0.5, 0.25};
        FloatVolume o1 = FloatVolume.allocate(NX, NY, 3, Geometry.identity()), o2 = FloatVolume.allocate(NX, NY, 3, Geometry.identity());
        new MorphSynthesizer().synthesize(ab, new double[] {0, 1}, t, o1, Job.serial());
        new MorphSynthesizer().synthesize(ba, new double[] {0, 1}, mirrored, o2, Job.serial());
        assertArrayEquals(o1.data(), o2.data());
    }

    @Test
    void oneThreadEqualsTwoAndNothingIsNaN() {
        FloatVolume kept = stack(0, 2, 5, 6, 9);
        float[] d = kept.data();
        d[100] = Float.NaN;                                  // a bad voxel
        Arrays.fill(d, 3 * NX * NY, 4 * NX * NY, 7f);       // a constant slice
        double[] pos = {0, 3, 6, 9, 12}, targets = new double[13];
        for (int i = 0; i < 13; i++) targets[i] = i;
        FloatVolume a = FloatVolume.allocate(NX, NY, 13, Geometry.identity()), b = FloatVolume.allocate(NX, NY, 13, Geometry.identity());
        MorphSynthesizer m = new MorphSynthesizer();
        m.synthesize(kept, pos, targets, a, Job.serial());
        try (Job two = Job.of(2, null)) {
            m.synthesize(kept, pos, targets, b, two);
        }
        assertArrayEquals(a.data(), b.data());
        int nan = 0;
        for (int i = 0; i < a.data().length; i++) if (Float.isNaN(a.data()[i])) nan++;
        // only the measured NaN voxel itself (copied at its own position) may be NaN
        assertEquals(1, nan);
    }

    @Test
    void intensityScaleDoesNotChangeTheMotion() {
        // MR-like units (0..255) and the HU pattern give the same relative result: the window is per pair
        FloatVolume hu = stack(0, 4);
        float[] d = hu.data().clone();
        for (int i = 0; i < d.length; i++) d[i] = (d[i] + 1000) * 0.1f;
        FloatVolume mr = new FloatVolume(NX, NY, 2, d, Geometry.identity(), false);
        FloatVolume o1 = FloatVolume.allocate(NX, NY, 1, Geometry.identity()), o2 = FloatVolume.allocate(NX, NY, 1, Geometry.identity());
        new MorphSynthesizer().synthesize(hu, new double[] {0, 1}, new double[] {0.5}, o1, Job.serial());
        new MorphSynthesizer().synthesize(mr, new double[] {0, 1}, new double[] {0.5}, o2, Job.serial());
        for (int i = 0; i < NX * NY; i++) assertEquals((o1.data()[i] + 1000) * 0.1f, o2.data()[i], 0.5f, "pixel " + i);
    }

    /** A plate with a few inserts and a texture, its brightness ramp along x given (HU per pixel). */
    static float plate(double x, double y, double ramp) {
        double v = 100 + ramp * (x - NX / 2.0) + 40 * Math.sin(x / 2.5) * Math.cos(y / 3.5);
        if (Math.hypot(x - 24, y - 20) < 6) v = 600;
        if (Math.hypot(x - 48, y - 42) < 4) v = -400;
        if (Math.abs(x - 36) < 2 && Math.abs(y - 32) < 12) v = 900;
        return (float) v;
    }

    /** Mean distance of the a-to-b flow from the true motion (3, 0) px, inside a 10 px margin. */
    static double flowError(ConfigMorph config, float[] a, float[] b) {
        float[][] f = new MorphSynthesizer(config).flows(a, b, NX, NY);
        double sum = 0;
        int n = 0;
        for (int y = 10; y < NY - 10; y++)
            for (int x = 10; x < NX - 10; x++) {
                int i = x + NX * y;
                sum += Math.hypot(f[0][i] - 3, f[1][i]);
                n++;
            }
        return sum / n;
    }

    @Test
    void aBrightnessRampThatChangesBetweenSlicesIsNotReadAsMotion() {
        // b is a moved 3 px along x, and its brightness ramp along x differs from a's (as between thick CT
        // slices of a plate): the flow on the texture stays near (3, 0), the flow on the raw intensities does not
        float[] a = new float[NX * NY], b = new float[NX * NY];
        for (int y = 0; y < NY; y++)
            for (int x = 0; x < NX; x++) {
                a[x + NX * y] = plate(x, y, 4);
                b[x + NX * y] = plate(x - 3, y, -4);
            }
        ConfigMorph raw = new ConfigMorph();
        raw.flowTexture = 0;
        double withTexture = flowError(new ConfigMorph(), a, b), without = flowError(raw, a, b);
        // measured: 1.12 px with the texture, 1.50 px on the raw intensities (1.0 and 1.1 without the ramps:
        // the inserts' edges are not matched exactly at any setting)
        assertTrue(withTexture < 1.25, "mean flow error " + withTexture + " px on the texture");
        assertTrue(withTexture < 0.8 * without, "mean flow error " + withTexture + " px on the texture, " + without + " on the raw intensities");
    }

    @Test
    void reachIsTheTwoNeighboursOrTheSplinesWithCurvature() {
        ConfigMorph c = new ConfigMorph();
        c.curvature = 0;
        assertEquals(1, new MorphSynthesizer(c).reach());
        c.curvature = 0.5;
        assertEquals(CubicSynthesizer.REACH, new MorphSynthesizer(c).reach());
    }

    /** A static edge beside a flat region whose value follows z^2: nothing moves, linear misses the curvature, cubic has it. */
    static FloatVolume brightening(int m) {
        float[] d = new float[NX * NY * m];
        for (int z = 0; z < m; z++)
            for (int y = 0; y < NY; y++)
                for (int x = 0; x < NX; x++) d[x + NX * (y + NY * z)] = value(x, y, z);
        return new FloatVolume(NX, NY, m, d, Geometry.identity(), false);
    }

    static float value(int x, int y, double z) {
        return (float) (x < NX / 2 ? 1000 : 100 + 5 * z * z);   // a static edge sets the window; the brightening stays below the residual bound
    }

    @Test
    void curvatureTermRecoversBrightnessCurvatureWhereNothingMoves() {
        int m = 6;
        FloatVolume kept = brightening(m);
        double[] pos = new double[m];
        for (int i = 0; i < m; i++) pos[i] = 2 * i;
        double[] targets = {3, 5, 7};   // odd truth positions: the held-out slices of a K = 2 cut
        double[] err = new double[3];
        for (int k = 0; k < 3; k++) {
            ConfigMorph c = new ConfigMorph();
            c.curvature = k == 0 ? 0 : 1;
            FloatVolume out = FloatVolume.allocate(NX, NY, targets.length, Geometry.identity());
            if (k < 2) new MorphSynthesizer(c).synthesize(kept, pos, targets, out, Job.serial());
            else new CubicSynthesizer().synthesize(kept, pos, targets, out, Job.serial());
            for (int s = 0; s < targets.length; s++) {
                double z = targets[s] / 2;
                for (int y = 0; y < NY; y++)
                    for (int x = NX / 2 + 8; x < NX; x++)   // the flat region, away from the edge
                        err[k] += Math.abs(out.data()[x + NX * (y + NY * s)] - value(x, y, z));
            }
        }
        // with the full term and no motion, morph is the cubic spline
        assertEquals(err[2], err[1], 0.01 * err[2]);
        assertTrue(err[1] < 0.5 * err[0], "error with curvature " + err[1] + ", without " + err[0] + ", cubic " + err[2]);
    }

    @Test
    void limitedCurvatureTermDoesNotRingAtAStepAlongTheSlices() {
        // nothing moves in plane; the flat half steps from 100 to 140 between slices 2 and 3, where the
        // cubic spline overshoots on both sides of the step (the step stays below the residual bound)
        int m = 6;
        float[] d = new float[NX * NY * m];
        for (int z = 0; z < m; z++)
            for (int i = 0; i < NX * NY; i++) d[i + NX * NY * z] = i % NX < NX / 2 ? 1000 : z < 3 ? 100 : 140;
        FloatVolume kept = new FloatVolume(NX, NY, m, d, Geometry.identity(), false);
        double[] pos = {0, 1, 2, 3, 4, 5}, targets = {1.5, 3.5};
        float[] lo = new float[2], hi = new float[2];
        for (int k = 0; k < 2; k++) {
            ConfigMorph c = new ConfigMorph();
            c.curvature = 1;
            c.curvatureLimit = k == 1;
            FloatVolume out = FloatVolume.allocate(NX, NY, targets.length, Geometry.identity());
            new MorphSynthesizer(c).synthesize(kept, pos, targets, out, Job.serial());
            lo[k] = Float.MAX_VALUE;
            hi[k] = -Float.MAX_VALUE;
            for (int s = 0; s < targets.length; s++)
                for (int y = 0; y < NY; y++)
                    for (int x = NX / 2 + 8; x < NX; x++) {
                        float v = out.data()[x + NX * (y + NY * s)];
                        lo[k] = Math.min(lo[k], v);
                        hi[k] = Math.max(hi[k], v);
                    }
        }
        // unlimited, the term leaves [100, 140] (ringing); limited, every value stays in the samples' range
        assertTrue(lo[0] < 99.5f || hi[0] > 140.5f, "unlimited range " + lo[0] + " .. " + hi[0]);
        assertTrue(lo[1] >= 100f - 1e-3f && hi[1] <= 140f + 1e-3f, "limited range " + lo[1] + " .. " + hi[1]);
    }

    @Test
    void withCurvatureSwappingTheStackStillMirrorsTheResult() {
        // the cubic prefilter runs along the stack, so reversed order rounds differently: equal to float precision
        FloatVolume ab = stack(0, 2, 3.5, 5), ba = stack(5, 3.5, 2, 0);
        ConfigMorph c = new ConfigMorph();
        c.curvature = 0.5;
        double[] pos = {0, 1, 2, 3}, t = {0.5, 1.25, 2.75}, mirrored = {2.5, 1.75, 0.25};
        FloatVolume o1 = FloatVolume.allocate(NX, NY, 3, Geometry.identity()), o2 = FloatVolume.allocate(NX, NY, 3, Geometry.identity());
        new MorphSynthesizer(c).synthesize(ab, pos, t, o1, Job.serial());
        new MorphSynthesizer(c).synthesize(ba, pos, mirrored, o2, Job.serial());
        for (int i = 0; i < o1.data().length; i++) assertEquals(o1.data()[i], o2.data()[i], 0.05f, "voxel " + i);
    }

    @Test
    void blurredCurvatureKeepsMeasuredSlicesAndThreadsAgree() {
        ConfigMorph c = new ConfigMorph();
        c.curvatureBlur = 2;
        FloatVolume kept = brightening(5);
        double[] pos = {0, 2, 4, 6, 8}, targets = {0, 1, 2, 3, 5, 8};
        FloatVolume a = FloatVolume.allocate(NX, NY, targets.length, Geometry.identity()), b = FloatVolume.allocate(NX, NY, targets.length, Geometry.identity());
        new MorphSynthesizer(c).synthesize(kept, pos, targets, a, Job.serial());
        try (Job two = Job.of(2, null)) {
            new MorphSynthesizer(c).synthesize(kept, pos, targets, b, two);
        }
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(slice(kept, 0), slice(a, 0));
        assertArrayEquals(slice(kept, 1), slice(a, 2));
        assertArrayEquals(slice(kept, 4), slice(a, 5));
    }
}
