package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;
import org.junit.jupiter.api.Test;

class ShapeBasedLabelsTest {
    /** With one label and background, no clamp in reach and the label on both slices, shape is the scipy peer. */
    @Test
    void twoLabelsEqualTheScipyShapePeer() {
        int i = LabelFixtures.find("shape");
        String[] h = LabelFixtures.lines().get(i);
        int nx = Integer.parseInt(h[1]), ny = Integer.parseInt(h[2]), nz = Integer.parseInt(h[3]), plane = nx * ny;
        int[] stack = LabelFixtures.ints(i + 1, 1), peer = LabelFixtures.ints(i + 2, 1);
        int[] kept = new int[3 * plane];
        for (int k = 0; k < 3; k++) System.arraycopy(stack, 2 * k * plane, kept, k * plane, plane);
        IntVolume keptV = LabelFixtures.volume(nx, ny, 3, Double.parseDouble(h[4]), Double.parseDouble(h[5]), kept);
        IntVolume out = LabelFixtures.volume(nx, ny, 2, 1, 1, new int[2 * plane]);
        ConfigShape c = new ConfigShape();
        c.clampMm = 1e6;
        new ShapeBasedLabels(c).synthesize(keptV, new double[] {0, 2, 4}, new double[] {1, 3}, out, Job.serial());
        assertEquals(nz, 5);
        assertArrayEquals(peer, out.data());
    }

    @Test
    void keptPositionsCopyTheInputsAndNoNewValuesAppear() {
        IntVolume kept = blobs(48, 40, 4, 3);
        double[] pos = {0, 3, 6, 9};
        double[] targets = new double[15];
        for (int s = 0; s < targets.length; s++) targets[s] = s - 2;   // -2 .. 12: edges, kept and between
        IntVolume out = LabelFixtures.volume(48, 40, targets.length, 1, 1, new int[48 * 40 * targets.length]);
        new ShapeBasedLabels().synthesize(kept, pos, targets, out, Job.serial());
        int plane = 48 * 40;
        for (int s = 0; s < targets.length; s++) {
            double z = targets[s];
            int k = z <= 0 ? 0 : z >= 9 ? 3 : (z % 3 == 0 ? (int) z / 3 : -1);
            if (k >= 0)
                assertArrayEquals(Arrays.copyOfRange(kept.data(), k * plane, (k + 1) * plane), Arrays.copyOfRange(out.data(), s * plane, (s + 1) * plane), "target " + z);
        }
        boolean[] in = new boolean[16];
        for (int v : kept.data()) in[v] = true;
        for (int v : out.data()) assertTrue(v >= 0 && v < 16 && in[v], "value " + v);
    }

    /** Just after a kept slice the result is that slice, just before the next one it is the next one (t -> 0, t -> 1). */
    @Test
    void fractionsNearZeroAndOneGiveTheNeighbours() {
        IntVolume kept = blobs(40, 36, 2, 9);
        int plane = 40 * 36;
        IntVolume out = LabelFixtures.volume(40, 36, 2, 1, 1, new int[2 * plane]);
        new ShapeBasedLabels().synthesize(kept, new double[] {0, 1}, new double[] {1e-4, 1 - 1e-4}, out, Job.serial());
        assertArrayEquals(Arrays.copyOfRange(kept.data(), 0, plane), Arrays.copyOfRange(out.data(), 0, plane));
        assertArrayEquals(Arrays.copyOfRange(kept.data(), plane, 2 * plane), Arrays.copyOfRange(out.data(), plane, 2 * plane));
    }

