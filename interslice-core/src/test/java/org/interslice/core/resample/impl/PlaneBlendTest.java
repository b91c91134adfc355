package org.interslice.core.resample.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * The xy-then-z kernel (issue 22: each input slice's xy pass once, z blended into the output) against
 * the triple weighted sum of its tables done in double, voxel by voxel: equal after rounding, except
 * that a voxel whose exact value lies within float rounding (1e-3 + 5e-7 of the largest input) of a
 * rounding tie may take either side; outputs outside
 * the tables' ranges hold the default. Types stored with and without saturation, zero and wide taps,
 * outputs outside the input, and results that must not depend on the thread count or on a listener.
 */
class PlaneBlendTest {
    private static final int[] N = {13, 11, 9};

    @Test
    void equalsTheWeightedSumInDouble() {
        PixelType[][] pairs = {
            {PixelType.UINT8, PixelType.UINT8}, {PixelType.INT16, PixelType.INT16}, {PixelType.UINT16, PixelType.UINT16},
            {PixelType.FLOAT32, PixelType.FLOAT32}, {PixelType.INT16, PixelType.UINT8}, {PixelType.UINT8, PixelType.FLOAT32},
            {PixelType.UINT8, PixelType.INT16}};
        int checked = 0, ties = 0;
        for (PixelType[] p : pairs) {
            Volume src = random(p[0], 7);
            // float rounding of the blend: a few ulps of the largest input, so ties within that may go either way
            double maxAbs = 0;
            for (int i = 0; i < src.voxelCount(); i++) maxAbs = Math.max(maxAbs, Math.abs(src.get(i)));
            double band = 1e-3 + 5e-7 * maxAbs;
            for (WeightTable[] t : tables()) {
                Volume out = Volume.allocate(p[1], t[0].nOut, t[1].nOut, t[2].nOut, Geometry.identity());
                Store store = new Store(p[1] == PixelType.UINT8 ? 3 : -7, false, 0, 0);
                assertTrue(PlaneBlend.applies(t[2], out, store));
                try (Job job = Job.of(3, null)) {
                    SeparableResampler.images(src, t[0], t[1], t[2], out, store, job);
                }
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < out.ny(); y++) {
                        for (int x = 0; x < out.nx(); x++) {
                            double got = out.get((z * out.ny() + y) * out.nx() + x);
                            if (!inside(t[0], x) || !inside(t[1], y) || !inside(t[2], z)) {
                                assertEquals(p[1].cast(store.defaultValue()), got, 0, "default at " + x + "," + y + "," + z);
                                continue;
                            }
                            double e = exact(src, t, x, y, z);
                            String at = p[0] + " to " + p[1] + " at " + x + "," + y + "," + z + ": exact " + e;
                            checked++;
                            if (!p[1].integer) {
                                assertEquals(e, got, 1e-4 * Math.max(1, Math.abs(e)), at);
                            } else if (Math.abs(Math.abs(e - Math.floor(e)) - 0.5) < band) {
                                ties++;
                                assertEquals(p[1].cast(e), got, 1, at);
                            } else {
                                assertEquals(p[1].cast(e), got, 0, at);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000 && ties < checked / 20, checked + " voxels, " + ties + " near ties");
    }

    @Test
    void sameValuesOnAnyThreadCountAndWithAListener() {
        for (PixelType type : new PixelType[] {PixelType.UINT8, PixelType.INT16}) {
            Volume src = random(type, 9);
            for (WeightTable[] t : tables()) {
                Store store = new Store(5, false, 0, 0);
                Volume one = Volume.allocate(type, t[0].nOut, t[1].nOut, t[2].nOut, Geometry.identity());
                Volume three = Volume.allocate(type, t[0].nOut, t[1].nOut, t[2].nOut, Geometry.identity());
                Volume told = Volume.allocate(type, t[0].nOut, t[1].nOut, t[2].nOut, Geometry.identity());
                int[] slices = {0};
                SeparableResampler.images(src, t[0], t[1], t[2], one, store, Job.serial());
                try (Job job = Job.of(3, null)) {
                    SeparableResampler.images(src, t[0], t[1], t[2], three, store, job);
                    SeparableResampler.images(src, t[0], t[1], t[2], told, store, (v, z0, z1) -> {
                        assertEquals(slices[0], z0, "slabs in z order");
                        slices[0] = z1;
                    }, job);
                }
                assertEquals(told.nz(), slices[0], "every slice told");
                assertArrays(one, three);
                assertArrays(one, told);
            }
        }
    }

    /** The fitting store (no saturation, the sign by a select) rounds every in-range value as PixelType.cast does. */
    @Test
    void fittingStoreRoundsAsCast() {
        Random r = new Random(3);
        for (PixelType t : new PixelType[] {PixelType.UINT8, PixelType.UINT16, PixelType.INT16}) {
            int lo = (int) t.min, hi = (int) t.max;
            float[] v = new float[3 * (hi - lo) + 1000];
            int n = 0;
            for (int k = lo; k < hi; k++) {
                float tie = k + 0.5f;
                v[n++] = tie;
                v[n++] = Math.nextDown(tie);
                v[n++] = Math.nextUp(tie);
            }
            while (n < v.length) v[n++] = (float) (lo + r.nextDouble() * (hi - lo));
            Volume out = Volume.allocate(t, v.length, 1, 1, Geometry.identity());
            PlaneBlend.store(out, 0, v, 1f, null, 0, 0, v.length, true);
            for (int i = 0; i < v.length; i++) assertEquals(t.cast(v[i]), out.get(i), 0, t + " of " + v[i]);
            // two taps: the blend is done in float first, then rounded
            float[] q = new float[v.length];
            for (int i = 0; i < q.length; i++) q[i] = (float) (lo + r.nextDouble() * (hi - lo));
            PlaneBlend.store(out, 0, v, 0.375f, q, 0.625f, 0, v.length, true);
            for (int i = 0; i < v.length; i++) assertEquals(t.cast(0.375f * v[i] + 0.625f * q[i]), out.get(i), 0, t + " of " + v[i] + ", " + q[i]);
        }
    }

    /**
     * Output tables over the N grid: upsampling with outputs outside the input; downsampling with wide
     * (anti-aliased) x and y taps; z on the input grid (one tap); x and y on it (a z blend alone).
     */
    private static WeightTable[][] tables() {
        Kernel k = Kernel.linear();
        return new WeightTable[][] {
            {WeightTable.build(29, -0.7, 0.45, N[0], k, 0, Boundary.NEAREST, 0), WeightTable.build(23, -0.3, 0.47, N[1], k, 0, Boundary.MIRROR, 0),
             WeightTable.build(21, -0.9, 0.41, N[2], k, 0, Boundary.NEAREST, 0)},
            {WeightTable.build(7, 0.2, 1.7, N[0], k, 0.8, Boundary.MIRROR, 0), WeightTable.build(6, 0.1, 1.8, N[1], k, 0.9, Boundary.NEAREST, 0),
             WeightTable.build(5, 0.3, 1.7, N[2], k, 0, Boundary.NEAREST, 0)},
            {WeightTable.build(20, 0.1, 0.6, N[0], k, 0, Boundary.NEAREST, 0), WeightTable.build(17, 0, 0.6, N[1], k, 0, Boundary.NEAREST, 0),
             WeightTable.build(N[2], 0, 1, N[2], k, 0, Boundary.NEAREST, 0)},
            {WeightTable.build(N[0], 0, 1, N[0], k, 0, Boundary.NEAREST, 0), WeightTable.build(N[1], 0, 1, N[1], k, 0, Boundary.NEAREST, 0),
             WeightTable.build(25, -0.2, 0.35, N[2], k, 0, Boundary.NEAREST, 0)},
        };
    }

    private static boolean inside(WeightTable t, int o) {
        return o >= t.lo && o < t.hi;
    }

    /** sum wz * wy * wx * src over the taps, in double. */
    private static double exact(Volume src, WeightTable[] t, int x, int y, int z) {
        double s = 0;
        for (int c = 0; c < t[2].taps; c++) {
            for (int b = 0; b < t[1].taps; b++) {
                for (int a = 0; a < t[0].taps; a++) {
                    double w = (double) t[2].w[z * t[2].taps + c] * t[1].w[y * t[1].taps + b] * t[0].w[x * t[0].taps + a];
                    if (w == 0) continue;
                    int i = ((t[2].start[z] + c) * N[1] + t[1].start[y] + b) * N[0] + t[0].start[x] + a;
                    s += w * src.get(i);
                }
            }
        }
        return s;
    }

    private static Volume random(PixelType t, long seed) {
        Volume v = Volume.allocate(t, N[0], N[1], N[2], Geometry.identity());
        Random r = new Random(seed);
        for (int i = 0; i < v.voxelCount(); i++) {
            switch (t) {
                case UINT8: v.set(i, r.nextInt(256)); break;
                case INT16: v.set(i, r.nextInt(4600) - 1300); break;
                case UINT16: v.set(i, r.nextInt(65536)); break;
                default: v.set(i, (r.nextDouble() - 0.3) * 500);
            }
        }
        return v;
    }

    private static void assertArrays(Volume a, Volume b) {
        if (a instanceof ByteVolume x) assertArrayEquals(x.data(), ((ByteVolume) b).data());
        else if (a instanceof ShortVolume x) assertArrayEquals(x.data(), ((ShortVolume) b).data());
        else assertArrayEquals(((FloatVolume) a).data(), ((FloatVolume) b).data());
    }
}
