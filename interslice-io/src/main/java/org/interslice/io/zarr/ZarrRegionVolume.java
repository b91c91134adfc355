package org.interslice.io.zarr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.SafeFiles;
import org.interslice.io.VolumeHeader;

/**
 * Region reads of a Zarr array: a region reads and decodes only the chunks it overlaps, one at a time, and
 * copies their overlap; a missing chunk reads as the fill value. Non-spatial axes (t, c) are read at index
 * 0. A chunk file must decode to exactly one chunk's bytes; anything else is an IntersliceException naming
 * the chunk file. Region reads may run concurrently (no shared state but the metadata).
 */
final class ZarrRegionVolume implements OpenVolume {
    private final Path path;
    private final OmeImage image;
    private final VolumeHeader header;
    private final long maxBytes;
    /**
     * Recently decoded chunks (least recently used dropped first), up to {@link #cacheBudget} bytes, so
     * that reading a chunk's planes one slab at a time decodes it once. Guarded by itself.
     */
    private final java.util.LinkedHashMap<Path, byte[]> cache = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private final long cacheBudget;
    private long cached;

    ZarrRegionVolume(Path path, OmeImage image, long maxBytes) {
        this.path = path;
        this.image = image;
        this.maxBytes = maxBytes;
        ZarrArray a = image.array();
        int[] of = image.axisOf();
        int nx = of[0] < 0 ? 1 : (int) a.shape()[of[0]];
        int ny = of[1] < 0 ? 1 : (int) a.shape()[of[1]];
        int nz = of[2] < 0 ? 1 : (int) a.shape()[of[2]];
        if (a.chunkBytes() > maxBytes)
            throw new IntersliceException(a.meta(), "one chunk needs " + a.chunkBytes() + " bytes, more than the memory limit of " + maxBytes);
        this.header = new VolumeHeader(nx, ny, nz, a.type(), image.geometry(), image.label());
        this.cacheBudget = Math.min(maxBytes / 8, 256L << 20);
    }

    @Override public Path path() { return path; }
    @Override public VolumeHeader header() { return header; }
    @Override public boolean readsRegions() { return true; }

    @Override
    public int slabDepth() {
        int[] of = image.axisOf();
        return of[2] < 0 ? 1 : image.array().chunks()[of[2]];
    }
    @Override
    public void close() {
        synchronized (cache) {
            cache.clear();
            cached = 0;
        }
    }

    @Override
    public Block read(Interval box) {
        VolumeHeader h = header;
        box.checkWithin(h.nx(), h.ny(), h.nz());
        RawCodec.checkAllocation(path, box.nx(), box.ny(), box.nz(), h.type().bytes, maxBytes, image.array().chunkBytes());
        Geometry g = Block.crop(h.geometry(), box);
        Volume v = Volume.allocate(h.type(), box.nx(), box.ny(), box.nz(), g).with(g, h.label());
        ZarrArray a = image.array();
        int n = a.shape().length;
        int[] of = image.axisOf();
        int[] lo = {box.x0(), box.y0(), box.z0()}, hi = {box.x0() + box.nx(), box.y0() + box.ny(), box.z0() + box.nz()};
        // chunk index ranges along x, y, z (a missing axis has the single range 0..0)
        int[] c0 = new int[3], c1 = new int[3];
        for (int k = 0; k < 3; k++) {
            if (of[k] < 0) { c0[k] = 0; c1[k] = 0; continue; }
            int cs = a.chunks()[of[k]];
            c0[k] = lo[k] / cs;
            c1[k] = (hi[k] - 1) / cs;
        }
        long[] idx = new long[n];
        for (int cz = c0[2]; cz <= c1[2]; cz++) for (int cy = c0[1]; cy <= c1[1]; cy++) for (int cx = c0[0]; cx <= c1[0]; cx++) {
            int[] c = {cx, cy, cz};
            java.util.Arrays.fill(idx, 0);
            for (int k = 0; k < 3; k++) if (of[k] >= 0) idx[of[k]] = c[k];
            copyChunk(a, idx, c, lo, hi, v, box);
        }
        return new Block(v, box, h.nx(), h.ny(), h.nz(), h.geometry());
    }

