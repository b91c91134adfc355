package org.interslice.core.volume;

/**
 * Runs of voxels between a volume's storage array and a double buffer, in typed loops: the switch on the
 * storage type is made once per run, never per voxel. Values convert exactly as {@link Volume#get} and
 * {@link Volume#set} do (unsigned types widened; integer types round half away from zero and saturate,
 * NaN to 0; float32 rounds to float), so a loop over runs gives the same volume as a loop of get/set.
 */
public final class VoxelRows {
    private VoxelRows() {}

    /** dst[k] = v.get(off + k) for k < n. */
    public static void get(Volume v, int off, double[] dst, int n) {
        switch (v.type()) {
            case UINT8: { byte[] d = ((ByteVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k] & 0xFF; break; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k]; break; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k] & 0xFFFF; break; }
            case INT16: { short[] d = ((ShortVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k]; break; }
            case UINT32: { int[] d = ((IntVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k] & 0xFFFFFFFFL; break; }
            case INT32: { int[] d = ((IntVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k]; break; }
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); for (int k = 0; k < n; k++) dst[k] = d[off + k]; break; }
            case FLOAT64: System.arraycopy(((DoubleVolume) v).data(), off, dst, 0, n); break;
            default: throw new AssertionError(v.type());
        }
    }

    /** v.set(off + k, src[k]) for k < n. */
    public static void set(Volume v, int off, double[] src, int n) {
        PixelType t = v.type();
        switch (t) {
            case UINT8: case INT8: {
                byte[] d = ((ByteVolume) v).data();
                for (int k = 0; k < n; k++) d[off + k] = (byte) (int) integer(src[k], t.min, t.max);
                break;
            }
            case UINT16: case INT16: {
                short[] d = ((ShortVolume) v).data();
                for (int k = 0; k < n; k++) d[off + k] = (short) (int) integer(src[k], t.min, t.max);
                break;
            }
            case UINT32: case INT32: {
                int[] d = ((IntVolume) v).data();
                for (int k = 0; k < n; k++) d[off + k] = (int) (long) integer(src[k], t.min, t.max);
                break;
            }
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); for (int k = 0; k < n; k++) d[off + k] = (float) src[k]; break; }
            case FLOAT64: System.arraycopy(src, 0, ((DoubleVolume) v).data(), off, n); break;
            default: throw new AssertionError(t);
        }
    }

    /** {@link PixelType#cast} for an integer type of range [min, max]. */
    private static double integer(double v, double min, double max) {
        if (v != v) return 0;
        double r = Math.rint(v);
        if (Math.abs(v - Math.floor(v) - 0.5) == 0) r = v < 0 ? Math.floor(v) : Math.ceil(v); // half away from zero
        return r < min ? min : (r > max ? max : r);
    }

    /** Smallest and largest value ignoring NaN; {NaN, NaN} when all are NaN. Reads a row at a time. */
    public static double[] range(Volume v) {
        int n = v.voxelCount(), row = Math.max(1, Math.min(n, 4096));
        double[] buf = new double[row];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int off = 0; off < n; off += row) {
            int m = Math.min(row, n - off);
            get(v, off, buf, m);
            for (int k = 0; k < m; k++) {
                double x = buf[k];
                if (x < lo) lo = x;
                if (x > hi) hi = x;
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }

    /** out = slope * v + intercept voxel by voxel (same size), a run of 4096 at a time; v not modified. */
    static void affine(Volume v, double slope, double intercept, Volume out) {
        int n = v.voxelCount(), row = Math.max(1, Math.min(n, 4096));
        double[] buf = new double[row];
        for (int off = 0; off < n; off += row) {
            int m = Math.min(row, n - off);
            get(v, off, buf, m);
            for (int k = 0; k < m; k++) buf[k] = slope * buf[k] + intercept;
            set(out, off, buf, m);
        }
    }

    /** out = v converted voxel by voxel (same size). */
    static void copy(Volume v, Volume out) {
        int n = v.voxelCount(), row = Math.max(1, Math.min(n, 4096));
        double[] buf = new double[row];
        for (int off = 0; off < n; off += row) {
            int m = Math.min(row, n - off);
            get(v, off, buf, m);
            set(out, off, buf, m);
        }
    }
}
