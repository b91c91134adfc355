package org.interslice.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The typed run loops give the volume a per-voxel get/set loop gives: checked against that loop itself on
 * values that probe every conversion rule (halves, negatives, out of range, NaN, infinities).
 */
class VoxelRowsTest {
    private static final double[] PROBES = {0, 0.5, -0.5, 1.5, -1.5, 2.4999, 127.5, -128.5, 255.5, 65535.5, -32768.5, 1e12, -1e12,
        4294967295.4, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-30, 3.4e38, 1e300};

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void runsEqualPerVoxelGetAndSet(PixelType t) {
        int n = 5000;
        SplittableRandom r = new SplittableRandom(t.ordinal());
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = i < PROBES.length ? PROBES[i] : (r.nextDouble() - 0.3) * (t.integer ? 2 * Math.min(t.max, 1e6) : 1e6);
        Volume a = Volume.allocate(t, 50, 10, 10, Geometry.identity()), b = Volume.allocate(t, 50, 10, 10, Geometry.identity());
        for (int i = 0; i < n; i++) a.set(i, values[i]);
        VoxelRows.set(b, 0, values, n);
        double[] back = new double[n];
        VoxelRows.get(b, 0, back, n);
        for (int i = 0; i < n; i++) {
            assertEquals(a.get(i), b.get(i), 0, t + " value " + values[i]);
            assertEquals(a.get(i), back[i], 0, t + " read back " + values[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void rescaleEqualsThePerVoxelFormula(PixelType t) {
        Volume v = Volume.allocate(t, 33, 7, 5, Geometry.identity());
        SplittableRandom r = new SplittableRandom(40 + t.ordinal());
        double hi = t.integer ? Math.min(t.max, 3000) : 3000, lo = t.signed ? -hi : 0;
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, lo + (hi - lo) * r.nextDouble());
        double[][] rescales = {{1, -1024}, {2, 0}, {0.5, 10}, {-1, 0}, {1.25, -3.5}};
        for (double[] sc : rescales) {
            Volume out = Rescale.apply(v, sc[0], sc[1]);
            Volume expect = Volume.allocate(out.type(), v.nx(), v.ny(), v.nz(), v.geometry());
            for (int i = 0; i < v.voxelCount(); i++) expect.set(i, sc[0] * v.get(i) + sc[1]);
            for (int i = 0; i < v.voxelCount(); i++) assertEquals(expect.get(i), out.get(i), 0, t + " rescale " + sc[0] + ", " + sc[1]);
            double[] range = out.range();
            double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < out.voxelCount(); i++) { mn = Math.min(mn, out.get(i)); mx = Math.max(mx, out.get(i)); }
            assertEquals(mn, range[0], 0);
            assertEquals(mx, range[1], 0);
        }
    }
}