    /** A disk on one slice and not the next shrinks toward its centre, nested, and is gone before the far slice. */
    @Test
    void aLabelEndingBetweenSlicesShrinksMonotonically() {
        int nx = 41, ny = 41, plane = nx * ny;
        int[] d = new int[2 * plane];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                if ((x - 20) * (x - 20) + (y - 19) * (y - 19) <= 121) d[y * nx + x] = 3;
                if (x > 35) d[plane + y * nx + x] = 8;   // the far slice holds another label elsewhere
            }
        IntVolume kept = LabelFixtures.volume(nx, ny, 2, 0.8, 0.8, d);
        int n = 19;
        double[] targets = new double[n];
        for (int s = 0; s < n; s++) targets[s] = (s + 1) / 20.0;
        IntVolume out = LabelFixtures.volume(nx, ny, n, 0.8, 0.8, new int[n * plane]);
        new ShapeBasedLabels().synthesize(kept, new double[] {0, 1}, targets, out, Job.serial());
        int before = Integer.MAX_VALUE;
        for (int s = 0; s < n; s++) {
            int count = 0;
            for (int p = 0; p < plane; p++) {
                if (out.data()[s * plane + p] != 3) continue;
                count++;
                if (s > 0) assertEquals(3, out.data()[(s - 1) * plane + p], "t = " + targets[s] + " grew at pixel " + p);
            }
            assertTrue(count <= before, "t = " + targets[s] + ": " + count + " > " + before);
            if (targets[s] < 0.45) assertTrue(count > 0, "gone already at t = " + targets[s]);
            if (targets[s] > 0.55) assertEquals(0, count, "still there at t = " + targets[s]);
            before = count;
        }
    }

    /** A one-pixel line that moves between slices would vanish at the midpoint; its strongest voxel is kept. */
    @Test
    void thinLabelsOnBothNeighboursDoNotVanish() {
        int nx = 30, ny = 20, plane = nx * ny;
        int[] d = new int[2 * plane];
        for (int x = 3; x < 27; x++) {
            d[5 * nx + x] = 2;
            d[plane + 14 * nx + x] = 2;
        }
        IntVolume kept = LabelFixtures.volume(nx, ny, 2, 1, 1, d);
        for (boolean keep : new boolean[] {false, true}) {
            ConfigShape c = new ConfigShape();
            c.keepThin = keep;
            IntVolume out = LabelFixtures.volume(nx, ny, 1, 1, 1, new int[plane]);
            new ShapeBasedLabels(c).synthesize(kept, new double[] {0, 1}, new double[] {0.5}, out, Job.serial());
            long n = Arrays.stream(out.data()).filter(v -> v == 2).count();
            if (keep) assertTrue(n >= 1, "kept " + n); else assertEquals(0, n);
        }
    }

    /** No label of the nearer kept slice (or of both) is missing from a synthesized slice: never worse than nearest on vanishing. */
    @Test
    void labelsOfTheNearerSliceNeverVanish() {
        IntVolume kept = blobs(50, 44, 5, 33);
        int plane = 50 * 44;
        double[] pos = {0, 4, 8, 12, 16}, targets = new double[17];
        for (int s = 0; s < 17; s++) targets[s] = s;
        IntVolume out = LabelFixtures.volume(50, 44, 17, 1, 1, new int[17 * plane]);
        new ShapeBasedLabels().synthesize(kept, pos, targets, out, Job.serial());
        for (int s = 0; s < 17; s++) {
            int g = Math.min(s / 4, 3);
            double t = (s - 4.0 * g) / 4;
            boolean[] inA = present(kept.data(), g * plane, plane), inB = present(kept.data(), (g + 1) * plane, plane);
            boolean[] got = present(out.data(), s * plane, plane);
            for (int l = 0; l < 16; l++)
                if ((inA[l] && inB[l]) || (inA[l] && t <= 0.5) || (inB[l] && t >= 0.5)) assertTrue(got[l], "label " + l + " vanished at " + s);
        }
    }

    private static boolean[] present(int[] d, int from, int n) {
        boolean[] p = new boolean[16];
        for (int i = from; i < from + n; i++) p[d[i]] = true;
        return p;
    }

    @Test
    void oneThreadEqualsTwo() {
        IntVolume kept = blobs(64, 50, 6, 21);
        double[] pos = {0, 4, 8, 12, 16, 20};
        double[] targets = new double[21];
        for (int s = 0; s < 21; s++) targets[s] = s;
        int n = 64 * 50 * 21;
        IntVolume a = LabelFixtures.volume(64, 50, 21, 0.7, 0.9, new int[n]), b = LabelFixtures.volume(64, 50, 21, 0.7, 0.9, new int[n]);
        new ShapeBasedLabels().synthesize(kept, pos, targets, a, Job.serial());
        try (Job two = Job.of(2, null)) {
            new ShapeBasedLabels().synthesize(kept, pos, targets, b, two);
        }
        assertArrayEquals(a.data(), b.data());
    }

    @Test
    void baselinesFollowTheirTieRules() {
        int[] d = {1, 2, 5, 5, 3, 0};   // two 3x1 slices
        IntVolume kept = LabelFixtures.volume(3, 1, 2, 1, 1, d);
        IntVolume out = LabelFixtures.volume(3, 1, 3, 1, 1, new int[9]);
        double[] targets = {0.25, 0.5, 0.75};
        new LabelNearestSynthesizer().synthesize(kept, new double[] {0, 1}, targets, out, Job.serial());
        assertArrayEquals(new int[] {1, 2, 5, 1, 2, 5, 5, 3, 0}, out.data());   // midpoint: the lower slice
        new LabelLinearSynthesizer().synthesize(kept, new double[] {0, 1}, targets, out, Job.serial());
        assertArrayEquals(new int[] {1, 2, 5, 1, 2, 0, 5, 3, 0}, out.data());   // midpoint: the lower label
    }

    /** Random smooth blobs of labels 0..15 (every slice a partition of the plane). */
    static IntVolume blobs(int nx, int ny, int nz, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int plane = nx * ny;
        int[] d = new int[nz * plane];
        for (int k = 0; k < nz; k++) {
            for (int b = 0; b < 12; b++) {
                int label = 1 + r.nextInt(15);
                double cx = r.nextDouble() * nx, cy = r.nextDouble() * ny, rad = 1 + r.nextDouble() * 9;
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) d[k * plane + y * nx + x] = label;
            }
        }
        return LabelFixtures.volume(nx, ny, nz, 1, 1, d);
    }
}
