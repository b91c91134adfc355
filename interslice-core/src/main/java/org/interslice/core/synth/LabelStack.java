package org.interslice.core.synth;

import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * A kept label stack in the form the label synthesizers work on: every label value replaced by a dense
 * id 0..L-1 (ids follow increasing label value, so "lower id" is "lower label"), and the bounding box of
 * every label on every slice. Also the argument check shared by the label synthesizers.
 */
final class LabelStack {
    /** Label value of each id, increasing. */
    final int[] values;
    /** Id of each voxel of the kept stack, same layout. */
    final int[] ids;
    /** Per slice k and id l, at (k * L + l) * 4: x0, y0, x1, y1 inclusive; x0 > x1 when absent. */
    final int[] boxes;
    final int nx, ny, m;

    private LabelStack(int[] values, int[] ids, int[] boxes, int nx, int ny, int m) {
        this.values = values;
        this.ids = ids;
        this.boxes = boxes;
        this.nx = nx;
        this.ny = ny;
        this.m = m;
    }

    int labels() {
        return values.length;
    }

    boolean present(int slice, int id) {
        int b = (slice * values.length + id) * 4;
        return boxes[b] <= boxes[b + 2];
    }

    /** Dense ids and boxes of a kept stack; one pass per slice in parallel. */
    static LabelStack of(IntVolume kept, Job job) {
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final int[] src = kept.data();
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int x : src) {
            if (x < min) min = x;
            if (x > max) max = x;
        }
        final int[] values;
        final int[] ids = new int[src.length];
        long span = (long) max - min + 1;
        if (span <= (1 << 22)) {
            // small value range: a lookup table from value - min to id
            final int lo = min;
            boolean[] seen = new boolean[(int) span];
            for (int x : src) seen[x - lo] = true;
            int n = 0;
            for (boolean s : seen) if (s) n++;
            values = new int[n];
            final int[] lut = new int[(int) span];
            for (int i = 0, j = 0; i < seen.length; i++) if (seen[i]) {
                values[j] = lo + i;
                lut[i] = j++;
            }
            job.forEachSlab(m, k -> {
                for (int i = k * plane, e = i + plane; i < e; i++) ids[i] = lut[src[i] - lo];
            });
        } else {
            int[] sorted = src.clone();
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[n++] = sorted[i];
            values = Arrays.copyOf(sorted, n);
            job.forEachSlab(m, k -> {
                for (int i = k * plane, e = i + plane; i < e; i++) ids[i] = Arrays.binarySearch(values, src[i]);
            });
        }
        final int labels = values.length;
        final int[] boxes = new int[m * labels * 4];
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
                    int b = base + 4 * ids[i];
                    if (x < boxes[b]) boxes[b] = x;
                    if (y < boxes[b + 1]) boxes[b + 1] = y;
                    if (x > boxes[b + 2]) boxes[b + 2] = x;
                    if (y > boxes[b + 3]) boxes[b + 3] = y;
                }
            }
        });
        return new LabelStack(values, ids, boxes, nx, ny, m);
    }

    /** Throws IllegalArgumentException unless the arguments fit together. */
    static void check(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out) {
        int m = kept.nz();
        if (m < 2) throw new IllegalArgumentException("kept stack has " + m + " slice(s); at least 2 are needed");
        if (keptPositions.length != m)
            throw new IllegalArgumentException(keptPositions.length + " kept positions for " + m + " kept slices");
        for (int i = 1; i < m; i++)
            if (!(keptPositions[i] > keptPositions[i - 1]))
                throw new IllegalArgumentException("kept position " + i + " = " + keptPositions[i] + " does not increase");
        if (out.nx() != kept.nx() || out.ny() != kept.ny() || out.nz() != targets.length)
            throw new IllegalArgumentException("output " + out.nx() + "x" + out.ny() + "x" + out.nz() + " does not fit "
                    + kept.nx() + "x" + kept.ny() + "x" + targets.length);
        for (double t : targets) if (!Double.isFinite(t)) throw new IllegalArgumentException("target position " + t + " is not finite");
    }
}
