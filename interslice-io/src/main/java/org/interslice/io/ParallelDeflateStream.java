package org.interslice.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;
import org.interslice.core.exec.Job;

/**
 * A gzip (RFC 1952) or zlib (RFC 1950) stream whose deflate work runs on the job's threads, as pigz
 * does: the data are cut into {@value #BLOCK}-byte blocks, a batch of blocks is deflated in parallel,
 * each block but the last ending in a sync flush (an empty stored block that byte-aligns it, so the
 * compressed blocks simply concatenate into one valid deflate stream), and the checksum (CRC-32 or
 * Adler-32) is updated over the data in order on the caller's thread. Blocks do not share a dictionary,
 * which costs a fraction of a percent in size. Memory: about 2 x {@value #BLOCK} bytes per block of a
 * batch (two blocks per thread). Not thread-safe; {@link #close()} finishes the stream and closes the
 * underlying one.
 */
public final class ParallelDeflateStream extends OutputStream {
    /** Uncompressed bytes per block. */
    public static final int BLOCK = 1 << 20;

    /** The container around the deflate data. */
    public enum Wrapper { GZIP, ZLIB }

    private final OutputStream out;
    private final Wrapper wrapper;
    private final Job job;
    private final byte[][] in;
    private final int[] inLength;
    private final byte[][] packed;
    private final int[] packedLength;
    private final Deflater[] deflaters;
    private final Checksum checksum;
    private long total;
    private int block;   // block being filled
    private boolean closed;

    /**
     * @param out     receives the compressed stream; closed by {@link #close()}
     * @param level   deflate level 0 (stored, no compression) .. 9
     * @param job     threads for deflating (one thread: the caller's); cancellation is honoured per batch
     */
    public ParallelDeflateStream(OutputStream out, Wrapper wrapper, int level, Job job) throws IOException {
        if (level < 0 || level > 9) throw new IllegalArgumentException("level " + level + " is not in 0..9");
        this.out = out;
        this.wrapper = wrapper;
        this.job = job;
        int blocks = Math.min(64, Math.max(2, 2 * job.threads()));
        in = new byte[blocks][];
        inLength = new int[blocks];
        packed = new byte[blocks][];
        packedLength = new int[blocks];
        deflaters = new Deflater[blocks];
        for (int b = 0; b < blocks; b++) deflaters[b] = new Deflater(level, true);
        checksum = wrapper == Wrapper.GZIP ? new CRC32() : new Adler32();
        if (wrapper == Wrapper.GZIP) {
            // magic, deflate, no flags, mtime 0, extra flags 0, OS unknown (255): reproducible output
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
        } else {
            int flevel = level <= 1 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
            int cmf = 0x78, flg = flevel << 6;
            flg += 31 - ((cmf << 8) + flg) % 31;
            out.write(new byte[] {(byte) cmf, (byte) flg});
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("stream closed");
        while (len > 0) {
            if (in[block] == null) in[block] = new byte[BLOCK];
            int n = Math.min(len, BLOCK - inLength[block]);
            System.arraycopy(b, off, in[block], inLength[block], n);
            inLength[block] += n;
            off += n;
            len -= n;
            if (inLength[block] == BLOCK && ++block == in.length) flushBatch(false);
        }
    }

    /** Deflates the filled blocks in parallel and writes them in order; with {@code last} the final one finishes the stream. */
    private void flushBatch(boolean last) throws IOException {
        int n = block + (block < in.length && inLength[block] > 0 ? 1 : 0);
        if (last && n == 0) {
            if (in[0] == null) in[0] = new byte[0];
            n = 1;   // an empty final block ends the deflate stream
        }
        for (int b = 0; b < n; b++) {
            checksum.update(in[b], 0, inLength[b]);
            total += inLength[b];
        }
        final int count = n;
        job.forEachSlab(count, b -> deflate(b, last && b == count - 1));
        for (int b = 0; b < n; b++) {
            out.write(packed[b], 0, packedLength[b]);
            inLength[b] = 0;
        }
        block = 0;
    }

    private void deflate(int b, boolean finish) {
        Deflater d = deflaters[b];
        d.reset();
        d.setInput(in[b], 0, inLength[b]);
        if (finish) d.finish();
        if (packed[b] == null) packed[b] = new byte[BLOCK + (BLOCK >> 4) + 64];
        int length = 0;
        while (true) {
            if (length == packed[b].length) packed[b] = java.util.Arrays.copyOf(packed[b], 2 * length);
            int room = packed[b].length - length;
            int k = d.deflate(packed[b], length, room, finish ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            length += k;
            // a flush is complete when the output did not fill the room; a finish when the deflater says so
            if (finish ? d.finished() : k < room) break;
        }
        packedLength[b] = length;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (OutputStream o = out) {
            flushBatch(true);
            long c = checksum.getValue();
            if (wrapper == Wrapper.GZIP) {
                o.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                        (byte) total, (byte) (total >> 8), (byte) (total >> 16), (byte) (total >> 24)});
            } else {
                o.write(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
            }
        } finally {
            for (Deflater d : deflaters) d.end();
        }
    }
}
