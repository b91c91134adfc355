package org.interslice.core.resample;

import org.interslice.core.resample.impl.LabelArray;
import org.interslice.core.volume.Volume;

/**
 * How often each label occurs in a volume seen one slab at a time ({@link #add}), for the most common label
 * ({@link #mostCommon}, ties: the smallest) that {@link Interp#LABEL_GAUSSIAN} takes from the whole input
 * ({@link InputStats#background}, whole volumes through {@link #of}, streamed scans slab by slab). Labels
 * are read as {@link LabelArray} reads them (integer types as stored, others rounded). Counts live in an
 * open-addressing table of int keys and long counts, grown as labels appear: no boxing per voxel.
 */
public final class LabelCounts {
    private int[] keys = new int[64];
    private long[] counts = new long[64];
    private boolean[] used = new boolean[64];
    private int size;
    private int[] row = new int[0];

    /** The most common label of a whole volume (ties: the smallest). */
    public static int of(Volume whole) {
        LabelCounts c = new LabelCounts();
        c.add(whole);
        return c.mostCommon();
    }

    /** Counts every voxel of {@code slab}. */
    public void add(Volume slab) {
        LabelArray labels = LabelArray.of(slab);
        int nx = slab.nx(), n = labels.length();
        if (row.length < nx) row = new int[nx];
        int last = 0;
        int lastSlot = -1;
        for (int off = 0; off < n; off += nx) {
            labels.row(off, row, 0, nx);
            for (int k = 0; k < nx; k++) {
                int v = row[k];
                if (lastSlot < 0 || v != last) {
                    lastSlot = slot(v);
                    last = v;
                }
                counts[lastSlot]++;
            }
        }
    }

    /** The most common label counted (ties: the smallest); 0 when nothing was counted. */
    public int mostCommon() {
        int best = 0;
        long bestCount = 0;
        for (int i = 0; i < keys.length; i++) {
            if (!used[i]) continue;
            if (counts[i] > bestCount || (counts[i] == bestCount && keys[i] < best)) {
                best = keys[i];
                bestCount = counts[i];
            }
        }
        return best;
    }

    /** The slot of {@code key}, inserted with count 0 when new. */
    private int slot(int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) return i;
            i = (i + 1) & mask;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
            return slot(key);
        }
        used[i] = true;
        keys[i] = key;
        size++;
        return i;
    }

    private void grow() {
        int[] k = keys;
        long[] c = counts;
        boolean[] u = used;
        keys = new int[k.length * 2];
        counts = new long[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (!u[i]) continue;
            int s = slot(k[i]);
            counts[s] = c[i];
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
