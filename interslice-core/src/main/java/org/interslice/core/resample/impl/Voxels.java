package org.interslice.core.resample.impl;

import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.DoubleVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * Typed bulk loops between a volume's storage array and float/int work buffers. The switch on the pixel
 * type is outside every loop, so kernels never make a per-voxel virtual call.
 */
public final class Voxels {
    private Voxels() {}

    /** dst[dstOff + i] = value of v at flat index srcOff + i, for i < n. */
    public static void toFloat(Volume v, int srcOff, float[] dst, int dstOff, int n) {
        switch (v.type()) {
            case UINT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i] & 0xFF; break; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i]; break; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i] & 0xFFFF; break; }
            case INT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i]; break; }
            case UINT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i] & 0xFFFFFFFFL; break; }
            case INT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[srcOff + i]; break; }
            case FLOAT32: System.arraycopy(((FloatVolume) v).data(), srcOff, dst, dstOff, n); break;
            case FLOAT64: { double[] d = ((DoubleVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = (float) d[srcOff + i]; break; }
            default: throw new AssertionError(v.type());
        }
    }

    /**
     * acc[i] (first: =, else: +=) w * value at srcOff + i, for i < n. With first and w == 1 this is a
     * plain conversion, so nearest-neighbour passes copy values exactly.
     */
    public static void accumulate(Volume v, int srcOff, int n, float w, float[] acc, boolean first) {
        if (first && w == 1f) { toFloat(v, srcOff, acc, 0, n); return; }
        if (first) { scale(v, srcOff, n, w, acc); return; }
        switch (v.type()) {
            case UINT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * (d[srcOff + i] & 0xFF); break; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * d[srcOff + i]; break; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * (d[srcOff + i] & 0xFFFF); break; }
            case INT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * d[srcOff + i]; break; }
            case UINT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * (float) (d[srcOff + i] & 0xFFFFFFFFL); break; }
            case INT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * (float) d[srcOff + i]; break; }
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * d[srcOff + i]; break; }
            case FLOAT64: { double[] d = ((DoubleVolume) v).data(); for (int i = 0; i < n; i++) acc[i] += w * (float) d[srcOff + i]; break; }
            default: throw new AssertionError(v.type());
        }
    }

    /** acc[i] = w * value at srcOff + i, for i < n (the first tap: no zero fill, no read of acc). */
    private static void scale(Volume v, int srcOff, int n, float w, float[] acc) {
        switch (v.type()) {
            case UINT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * (d[srcOff + i] & 0xFF); break; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * d[srcOff + i]; break; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * (d[srcOff + i] & 0xFFFF); break; }
            case INT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * d[srcOff + i]; break; }
            case UINT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * (float) (d[srcOff + i] & 0xFFFFFFFFL); break; }
            case INT32: { int[] d = ((IntVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * (float) d[srcOff + i]; break; }
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * d[srcOff + i]; break; }
            case FLOAT64: { double[] d = ((DoubleVolume) v).data(); for (int i = 0; i < n; i++) acc[i] = w * (float) d[srcOff + i]; break; }
            default: throw new AssertionError(v.type());
        }
    }

    /**
     * Stores src[srcOff .. srcOff + n) into out at flat index outOff: integer types round half away from
     * zero and saturate (NaN becomes 0), as {@link PixelType#cast} does.
     */
    public static void storeRow(Volume out, int outOff, float[] src, int srcOff, int n) {
        PixelType t = out.type();
        switch (t) {
            case UINT8: {
                // unsigned: every negative saturates to 0, so truncating v + 0.5 (in double) rounds half
                // away from zero on the range that survives, without a sign branch
                byte[] d = ((ByteVolume) out).data();
                for (int i = 0; i < n; i++) d[outOff + i] = (byte) sat((int) (src[srcOff + i] + 0.5), 0, 255);
                break;
            }
            case UINT16: {
                short[] d = ((ShortVolume) out).data();
                for (int i = 0; i < n; i++) d[outOff + i] = (short) sat((int) (src[srcOff + i] + 0.5), 0, 65535);
                break;
            }
            case INT8: {
                byte[] d = ((ByteVolume) out).data();
                int mn = (int) t.min, mx = (int) t.max;
                for (int i = 0; i < n; i++) d[outOff + i] = (byte) sat(round(src[srcOff + i]), mn, mx);
                break;
            }
            case INT16: {
                short[] d = ((ShortVolume) out).data();
                int mn = (int) t.min, mx = (int) t.max;
                for (int i = 0; i < n; i++) d[outOff + i] = (short) sat(round(src[srcOff + i]), mn, mx);
                break;
            }
            case INT32: {
                int[] d = ((IntVolume) out).data();
                for (int i = 0; i < n; i++) d[outOff + i] = (int) roundLong(src[srcOff + i]);
                break;
            }
            case UINT32: {
                int[] d = ((IntVolume) out).data();
                for (int i = 0; i < n; i++) {
                    long r = roundLong(src[srcOff + i]);
                    d[outOff + i] = (int) (r < 0 ? 0 : Math.min(r, 0xFFFFFFFFL));
                }
                break;
            }
            case FLOAT32: System.arraycopy(src, srcOff, ((FloatVolume) out).data(), outOff, n); break;
            case FLOAT64: { double[] d = ((DoubleVolume) out).data(); for (int i = 0; i < n; i++) d[outOff + i] = src[srcOff + i]; break; }
            default: throw new AssertionError(t);
        }
    }

    /**
     * {@link #storeRow(Volume, int, float[], int, int)} with an int scratch row (any length > 0): for
     * 8 and 16-bit integer outputs the rounding runs in int lanes (float to int, clamp, narrow: loops the
     * JIT vectorises; a float-to-byte loop, or one through double, it does not), 3x faster on uint8 and
     * giving the same values: {@code (int) (c + HALF)} with {@code HALF = 0.5f - 2^-25} equals
     * {@code floor(c + 0.5)} for every float c in [0, 65535] (checked over all 1.2e9 of them), and
     * negative values round as their negation, so half away from zero with saturation, NaN to 0.
     */
    public static void storeRow(Volume out, int outOff, float[] src, int srcOff, int n, int[] tmp) {
        PixelType t = out.type();
        if (t != PixelType.UINT8 && t != PixelType.UINT16 && t != PixelType.INT8 && t != PixelType.INT16) {
            storeRow(out, outOff, src, srcOff, n);
            return;
        }
        for (int done = 0; done < n; ) {
            int m = Math.min(tmp.length, n - done), s = srcOff + done, o = outOff + done;
            if (t == PixelType.UINT8 || t == PixelType.UINT16) roundUnsigned(src, s, m, (int) t.max, tmp);
            else roundSigned(src, s, m, (int) t.min, (int) t.max, tmp);
            if (t.bytes == 1) {
                byte[] d = ((ByteVolume) out).data();
                for (int i = 0; i < m; i++) d[o + i] = (byte) tmp[i];
            } else {
                short[] d = ((ShortVolume) out).data();
                for (int i = 0; i < m; i++) d[o + i] = (short) tmp[i];
            }
            done += m;
        }
    }

    /** 0.5f - 2^-25: adding it and truncating rounds half up exactly on [0, 65535] (see storeRow). */
    static final float HALF = 0.49999997f;

    /** r[i] = src[off + i] rounded half up, clamped to [0, hi] (negatives and NaN to 0). */
    private static void roundUnsigned(float[] src, int off, int n, int hi, int[] r) {
        for (int i = 0; i < n; i++) r[i] = Math.max(0, Math.min(hi, (int) (src[off + i] + HALF)));
    }

    /** r[i] = src[off + i] rounded half away from zero, clamped to [lo, hi], NaN to 0; branch-free (sign mask). */
    private static void roundSigned(float[] src, int off, int n, int lo, int hi, int[] r) {
        for (int i = 0; i < n; i++) {
            float v = src[off + i];
            int up = (int) (v + HALF), down = (int) (v - HALF), negative = Float.floatToRawIntBits(v) >> 31;
            r[i] = Math.max(lo, Math.min(hi, up + ((down - up) & negative)));
        }
    }

    /** Stores integer labels; values are those read by {@link #toInt}, so they fit the input's type. */
    public static void storeRowInt(Volume out, int outOff, int[] src, int srcOff, int n) {
        switch (out.type()) {
            case UINT8: case INT8: { byte[] d = ((ByteVolume) out).data(); for (int i = 0; i < n; i++) d[outOff + i] = (byte) src[srcOff + i]; break; }
            case UINT16: case INT16: { short[] d = ((ShortVolume) out).data(); for (int i = 0; i < n; i++) d[outOff + i] = (short) src[srcOff + i]; break; }
            case UINT32: case INT32: System.arraycopy(src, srcOff, ((IntVolume) out).data(), outOff, n); break;
            case FLOAT32: { float[] d = ((FloatVolume) out).data(); for (int i = 0; i < n; i++) d[outOff + i] = src[srcOff + i]; break; }
            case FLOAT64: { double[] d = ((DoubleVolume) out).data(); for (int i = 0; i < n; i++) d[outOff + i] = src[srcOff + i]; break; }
            default: throw new AssertionError(out.type());
        }
    }

    /**
     * Label values as int: the volume's own array for int32/uint32 (uint32 kept as raw bits), else a
     * copy. Float labels are rounded.
     */
    public static int[] toInt(Volume v) {
        int n = v.voxelCount();
        switch (v.type()) {
            case UINT32: case INT32: return ((IntVolume) v).data();
            case UINT8: { byte[] d = ((ByteVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = d[i] & 0xFF; return r; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = d[i]; return r; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = d[i] & 0xFFFF; return r; }
            case INT16: { short[] d = ((ShortVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = d[i]; return r; }
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = (int) roundLong(d[i]); return r; }
            case FLOAT64: { double[] d = ((DoubleVolume) v).data(); int[] r = new int[n]; for (int i = 0; i < n; i++) r[i] = (int) Math.round(d[i]); return r; }
            default: throw new AssertionError(v.type());
        }
    }

    /** Smallest and largest value ignoring NaN; {NaN, NaN} when all are NaN. */
    public static double[] range(Volume v) {
        int n = v.voxelCount();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        switch (v.type()) {
            case UINT8: case INT8: {
                byte[] d = ((ByteVolume) v).data();
                boolean u = v.type() == PixelType.UINT8;
                int a = Integer.MAX_VALUE, b = Integer.MIN_VALUE;
                for (int i = 0; i < n; i++) { int x = u ? d[i] & 0xFF : d[i]; if (x < a) a = x; if (x > b) b = x; }
                lo = a; hi = b;
                break;
            }
            case UINT16: case INT16: {
                short[] d = ((ShortVolume) v).data();
                boolean u = v.type() == PixelType.UINT16;
                int a = Integer.MAX_VALUE, b = Integer.MIN_VALUE;
                for (int i = 0; i < n; i++) { int x = u ? d[i] & 0xFFFF : d[i]; if (x < a) a = x; if (x > b) b = x; }
                lo = a; hi = b;
                break;
            }
            case UINT32: case INT32: {
                int[] d = ((IntVolume) v).data();
                boolean u = v.type() == PixelType.UINT32;
                long a = Long.MAX_VALUE, b = Long.MIN_VALUE;
                for (int i = 0; i < n; i++) { long x = u ? d[i] & 0xFFFFFFFFL : d[i]; if (x < a) a = x; if (x > b) b = x; }
                lo = a; hi = b;
                break;
            }
            case FLOAT32: {
                float[] d = ((FloatVolume) v).data();
                float a = Float.POSITIVE_INFINITY, b = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) { float x = d[i]; if (x < a) a = x; if (x > b) b = x; }
                lo = a; hi = b;
                break;
            }
            case FLOAT64: {
                double[] d = ((DoubleVolume) v).data();
                for (int i = 0; i < n; i++) { double x = d[i]; if (x < lo) lo = x; if (x > hi) hi = x; }
                break;
            }
            default: throw new AssertionError(v.type());
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }

    /** Round half away from zero; NaN gives 0 (Java's (int) cast). */
    static int round(float v) {
        // in double: v + 0.5f in float would round 0.49999997f up to 1
        return (int) (v < 0 ? (double) v - 0.5 : (double) v + 0.5);
    }

    static long roundLong(float v) {
        return (long) (v < 0 ? (double) v - 0.5 : (double) v + 0.5);
    }

    static int sat(int v, int lo, int hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
