package org.interslice.core.synth;

import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * A kept label stack in the form the label synthesizers work on: the sorted label values (id l is the
 * l-th smallest value, so "lower id" is "lower label") and the bounding box of every label on every
 * slice. The voxels stay in the caller's array (no copy of the stack); {@link #ids} maps a slice's values
 * to ids on demand. Also the argument check shared by the label synthesizers.
 */
final class LabelStack {
    /** Label value of each id, increasing. */
    final int[] values;
    /** The kept stack's voxels (the caller's array, not modified). */
    final int[] data;
    /** Per slice k and id l, at (k * L + l) * 4: x0, y0, x1, y1 inclusive; x0 > x1 when absent. */
    final int[] boxes;
    final int nx, ny, m;
    /** value - lutBase -> id when the value range is small, else null (binary search). */
    private final int[] lut;
    private final int lutBase;

    private LabelStack(int[] values, int[] data, int[] boxes, int nx, int ny, int m, int[] lut, int lutBase) {
        this.values = values;
        this.data = data;
        this.boxes = boxes;
        this.nx = nx;
        this.ny = ny;
        this.m = m;
        this.lut = lut;
        this.lutBase = lutBase;
    }

    int labels() {
        return values.length;
    }

    boolean present(int slice, int id) {
        int b = (slice * values.length + id) * 4;
        return boxes[b] <= boxes[b + 2];
    }

    /** Writes the ids of kept slice k into out[o .. o + plane). */
    void ids(int k, int[] out, int o) {
        int plane = nx * ny;
        for (int i = k * plane, e = i + plane, j = o; i < e; i++, j++) out[j] = id(data[i]);
    }

    private int id(int value) {
        return lut != null ? lut[value - lutBase] : Arrays.binarySearch(values, value);
    }

    /** Label values and boxes of a kept stack; one pass per slice in parallel. */
    static LabelStack of(IntVolume kept, Job job) {
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final int[] src = kept.data();
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int x : src) {
            if (x < min) min = x;
            if (x > max) max = x;
        }
        final int[] values;
        int[] lut = null;
        long span = (long) max - min + 1;
        if (span <= (1 << 22)) {
            // small value range: a lookup table from value - min to id
            boolean[] seen = new boolean[(int) span];
            for (int x : src) seen[x - min] = true;
            int n = 0;
            for (boolean s : seen) if (s) n++;
            values = new int[n];
            lut = new int[(int) span];
            for (int i = 0, j = 0; i < seen.length; i++) if (seen[i]) {
                values[j] = min + i;
                lut[i] = j++;
            }
        } else {
            int[] sorted = src.clone();
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[n++] = sorted[i];
            values = Arrays.copyOf(sorted, n);
        }
        final int labels = values.length;
        final int[] boxes = new int[m * labels * 4];
        final LabelStack st = new LabelStack(values, src, boxes, nx, ny, m, lut, min);
        job.forEachSlab(m, k -> {
            int base = k * labels * 4;
            for (int l = 0; l < labels; l++) {
                boxes[base + 4 * l] = Integer.MAX_VALUE;
                boxes[base + 4 * l + 1] = Integer.MAX_VALUE;
                boxes[base + 4 * l + 2] = -1;
                boxes[base + 4 * l + 3] = -1;
            }
            for (int y = 0, i = k * plane; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    int b = base + 4 * st.id(src[i]);
                    if (x < boxes[b]) boxes[b] = x;
                    if (y < boxes[b + 1]) boxes[b + 1] = y;
                    if (x > boxes[b + 2]) boxes[b + 2] = x;
                    if (y > boxes[b + 3]) boxes[b + 3] = y;
                }
            }
        });
        return st;
    }

    /** Throws IllegalArgumentException unless the arguments fit together. */
    static void check(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out) {
        SliceSynthesizer.checkStack(kept.nx(), kept.ny(), kept.nz(), keptPositions, targets, out.nx(), out.ny(), out.nz());
    }
}
