package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.interslice.core.exec.Job;
import org.junit.jupiter.api.Test;

/**
 * The parallel stream must be readable by the JDK's independent gzip and zlib readers (which check the
 * CRC-32 / Adler-32 trailers), byte for byte, for sizes around block and batch boundaries, every level
 * and thread count; and the same bytes whatever the thread count.
 */
class ParallelDeflateStreamTest {
    static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) b[i] = (byte) (i % 251 < 200 ? (i / 7) & 0x3f : r.nextInt());   // compressible with noise
        return b;
    }

    static byte[] compress(byte[] d, ParallelDeflateStream.Wrapper w, int level, int threads, int chunk) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (Job job = Job.of(threads, null); ParallelDeflateStream s = new ParallelDeflateStream(bo, w, level, job)) {
            for (int off = 0; off < d.length; off += chunk) s.write(d, off, Math.min(chunk, d.length - off));
        }
        return bo.toByteArray();
    }

    @Test
    void jdkReadersGetTheDataBack() throws IOException {
        int block = ParallelDeflateStream.BLOCK;
        int[] sizes = {0, 1, 1000, block - 1, block, block + 1, 4 * block, 4 * block + 17, 9 * block + 5};
        for (int n : sizes) {
            byte[] d = data(n, n);
            for (int threads : new int[] {1, 2, 3}) {
                for (int level : new int[] {1, 6, 9}) {
                    byte[] gz = compress(d, ParallelDeflateStream.Wrapper.GZIP, level, threads, 70_001);
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                        assertArrayEquals(d, in.readAllBytes(), "gzip n=" + n + " threads=" + threads + " level=" + level);
                    }
                    byte[] z = compress(d, ParallelDeflateStream.Wrapper.ZLIB, level, threads, 1 << 16);
                    try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(z))) {
                        assertArrayEquals(d, in.readAllBytes(), "zlib n=" + n + " threads=" + threads + " level=" + level);
                    }
                }
            }
        }
    }

    @Test
    void threadCountDoesNotChangeTheBytes() throws IOException {
        byte[] d = data(5 * ParallelDeflateStream.BLOCK + 3, 7);
        byte[] one = compress(d, ParallelDeflateStream.Wrapper.GZIP, 1, 1, 1 << 20);
        assertArrayEquals(one, compress(d, ParallelDeflateStream.Wrapper.GZIP, 1, 4, 12_345));
        assertEquals(0x1f, one[0] & 0xff);
    }
}