    private void copyChunk(ZarrArray a, long[] idx, int[] c, int[] lo, int[] hi, Volume v, Interval box) {
        int[] of = image.axisOf();
        int n = a.shape().length;
        // strides of the decoded chunk, in samples
        long[] stride = new long[n];
        long s = 1;
        for (int d = n - 1; d >= 0; d--) { stride[d] = s; s *= a.chunks()[d]; }
        int[] from = new int[3], to = new int[3];
        long[] st = new long[3];
        for (int k = 0; k < 3; k++) {
            int cs = of[k] < 0 ? 1 : a.chunks()[of[k]];
            from[k] = Math.max(lo[k], c[k] * cs);
            to[k] = Math.min(hi[k], c[k] * cs + cs);
            st[k] = of[k] < 0 ? 0 : stride[of[k]];
        }
        Path f = a.chunkFile(idx);
        byte[] bytes = chunk(a, f);
        int run = to[0] - from[0];
        if (bytes == null) {
            if (a.fill() == 0) return;
            for (int z = from[2]; z < to[2]; z++) for (int y = from[1]; y < to[1]; y++) {
                int dst = v.index(from[0] - box.x0(), y - box.y0(), z - box.z0());
                for (int i = 0; i < run; i++) v.set(dst + i, a.fill());
            }
            return;
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(a.order());
        int bpv = a.type().bytes;
        for (int z = from[2]; z < to[2]; z++) for (int y = from[1]; y < to[1]; y++) {
            int cs0 = of[0] < 0 ? 1 : a.chunks()[of[0]], cs1 = of[1] < 0 ? 1 : a.chunks()[of[1]], cs2 = of[2] < 0 ? 1 : a.chunks()[of[2]];
            long base = (long) (from[0] - c[0] * cs0) * st[0] + (long) (y - c[1] * cs1) * st[1] + (long) (z - c[2] * cs2) * st[2];
            int dst = v.index(from[0] - box.x0(), y - box.y0(), z - box.z0());
            if (st[0] == 1) {
                RawCodec.decode(bb.duplicate().position((int) (base * bpv)).slice().order(a.order()), v, dst, run);
            } else {
                for (int i = 0; i < run; i++) v.set(dst + i, sample(bb, (int) ((base + i * st[0]) * bpv), a));
            }
        }
    }

    private static double sample(ByteBuffer bb, int at, ZarrArray a) {
        switch (a.type()) {
            case UINT8: return bb.get(at) & 0xff;
            case INT8: return bb.get(at);
            case UINT16: return bb.getShort(at) & 0xffff;
            case INT16: return bb.getShort(at);
            case UINT32: return bb.getInt(at) & 0xffffffffL;
            case INT32: return bb.getInt(at);
            case FLOAT32: return bb.getFloat(at);
            default: return bb.getDouble(at);
        }
    }

    /** The decoded bytes of one chunk (shared: read only), or null when its file does not exist. */
    private byte[] chunk(ZarrArray a, Path f) {
        synchronized (cache) {
            byte[] hit = cache.get(f);
            if (hit != null) return hit;
        }
        byte[] b = decode(a, f);
        if (b != null && b.length <= cacheBudget) {
            synchronized (cache) {
                if (cache.put(f, b) == null) cached += b.length;
                java.util.Iterator<byte[]> it = cache.values().iterator();
                while (cached > cacheBudget && it.hasNext()) {
                    cached -= it.next().length;
                    it.remove();
                }
            }
        }
        return b;
    }

    private byte[] decode(ZarrArray a, Path f) {
        byte[] raw;
        try {
            if (!Files.exists(f)) return null;
            SafeFiles.requireRegularFile(f, "chunk file");
            long size = Files.size(f);
            // a compressed chunk larger than its decoded size plus codec overhead is not one chunk
            if (size > a.chunkBytes() + 65536L + a.chunkBytes() / 8)
                throw new IntersliceException(f, "chunk file of " + size + " bytes is larger than a chunk of " + a.chunkBytes() + " bytes can be");
            raw = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read: " + AtomicFiles.plainReason(e, f), e);
        }
        try {
            return a.codec().decode(raw, a.chunkBytes());
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(f, "corrupt " + a.codec().name().toLowerCase(java.util.Locale.ROOT) + " chunk: " + e.getMessage(), e);
        }
    }
}
