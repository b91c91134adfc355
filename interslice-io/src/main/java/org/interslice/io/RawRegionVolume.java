package org.interslice.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Rescale;
import org.interslice.core.volume.Volume;

/**
 * Region reads of binary samples stored x fastest in one file (NIfTI, NRRD, MetaImage): uncompressed
 * data are read with positioned reads of just the region's runs of bytes (a row, or a whole plane range
 * when the region spans x, or x and y); compressed data (gzip, zlib) are inflated forward from the start,
 * skipping to the region's first run and stopping after its last (a region holding the last voxel reads on
 * to the end of the stream, so that its trailer is checked). Region reads may run concurrently.
 *
 * <p>The header is checked when opening, before any voxel is read: uncompressed data must be all
 * there (offset + voxels * bytes within the file), compressed data must be long enough for deflate's
 * best ratio to hold them.
 */
public final class RawRegionVolume implements OpenVolume {
    /** How the samples are stored from {@link Layout#offset}. */
    public enum Compression { NONE, GZIP, ZLIB }

    /** Deflate cannot compress more than about 1032:1 (see {@link TextHeaders}). */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Largest buffer of one positioned read or one inflated chunk. */
    private static final int CHUNK = 1 << 20;

    /**
     * Where and how the samples are stored.
     *
     * @param dataFile the file holding the samples
     * @param offset byte offset in {@code dataFile} where the samples start (uncompressed) or where the
     *        compressed stream starts
     * @param skipDecoded bytes of the inflated stream before the samples (compressed only)
     * @param compression how the bytes are stored
     * @param order byte order of multi-byte samples
     * @param stored the type of the samples in the file
     * @param slope rescale slope applied after reading (identity: see {@link Rescale#isIdentity})
     * @param intercept rescale intercept
     */
    public record Layout(Path dataFile, long offset, long skipDecoded, Compression compression, ByteOrder order,
                         PixelType stored, double slope, double intercept) {}

    private final Path path;
    private final VolumeHeader header;
    private final Layout layout;
    private FileChannel channel;

    private RawRegionVolume(Path path, VolumeHeader header, Layout layout) {
        this.path = path;
        this.header = header;
        this.layout = layout;
    }

    /**
     * Opens the samples a header describes; checks that the data file holds them (see the class comment).
     *
     * @param path the file opened (named in errors about the header)
     * @param nx size of the whole volume (and so on)
     * @param geometry geometry of the whole volume
     */
    public static RawRegionVolume open(Path path, int nx, int ny, int nz, Geometry geometry, boolean label, Layout layout) {
        Path f = layout.dataFile();
        if (!Files.isRegularFile(f)) throw new IntersliceException(f, "data file named by " + path.getFileName() + " does not exist");
        SafeFiles.requireRegularFile(f, "data file");   // no FIFOs, devices, /proc: a region read must end
        long length;
        try {
            length = Files.size(f);
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read: " + AtomicFiles.describe(e), e);
        }
        if ((double) nx * ny * nz * layout.stored().bytes > Long.MAX_VALUE / 2)
            throw new IntersliceException(path, "dimensions " + nx + "x" + ny + "x" + nz + " are too large for any file");
        long need = (long) nx * ny * nz * layout.stored().bytes;
        long available = length - layout.offset();
        if (layout.compression() == Compression.NONE) {
            if (available < need)
                throw new IntersliceException(f, "truncated: " + need + " bytes of voxel data declared at offset " + layout.offset() + ", file has " + length + " bytes");
        } else if (available < 8 || (need + layout.skipDecoded()) / MAX_DEFLATE_RATIO > available + 1024) {
            throw new IntersliceException(f, "truncated or corrupt: compressed data of " + Math.max(0, available) + " bytes cannot hold the declared " + need + " bytes");
        }
        PixelType type = Rescale.targetType(layout.stored(), layout.stored().min, layout.stored().max, layout.slope(), layout.intercept());
        return new RawRegionVolume(path, new VolumeHeader(nx, ny, nz, type, geometry, label), layout);
    }

