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
