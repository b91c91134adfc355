package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.interslice.core.resample.impl.LabelArray;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * The count of {@link LabelCounts}, fed slabs of random depth or the whole volume ({@link InputStats#of}), names
 * the same most common label as a reference made here another way (a dense histogram, or a sort for wide int
 * ranges): for narrow and wide label ranges, signed, unsigned and float storage, and ties (the smallest wins).
 */
class LabelCountsTest {
    private static final Geometry G = Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    @Test
    void streamedCountEqualsTheWholeVolumesMostCommonLabel() {
        Random r = new Random(11);
        ConfigResample c = new ConfigResample();
        c.interp = Interp.LABEL_GAUSSIAN;
        for (PixelType t : new PixelType[] {PixelType.UINT8, PixelType.INT16, PixelType.UINT16, PixelType.INT32, PixelType.FLOAT32}) {
            for (int trial = 0; trial < 6; trial++) {
                Volume v = Volume.allocate(t, 17, 13, 11, G).asLabel(true);
                int labels = 1 + r.nextInt(trial < 3 ? 6 : 300);
                int spread = t == PixelType.INT32 && trial % 2 == 1 ? 50_000_000 : (t == PixelType.UINT8 ? 1 : 97);
                int base = t.signed ? -labels / 2 : 0;
                for (int i = 0; i < v.voxelCount(); i++) {
                    int k = base + (r.nextInt(4) == 0 ? 0 : r.nextInt(labels));   // one label a little more common
                    long value = (long) k * spread;
                    v.set(i, t == PixelType.UINT8 ? Math.floorMod(value, 256) : t == PixelType.UINT16 ? Math.floorMod(value, 65536)
                            : t == PixelType.INT16 ? Math.max(-32768, Math.min(32767, value)) : value);
                }
                int expected = mostCommon(LabelArray.of(v), v.nx());
                assertEquals(expected, streamed(v, r), t + " trial " + trial);
                assertEquals(expected, InputStats.of(v, c).background(), t + " trial " + trial);
            }
        }
    }

    @Test
    void tiesGoToTheSmallestLabel() {
        Volume v = Volume.allocate(PixelType.INT16, 4, 1, 2, G);
        double[] values = {9, -3, 5, 9, -3, 5, 7, 7};   // 9, -3, 5 and 7 twice each
        for (int i = 0; i < values.length; i++) v.set(i, values[i]);
        assertEquals(-3, streamed(v, new Random(1)));
        ConfigResample c = new ConfigResample();
        c.interp = Interp.LABEL_GAUSSIAN;
        assertEquals(-3, InputStats.of(v, c).background());
    }

    /** The volume fed to a counter in slabs of 1-4 slices. */
    private static int streamed(Volume v, Random r) {
        LabelCounts counts = new LabelCounts();
        for (int z = 0; z < v.nz(); ) {
            int d = Math.min(v.nz() - z, 1 + r.nextInt(4));
            Volume slab = Volume.allocate(v.type(), v.nx(), v.ny(), d, G);
            int slice = v.nx() * v.ny();
            for (int i = 0; i < slice * d; i++) slab.set(i, v.get(z * slice + i));
            counts.add(slab);
            z += d;
        }
        return counts.mostCommon();
    }

    /** The reference: the most common value (ties: the smallest), by a dense histogram or a sort. */
    private static int mostCommon(LabelArray labels, int rowLength) {
        int n = labels.length();
        int[] row = new int[rowLength];
        int mn = Integer.MAX_VALUE, mx = Integer.MIN_VALUE;
        for (int off = 0; off < n; off += rowLength) {
            labels.row(off, row, 0, rowLength);
            for (int k = 0; k < rowLength; k++) { int v = row[k]; if (v < mn) mn = v; if (v > mx) mx = v; }
        }
        long range = (long) mx - mn + 1;
        if (range <= (1 << 22)) {
            long[] count = new long[(int) range];
            for (int off = 0; off < n; off += rowLength) {
                labels.row(off, row, 0, rowLength);
                for (int k = 0; k < rowLength; k++) count[row[k] - mn]++;
            }
            int best = 0;
            for (int i = 1; i < count.length; i++) if (count[i] > count[best]) best = i;
            return mn + best;
        }
        // a wide range (int storage only): sort a copy and take the longest run
        int[] all = new int[n];
        for (int off = 0; off < n; off += rowLength) labels.row(off, all, off, rowLength);
        java.util.Arrays.sort(all);
        int best = all[0], bestRun = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && all[j] == all[i]) j++;
            if (j - i > bestRun) { bestRun = j - i; best = all[i]; }
            i = j;
        }
        return best;
    }
}