    /**
     * Opens the samples a text header (NRRD, MetaImage) describes, or returns null for text samples
     * (they have no byte positions: the caller reads them whole).
     */
    public static RawRegionVolume open(Path header, TextHeaders.DataSpec spec, PixelType type, long nx, long ny, long nz,
                                       Geometry geometry, boolean label) {
        for (long d : new long[] {nx, ny, nz})
            if (d < 1 || d > Integer.MAX_VALUE) throw new IntersliceException(header, "invalid dimensions " + nx + "x" + ny + "x" + nz);
        Compression c;
        switch (spec.encoding()) {
            case RAW: c = Compression.NONE; break;
            case GZIP: c = Compression.GZIP; break;
            case ZLIB: c = Compression.ZLIB; break;
            default: return null;
        }
        long offset = spec.offset();
        if (offset < 0) {
            // raw data at the end of the file: the last voxels * bytes bytes
            long need = nx * ny * nz * type.bytes;
            long length;
            try {
                length = Files.size(spec.file());
            } catch (IOException e) {
                throw new IntersliceException(spec.file(), "cannot read: " + AtomicFiles.describe(e), e);
            }
            offset = length - need;
            if (offset < spec.minOffset()) throw new IntersliceException(spec.file(), "truncated voxel data: expected " + need + " bytes, found " + Math.max(0, length - spec.minOffset()));
        }
        Layout l = c == Compression.NONE
                ? new Layout(spec.file(), offset + spec.skipDecoded(), 0, c, spec.order(), type, 1, 0)
                : new Layout(spec.file(), offset, spec.skipDecoded(), c, spec.order(), type, 1, 0);
        return open(header, (int) nx, (int) ny, (int) nz, geometry, label, l);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public VolumeHeader header() {
        return header;
    }

    @Override
    public boolean readsRegions() {
        return true;
    }

    @Override
    public boolean typeMatchesWholeRead() {
        return !integerRescale(layout.stored(), layout.slope(), layout.intercept());
    }

    /** True when a whole read picks the rescaled type from the values (see {@link Rescale#targetType}). */
    private static boolean integerRescale(PixelType stored, double slope, double intercept) {
        if (Rescale.isIdentity(slope, intercept)) return false;
        double i = Double.isFinite(intercept) ? intercept : 0;
        return stored.integer && slope == Math.rint(slope) && i == Math.rint(i);
    }

    @Override
    public Block read(Interval box) {
        VolumeHeader h = header;
        box.checkWithin(h.nx(), h.ny(), h.nz());
        Geometry g = Block.crop(h.geometry(), box);
        Volume v = Volume.allocate(layout.stored(), box.nx(), box.ny(), box.nz(), g).with(g, h.label());
        Runs runs = new Runs(box, h.nx(), h.ny());
        try {
            if (layout.compression() == Compression.NONE) readPositioned(v, runs);
            else readStreamed(v, runs);
        } catch (java.io.EOFException e) {
            throw new IntersliceException(layout.dataFile(), "truncated voxel data: " + AtomicFiles.describe(e), e);
        } catch (IOException e) {
            throw new IntersliceException(layout.dataFile(), "cannot read voxel data: " + AtomicFiles.describe(e), e);
        }
        if (!Rescale.isIdentity(layout.slope(), layout.intercept())) v = Rescale.apply(v, layout.slope(), layout.intercept(), h.type());
        return new Block(v, box, h.nx(), h.ny(), h.nz(), h.geometry());
    }

    /**
     * The region as runs of consecutive voxels of the file, in file order: one run per row, merged into
     * one run per slice when the region spans x, and into a single run when it spans x and y.
     */
    private static final class Runs {
        final int count, length;
        private final Interval box;
        private final long nx, ny;
        private final boolean fullX, fullXY;

        Runs(Interval box, int nx, int ny) {
            this.box = box;
            this.nx = nx;
            this.ny = ny;
            fullX = box.x0() == 0 && box.nx() == nx;
            fullXY = fullX && box.y0() == 0 && box.ny() == ny;
            count = fullXY ? 1 : fullX ? box.nz() : box.ny() * box.nz();
            length = fullXY ? box.nx() * box.ny() * box.nz() : fullX ? box.nx() * box.ny() : box.nx();
        }

        /** Voxel index in the whole file of run r's first voxel. */
        long start(int r) {
            if (fullXY) return nx * ny * box.z0();
            if (fullX) return nx * (box.y0() + ny * (box.z0() + r));
            int y = r % box.ny(), z = r / box.ny();
            return box.x0() + nx * (box.y0() + y + ny * (box.z0() + (long) z));
        }
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null) channel = FileChannel.open(layout.dataFile(), StandardOpenOption.READ);
        return channel;
    }

