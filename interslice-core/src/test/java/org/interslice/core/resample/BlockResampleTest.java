package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blocks: any box of the output computed alone, from exactly the input region
 * {@link Resampler#inputInterval} names, equals the same voxels of the whole-volume result. Per
 * interpolator 50 random boxes over 5 random grids: axis-aligned up- and downsampling (anti-aliasing),
 * oblique (rotated) grids, inputs with uneven slices, narrow to wide kernels, both boundary rules. Bit for bit, except
 * B-splines: their prefilter is recursive (an infinite impulse response), and a region's coefficients are
 * made on windows that cut it where it has decayed below 1e-7, so they differ from the whole volume's in
 * the last bits of float (within 1e-6 of the data range here).
 */
class BlockResampleTest {
    private static final int GRIDS = 5, BOXES_PER_GRID = 10;

    @ParameterizedTest
    @EnumSource(Interp.class)
    void everyBoxEqualsTheWholeResult(Interp interp) {
        SplittableRandom rnd = new SplittableRandom(1000 + interp.ordinal());
        int boxes = 0, smaller = 0;
        for (int g = 0; g < GRIDS; g++) {
            // uneven slices under an oblique grid (general path, per-voxel lookup) and an aligned one (separable)
            boolean uneven = g >= GRIDS - 2;
            Volume in = input(interp, uneven, rnd);
            ConfigResample c = new ConfigResample(interp);
            c.boundary = rnd.nextBoolean() ? Boundary.NEAREST : Boundary.MIRROR;
            if (!interp.isLabel()) c.outputType = PixelType.FLOAT32;   // compare floats, not rounded integers
            if (interp == Interp.BSPLINE) c.order = 2 + rnd.nextInt(4);
            // kernel widths from narrow to the widest allowed: halos grow with them
            // (grid 1 takes wide ones: more than 16 taps on the general path)
            c.lanczosRadius = g == 1 ? 8 : 1 + rnd.nextInt(8);
            c.gaussianSigmaVoxels = g == 1 ? 3 + 5 * rnd.nextDouble() : 0.3 + 2 * rnd.nextDouble();
            c.labelSigmaVoxels = g == 1 ? 2.8 + rnd.nextDouble() : 0.3 + 2 * rnd.nextDouble();
            Resampler r = new Resampler(c);
            Grid grid = g % 2 == 0 ? aligned(in, rnd) : oblique(in, rnd);
            Volume whole;
            try (Job job = Job.of(2, null)) {
                whole = r.resample(in, grid, job);
            }
            InputStats stats = InputStats.of(in, c);
            double range = stats.max() - stats.min();
            for (int b = 0; b < BOXES_PER_GRID; b++, boxes++) {
                Interval box = randomBox(grid, rnd);
                Interval need = r.inputInterval(Grid.of(in), grid, box);
                if (need.voxelCount() < in.voxelCount()) smaller++;
                Block part = r.resample(Block.crop(in, need), grid, box, stats, Job.serial());
                assertEquals(box, part.interval());
                String where = interp + " grid " + g + " " + grid.describe() + " box " + box + " input " + need + " " + c.boundary;
                for (int z = 0; z < box.nz(); z++) for (int y = 0; y < box.ny(); y++) for (int x = 0; x < box.nx(); x++) {
                    double expect = whole.get(whole.index(box.x0() + x, box.y0() + y, box.z0() + z));
                    double got = part.data().get(part.data().index(x, y, z));
                    if (interp == Interp.BSPLINE) assertEquals(expect, got, 1e-6 * range, where + " at " + x + "," + y + "," + z);
                    else assertEquals(expect, got, 0, where + " at " + x + "," + y + "," + z);
                }
            }
        }
        assertEquals(GRIDS * BOXES_PER_GRID, boxes);
        // the point of blocks: a small box reads a small part of the input
        assertTrue(smaller > boxes / 2, smaller + " of " + boxes + " boxes read less than the whole input");
    }

    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"LINEAR", "LABEL_LINEAR"})
    void aBlockMissingPartOfTheNeededInputIsRefused(Interp interp) {
        SplittableRandom rnd = new SplittableRandom(7);
        Volume in = input(interp, false, rnd);
        Resampler r = new Resampler(new ConfigResample(interp));
        Grid grid = Grid.of(in).withSpacing(new double[] {0.7, 0.7, 0.9}, false);
        Interval box = new Interval(3, 4, 5, 6, 6, 6);
        Interval need = r.inputInterval(Grid.of(in), grid, box);
        Interval less = new Interval(need.x0() + 1, need.y0(), need.z0(), need.nx() - 1, need.ny(), need.nz());
        InputStats stats = InputStats.of(in, new ConfigResample(interp));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.resample(Block.crop(in, less), grid, box, stats, Job.serial()));
        assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.inputInterval(Grid.of(in), grid, new Interval(0, 0, 0, grid.nx() + 1, 1, 1)));
    }

    /** An int16 image (smooth plus noise) or the test label map; uneven: slices at random gaps of 1 to 4 mm. */
    static Volume input(Interp interp, boolean uneven, SplittableRandom rnd) {
        Geometry g = Volumes.axial(0.9, 1.1, 2.5, -10 + 20 * rnd.nextDouble(), 5 * rnd.nextDouble(), 30);
        Volume v;
        if (interp.isLabel()) {
            v = Volumes.labels(g);
        } else {
            // B-splines read their prefilter's warm-up (13 to 19 voxels) beyond the taps: a larger input
            int[] n = interp == Interp.BSPLINE ? new int[] {70, 60, 48} : new int[] {23, 19, 13};
            Volume s = Volumes.smooth(n[0], n[1], n[2], g);
            v = Volume.allocate(PixelType.INT16, n[0], n[1], n[2], g);
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, s.get(i) + 40 * rnd.nextDouble());
        }
        if (!uneven) return v;
        double[] so = new double[3 * v.nz()];
        double z = 30;
        for (int k = 0; k < v.nz(); k++) {
            so[3 * k] = g.origin()[0];
            so[3 * k + 1] = g.origin()[1];
            so[3 * k + 2] = z;
            z += 1 + 3 * rnd.nextDouble();
        }
        Geometry ug = Geometry.ofSlices(new double[] {0.9, 1.1}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 2.5, 1e-6);
        return v.withGeometry(ug);
    }

    /** Same axes, spacing 0.4 to 2.4 times the input's per axis (up and down), origin kept or centred. */
    static Grid aligned(Volume in, SplittableRandom rnd) {
        Geometry g = in.geometry();
        double[] sp = new double[3];
        for (int a = 0; a < 3; a++) sp[a] = g.spacing(a) * (0.4 + 2 * rnd.nextDouble());
        return Grid.of(in).withSpacing(sp, rnd.nextBoolean());
    }

    /** Rotated 10 to 40 degrees about a random axis, spacing 0.5 to 2 mm, covering the input's box and a margin. */
    static Grid oblique(Volume in, SplittableRandom rnd) {
        double[] u = {rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5};
        double l = Math.sqrt(Geometry.dot(u, u));
        for (int a = 0; a < 3; a++) u[a] /= l;
        double t = Math.toRadians(10 + 30 * rnd.nextDouble()), c = Math.cos(t), s = Math.sin(t), k = 1 - c;
        double[] d = {
            c + u[0] * u[0] * k, u[0] * u[1] * k - u[2] * s, u[0] * u[2] * k + u[1] * s,
            u[1] * u[0] * k + u[2] * s, c + u[1] * u[1] * k, u[1] * u[2] * k - u[0] * s,
            u[2] * u[0] * k - u[1] * s, u[2] * u[1] * k + u[0] * s, c + u[2] * u[2] * k};
        double[] sp = {0.5 + 1.5 * rnd.nextDouble(), 0.5 + 1.5 * rnd.nextDouble(), 0.5 + 1.5 * rnd.nextDouble()};
        Grid g = Grid.of(in);
        double[] e = g.extentMm(), centre = in.geometry().indexToWorld((in.nx() - 1) / 2.0, (in.ny() - 1) / 2.0, (in.nz() - 1) / 2.0);
        double size = 1.2 * Math.sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) n[a] = Math.max(2, Math.min(40, (int) (size / sp[a])));
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            o[r] = centre[r] + 3 * (rnd.nextDouble() - 0.5);
            for (int col = 0; col < 3; col++) o[r] -= d[3 * r + col] * sp[col] * (n[col] - 1) / 2.0;
        }
        return new Grid(n[0], n[1], n[2], Geometry.of(sp, o, d));
    }

    static Interval randomBox(Grid g, SplittableRandom rnd) {
        int[] off = new int[3], size = new int[3];
        for (int a = 0; a < 3; a++) {
            size[a] = 1 + rnd.nextInt(Math.min(g.size(a), 12));
            off[a] = rnd.nextInt(g.size(a) - size[a] + 1);
        }
        return Interval.of(off, size);
    }
}
