package org.interslice.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/** gzip streams shared by the formats: buffered reading, parallel deflate for writing ({@link ParallelDeflateStream}). */
public final class Gzip {
    private Gzip() {}

    /** True when the bytes start with the gzip magic 1f 8b. */
    public static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b;
    }

    /** A buffered gzip reader (concatenated members are read as one stream). */
    public static InputStream input(InputStream raw) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }

    /** Declared decoded sizes from which {@link #requireDecodedLength} checks the stream before allocating. */
    public static final long CHECK_FROM_BYTES = 64L << 20;

    /** Opens the decoding stream over the raw bytes of a compressed file (gzip, zlib). */
    public interface Decoder {
        InputStream open(InputStream raw) throws IOException;
    }

    /**
     * Checks, before the caller allocates, that the compressed stream starting at byte {@code start} of
     * {@code file} decodes to at least {@code need} bytes; an IntersliceException naming the file
     * otherwise. A short stream then fails before a large allocation instead of after it (a 1 MB file
     * claiming 10^9 voxels). Free for most files: below {@link #CHECK_FROM_BYTES}, or when a gzip
     * stream's trailer (ISIZE, the decoded length mod 2^32) equals the need, nothing is decoded; else the
     * stream is inflated once into a small scratch buffer, counting, up to {@code need} bytes.
     */
    public static void requireDecodedLength(java.nio.file.Path file, long start, long need, Decoder decoder) {
        if (need < CHECK_FROM_BYTES) return;
        try {
            long size = java.nio.file.Files.size(file);
            if (size - start >= 18 && trailerMatches(file, start, size, need)) return;
            long got = 0;
            try (InputStream raw = java.nio.file.Files.newInputStream(file)) {
                RawCodec.skipFully(raw, start, file);
                InputStream in = decoder.open(raw);
                byte[] buf = new byte[1 << 16];
                while (got < need) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, need - got));
                    if (r < 0) break;
                    got += r;
                }
            } catch (java.io.EOFException e) {
                // cut inside the stream: got holds what was decoded before the cut
            }
            if (got < need)
                throw new org.interslice.core.IntersliceException(file, "truncated compressed data: it decodes to " + got + " bytes, the header declares "
                        + need + " (refused before allocating)");
        } catch (IOException e) {
            throw new org.interslice.core.IntersliceException(file, "corrupt compressed data: " + AtomicFiles.describe(e), e);
        }
    }

    /** True when the bytes at {@code start} are gzip and the file's last 4 bytes (ISIZE) equal need mod 2^32. */
    private static boolean trailerMatches(java.nio.file.Path file, long start, long size, long need) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(2), tail = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.read(head, start);
            ch.read(tail, size - 4);
            if (head.position() < 2 || tail.position() < 4) return false;
            return isGzip(head.array()) && (tail.getInt(0) & 0xFFFFFFFFL) == (need & 0xFFFFFFFFL);
        }
    }

    /** Most bytes {@link #finish} reads past the declared data looking for the stream's end. */
    public static final int MAX_TRAILING = 1 << 20;

    /**
     * After the declared voxels: reads on to the end of a compressed stream, so that its trailer (CRC and
     * length) is checked and a file cut inside the trailer is reported. Bounded: a stream that inflates
     * more than {@link #MAX_TRAILING} bytes past the declared data (a decompression bomb) is not followed
     * further; the extra data is ignored, as nibabel and ITK ignore it.
     */
    public static void finish(InputStream in, java.nio.file.Path file) {
        byte[] buf = new byte[8192];
        long extra = 0;
        try {
            int r;
            while (extra < MAX_TRAILING && (r = in.read(buf)) >= 0) extra += r;
        } catch (IOException e) {
            throw new org.interslice.core.IntersliceException(file, "truncated or corrupt compressed stream after the voxel data: " + AtomicFiles.describe(e), e);
        }
    }

    /**
     * A gzip writer at {@link WriteOptions#gzipLevel}, deflating blocks on the job's threads
     * ({@link ParallelDeflateStream}). The stream must be closed (finished); closing closes {@code raw}.
     */
    public static OutputStream output(OutputStream raw, WriteOptions options) throws IOException {
        return new ParallelDeflateStream(raw, ParallelDeflateStream.Wrapper.GZIP, options.gzipLevel, options.job.quiet());
    }

    /** A zlib (RFC 1950) writer, as {@link #output} (MetaImage's compressed data). */
    public static OutputStream zlibOutput(OutputStream raw, WriteOptions options) throws IOException {
        return new ParallelDeflateStream(raw, ParallelDeflateStream.Wrapper.ZLIB, options.gzipLevel, options.job.quiet());
    }
}