    private void readPositioned(Volume v, Runs runs) throws IOException {
        int bpv = layout.stored().bytes;
        FileChannel ch = channel();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) runs.length * bpv)).order(layout.order());
        int perChunk = buf.capacity() / bpv;
        int dst = 0;
        for (int r = 0; r < runs.count; r++) {
            long pos = layout.offset() + runs.start(r) * bpv;
            for (int done = 0; done < runs.length; ) {
                int n = Math.min(perChunk, runs.length - done);
                buf.clear().limit(n * bpv);
                while (buf.hasRemaining()) {
                    int got = ch.read(buf, pos + buf.position());
                    if (got < 0) throw new java.io.EOFException("file ends at byte " + (pos + buf.position()));
                }
                buf.flip();
                RawCodec.decode(buf, v, dst, n);
                dst += n;
                done += n;
                pos += (long) n * bpv;
            }
        }
    }

    private void readStreamed(Volume v, Runs runs) throws IOException {
        int bpv = layout.stored().bytes;
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) runs.length * bpv)];
        int perChunk = buf.length / bpv;
        Path f = layout.dataFile();
        try (InputStream raw = Files.newInputStream(f)) {
            RawCodec.skipFully(raw, layout.offset(), f);
            InputStream in = inflated(raw);
            RawCodec.skipFully(in, layout.skipDecoded(), f);
            long at = 0;   // voxel index of the stream's position
            int dst = 0;
            for (int r = 0; r < runs.count; r++) {
                long start = runs.start(r);
                RawCodec.skipFully(in, (start - at) * bpv, f);
                for (int done = 0; done < runs.length; ) {
                    int n = Math.min(perChunk, runs.length - done);
                    if (RawCodec.readFully(in, buf, n * bpv) < n * bpv)
                        throw new IntersliceException(f, "truncated voxel data: the stream ends inside voxel " + (start + done));
                    RawCodec.decode(ByteBuffer.wrap(buf, 0, n * bpv).order(layout.order()), v, dst, n);
                    dst += n;
                    done += n;
                }
                at = start + runs.length;
            }
            // a region that ends with the file's last voxel reads on through the stream's trailer, as a whole
            // read does: a corrupt CRC or length is an error here too (region reads that stop earlier cannot
            // see it without inflating the rest)
            if (at == (long) header.nx() * header.ny() * header.nz()) Gzip.finish(in, f);
        }
    }

    /** The inflated stream; zlib data written as gzip (some writers do) is accepted by its magic. */
    private InputStream inflated(InputStream raw) throws IOException {
        BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
        if (layout.compression() == Compression.GZIP) return Gzip.input(b);
        b.mark(2);
        int b0 = b.read(), b1 = b.read();
        b.reset();
        if (b0 == 0x1f && b1 == 0x8b) return Gzip.input(b);
        return new BufferedInputStream(new InflaterInputStream(b, new Inflater(), 1 << 16), 1 << 16);
    }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written: a failed close of a read-only channel loses nothing
        }
        channel = null;
    }
}
