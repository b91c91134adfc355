package org.interslice.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.DoubleVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * Raw voxel streams shared by every format: reads exactly a volume's bytes in a given byte order into its
 * array, and writes its array, in chunks (no per-voxel calls, no boxing).
 */
public final class RawCodec {
    private static final int CHUNK = 1 << 20;

    private RawCodec() {}

    /**
     * Fills {@code v}'s array from {@code in} (exactly voxelCount * bytes bytes, x fastest).
     * A short stream is an IntersliceException naming {@code file} and how many bytes were missing.
     */
    public static void read(InputStream in, Volume v, ByteOrder order, Path file) {
        read(in, v, order, file, null);
    }

    /** {@link #read(InputStream, Volume, ByteOrder, Path)}, telling {@code progress} (may be null) how many voxels are stored after each chunk. */
    public static void read(InputStream in, Volume v, ByteOrder order, Path file, java.util.function.IntConsumer progress) {
        int bpv = v.type().bytes;
        long total = (long) v.voxelCount() * bpv;
        byte[] buf = new byte[(int) Math.min(CHUNK, total)];
        long done = 0;
        int voxel = 0;
        try {
            while (done < total) {
                int want = (int) Math.min(buf.length, total - done);
                int got = readFully(in, buf, want);
                if (got < want) {
                    throw new IntersliceException(file, "truncated voxel data: expected " + total + " bytes, found " + (done + got));
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, want).order(order);
                int count = want / bpv;
                decode(bb, v, voxel, count);
                voxel += count;
                done += want;
                if (progress != null) progress.accept(voxel);
            }
        } catch (EOFException e) {
            throw new IntersliceException(file, "truncated voxel data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read voxel data: " + AtomicFiles.describe(e), e);
        }
    }

    /** Decodes {@code count} samples from {@code bb} (its order set) into {@code v}'s array from index {@code off}. */
    public static void decode(ByteBuffer bb, Volume v, int off, int count) {
        if (v instanceof ByteVolume b) bb.get(b.data(), off, count);
        else if (v instanceof ShortVolume s) bb.asShortBuffer().get(s.data(), off, count);
        else if (v instanceof IntVolume i) bb.asIntBuffer().get(i.data(), off, count);
        else if (v instanceof FloatVolume f) bb.asFloatBuffer().get(f.data(), off, count);
        else if (v instanceof DoubleVolume d) bb.asDoubleBuffer().get(d.data(), off, count);
    }

    /** Writes {@code v}'s voxels to {@code out} in the given byte order. */
    public static void write(OutputStream out, Volume v, ByteOrder order) throws IOException {
        write(out, v, order, null);
    }

    /** Task name of the write progress that {@link #write(OutputStream, Volume, ByteOrder, Job)} reports. */
    public static final String WRITE_TASK = "write";

    /**
     * Writes the voxels as {@link #write(OutputStream, Volume, ByteOrder)} does, reporting progress (task
     * {@value #WRITE_TASK}, in voxels) on {@code job} after each chunk, so compression inside {@code out}
     * is counted too; null for no progress.
     */
    public static void write(OutputStream out, Volume v, ByteOrder order, org.interslice.core.exec.Job job) throws IOException {
        write(out, v, order, job, 0, v.voxelCount());
    }

    /**
     * Writes voxels [from, to) of {@code v} (flat indices) as {@link #write(OutputStream, Volume, ByteOrder, org.interslice.core.exec.Job)}
     * does; progress counts voxels of the whole volume.
     */
    public static void write(OutputStream out, Volume v, ByteOrder order, org.interslice.core.exec.Job job, int from, int to) throws IOException {
        write(out, v, order, job, from, to, null);
    }

