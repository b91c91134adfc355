package org.interslice.io.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.interslice.core.volume.Volume;
import org.interslice.core.volume.VoxelRows;

/**
 * How a volume's values are stored in a written DICOM series: the stored integer format and the one
 * Rescale Slope/Intercept shared by every slice, chosen so that values read back exactly when they are
 * integers: stored 16-bit unsigned or signed with slope 1 and intercept 0 when they fit; 16-bit unsigned
 * with an integer intercept (the minimum) when their span fits 65535; else 32-bit signed with slope 1 (an
 * intercept shifting the range when needed). Non-integer values (or integers whose span exceeds 32 bits) are quantized to
 * 16-bit unsigned with intercept = the minimum rounded down to 10 significant digits and slope = the span /
 * 65535 rounded up to 10 significant digits: every value reads back within half a slope step
 * (span / 131070) plus the reader's float rounding. NaN and infinite values are left out of the range: NaN
 * and -infinity are stored as the smallest finite value, +infinity as the largest ({@link #nonFinite} counts them).
 *
 * @param bits      bits allocated and stored: 16 or 32
 * @param signed    pixel representation 1 (two's complement)
 * @param slope     rescale slope, exactly the value of its DS text
 * @param intercept rescale intercept, exactly the value of its DS text
 * @param exact     true when every value round-trips exactly
 * @param min       smallest finite value, for the window
 * @param max       largest finite value
 * @param nonFinite how many voxels are NaN or infinite
 */
record DicomStorage(int bits, boolean signed, double slope, double intercept, boolean exact, double min, double max, long nonFinite) {
    /** Chooses the storage of {@code v} (one pass over its voxels). */
    static DicomStorage of(Volume v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        long nonFinite = 0;
        int row = v.nx();
        double[] buf = new double[row];
        for (int off = 0, n = v.voxelCount(); off < n; off += row) {
            VoxelRows.get(v, off, buf, row);
            for (int i = 0; i < row; i++) {
                double x = buf[i];
                if (!Double.isFinite(x)) {   // NaN, infinities: saturated when stored
                    nonFinite++;
                    continue;
                }
                if (x < lo) lo = x;
                if (x > hi) hi = x;
                if (integral && x != Math.rint(x)) integral = false;
            }
        }
        if (lo > hi) lo = hi = 0;   // none finite
        if (integral && Double.isFinite(lo) && Double.isFinite(hi)) {
            if (lo >= 0 && hi <= 65535) return new DicomStorage(16, false, 1, 0, true, lo, hi, nonFinite);
            if (lo >= -32768 && hi <= 32767) return new DicomStorage(16, true, 1, 0, true, lo, hi, nonFinite);
            if (hi - lo <= 65535) return new DicomStorage(16, false, 1, lo, true, lo, hi, nonFinite);
            if (lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE) return new DicomStorage(32, true, 1, 0, true, lo, hi, nonFinite);
            if (hi - lo <= 4294967295.0) return new DicomStorage(32, true, 1, lo + 2147483648.0, true, lo, hi, nonFinite);
        }
        double intercept = decimal(lo, RoundingMode.FLOOR);
        double slope = decimal((hi - intercept) / 65535, RoundingMode.UP);
        if (!(slope > 0) || !Double.isFinite(slope)) slope = 1;
        // the DS texts of slope and intercept must say exactly these doubles
        return new DicomStorage(16, false, slope, intercept, false, lo, hi, nonFinite);
    }

    /** {@code x} to 10 significant digits in the given direction, as the double its DS text parses to. */
    private static double decimal(double x, RoundingMode mode) {
        if (x == 0 || !Double.isFinite(x)) return 0;
        return Double.parseDouble(DicomElements.decimalString(new BigDecimal(x).round(new MathContext(10, mode)).doubleValue()));
    }

    /** Largest error of a value read back: 0 when exact, else half a slope step. */
    double tolerance() {
        return exact ? 0 : slope / 2;
    }

    /**
     * Stores slice {@code k} of {@code v} little-endian into {@code out} (nx*ny*bits/8 bytes), using
     * {@code row} (nx doubles) as work space.
     */
    void store(Volume v, int k, double[] row, byte[] out) {
        int nx = v.nx(), ny = v.ny();
        int at = 0;
        double inv = 1 / slope;
        for (int y = 0; y < ny; y++) {
            VoxelRows.get(v, nx * (y + ny * k), row, nx);
            if (bits == 16) {
                double lowest = signed ? -32768 : 0, highest = signed ? 32767 : 65535;
                for (int x = 0; x < nx; x++) {
                    double r = row[x] >= min ? Math.min(row[x], max) : min;   // NaN and -infinity: min, +infinity: max
                    double s = exact ? r - intercept : Math.rint((r - intercept) * inv);
                    if (!(s >= lowest)) s = lowest;   // NaN too
                    if (s > highest) s = highest;
                    int q = (int) s;
                    out[at++] = (byte) q;
                    out[at++] = (byte) (q >>> 8);
                }
            } else {
                for (int x = 0; x < nx; x++) {
                    long q = (long) ((row[x] >= min ? Math.min(row[x], max) : min) - intercept);   // NaN and -infinity: min, +infinity: max
                    out[at++] = (byte) q;
                    out[at++] = (byte) (q >>> 8);
                    out[at++] = (byte) (q >>> 16);
                    out[at++] = (byte) (q >>> 24);
                }
            }
        }
    }
}
