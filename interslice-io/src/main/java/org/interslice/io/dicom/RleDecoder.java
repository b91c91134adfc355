package org.interslice.io.dicom;

import java.nio.file.Path;
import org.interslice.core.IntersliceException;

/**
 * RLE Lossless (PS3.5 annex G): a 64-byte header of 16 little-endian uint32 (segment count, then up to
 * 15 segment offsets), then one PackBits segment per byte plane, most significant byte first. Decodes
 * a single-sample frame into little-endian samples of {@code bytes} bytes.
 */
final class RleDecoder {
    private RleDecoder() {}

    static byte[] decode(Path file, byte[] src, int pixels, int bytes) {
        if (src.length < 64) throw new IntersliceException(file, "corrupt RLE frame: " + src.length + " bytes, shorter than its 64-byte header");
        long segments = u32(src, 0);
        if (segments != bytes)
            throw new IntersliceException(file, "corrupt RLE frame: " + segments + " segments, " + bytes + " byte plane(s) expected for one sample of " + 8 * bytes + " bits");
        long[] start = new long[bytes + 1];
        for (int s = 0; s < bytes; s++) {
            start[s] = u32(src, 4 + 4 * s);
            if (start[s] < 64 || start[s] > src.length || (s > 0 && start[s] < start[s - 1]))
                throw new IntersliceException(file, "corrupt RLE frame: segment " + (s + 1) + " offset " + start[s] + " outside 64.." + src.length + " or before the previous one");
        }
        start[bytes] = src.length;
        byte[] out = new byte[pixels * bytes];
        for (int s = 0; s < bytes; s++) {
            // segment s holds byte plane (bytes - 1 - s) of each little-endian sample
            int plane = bytes - 1 - s, o = 0, i = (int) start[s], end = (int) start[s + 1];
            while (o < pixels && i < end) {
                int n = src[i++];
                if (n >= 0) {
                    int c = n + 1;
                    if (i + c > end) throw new IntersliceException(file, "corrupt RLE segment " + (s + 1) + ": literal run of " + c + " bytes passes its end");
                    for (int j = 0; j < c && o < pixels; j++) out[(o++) * bytes + plane] = src[i + j];
                    i += c;
                } else if (n != -128) {
                    if (i >= end) throw new IntersliceException(file, "corrupt RLE segment " + (s + 1) + ": repeat run without its byte");
                    byte b = src[i++];
                    for (int j = 0, c = 1 - n; j < c && o < pixels; j++) out[(o++) * bytes + plane] = b;
                }
            }
            if (o < pixels) throw new IntersliceException(file, "corrupt or truncated RLE segment " + (s + 1) + ": " + o + " of " + pixels + " pixels");
        }
        return out;
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }
}
