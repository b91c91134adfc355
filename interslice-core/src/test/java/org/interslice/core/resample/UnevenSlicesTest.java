package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unevenly spaced slices stacked straight (a thick-slice head CT whose gaps vary: here 28 slices, gaps 1
 * to 7 mm) take the separable path with a z weight table looked up per output slice. Its values are
 * checked against the general per-voxel path (forceGeneralPath: every output voxel mapped through
 * Geometry.worldToIndex, the path such stacks took before), which computes the same interpolation in
 * double per voxel instead of float weights per axis. Spacings avoid exact half-voxel positions, where
 * nearest neighbour would pick either side depending on the last bit.
 */
class UnevenSlicesTest {
    /** GE-like stack: 28 slices of 40x36 at 0.5 mm in plane, gaps 1 to 7 mm, tilted in plane (rotated axes). */
    static Volume geLike(boolean labels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nx = 40, ny = 36, nz = 28;
        double c = Math.cos(0.2), s = Math.sin(0.2);
        double[] col0 = {c, s, 0}, col1 = {-s, c, 0};
        double[] so = new double[3 * nz];
        double z = -40;
        for (int k = 0; k < nz; k++) {
            so[3 * k] = 12;
            so[3 * k + 1] = -7;
            so[3 * k + 2] = z;
            z += 1 + 6 * rnd.nextDouble();
        }
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.5}, col0, col1, so, 1, 1e-6);
        Volume v = Volume.allocate(labels ? PixelType.UINT8 : PixelType.INT16, nx, ny, nz, g);
        for (int k = 0; k < nz; k++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            double r2 = Volumes.sq(x - 20) + Volumes.sq(y - 17) + Volumes.sq(2.5 * (k - 13));
            double val = labels ? (r2 < 120 ? 1 : r2 < 200 && x > 20 ? 2 : (x / 9 + k / 7) % 4 == 3 ? 5 : 0)
                    : 900 * Math.exp(-r2 / 300) + 80 * Math.sin(x / 4.0) + 10 * k + 20 * rnd.nextDouble() - 100;
            v.set(v.index(x, y, k), val);
        }
        return labels ? v.asLabel(true) : v;
    }

    @ParameterizedTest
    @EnumSource(Interp.class)
    void separableEqualsTheGeneralPathOnAnUnevenStack(Interp interp) {
        Volume v = geLike(interp.isLabel(), 3);
        assertFalse(v.geometry().uniformSlices());
        assertTrue(Resampler.isStraightStack(v.geometry()));
        ConfigResample fast = new ConfigResample(interp);
        if (!interp.isLabel()) fast.outputType = PixelType.FLOAT32;
        // B-spline with anti-aliasing: the separable path blurs the coefficients (the Gaussian folded into
        // its tables), the general path blurs the image before the prefilter; equal inside, different within
        // a few voxels of the edges, on evenly spaced volumes as well (about 0.5 of 1100 here), so compared without
        if (interp == Interp.BSPLINE) fast.antialias = false;
        ConfigResample old = fast.copy();
        old.forceGeneralPath = true;
        double[][] spacings = {{0.5, 0.5, 0.5}, {0.83, 0.61, 2.0}, {1.1, 1.1, 6.0}};
        for (double[] sp : spacings) {
            Grid grid = Grid.of(v).withSpacing(sp, false);
            assertTrue(Resampler.isSeparable(v.geometry(), grid.geometry()));
            Volume a, b;
            try (Job job = Job.of(2, null)) {
                a = new Resampler(fast).resample(v, grid, job);
                b = new Resampler(old).resample(v, grid, job);
            }
            double[] range = v.range();
            long differ = 0;
            for (int i = 0; i < a.voxelCount(); i++) {
                double x = a.get(i), y = b.get(i);
                if (interp.isLabel() || interp == Interp.NEAREST) {
                    if (x != y) differ++;
                } else {
                    assertEquals(y, x, 2e-5 * (range[1] - range[0]), interp + " " + java.util.Arrays.toString(sp) + " voxel " + i);
                }
            }
            // votes and nearest picks may flip where two candidates tie to rounding (float weights vs double)
            assertTrue(differ <= a.voxelCount() / 2000, interp + " " + java.util.Arrays.toString(sp) + ": " + differ + " of " + a.voxelCount() + " voxels differ");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Interp.class, names = {"LINEAR", "LABEL_LINEAR"})
    void aShearedOrDriftingStackKeepsTheGeneralPath(Interp interp) {
        Volume v = geLike(interp.isLabel(), 4);
        double[] so = v.geometry().sliceOrigins();
        so[3 * 5] += 0.3;   // one slice shifted in plane: not a straight stack
        double[] d = v.geometry().direction();
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.5}, new double[] {d[0], d[3], d[6]}, new double[] {d[1], d[4], d[7]}, so, 1, 1e-6);
        assertFalse(Resampler.isStraightStack(g));
        assertFalse(Resampler.isSeparable(g, Grid.of(v.withGeometry(g)).withSpacing(1, false).geometry()));
    }
}
