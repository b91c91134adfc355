package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResamplerTest {
    static final Geometry G = Volumes.axial(0.9, 1.1, 2.5, -20, 14, 100);

    static Volume run(Volume v, Grid g, ConfigResample cfg, Job job) {
        return new Resampler(cfg).resample(v, g, job);
    }

    static ConfigResample cfg(Interp i) {
        return new ConfigResample(i);
    }

    @ParameterizedTest
    @EnumSource(Interp.class)
    void identityIsExact(Interp interp) {
        for (PixelType t : new PixelType[] {PixelType.UINT8, PixelType.INT16, PixelType.FLOAT32, PixelType.FLOAT64}) {
            Volume v = Volumes.random(t, 13, 11, 7, G, -100, 200, 5);
            Volume r = run(v, Grid.of(v), cfg(interp), Job.serial());
            assertEquals(t, r.type());
            assertArrayEquals(Volumes.values(v), Volumes.values(r), 0, interp + " " + t);
        }
    }

    /** A grid shifted by whole voxels samples voxel centres: exact for every non-smoothing kernel. */
    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"NEAREST", "LINEAR", "LANCZOS", "BSPLINE", "LABEL_NEAREST", "LABEL_LINEAR"})
    void integerShiftSamplesCentres(Interp interp) {
        Volume v = Volumes.random(PixelType.INT16, 13, 11, 7, G, -100, 200, 6);
        Grid shifted = Grid.of(v).crop(new int[] {2, 1, 3}, new int[] {13, 11, 7});
        for (boolean general : new boolean[] {false, true}) {
            ConfigResample c = cfg(interp);
            c.forceGeneralPath = general;
            Volume r = run(v, shifted, c, Job.serial());
            for (int z = 0; z < r.nz(); z++) for (int y = 0; y < r.ny(); y++) for (int x = 0; x < r.nx(); x++)
                assertEquals(v.get(v.index(x + 2, y + 1, z + 3)), r.get(r.index(x, y, z)), 0, interp + " at " + x + "," + y + "," + z);
        }
    }

    @ParameterizedTest
    @EnumSource(Interp.class)
    void oneThreadEqualsSeveral(Interp interp) {
        Volume v = interp.isLabel() ? Volumes.labels(G) : Volumes.random(PixelType.UINT16, 31, 27, 19, G, 0, 3000, 7);
        Grid[] grids = {Grid.of(v).withSpacing(new double[] {0.6, 1.7, 1.3}, false), GridTest.oblique().withSpacing(1.5, false)};
        for (Grid g : grids) {
            double[] a = Volumes.values(run(v, g, cfg(interp), Job.serial()));
            double[] b = Volumes.values(run(v, g, cfg(interp), Job.of(3, null)));
            assertArrayEquals(a, b, 0, interp.toString());
        }
    }

    /** Separable and general paths on a case both handle (axis-aligned, other spacing and origin). */
    @ParameterizedTest
    @EnumSource(Interp.class)
    void separableEqualsGeneral(Interp interp) {
        Volume v = interp.isLabel() ? Volumes.labels(G) : Volumes.smooth(30, 26, 14, G);
        Grid g = new Grid(37, 19, 22, Geometry.of(new double[] {0.7, 1.3, 1.4}, new double[] {-19.3, 13.1, 99.2}, G.direction()));
        ConfigResample a = cfg(interp), b = cfg(interp);
        b.forceGeneralPath = true;
        Volume ra = run(v, g, a, Job.serial()), rb = run(v, g, b, Job.serial());
        double[] x = Volumes.values(ra), y = Volumes.values(rb);
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            if (interp.isLabel()) { if (x[i] != y[i]) differ++; }
            else assertEquals(y[i], x[i], 2e-4 * Math.max(1, Math.abs(y[i])), interp + " voxel " + i);
        }
        // label votes may tie differently only when float rounding splits an exact tie
        assertTrue(differ <= x.length / 1000, interp + ": " + differ + " labels differ");
    }

    /** Only z resampled (x and y keep the input grid: the slice-copy shortcut) equals the general path. */
    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"LINEAR", "LANCZOS", "GAUSSIAN", "BSPLINE"})
    void zOnlyEqualsGeneral(Interp interp) {
        Volume v = Volumes.random(PixelType.INT16, 17, 13, 9, G, -1000, 1000, 12);
        Grid g = Grid.of(v).withSpacing(new double[] {0.9, 1.1, 0.7}, false);
        assertEquals(v.nx(), g.nx());
        assertEquals(v.ny(), g.ny());
        ConfigResample a = cfg(interp), b = cfg(interp);
        b.forceGeneralPath = true;
        double[] x = Volumes.values(run(v, g, a, Job.of(2, null))), y = Volumes.values(run(v, g, b, Job.serial()));
        // integer output: the two summation orders may round a .5 differently
        for (int i = 0; i < x.length; i++) assertEquals(y[i], x[i], 1.0, interp + " voxel " + i);
    }

    /**
     * The separable path computes B-spline coefficients a z slab at a time (windowed z prefilter); the
     * general path the whole volume at once: they agree on a volume long enough in z for several slabs,
     * for every order and both boundary rules.
     */
    @Test
    void bsplineSlabsEqualWholeVolumeCoefficients() {
        Geometry g = Volumes.axial(1, 1, 0.8, 3, -4, 10);
        // 160 slices: many slabs; 6: one slab holding the whole z line (NEAREST edge planes kept once);
        // 120 rows of 5 slices: y bands (BSplineCoefficients.band) instead of a whole-volume slab
        for (int[] d : new int[][] {{7, 160}, {7, 6}, {120, 5}}) {
            int ny = d[0], nz = d[1];
            Volume v = Volumes.random(PixelType.FLOAT32, 9, ny, nz, g, -500, 1500, 11);
            Grid out = new Grid(11, ny * 6 / 7, nz * 230 / 160, Geometry.of(new double[] {0.83, 1.1, 0.55}, new double[] {2.9, -4.2, 9.7}, g.direction()));
            for (Boundary b : Boundary.values()) {
                for (int order = 2; order <= 5; order++) {
                    ConfigResample s = cfg(Interp.BSPLINE), a = cfg(Interp.BSPLINE);
                    s.order = a.order = order;
                    s.boundary = a.boundary = b;
                    s.clamp = a.clamp = false;
                    a.forceGeneralPath = true;
                    double[] x = Volumes.values(run(v, out, s, Job.of(2, null))), y = Volumes.values(run(v, out, a, Job.serial()));
                    // float rounding of the two summation orders: about 1e-5 of the 2000 data range; a slab error would be whole units
                    for (int i = 0; i < x.length; i++) assertEquals(y[i], x[i], 0.05, b + " order " + order + " nz " + nz + " voxel " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"LABEL_NEAREST", "LABEL_LINEAR", "LABEL_GAUSSIAN"})
    void labelsGainNoValues(Interp interp) {
        Volume v = Volumes.labels(G);
        TreeSet<Integer> in = labelSet(v);
        for (Grid g : new Grid[] {Grid.of(v).withSpacing(new double[] {0.4, 0.7, 1.1}, false), Grid.of(v).withSpacing(3.1, false),
                GridTest.oblique().withSpacing(1.0, false), Grid.of(v).withSpacing(new double[] {0.5, 0.5, 0.5}, false)}) {
            Volume r = run(v, g, cfg(interp), Job.of(2, null));
            assertTrue(r.isLabel());
            TreeSet<Integer> out = labelSet(r);
            assertTrue(in.containsAll(out), interp + " created " + out + " from " + in);
        }
    }

    /**
     * The separable label paths read uint8/int8/uint16/int16 storage directly (no int copy): labels
     * mapped by an increasing function into each type's range (ties keep their order) must resample to
     * the same values as the int32 volume holding them. uint16 values above 32767 check the widening.
     */
    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"LABEL_NEAREST", "LABEL_LINEAR", "LABEL_GAUSSIAN"})
    void labelStorageTypesAgreeWithInt32(Interp interp) {
        Volume base = Volumes.labels(G);
        PixelType[] types = {PixelType.UINT8, PixelType.INT8, PixelType.UINT16, PixelType.INT16, PixelType.UINT32, PixelType.FLOAT32};
        double[][] map = {{1, 0}, {1, -100}, {300, 0}, {150, -15000}, {10, 5}, {1, 0}}; // value = a * label + b
        Grid[] grids = {Grid.of(base).withSpacing(new double[] {0.4, 0.7, 1.1}, false), Grid.of(base).withSpacing(2.3, false)};
        for (int k = 0; k < types.length; k++) {
            Volume typed = Volume.allocate(types[k], base.nx(), base.ny(), base.nz(), G);
            Volume ints = Volume.allocate(PixelType.INT32, base.nx(), base.ny(), base.nz(), G);
            for (int i = 0; i < base.voxelCount(); i++) {
                double v = map[k][0] * base.get(i) + map[k][1];
                typed.set(i, v);
                ints.set(i, v);
            }
            for (Grid g : grids) {
                Volume a = run(typed.asLabel(true), g, cfg(interp), Job.of(2, null));
                Volume b = run(ints.asLabel(true), g, cfg(interp), Job.of(2, null));
                assertArrayEquals(Volumes.values(b), Volumes.values(a), 0, interp + " " + types[k]);
                assertTrue(labelSet(a).size() > 3, interp + " " + types[k] + " lost labels");
            }
        }
    }

    @Test
    void labelGaussianUpThenDownKeepsLabels() {
        Volume v = Volumes.labels(G);
        Grid fine = Grid.of(v).withSpacing(new double[] {0.45, 0.55, 1.25}, false);
        Volume up = run(v, fine, cfg(Interp.LABEL_GAUSSIAN), Job.of(2, null));
        Volume back = run(up, Grid.of(v), cfg(Interp.LABEL_GAUSSIAN), Job.of(2, null));
        assertEquals(labelSet(v), labelSet(up));
        assertEquals(labelSet(v), labelSet(back));
        Map<Integer, Integer> counts = counts(v);
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() < 100) continue;
            double d = dice(v, back, e.getKey());
            assertTrue(d > 0.95, "label " + e.getKey() + " Dice " + d);
        }
    }

    @Test
    void imageInterpolatorRefusedOnLabels() {
        Volume v = Volumes.labels(G);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resample.toSpacing(v, 0.5, Interp.LINEAR));
        assertTrue(e.getMessage().contains("label map"), e.getMessage());
        ConfigResample c = cfg(Interp.LINEAR);
        c.allowImageInterpOnLabels = true;
        Volume r = run(v, Grid.of(v).withSpacing(0.5, false), c, Job.serial());
        assertTrue(r.isLabel());
    }

    /** Energy of a pattern above the output Nyquist frequency is suppressed with anti-aliasing. */
    @Test
    void antialiasReducesAliasing() {
        int nx = 96, ny = 6, nz = 4;
        float[] d = new float[nx * ny * nz];
        for (int i = 0; i < d.length; i++) d[i] = (float) (100 + 100 * Math.cos(2 * Math.PI * 0.43 * (i % nx)));
        FloatVolume v = new FloatVolume(nx, ny, nz, d, Volumes.axial(1, 1, 1, 0, 0, 0), false);
        Grid g = Grid.of(v).withSpacing(new double[] {3, 1, 1}, false);
        for (Interp interp : new Interp[] {Interp.LINEAR, Interp.BSPLINE, Interp.LANCZOS}) {
            ConfigResample on = cfg(interp), off = cfg(interp);
            off.antialias = false;
            on.forceGeneralPath = false;
            double eOn = acEnergy(run(v, g, on, Job.serial())), eOff = acEnergy(run(v, g, off, Job.serial()));
            assertTrue(eOn < 0.01 * eOff, interp + ": energy with anti-aliasing " + eOn + ", without " + eOff);
            on.forceGeneralPath = true;
            double eGen = acEnergy(run(v, g, on, Job.serial()));
            assertTrue(eGen < 0.01 * eOff, interp + " general path: " + eGen + " vs " + eOff);
        }
    }

    @Test
    void bsplineRoundTripKeepsPsnr() {
        FloatVolume v = Volumes.smooth(48, 44, 30, Volumes.axial(1, 1, 1.5, 0, 0, 0));
        Grid fine = Grid.of(v).withSpacing(new double[] {0.6, 0.6, 0.9}, false);
        Volume up = Resample.toGrid(v, fine, Interp.BSPLINE);
        Volume back = Resample.toGrid(up, Grid.of(v), Interp.BSPLINE);
        double[] r = v.range();
        double mse = 0;
        for (int i = 0; i < v.voxelCount(); i++) mse += Volumes.sq(v.get(i) - back.get(i));
        mse /= v.voxelCount();
        double psnr = 10 * Math.log10(Volumes.sq(r[1] - r[0]) / mse);
        assertTrue(psnr > 45, "PSNR " + psnr);
    }

    @Test
    void defaultValueIsInputMinimumAndTypeIsKept() {
        Volume v = Volumes.random(PixelType.INT16, 10, 10, 10, Volumes.axial(1, 1, 1, 0, 0, 0), -1000, 500, 9);
        double min = v.range()[0];
        Grid g = new Grid(10, 10, 10, Volumes.axial(1, 1, 1, 5, 0, 0)); // half of it right of the input
        Volume r = Resample.toGrid(v, g, Interp.LINEAR);
        assertEquals(PixelType.INT16, r.type());
        assertEquals(min, r.get(r.index(9, 3, 3)), 0);
        assertEquals(v.get(v.index(5, 3, 3)), r.get(r.index(0, 3, 3)), 0);
        ConfigResample c = cfg(Interp.LINEAR);
        c.defaultValue = 7;
        c.outputType = PixelType.FLOAT32;
        Volume f = run(v, g, c, Job.serial());
        assertEquals(PixelType.FLOAT32, f.type());
        assertEquals(7, f.get(f.index(9, 3, 3)), 0);
    }

    @Test
    void integerOutputRoundsHalfAwayFromZero() {
        Volume v = Volume.allocate(PixelType.INT16, 2, 1, 1, Volumes.axial(1, 1, 1, 0, 0, 0));
        v.set(0, 10);
        v.set(1, 11);
        Grid mid = new Grid(1, 1, 1, Volumes.axial(1, 1, 1, 0.5, 0, 0));
        assertEquals(11, Resample.toGrid(v, mid, Interp.LINEAR).get(0), 0);
        v.set(0, -10);
        v.set(1, -11);
        assertEquals(-11, Resample.toGrid(v, mid, Interp.LINEAR).get(0), 0);
    }

    @Test
    void clampLimitsOvershoot() {
        // a step: cubic B-spline and Lanczos ring past 0 and 100
        Volume v = Volume.allocate(PixelType.FLOAT32, 20, 3, 3, Volumes.axial(1, 1, 1, 0, 0, 0));
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i % 20) < 10 ? 0 : 100);
        Grid g = Grid.of(v).withSpacing(new double[] {0.25, 1, 1}, false);
        for (Interp interp : new Interp[] {Interp.BSPLINE, Interp.LANCZOS}) {
            ConfigResample off = cfg(interp);
            off.clamp = false;
            double[] r0 = Volumes.values(run(v, g, off, Job.serial()));
            double[] r1 = Volumes.values(Resample.toGrid(v, g, interp));
            assertTrue(min(r0) < -1 && max(r0) > 101, interp + " should overshoot without clamping");
            assertTrue(min(r1) >= 0 && max(r1) <= 100, interp + " clamped");
        }
    }

    /** A 90-degree rotation about z: the general path must permute voxels exactly. */
    @Test
    void rotatedGridPermutesVoxels() {
        Volume v = Volumes.random(PixelType.INT16, 9, 7, 5, Volumes.axial(1, 1, 2, 0, 0, 0), -50, 50, 11);
        // output x runs along input y, output y along -x
        Geometry rot = Geometry.of(new double[] {1, 1, 2}, new double[] {8, 0, 0}, new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1});
        Grid g = new Grid(7, 9, 5, rot);
        for (Interp interp : new Interp[] {Interp.NEAREST, Interp.LINEAR, Interp.LANCZOS}) {
            Volume r = Resample.toGrid(v, g, interp);
            for (int z = 0; z < 5; z++) for (int y = 0; y < 9; y++) for (int x = 0; x < 7; x++)
                assertEquals(v.get(v.index(8 - y, x, z)), r.get(r.index(x, y, z)), 0, interp + " at " + x + "," + y + "," + z);
        }
    }

    /** Uneven input slices go through Geometry.worldToIndex: a value linear in z stays linear. */
    @Test
    void unevenSlicesInterpolateInWorldSpace() {
        double[] pos = {0, 0, 0, 0, 0, 1, 0, 0, 3, 0, 0, 4};
        Geometry g = Geometry.ofSlices(new double[] {1, 1}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, pos, 1, 1e-3);
        Volume v = Volume.allocate(PixelType.FLOAT32, 3, 3, 4, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, 10 * pos[3 * (i / 9) + 2]);
        Grid out = new Grid(3, 3, 5, Volumes.axial(1, 1, 1, 0, 0, 0));
        Volume r = Resample.toGrid(v, out, Interp.LINEAR);
        for (int z = 0; z < 5; z++) assertEquals(10.0 * z, r.get(r.index(1, 1, z)), 1e-4, "z " + z);
    }

    /** Issue 21.8: an image forced to labels (thousands of values) is refused by the per-label interpolators. */
    @Test
    void perLabelInterpolatorsRefuseThousandsOfLabels() {
        Volume v = Volumes.random(PixelType.INT16, 40, 40, 4, G, 0, 3000, 2);
        Grid g = Grid.of(v).withSpacing(2, false);
        for (Interp i : new Interp[] {Interp.LABEL_LINEAR, Interp.LABEL_GAUSSIAN}) {
            org.interslice.core.IntersliceException e = assertThrows(org.interslice.core.IntersliceException.class, () -> run(v.asLabel(true), g, cfg(i), Job.serial()));
            assertTrue(e.getMessage().contains("more than 1000 distinct labels"), e.getMessage());
            ConfigResample unlimited = cfg(i);
            unlimited.maxLabels = 0;
            assertEquals(g.voxelCount(), run(v.asLabel(true), g, unlimited, Job.serial()).voxelCount());
        }
        assertEquals(g.voxelCount(), run(v.asLabel(true), g, cfg(Interp.LABEL_NEAREST), Job.serial()).voxelCount());
    }

    /** Issue 21.7: a 1e-9 mm input resampled to 1 mm asks for sigma 5e8; the kernel is capped at the axis. */
    @Test
    void antialiasKernelOfAHugeRatioIsCappedAndEstimated() {
        Volume v = Volumes.random(PixelType.INT16, 16, 16, 16, Volumes.axial(1e-9, 1e-9, 1e-9, 0, 0, 0), 0, 1000, 3);
        double[] range = {Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < v.voxelCount(); i++) { range[0] = Math.min(range[0], v.get(i)); range[1] = Math.max(range[1], v.get(i)); }
        Grid g = Grid.of(v).withSpacing(1, false);
        for (boolean general : new boolean[] {false, true}) {
            ConfigResample c = cfg(Interp.LINEAR);
            c.forceGeneralPath = general;
            Volume r = run(v, g, c, Job.serial());
            for (int i = 0; i < r.voxelCount(); i++) assertTrue(r.get(i) >= range[0] && r.get(i) <= range[1], "value " + r.get(i));
            assertTrue(Resampler.estimatePeakBytes(v, g, c) < 16 << 20, "estimate " + Resampler.estimatePeakBytes(v, g, c));
        }
        assertEquals(16, Resampler.antialiasSigma(1e9, 16));
        // the kernel counts in the estimate: a 20x downsampling costs more with anti-aliasing than without
        Volume big = Volumes.random(PixelType.INT16, 400, 8, 8, Volumes.axial(1, 1, 1, 0, 0, 0), 0, 1000, 3);
        Grid down = Grid.of(big).withSpacing(new double[] {20, 1, 1}, false);
        ConfigResample on = cfg(Interp.LINEAR), off = cfg(Interp.LINEAR);
        on.forceGeneralPath = false;
        off.forceGeneralPath = false;
        off.antialias = false;
        assertTrue(Resampler.estimatePeakBytes(big, down, on) > Resampler.estimatePeakBytes(big, down, off));
    }

    @Test
    void memoryCheckRefusesLargeRequests() {
        Volume v = Volumes.random(PixelType.UINT8, 20, 20, 20, G, 0, 255, 1);
        Grid g = Grid.of(v).withSpacing(0.1, false);
        ConfigResample c = cfg(Interp.BSPLINE);
        long est = Resampler.estimatePeakBytes(v, g, c, 1);   // the estimate of the job that runs: one thread
        assertTrue(est >= v.sizeBytes() + g.voxelCount(), "estimate " + est);
        assertTrue(Resampler.estimatePeakBytes(v, g, c, 4) > est, "per-thread work space grows with the job's threads");
        c.maxMemoryBytes = est - 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(v, g, c, Job.serial()));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        // a grid larger than one array still gets an estimate (a dry run shows it); resampling onto it is refused
        Grid huge = new Grid(65536, 65536, 2, G);
        assertTrue(Resampler.estimatePeakBytes(v, huge, cfg(Interp.LINEAR)) >= huge.voxelCount());
        assertThrows(IllegalArgumentException.class, () -> run(v, huge, cfg(Interp.LINEAR), Job.serial()));
    }

    @Test
    void facadeAgreesWithResampler() {
        Volume v = Volumes.random(PixelType.UINT16, 21, 17, 9, G, 0, 4000, 3);
        Job job = Job.of(2, null);
        assertArrayEquals(Volumes.values(run(v, Grid.of(v).withSpacing(0.7, false), cfg(Interp.BSPLINE), job)),
                Volumes.values(Resample.toSpacing(v, 0.7, Interp.BSPLINE)), 0);
        assertArrayEquals(Volumes.values(run(v, Grid.of(v).withSize(new int[] {10, 30, 9}, false), cfg(Interp.LINEAR), job)),
                Volumes.values(Resample.toSize(v, new int[] {10, 30, 9}, Interp.LINEAR)), 0);
        assertArrayEquals(Volumes.values(run(v, Grid.of(v).isotropic(1, false), cfg(Interp.LANCZOS), job)),
                Volumes.values(Resample.isotropic(v, Interp.LANCZOS)), 0);
        Volume ref = Volume.allocate(PixelType.UINT8, 12, 12, 12, GridTest.oblique().geometry());
        assertArrayEquals(Volumes.values(run(v, Grid.of(ref), cfg(Interp.NEAREST), job)),
                Volumes.values(Resample.like(v, ref, Interp.NEAREST)), 0);
    }

    @Test
    void configIsChecked() {
        ConfigResample c = new ConfigResample(Interp.BSPLINE);
        c.order = 6;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resampler(c));
        assertTrue(e.getMessage().contains("order = 6"), e.getMessage());
    }

    // ---- helpers ----

    static TreeSet<Integer> labelSet(Volume v) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < v.voxelCount(); i++) s.add((int) v.get(i));
        return s;
    }

    static Map<Integer, Integer> counts(Volume v) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (int i = 0; i < v.voxelCount(); i++) m.merge((int) v.get(i), 1, Integer::sum);
        return m;
    }

    static double dice(Volume a, Volume b, int label) {
        long both = 0, na = 0, nb = 0;
        for (int i = 0; i < a.voxelCount(); i++) {
            boolean x = a.get(i) == label, y = b.get(i) == label;
            if (x) na++;
            if (y) nb++;
            if (x && y) both++;
        }
        return 2.0 * both / (na + nb);
    }

    static double acEnergy(Volume v) {
        double mean = 0;
        for (int i = 0; i < v.voxelCount(); i++) mean += v.get(i);
        mean /= v.voxelCount();
        double e = 0;
        for (int i = 0; i < v.voxelCount(); i++) e += Volumes.sq(v.get(i) - mean);
        return e;
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : a) m = Math.min(m, x);
        return m;
    }

    static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : a) m = Math.max(m, x);
        return m;
    }
}