    /**
     * {@link #write(OutputStream, Volume, ByteOrder, org.interslice.core.exec.Job, int, int)} through the
     * encoding buffer {@code buf} when it is large enough (null: a new one); returns the buffer used (null
     * for bytes, written straight from the array), for the next call: a writer of many slabs encodes all
     * of them in one buffer instead of leaving one per slab to the collector.
     */
    public static byte[] write(OutputStream out, Volume v, ByteOrder order, org.interslice.core.exec.Job job, int from, int to, byte[] buf)
            throws IOException {
        int bpv = v.type().bytes;
        int perChunk = CHUNK / bpv;
        if (v instanceof ByteVolume b) {
            // bytes have no order: straight from the array, no copy and no buffer to collect (a 163 MB
            // uint8 output spared one pass over its bytes and 163 MB of 1 MiB garbage)
            for (int off = from, n = v.voxelCount(); off < to; off += perChunk) {
                int count = Math.min(perChunk, to - off);
                out.write(b.data(), off, count);
                if (job != null) job.report(WRITE_TASK, off + count, n);
            }
            return buf;
        }
        int need = (int) Math.max(0, Math.min(CHUNK, (long) (to - from) * bpv));
        if (buf == null || buf.length < need) buf = new byte[need];
        for (int off = from, n = v.voxelCount(); off < to; off += perChunk) {
            int count = Math.min(perChunk, to - off);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, count * bpv).order(order);
            if (v instanceof ShortVolume s) bb.asShortBuffer().put(s.data(), off, count);
            else if (v instanceof IntVolume i) bb.asIntBuffer().put(i.data(), off, count);
            else if (v instanceof FloatVolume f) bb.asFloatBuffer().put(f.data(), off, count);
            else if (v instanceof DoubleVolume d) bb.asDoubleBuffer().put(d.data(), off, count);
            out.write(buf, 0, count * bpv);
            if (job != null) job.report(WRITE_TASK, off + count, n);
        }
        return buf;
    }

    /** Reads up to {@code n} bytes, fewer only at end of stream; returns how many were read. */
    public static int readFully(InputStream in, byte[] buf, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) break;
            got += r;
        }
        return got;
    }

    /** Skips exactly n bytes or throws IntersliceException naming the file. */
    public static void skipFully(InputStream in, long n, Path file) {
        try {
            long left = n;
            byte[] scratch = null;
            while (left > 0) {
                long s = in.skip(left);
                if (s <= 0) {
                    if (scratch == null) scratch = new byte[8192];
                    int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                    if (r < 0) throw new IntersliceException(file, "truncated: ended " + left + " bytes before the voxel data");
                    s = r;
                }
                left -= s;
            }
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + AtomicFiles.describe(e), e);
        }
    }

    /** Bytes as "12.3 MB" (10^6 bytes, as the CLI prints sizes), "5.1 kB" below 1 MB. */
    static String mb(long bytes) {
        return bytes < 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3) : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /**
     * Checks, before allocating, that a header's voxel count is possible: dims positive, at most one
     * array, bytes within {@code maxBytes}. Returns the byte count of the voxel data.
     */
    public static long checkAllocation(Path file, long nx, long ny, long nz, int bytesPerVoxel, long maxBytes) {
        return checkAllocation(file, nx, ny, nz, bytesPerVoxel, maxBytes, 0);
    }

    /**
     * As {@link #checkAllocation(Path, long, long, long, int, long)}, counting {@code workBytes} more
     * (a decoder's buffers) against {@code maxBytes}.
     */
    public static long checkAllocation(Path file, long nx, long ny, long nz, int bytesPerVoxel, long maxBytes, long workBytes) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IntersliceException(file, "invalid dimensions " + nx + "x" + ny + "x" + nz);
        double voxels = (double) nx * ny * nz;
        if (voxels > Volume.MAX_VOXELS)
            throw new IntersliceException(file, "dimensions " + nx + "x" + ny + "x" + nz + " (" + (long) voxels + " voxels) exceed one volume's limit of " + Volume.MAX_VOXELS);
        long bytes = nx * ny * nz * bytesPerVoxel;
        if (bytes + workBytes > maxBytes)
            throw new IntersliceException(file, "dimensions " + nx + "x" + ny + "x" + nz + " need " + mb(bytes)
                    + (workBytes > 0 ? " plus " + mb(workBytes) + " to decode" : "") + ", more than the " + mb(maxBytes) + " available");
        return bytes;
    }
}
