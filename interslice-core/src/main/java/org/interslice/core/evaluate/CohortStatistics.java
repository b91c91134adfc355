package org.interslice.core.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.interslice.core.metrics.Aggregate;
import org.interslice.core.metrics.Bootstrap;
import org.interslice.core.metrics.Metric;
import org.interslice.core.metrics.SliceMetrics;
import org.interslice.core.metrics.Wilcoxon;
import org.interslice.core.metrics.WilcoxonResult;

/**
 * Statistics of evaluate results across a cohort, per method and metric, over counted slices only
 * (see {@link VolumeResult#counted()}):
 * <ul>
 *   <li>per volume: the mean over its counted slices ({@link #volumeMean});</li>
 *   <li>across volumes: the mean of volume means with a percentile-bootstrap CI resampling volumes
 *       (patients); with one volume, slices are resampled and {@link Aggregate.Unit#SLICE} says so
 *       ({@link Bootstrap#cohortMeanCi});</li>
 *   <li>a paired two-sided Wilcoxon signed-rank test of each method against the baseline, paired by
 *       the same unit: per-volume means with two or more volumes, slices with one.</li>
 * </ul>
 * An exact reconstruction has PSNR +infinity. Such a value has no mean: the cell then reports mean
 * +infinity, no CI, and the count of infinite slices. In the test, two +infinity values are an equal
 * pair (difference 0), +infinity against a finite value ranks as the largest difference.
 */
public final class CohortStatistics {
    private CohortStatistics() {
    }

    /**
     * Summary rows, method-major in the order of the first volume's methods, metrics in {@link Metric}
     * order.
     *
     * @param volumes   results, all with the same methods
     * @param baseline  method name to test against (must be one of the methods)
     * @param resamples bootstrap resamples
     * @param level     confidence level, e.g. 0.95
     * @param seed      bootstrap seed
     */
    public static List<SummaryRow> summarize(List<VolumeResult> volumes, String baseline, int resamples, double level, long seed) {
        if (volumes.isEmpty()) throw new IllegalArgumentException("no volumes to summarize");
        List<String> methods = new ArrayList<>();
        for (MethodResult m : volumes.get(0).methods()) methods.add(m.method());
        for (VolumeResult v : volumes)
            for (String m : methods)
                if (v.method(m) == null) throw new IllegalArgumentException("volume '" + v.name() + "' has no result for method " + m);
        if (!methods.contains(baseline)) throw new IllegalArgumentException("baseline '" + baseline + "' is not among the methods " + methods);
        List<SummaryRow> rows = new ArrayList<>();
        boolean byVolume = volumes.size() > 1;
        for (String m : methods) {
            double seconds = 0;
            for (VolumeResult v : volumes) seconds += v.method(m).synthSeconds();
            for (Metric metric : Metric.values()) {
                double[][] values = new double[volumes.size()][];
                double[][] base = new double[volumes.size()][];
                int infinite = 0;
                for (int i = 0; i < volumes.size(); i++) {
                    values[i] = counted(volumes.get(i), m, metric);
                    base[i] = counted(volumes.get(i), baseline, metric);
                    for (double x : values[i]) if (Double.isInfinite(x)) infinite++;
                }
                double mean, lo = Double.NaN, hi = Double.NaN;
                int n = byVolume ? volumes.size() : finiteOrInf(values[0]);
                if (infinite > 0) {
                    mean = Double.POSITIVE_INFINITY;
                } else if (n == 0 || allNaN(values)) {
                    mean = Double.NaN;
                } else {
                    Aggregate a = Bootstrap.cohortMeanCi(values, resamples, level, seed);
                    mean = a.mean();
                    lo = a.ciLow();
                    hi = a.ciHigh();
                    n = a.n();
                }
                double p = Double.NaN, diff = Double.NaN;
                if (!m.equals(baseline)) {
                    double[] x, y;
                    if (byVolume) {
                        x = new double[volumes.size()];
                        y = new double[volumes.size()];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = volumeMean(values[i]);
                            y[i] = volumeMean(base[i]);
                        }
                    } else {
                        x = values[0];
                        y = base[0];
                    }
                    double[] pd = pairedTest(x, y);
                    p = pd[0];
                    diff = pd[1];
                }
                rows.add(new SummaryRow(m, metric, mean, lo, hi, n, byVolume ? Aggregate.Unit.VOLUME : Aggregate.Unit.SLICE,
                        infinite, p, diff, seconds));
            }
        }
        return rows;
    }

    /** Mean of a volume's counted per-slice values (NaN skipped; +infinity if one is infinite; NaN if none). */
    public static double volumeMean(double[] values) {
        double s = 0;
        int n = 0;
        for (double x : values) {
            if (Double.isNaN(x)) continue;
            s += x;
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The metric's values on the volume's counted slices for one method. */
    public static double[] counted(VolumeResult v, String method, Metric metric) {
        SliceMetrics[] r = v.method(method).rows();
        boolean[] c = v.counted();
        double[] out = new double[v.countedSlices()];
        for (int i = 0, j = 0; i < r.length; i++) if (c[i]) out[j++] = r[i].get(metric);
        return out;
    }

    /** {p, mean difference x - y} over pairs with both values defined; NaN p when the test is undefined. */
    static double[] pairedTest(double[] x, double[] y) {
        int n = 0;
        double[] a = new double[x.length], b = new double[x.length];
        double sum = 0;
        boolean infinite = false;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) continue;
            // equal values (also both +infinity) are a zero difference; keep inf - inf out of the test
            // values equal up to float rounding (1e-9 relative) are the same sample: a test on rounding
            // noise would report tiny p values between identical results
            boolean same = x[i] == y[i] || Math.abs(x[i] - y[i]) <= 1e-9 * Math.max(Math.abs(x[i]), Math.abs(y[i]));
            double xi = same ? 0 : x[i], yi = same ? 0 : y[i];
            a[n] = xi;
            b[n] = yi;
            double d = xi - yi;
            if (Double.isInfinite(d)) infinite = true; else sum += d;
            n++;
        }
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double diff = infinite ? Double.NaN : sum / n;
        try {
            WilcoxonResult w = Wilcoxon.signedRank(java.util.Arrays.copyOf(a, n), java.util.Arrays.copyOf(b, n));
            return new double[] {w.pValue(), diff};
        } catch (IllegalArgumentException e) {
            return new double[] {Double.NaN, diff};   // every difference zero: no test
        }
    }

    private static int finiteOrInf(double[] v) {
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) n++;
        return n;
    }

    private static boolean allNaN(double[][] v) {
        for (double[] a : v) for (double x : a) if (!Double.isNaN(x)) return false;
        return true;
    }
}
