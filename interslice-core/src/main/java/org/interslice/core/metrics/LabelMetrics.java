package org.interslice.core.metrics;

import java.util.Arrays;
import org.interslice.core.exec.Job;

/**
 * Overlap metrics of label maps on 2D slices across the k axis, the label counterpart of
 * {@link Metrics#perSlice}: per label the Dice coefficient pooled over the scored slices, its mean and
 * minimum over labels (background excluded), and the vanished fraction. Definitions as in the project's
 * baselines (BASELINES.md section 4). Arrays are x fastest, {@code index = x + nx * (y + ny * z)}; inputs
 * are not modified.
 */
public final class LabelMetrics {
    private LabelMetrics() {
    }

    /**
     * Scores {@code pred} against {@code truth} on the given slices.
     *
     * @param truth      truth labels, nx * ny * nz values
     * @param pred       predicted labels, same layout
     * @param plane      nx * ny
     * @param slices     slice indices (k) to score
     * @param background the value left out of the labels (usually 0)
     * @param job        threads
     */
    public static LabelScores score(int[] truth, int[] pred, int plane, int[] slices, int background, Job job) {
        if (truth.length != pred.length) throw new IllegalArgumentException("truth holds " + truth.length + " voxels, prediction " + pred.length);
        for (int s : slices)
            if (s < 0 || (long) (s + 1) * plane > truth.length) throw new IllegalArgumentException("slice " + s + " is outside the volume");
        final int[] labels = truthLabels(truth, plane, slices, background);
        final int n = labels.length, ns = slices.length;
        // per slice and label: truth voxels, predicted voxels, both
        final long[] t = new long[ns * n], p = new long[ns * n], both = new long[ns * n];
        job.forEachSlab(ns, i -> {
            int o = i * n;
            for (int v = slices[i] * plane, e = v + plane; v < e; v++) {
                int a = Arrays.binarySearch(labels, truth[v]), b = truth[v] == pred[v] ? a : Arrays.binarySearch(labels, pred[v]);
                if (a >= 0) t[o + a]++;
                if (b >= 0) p[o + b]++;
                if (a >= 0 && a == b) both[o + a]++;
            }
        });
        double[] dice = new double[n];
        double sum = 0, min = Double.NaN;
        long present = 0, vanished = 0;
        int[] sliceLabels = new int[ns], sliceVanished = new int[ns];
        double[] sliceDice = new double[ns];
        for (int l = 0; l < n; l++) {
            long st = 0, sp = 0, sb = 0;
            for (int i = 0; i < ns; i++) {
                st += t[i * n + l];
                sp += p[i * n + l];
                sb += both[i * n + l];
            }
            dice[l] = 2.0 * sb / (st + sp);
            sum += dice[l];
            if (!(dice[l] >= min)) min = dice[l];
        }
        for (int i = 0; i < ns; i++) {
            double ds = 0;
            for (int l = 0; l < n; l++) {
                int k = i * n + l;
                if (t[k] == 0) continue;
                sliceLabels[i]++;
                if (p[k] == 0) sliceVanished[i]++;
                ds += 2.0 * both[k] / (t[k] + p[k]);
            }
            sliceDice[i] = sliceLabels[i] == 0 ? Double.NaN : ds / sliceLabels[i];
            present += sliceLabels[i];
            vanished += sliceVanished[i];
        }
        return new LabelScores(labels, dice, n == 0 ? Double.NaN : sum / n, min, present, vanished, slices.clone(), sliceLabels,
                sliceVanished, sliceDice);
    }

    /** Distinct truth values on the slices, background excluded, increasing. */
    static int[] truthLabels(int[] truth, int plane, int[] slices, int background) {
        int[] vals = new int[16];
        int n = 0;
        int last = background;
        for (int s : slices) {
            for (int v = s * plane, e = v + plane; v < e; v++) {
                int x = truth[v];
                if (x == background || x == last) continue;   // runs of one label are common: skip the search
                last = x;
                int pos = Arrays.binarySearch(vals, 0, n, x);
                if (pos >= 0) continue;
                pos = -pos - 1;
                if (n == vals.length) vals = Arrays.copyOf(vals, 2 * n);
                System.arraycopy(vals, pos, vals, pos + 1, n - pos);
                vals[pos] = x;
                n++;
            }
        }
        return Arrays.copyOf(vals, n);
    }
}
