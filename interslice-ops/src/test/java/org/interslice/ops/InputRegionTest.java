package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputRegionTest {
    private static Geometry rotated(Random r, double[] spacing, double[] origin) {
        double a = r.nextDouble() * 0.8 - 0.4, b = r.nextDouble() * 0.6 - 0.3;
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b);
        // rotation about z by a, then about x by b
        double[] d = {ca, -sa, 0, cb * sa, cb * ca, -sb, sb * sa, sb * ca, cb};
        return Geometry.of(spacing, origin, d);
    }

    @Test
    void theBoxHoldsEveryOutputVoxelsPositionWithItsHalo() {
        Random r = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            Grid in = new Grid(20 + r.nextInt(40), 20 + r.nextInt(40), 5 + r.nextInt(30),
                    rotated(r, new double[] {0.5 + r.nextDouble(), 0.5 + r.nextDouble(), 1 + 3 * r.nextDouble()}, new double[] {r.nextInt(20), r.nextInt(20), r.nextInt(20)}));
            Grid out = new Grid(1 + r.nextInt(12), 1 + r.nextInt(12), 1 + r.nextInt(12),
                    rotated(r, new double[] {0.3 + r.nextDouble(), 0.3 + r.nextDouble(), 0.3 + r.nextDouble()},
                            new double[] {r.nextInt(40) - 5, r.nextInt(40) - 5, r.nextInt(60) - 5}));
            int[] halo = {r.nextInt(4), r.nextInt(4), r.nextInt(4)};
            Interval box = InputRegion.needed(in, out, halo);
            assertTrue(box.within(in.nx(), in.ny(), in.nz()), "inside the input: " + box);
            double[] w = new double[3], c = new double[3];
            for (int z = 0; z < out.nz(); z++) for (int y = 0; y < out.ny(); y++) for (int x = 0; x < out.nx(); x++) {
                out.geometry().indexToWorld(x, y, z, w);
                in.geometry().worldToIndex(w[0], w[1], w[2], c);
                for (int a = 0; a < 3; a++) {
                    // the voxels within the halo of this position, where they exist, are in the box
                    long lo = Math.max(0, (long) Math.floor(c[a]) - halo[a]), hi = Math.min(in.size(a) - 1, (long) Math.ceil(c[a]) + halo[a]);
                    if (lo > hi) continue;   // wholly outside the input along this axis
                    assertTrue(lo >= box.offset(a) && hi < box.end(a), "trial " + trial + " axis " + a + ": " + lo + ".." + hi + " not in " + box);
                }
            }
        }
    }

    @Test
    void halosFollowTheInterpolatorsReach() {
        Grid g = new Grid(10, 10, 10, Geometry.identity());
        ConfigResample c = new ConfigResample(Interp.LINEAR);
        assertArrayEquals(new int[] {3, 3, 3}, InputRegion.halo(c, g, g), "linear: 2 + one step");
        c.interp = Interp.BSPLINE;
        // cubic: 4 taps + the prefilter's tail, 0.268^16 < 1e-9 < 0.268^15
        assertEquals(4 + 16 + 1, InputRegion.halo(c, g, g)[0]);
        c.interp = Interp.LANCZOS;
        Grid coarse = new Grid(5, 5, 5, Geometry.of(new double[] {2, 2, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        // downsampling by 2: anti-aliasing sigma 0.5 * sqrt(3) -> 3 sigma = 2.6 -> 3 + 1; step 2
        assertEquals(4 + 4 + 2, InputRegion.halo(c, g, coarse)[0]);
    }

    @Test
    void scanGivesTheWholeRangeAndLabelDecision(@TempDir Path dir) {
        Random r = new Random(3);
        for (boolean blocky : new boolean[] {true, false}) {
            Volume v = Volume.allocate(PixelType.INT16, 50, 40, 37, Geometry.identity());
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, blocky ? (i / 7) % 5 * 3 - 4 : r.nextInt(3000) - 1000);
            Path p = dir.resolve("v" + blocky + ".nii");
            Formats.write(v, p);
            try (OpenVolume o = Formats.open(p, ReadOptions.defaults())) {
                InputRegion.WholeStats s = InputRegion.scan(o, true, Job.serial());
                double[] range = v.range();
                assertEquals(range[0], s.min());
                assertEquals(range[1], s.max());
                assertEquals(LabelMaps.looksLikeLabels(v), s.looksLikeLabels());
                assertEquals(blocky, s.looksLikeLabels());
            }
        }
    }
}
