package org.interslice.core.synth.impl;

import org.interslice.core.resample.impl.Voxels;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.DoubleVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * Reads and writes one slice of a volume across any index axis, as a flat plane {@code u + nu * v}:
 * for axis 2 (z) the plane is (x, y), for axis 1 (y) it is (x, z), for axis 0 (x) it is (y, z). The
 * storage runs are copied in bulk (a whole plane for z, rows of x for y); across x every voxel is its
 * own run, which is slower but still allocates nothing. Internal to {@code interpolate}.
 */
public final class SliceAccess {
    private SliceAccess() {
    }

    /** {width, height} of a slice across {@code axis}. */
    public static int[] planeDims(Volume v, int axis) {
        switch (axis) {
            case 2: return new int[] {v.nx(), v.ny()};
            case 1: return new int[] {v.nx(), v.nz()};
            case 0: return new int[] {v.ny(), v.nz()};
            default: throw new IllegalArgumentException("axis " + axis);
        }
    }

    /** Number of slices along {@code axis}. */
    public static int slices(Volume v, int axis) {
        return v.dims()[axis];
    }

    /** dst[dstOff ..] = slice k of v across axis, as float (physical values). */
    public static void toFloat(Volume v, int axis, int k, float[] dst, int dstOff) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        switch (axis) {
            case 2:
                Voxels.toFloat(v, k * nx * ny, dst, dstOff, nx * ny);
                break;
            case 1:
                for (int z = 0; z < nz; z++) Voxels.toFloat(v, (z * ny + k) * nx, dst, dstOff + z * nx, nx);
                break;
            default:
                for (int z = 0, o = dstOff; z < nz; z++)
                    for (int y = 0; y < ny; y++, o++) Voxels.toFloat(v, k + nx * (y + ny * z), dst, o, 1);
        }
    }

    /** Slice k of out across axis = src[srcOff ..], rounded and saturated to out's type. */
    public static void storeFloat(Volume out, int axis, int k, float[] src, int srcOff) {
        int nx = out.nx(), ny = out.ny(), nz = out.nz();
        switch (axis) {
            case 2:
                Voxels.storeRow(out, k * nx * ny, src, srcOff, nx * ny);
                break;
            case 1:
                for (int z = 0; z < nz; z++) Voxels.storeRow(out, (z * ny + k) * nx, src, srcOff + z * nx, nx);
                break;
            default:
                for (int z = 0, o = srcOff; z < nz; z++)
                    for (int y = 0; y < ny; y++, o++) Voxels.storeRow(out, k + nx * (y + ny * z), src, o, 1);
        }
    }

    /** dst[dstOff ..] = slice k of a label volume across axis, as int (unsigned types widened). */
    public static void toInt(Volume v, int axis, int k, int[] dst, int dstOff) {
        int nx = v.nx(), ny = v.ny(), nz = v.nz();
        switch (axis) {
            case 2:
                intRun(v, k * nx * ny, dst, dstOff, nx * ny);
                break;
            case 1:
                for (int z = 0; z < nz; z++) intRun(v, (z * ny + k) * nx, dst, dstOff + z * nx, nx);
                break;
            default:
                for (int z = 0, o = dstOff; z < nz; z++)
                    for (int y = 0; y < ny; y++, o++) intRun(v, k + nx * (y + ny * z), dst, o, 1);
        }
    }

    /** Slice k of a label volume across axis = src[srcOff ..] (values read by {@link #toInt}, so they fit). */
    public static void storeInt(Volume out, int axis, int k, int[] src, int srcOff) {
        int nx = out.nx(), ny = out.ny(), nz = out.nz();
        switch (axis) {
            case 2:
                Voxels.storeRowInt(out, k * nx * ny, src, srcOff, nx * ny);
                break;
            case 1:
                for (int z = 0; z < nz; z++) Voxels.storeRowInt(out, (z * ny + k) * nx, src, srcOff + z * nx, nx);
                break;
            default:
                for (int z = 0, o = srcOff; z < nz; z++)
                    for (int y = 0; y < ny; y++, o++) Voxels.storeRowInt(out, k + nx * (y + ny * z), src, o, 1);
        }
    }

    /** Copies slice kIn of in to slice kOut of out across axis, bit for bit (same pixel type, same plane). */
    public static void copy(Volume in, int kIn, Volume out, int kOut, int axis) {
        if (in.type() != out.type()) throw new IllegalArgumentException(in.type() + " slice into " + out.type() + " volume");
        Object a = in.array(), b = out.array();
        int nx = in.nx(), ny = in.ny(), nz = in.nz();
        int mx = out.nx(), my = out.ny();
        switch (axis) {
            case 2:
                System.arraycopy(a, kIn * nx * ny, b, kOut * nx * ny, nx * ny);
                break;
            case 1:
                for (int z = 0; z < nz; z++) System.arraycopy(a, (z * ny + kIn) * nx, b, (z * my + kOut) * nx, nx);
                break;
            default:
                for (int z = 0; z < nz; z++)
                    for (int y = 0; y < ny; y++) System.arraycopy(a, kIn + nx * (y + ny * z), b, kOut + mx * (y + ny * z), 1);
        }
    }

    private static void intRun(Volume v, int off, int[] dst, int dstOff, int n) {
        switch (v.type()) {
            case UINT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[off + i] & 0xFF; break; }
            case INT8: { byte[] d = ((ByteVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[off + i]; break; }
            case UINT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[off + i] & 0xFFFF; break; }
            case INT16: { short[] d = ((ShortVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = d[off + i]; break; }
            case UINT32: case INT32: System.arraycopy(((IntVolume) v).data(), off, dst, dstOff, n); break;
            case FLOAT32: { float[] d = ((FloatVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = Math.round(d[off + i]); break; }
            case FLOAT64: { double[] d = ((DoubleVolume) v).data(); for (int i = 0; i < n; i++) dst[dstOff + i] = (int) Math.round(d[off + i]); break; }
            default: throw new AssertionError(v.type());
        }
    }
}
