package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private static ShortVolume noise(int nx, int ny, int nz, double[] spacing, long seed) {
        short[] d = new short[nx * ny * nz];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) d[i] = (short) r.nextInt(-1024, 3000);
        return new ShortVolume(nx, ny, nz, PixelType.INT16, d, Geometry.of(spacing, new double[] {-3, 7, 11}, IDENTITY), false);
    }

    private static ConfigInterpolate factor(double k, String method) {
        ConfigInterpolate c = new ConfigInterpolate();
        c.factor = k;
        c.method = method;
        return c;
    }

    @Test
    void everyMeasuredSliceIsCopiedBitForBitByEveryMethod() {
        ShortVolume in = noise(11, 9, 7, new double[] {0.5, 0.6, 3}, 1);
        float[] f = new float[11 * 9 * 7];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < f.length; i++) f[i] = (float) (r.nextGaussian() * 1e3);
        FloatVolume fin = new FloatVolume(11, 9, 7, f, in.geometry(), false);
        int plane = 11 * 9;
        assertTrue(SynthesisMethods.imageNames().size() >= 4, SynthesisMethods.imageNames().toString());
        for (String method : SynthesisMethods.imageNames()) {
            try (Job job = Job.of(2, null)) {
                Interpolation res = new Interpolator(factor(3, method)).run(in, job);
                short[] out = ((ShortVolume) res.volume()).data();
                assertEquals(19, res.volume().nz(), method);
                assertEquals(PixelType.INT16, res.volume().type());
                for (int k = 0; k < 7; k++)
                    for (int p = 0; p < plane; p++) assertEquals(in.data()[k * plane + p], out[3 * k * plane + p], method + " slice " + k);
                float[] fo = ((FloatVolume) new Interpolator(factor(3, method)).run(fin, job).volume()).data();
                for (int k = 0; k < 7; k++)
                    for (int p = 0; p < plane; p++)
                        assertEquals(Float.floatToRawIntBits(f[k * plane + p]), Float.floatToRawIntBits(fo[3 * k * plane + p]), method + " float slice " + k);
            }
        }
    }

    @Test
    void facadeAndConfigurableObjectAgreeAcrossThreadsAndBatchSizes() {
        ShortVolume in = noise(17, 12, 9, new double[] {0.7, 0.7, 2.5}, 3);
        for (String method : new String[] {"linear", "cubic", "lanczos"}) {
            short[] a = ((ShortVolume) Interpolate.byFactor(in, 4, method).volume()).data();
            ConfigInterpolate c = factor(4, method);
            c.batchBytes = 1;   // one gap per batch: small windows for linear and lanczos
            short[] b;
            try (Job job = Job.of(3, null)) {
                b = ((ShortVolume) new Interpolator(c).run(in, job).volume()).data();
            }
            short[] s = ((ShortVolume) new Interpolator(factor(4, method)).run(in, Job.serial()).volume()).data();
            assertArrayEquals(a, b, method);
            assertArrayEquals(a, s, method);
        }
        // spacing given instead of the factor: the same grid
        short[] bySpacing = ((ShortVolume) Interpolate.bySpacing(in, 0.625, "linear").volume()).data();
        assertArrayEquals(((ShortVolume) Interpolate.byFactor(in, 4, "linear").volume()).data(), bySpacing);
    }

    /**
     * Cubic reads the whole stack and prefilters it once: interpolate's output, one gap per batch, is the
     * whole-stack spline bit for bit (windows of 16 slices per side agreed to ~1e-4 only), and equals a run
     * in one batch.
     */
    @Test
    void cubicWithinItsReachEqualsTheWholeStackSpline() {
        int nx = 7, ny = 5, m = 60, plane = nx * ny;
        float[] d = new float[plane * m];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextDouble() * 2000 - 1000);
        FloatVolume in = new FloatVolume(nx, ny, m, d, Geometry.of(new double[] {1, 1, 3}, new double[3], IDENTITY), false);
        ConfigInterpolate c = factor(3, "cubic");
        c.batchBytes = 1;   // one gap per batch: a window of 2 x 16 slices each time
        float[] got = ((FloatVolume) new Interpolator(c).run(in, Job.serial()).volume()).data();
        double[] pos = new double[m], targets = new double[3 * (m - 1) + 1];
        for (int k = 0; k < m; k++) pos[k] = 3 * k;
        for (int j = 0; j < targets.length; j++) targets[j] = j;
        FloatVolume whole = FloatVolume.allocate(nx, ny, targets.length, in.geometry());
        new CubicSynthesizer().synthesize(in, pos, targets, whole, Job.serial());
        for (int j = 0; j < targets.length; j++) {
            if (j % 3 == 0) continue;   // measured slices are copies of the input
            for (int p = 0; p < plane; p++) assertEquals(whole.data()[j * plane + p], got[j * plane + p], 0.0, "slice " + j);
        }
        c.batchBytes = 1L << 40;   // one batch
        assertArrayEquals(got, ((FloatVolume) new Interpolator(c).run(in, Job.of(2, null)).volume()).data());
    }

    /**
     * A gantry-tilted stack (slices stacked 20 degrees off their normal) with uneven gaps, holding the
     * world coordinates as values: a field linear in world position, which linear blending along the
     * stack reproduces exactly where the slices really are. Each output voxel must hold the field at the
     * world position the output geometry gives it, and that position must be where the input geometry
     * puts the same fractional slice index.
     */
    @Test
    void tiltedUnevenStackLandsWhereTheGeometrySays() {
        int nx = 6, ny = 5;
        double tilt = Math.toRadians(20);
        double[] u = {0, Math.sin(tilt), Math.cos(tilt)};
        double[] o = {10, -20, 30};
        double[] pos = {0, 3, 5, 9, 10, 14};
        double[] origins = new double[3 * pos.length];
        // pos are heights along the slice normal (z): the stack steps pos / cos(tilt) along u
        for (int k = 0; k < pos.length; k++) for (int a = 0; a < 3; a++) origins[3 * k + a] = o[a] + pos[k] / Math.cos(tilt) * u[a];
        Geometry g = Geometry.ofSlices(new double[] {0.8, 0.7}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, origins, 0, 1e-6);
        assertTrue(!g.uniformSlices() && g.gantryTiltDegrees() > 19.9, g.toString());
        double[] field = {0.3, -1.7, 2.9};
        float[] d = new float[nx * ny * pos.length];
        double[] w = new double[3];
        for (int k = 0, i = 0; k < pos.length; k++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++) d[i] = (float) Geometry.dot(field, g.indexToWorld(x, y, k, w));
        FloatVolume in = new FloatVolume(nx, ny, pos.length, d, g, false);
        ConfigInterpolate c = new ConfigInterpolate();
        c.spacingMm = 0.5;
        c.method = "linear";
        Interpolation res = new Interpolator(c).run(in, Job.serial());
        Volume out = res.volume();
        assertEquals(29, out.nz());
        Geometry og = out.geometry();
        double[] a = new double[3], b = new double[3];
        for (int j = 0; j < out.nz(); j++) {
            double fk = res.plan().fractionalIndex(j);
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    og.indexToWorld(x, y, j, a);
                    g.indexToWorld(x, y, fk, b);
                    for (int t = 0; t < 3; t++) assertEquals(b[t], a[t], 1e-9, "slice " + j + " voxel " + x + "," + y);
                    // slice planes are 0.5 mm apart along the normal
                    assertEquals(o[2] + 0.5 * j, a[2], 1e-9);
                    assertEquals(Geometry.dot(field, a), out.get(out.index(x, y, j)), 2e-4, "value at slice " + j);
                }
        }
        // measured slices sit at 0, 3, 5, 9, 10, 14 mm: output slices 0, 6, 10, 18, 20, 28
        int[] expect = {0, 6, 10, 18, 20, 28};
        for (int k = 0; k < pos.length; k++) assertEquals(k, res.plan().measured(expect[k]));
        assertEquals(pos.length, out.nz() - res.plan().synthesizedCount());
    }

    @Test
    void sliceAxisIsTheCoarsestOrTheOneAskedFor() {
        // x is coarse: a field linear in x is rebuilt exactly along x by linear blending
        int nx = 5, ny = 4, nz = 3;
        float[] d = new float[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++, i++) d[i] = 4 * x + 100 * y + 1000 * z;
        FloatVolume in = new FloatVolume(nx, ny, nz, d, Geometry.of(new double[] {4, 1, 1}, new double[3], IDENTITY), false);
        Interpolation r = Interpolate.byFactor(in, 4, "linear");
        assertEquals(0, r.plan().axis());
        Volume out = r.volume();
        assertEquals(17, out.nx());
        assertEquals(1.0, out.geometry().spacing(0), 1e-12);
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < 17; x++)
            assertEquals(x + 100 * y + 1000 * z, out.get(out.index(x, y, z)), 1e-3);
        ConfigInterpolate c = factor(2, "linear");
        c.axis = 1;
        Volume alongY = new Interpolator(c).run(in, Job.serial()).volume();
        assertEquals(7, alongY.ny());
        for (int z = 0; z < nz; z++) for (int y = 0; y < 7; y++) for (int x = 0; x < nx; x++)
            assertEquals(4 * x + 50 * y + 1000 * z, alongY.get(alongY.index(x, y, z)), 1e-3);
    }

    @Test
    void positionsOfSerialSectionsOverrideTheGeometry() {
        ShortVolume in = noise(4, 3, 4, new double[] {1, 1, 1}, 9);
        ConfigInterpolate c = new ConfigInterpolate();
        c.spacingMm = 1;
        c.method = "linear";
        c.positionsMm = new double[] {100, 102, 106, 107};
        Interpolation r = new Interpolator(c).run(in, Job.serial());
        assertEquals(8, r.volume().nz());
        int plane = 12;
        short[] o = ((ShortVolume) r.volume()).data();
        // slice 1 mm is halfway between sections 0 and 1; 4 mm halfway between 1 and 2
        for (int p = 0; p < plane; p++) {
            double mid = (in.data()[p] + in.data()[plane + p]) / 2.0;
            assertEquals(Math.signum(mid) * Math.floor(Math.abs(mid) + 0.5), o[plane + p], "voxel " + p);   // half away from zero
            assertEquals(in.data()[3 * plane + p], o[7 * plane + p]);
        }
        c.positionsMm = new double[] {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> new Interpolator(c).run(in, Job.serial()));
    }

    @Test
    void defaultMethodsMissingFromTheClassPathFailClearly() {
        ShortVolume in = noise(4, 3, 4, new double[] {1, 1, 2}, 4);
        if (!SynthesisMethods.imageNames().contains("morph")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interpolate.byFactor(in, 2, null));
            assertTrue(e.getMessage().contains("'morph' is not available") && e.getMessage().contains("linear"), e.getMessage());
        } else {
            assertEquals("morph", Interpolate.byFactor(in, 2, null).method());
        }
        byte[] lab = new byte[40 * 40 * 4];
        for (int i = 0; i < lab.length; i++) lab[i] = (byte) ((i % 40) < 20 ? 0 : 3);
        ByteVolume labels = new ByteVolume(40, 40, 4, PixelType.UINT8, lab, Geometry.of(new double[] {1, 1, 3}, new double[3], IDENTITY), false);
        Interpolator linear = new Interpolator(factor(3, "cubic"));
        Assumptions.assumeFalse(SynthesisMethods.labelNames().contains("shape"), "shape is registered: the fallback is tested with it");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linear.choose(labels));
        assertTrue(e.getMessage().contains("'shape' is not available"), e.getMessage());
        assertEquals(LabelMaps.Reason.RECOGNISED, LabelMaps.classify(labels, false));
    }

    @Test
    void labelMapsGetLabelMethodsAndOnlyExistingLabels() {
        Assumptions.assumeTrue(SynthesisMethods.labelNames().contains("shape"), "no label method registered yet");
        byte[] lab = new byte[40 * 40 * 4];
        for (int z = 0, i = 0; z < 4; z++) for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++, i++) lab[i] = (byte) (x < 10 + 5 * z ? 0 : y < 20 ? 3 : 7);
        ByteVolume labels = new ByteVolume(40, 40, 4, PixelType.UINT8, lab, Geometry.of(new double[] {1, 1, 3}, new double[3], IDENTITY), false);
        Interpolation r = new Interpolator(factor(3, "cubic")).run(labels, Job.serial());
        assertEquals("shape", r.method());
        assertTrue(r.isLabel() && !r.notes().isEmpty());
        byte[] o = ((ByteVolume) r.volume()).data();
        for (byte b : o) assertTrue(b == 0 || b == 3 || b == 7, "label " + b);
        for (int k = 0; k < 4; k++) for (int p = 0; p < 1600; p++) assertEquals(lab[k * 1600 + p], o[3 * k * 1600 + p]);
    }
}
