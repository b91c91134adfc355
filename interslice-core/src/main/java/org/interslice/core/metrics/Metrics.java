package org.interslice.core.metrics;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * Image-quality metrics of a test image against a reference: PSNR, MAE, RMSE, NCC, SSIM, MS-SSIM.
 * Pure functions; inputs are never modified.
 *
 * <p>Images are flat float arrays, x fastest ({@code index = x + nx * (y + ny * z)}); the pointwise
 * metrics (PSNR, MAE, RMSE, NCC) ignore the layout, so they take 2D slices and whole volumes alike.
 * A mask is an optional byte array of the same layout: nonzero = inside, null = every voxel. A mask
 * that selects nothing is an IllegalArgumentException. NaN voxels propagate into the result.
 *
 * <p>Definitions, over the n voxels inside the mask, with d = test - ref:
 * <ul>
 *   <li>MAE = sum |d| / n, RMSE = sqrt(sum d^2 / n), in image units (e.g. HU).</li>
 *   <li>PSNR = 10 log10(R^2 / MSE) dB, where R is the data range given or, when NaN is given, the
 *       reference's max - min over ALL its voxels (the mask is ignored, so masked and unmasked PSNR of
 *       one image share R). Equal images (MSE = 0) give {@link Double#POSITIVE_INFINITY}: the exact
 *       answer, kept so a perfect reconstruction is visible; aggregate such values with care.</li>
 *   <li>NCC = Pearson correlation of ref and test. When either is constant over the mask it is 1 if
 *       the two are equal there and NaN otherwise (the correlation is undefined).</li>
 *   <li>SSIM, MS-SSIM: see {@link Ssim}. The data range R enters the constants; pass the same R for
 *       every slice of a volume (e.g. {@link #dataRange(float[])} of the whole reference volume, or
 *       the CT window width) so slices are comparable.</li>
 * </ul>
 *
 * <p>SSIM of a volume is the mean of the 2D SSIM of every slice across a chosen axis (slices whose
 * mask leaves no interior pixel are skipped), as is usual for anisotropic medical volumes; a 3D
 * Gaussian window is not used.
 */
public final class Metrics {
    private Metrics() {
    }

    /** max - min of the array, NaN ignored; NaN when every value is NaN. */
    public static double dataRange(float[] ref) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < ref.length; i++) {
            float v = ref[i];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return lo > hi ? Double.NaN : (double) hi - lo;
    }

    /** PSNR in dB; dataRange NaN means the reference's max - min. See the class comment. */
    public static double psnr(float[] ref, float[] test, byte[] mask, double dataRange) {
        double r = Double.isNaN(dataRange) ? dataRange(ref) : dataRange;
        checkRange(r);
        double[] s = sums(ref, 0, test, 0, checkLengths(ref, test, mask), mask, 0);
        return psnrOf(s, r);
    }

    /** Mean absolute error in image units. */
    public static double mae(float[] ref, float[] test, byte[] mask) {
        double[] s = nonEmpty(sums(ref, 0, test, 0, checkLengths(ref, test, mask), mask, 0));
        return s[1] / s[0];
    }

    /** Root mean square error in image units. */
    public static double rmse(float[] ref, float[] test, byte[] mask) {
        double[] s = nonEmpty(sums(ref, 0, test, 0, checkLengths(ref, test, mask), mask, 0));
        return Math.sqrt(s[2] / s[0]);
    }

    /** Pearson correlation (normalised cross-correlation); see the class comment for constant images. */
    public static double ncc(float[] ref, float[] test, byte[] mask) {
        int n = checkLengths(ref, test, mask);
        double[] s = sums(ref, 0, test, 0, n, mask, 0);
        return nccOf(ref, 0, test, 0, n, mask, 0, s);
    }

    /** Mean SSIM of two nx x ny slices with the default window; see {@link Ssim#ssim}. */
    public static double ssim(float[] ref, float[] test, int nx, int ny, byte[] mask, double dataRange) {
        return new Ssim().ssim(ref, test, nx, ny, mask, dataRange);
    }

    /** MS-SSIM of two nx x ny slices with the default settings; see {@link Ssim#msSsim}. */
    public static MsSsim msSsim(float[] ref, float[] test, int nx, int ny, byte[] mask, double dataRange) {
        return new Ssim().msSsim(ref, test, nx, ny, mask, dataRange);
    }

    /**
     * SSIM of two volumes: the mean of the 2D SSIM of every slice across {@code axis}, skipping slices
     * whose mask has no pixel at least one window radius inside the slice. Slices run in parallel on
     * the job's threads; the result does not depend on the thread count.
     *
     * @param mask      null or a byte mask of the volume's layout (nonzero = inside)
     * @param dataRange R for every slice, image units; NaN = max - min of the whole reference volume
     * @param config    SSIM settings, null for the defaults
     * @throws IllegalArgumentException if dims differ, a slice is smaller than the window, or no slice
     *                                  has an interior pixel in the mask
     */
    public static double ssim(FloatVolume ref, FloatVolume test, byte[] mask, double dataRange, SliceAxis axis,
                              ConfigSsim config, Job job) {
        SliceMetrics[] rows = run(ref, test, mask, dataRange, axis, allSlices(axis.count(ref.nx(), ref.ny(), ref.nz())),
                config, job, false);
        double sum = 0;
        int n = 0;
        for (SliceMetrics row : rows) {
            if (!Double.isNaN(row.ssim())) {
                sum += row.ssim();
                n++;
            }
        }
        if (n == 0) throw new IllegalArgumentException("mask selects no pixel inside any " + axis + " slice");
        return sum / n;
    }

    /**
     * Every metric of the chosen slices (the held-out slices of a drop-and-reconstruct test), in the
     * order given. Slices run in parallel on the job's threads; the rows do not depend on the thread
     * count. A slice whose mask selects nothing gets {@link SliceMetrics} with voxels 0 and NaN values;
     * one whose mask selects pixels only near the border gets NaN SSIM and MS-SSIM.
     *
     * @param ref       reference (truth) volume; not modified
     * @param test      reconstruction, same dims; not modified
     * @param mask      null or a byte mask of the volume's layout (nonzero = inside)
     * @param dataRange R for PSNR and SSIM, image units; NaN = max - min of the whole reference volume
     * @param axis      axis the slices are cut across
     * @param slices    slice indices along axis, each in [0, count)
     * @param config    SSIM settings, null for the defaults
     * @param job       threads, progress (task "metrics", one unit per slice) and cancellation
     */
    public static SliceMetrics[] perSlice(FloatVolume ref, FloatVolume test, byte[] mask, double dataRange,
                                          SliceAxis axis, int[] slices, ConfigSsim config, Job job) {
        return run(ref, test, mask, dataRange, axis, slices.clone(), config, job, true);
    }

    private static int[] allSlices(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = i;
        return s;
    }

    private static SliceMetrics[] run(FloatVolume ref, FloatVolume test, byte[] mask, double dataRange, SliceAxis axis,
                                      int[] slices, ConfigSsim config, Job job, boolean all) {
        final int nx = ref.nx(), ny = ref.ny(), nz = ref.nz();
        if (test.nx() != nx || test.ny() != ny || test.nz() != nz)
            throw new IllegalArgumentException("test volume " + test.nx() + "x" + test.ny() + "x" + test.nz() + " differs from reference " + nx + "x" + ny + "x" + nz);
        checkLengths(ref.data(), test.data(), mask);
        final int count = axis.count(nx, ny, nz);
        for (int s : slices)
            if (s < 0 || s >= count) throw new IllegalArgumentException("slice " + s + " outside [0, " + count + ") along " + axis);
        final double range = Double.isNaN(dataRange) ? dataRange(ref.data()) : dataRange;
        checkRange(range);
        final ConfigSsim cfg = config == null ? new ConfigSsim() : config;
        final int w = axis == SliceAxis.X ? ny : nx, h = axis == SliceAxis.Z ? ny : nz;
        final SliceMetrics[] out = new SliceMetrics[slices.length];
        // fixed chunks, each with its own Ssim buffers; every slice is computed the same way whatever
        // the chunking, so 1 and N threads give identical rows
        final boolean copy = axis != SliceAxis.Z;
        job.forEachChunk("metrics", slices.length, 4, () -> new Work(cfg, copy ? w * h : 0, copy && mask != null), (first, end, work) -> {
            final Ssim engine = work.engine;
            final float[] a = work.a, b = work.b;
            final byte[] m = work.m;
            for (int i = first; i < end; i++) {
                int s = slices[i];
                if (copy) {
                    extract(ref.data(), nx, ny, nz, axis, s, a);
                    extract(test.data(), nx, ny, nz, axis, s, b);
                    if (mask != null) extractMask(mask, nx, ny, nz, axis, s, m);
                    out[i] = slice(s, a, 0, b, 0, w, h, m, 0, range, engine, all);
                } else {
                    int off = s * nx * ny;
                    out[i] = slice(s, ref.data(), off, test.data(), off, w, h, mask, off, range, engine, all);
                }
            }
        });
        return out;
    }

    /** Per-thread scratch of {@link #perSlice}: SSIM buffers and, off the z axis, extracted slices. */
    private static final class Work {
        final Ssim engine;
        final float[] a, b;
        final byte[] m;

        Work(ConfigSsim cfg, int n, boolean mask) {
            engine = new Ssim(cfg);
            a = n > 0 ? new float[n] : null;
            b = n > 0 ? new float[n] : null;
            m = mask ? new byte[n] : null;
        }
    }

    private static SliceMetrics slice(int s, float[] a, int ao, float[] b, int bo, int w, int h, byte[] m, int mo,
                                      double range, Ssim engine, boolean all) {
        int n = w * h;
        double[] sums = sums(a, ao, b, bo, n, m, mo);
        if (sums[0] == 0) return SliceMetrics.empty(s);
        double ssim = engine.ssimOrNaN(a, ao, b, bo, w, h, m, mo, range);
        if (!all) return new SliceMetrics(s, (long) sums[0], Double.NaN, Double.NaN, Double.NaN, Double.NaN, ssim, Double.NaN, 0);
        MsSsim ms = Double.isNaN(ssim) ? new MsSsim(Double.NaN, 0) : engine.msSsim(a, ao, b, bo, w, h, m, mo, range);
        return new SliceMetrics(s, (long) sums[0], psnrOf(sums, range), sums[1] / sums[0], Math.sqrt(sums[2] / sums[0]),
                nccOf(a, ao, b, bo, n, m, mo, sums), ssim, ms.value(), ms.scales());
    }

    /** Copies slice s across axis X (ny x nz, y fastest) or Y (nx x nz, x fastest) into dst. */
    static void extract(float[] src, int nx, int ny, int nz, SliceAxis axis, int s, float[] dst) {
        if (axis == SliceAxis.Y) {
            for (int z = 0; z < nz; z++) System.arraycopy(src, (z * ny + s) * nx, dst, z * nx, nx);
        } else {
            for (int z = 0, o = 0; z < nz; z++)
                for (int y = 0, i = s + z * ny * nx; y < ny; y++, i += nx) dst[o++] = src[i];
        }
    }

    /** Byte-mask counterpart of {@link #extract}. */
    static void extractMask(byte[] src, int nx, int ny, int nz, SliceAxis axis, int s, byte[] dst) {
        if (axis == SliceAxis.Y) {
            for (int z = 0; z < nz; z++) System.arraycopy(src, (z * ny + s) * nx, dst, z * nx, nx);
        } else {
            for (int z = 0, o = 0; z < nz; z++)
                for (int y = 0, i = s + z * ny * nx; y < ny; y++, i += nx) dst[o++] = src[i];
        }
    }

    private static int checkLengths(float[] ref, float[] test, byte[] mask) {
        if (ref.length != test.length) throw new IllegalArgumentException("test holds " + test.length + " values, reference " + ref.length);
        if (mask != null && mask.length != ref.length) throw new IllegalArgumentException("mask holds " + mask.length + " values, images " + ref.length);
        return ref.length;
    }

    private static void checkRange(double r) {
        if (!(r > 0) || Double.isInfinite(r))
            throw new IllegalArgumentException("data range " + r + " must be positive and finite (a constant reference needs an explicit range)");
    }

    /** {count, sum |d|, sum d^2, sum ref, sum test} over the mask, d = test - ref; summed in double. */
    private static double[] sums(float[] a, int ao, float[] b, int bo, int n, byte[] m, int mo) {
        double cnt = 0, abs = 0, sq = 0, sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
            if (m != null && m[mo + i] == 0) continue;
            double va = a[ao + i], vb = b[bo + i], d = vb - va;
            abs += Math.abs(d);
            sq += d * d;
            sa += va;
            sb += vb;
            cnt++;
        }
        return new double[] {cnt, abs, sq, sa, sb};
    }

    private static double[] nonEmpty(double[] s) {
        if (s[0] == 0) throw new IllegalArgumentException("mask selects no voxel");
        return s;
    }

    private static double psnrOf(double[] s, double range) {
        nonEmpty(s);
        double mse = s[2] / s[0];
        // MSE 0: log10(R^2 / 0) = +infinity, kept exact (see class comment)
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(range * range / mse);
    }

    private static double nccOf(float[] a, int ao, float[] b, int bo, int n, byte[] m, int mo, double[] s) {
        nonEmpty(s);
        double ma = s[3] / s[0], mb = s[4] / s[0];
        // second pass around the means: one-pass sums of squares cancel badly for CT values ~1000
        double saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            if (m != null && m[mo + i] == 0) continue;
            double da = a[ao + i] - ma, db = b[bo + i] - mb;
            saa += da * da;
            sbb += db * db;
            sab += da * db;
        }
        if (saa == 0 || sbb == 0) return s[2] == 0 ? 1.0 : Double.NaN;
        return sab / Math.sqrt(saa * sbb);
    }
}
