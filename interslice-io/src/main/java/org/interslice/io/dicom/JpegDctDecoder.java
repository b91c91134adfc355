package org.interslice.io.dicom;

import java.nio.file.Path;
import org.interslice.core.IntersliceException;

/**
 * Sequential DCT JPEG decoder (ITU-T T.81 processes 1, 2 and 4: Huffman coding, 8 or 12-bit samples)
 * for one grey component: the 12-bit lossy JPEG of DICOM's JPEG Extended syntax, which the ImageIO
 * decoders refuse. Huffman tables (T.81 annex C, F.2.2.3), dequantization, restart intervals, and a
 * floating-point 8x8 inverse DCT (T.81 A.3.3), rounded and clamped to the sample range. libjpeg's
 * integer IDCT may round a sample differently by 1. Not supported (refused by name): progressive or
 * arithmetic coding, several components. Every read is bounded by the codestream.
 */
final class JpegDctDecoder {
    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    /** COS[x * 8 + u] = C(u) cos((2x + 1) u pi / 16) / 2. */
    private static final double[] COS = new double[64];

    static {
        for (int x = 0; x < 8; x++)
            for (int u = 0; u < 8; u++) COS[x * 8 + u] = (u == 0 ? Math.sqrt(0.5) : 1) * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
    }

    private final Path file;
    private final byte[] src;
    private int pos;
    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4], ac = new Huffman[4];
    // bit reader
    private int bits, nbits, padded;

    private JpegDctDecoder(Path file, byte[] src) {
        this.file = file;
        this.src = src;
    }

    /** Decodes a codestream of {@code columns x rows} samples into little-endian samples of {@code bytes} bytes. */
    static byte[] decode(Path file, byte[] src, int columns, int rows, int bytes) {
        return new JpegDctDecoder(file, src).run(columns, rows, bytes);
    }

    private IntersliceException corrupt(String why) {
        return new IntersliceException(file, "corrupt JPEG codestream: " + why);
    }

    private int u8() {
        if (pos >= src.length) throw corrupt("ends at byte " + pos + " inside its header");
        return src[pos++] & 0xFF;
    }

    private int u16() {
        return (u8() << 8) | u8();
    }

    private static final class Huffman {
        final int[] maxcode = new int[18], valptr = new int[17], mincode = new int[17];
        final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0, k = 0;
            for (int l = 1; l <= 16; l++) {
                valptr[l] = k;
                mincode[l] = code;
                code += counts[l];
                k += counts[l];
                maxcode[l] = counts[l] > 0 ? code - 1 : -1;
                code <<= 1;
            }
            maxcode[17] = Integer.MAX_VALUE;
        }
    }

    private byte[] run(int columns, int rows, int bytes) {
        if (u16() != 0xFFD8) throw corrupt("no SOI marker");
        int precision = -1, width = -1, height = -1, tq = 0, restart = 0;
        while (true) {
            if (u8() != 0xFF) throw corrupt("no marker at byte " + (pos - 1));
            int marker = u8();
            while (marker == 0xFF) marker = u8();
            if (marker == 0xD9) throw corrupt("EOI before the scan");
            int len = u16();
            if (len < 2 || pos + len - 2 > src.length) throw corrupt("segment FF" + Integer.toHexString(marker) + " of " + len + " bytes passes the end");
            int end = pos + len - 2;
            switch (marker) {
                case 0xC0: case 0xC1: {
                    precision = u8();
                    height = u16();
                    width = u16();
                    int comps = u8();
                    if (comps != 1) throw new IntersliceException(file, "JPEG with " + comps + " components is not supported (grey only)");
                    u8();
                    u8();
                    tq = u8() & 3;
                    break;
                }
                case 0xC2: case 0xC3: case 0xC5: case 0xC6: case 0xC7: case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
                    throw new IntersliceException(file, "JPEG process SOF" + (marker - 0xC0) + " (progressive, lossless, hierarchical or arithmetic) is not supported by the 12-bit decoder");
                case 0xDB:
                    while (pos < end) {
                        int pq = u8(), t = pq & 3;
                        int[] q = new int[64];
                        for (int i = 0; i < 64; i++) q[ZIGZAG[i]] = (pq >> 4) == 0 ? u8() : u16();
                        quant[t] = q;
                    }
                    break;
                case 0xC4:
                    while (pos < end) {
                        int tc = u8(), th = tc & 3;
                        int[] counts = new int[17];
                        int total = 0;
                        for (int l = 1; l <= 16; l++) total += counts[l] = u8();
                        if (total > 256) throw corrupt("Huffman table of " + total + " codes");
                        int[] values = new int[total];
                        for (int i = 0; i < total; i++) values[i] = u8();
                        (tc >> 4 == 0 ? dc : ac)[th] = new Huffman(counts, values);
                    }
                    break;
                case 0xDD:
                    restart = u16();
                    break;
                case 0xDA: {
                    if (precision < 0) throw corrupt("scan before the frame header");
                    if (precision != 8 && precision != 12) throw corrupt("precision " + precision + " (8 or 12 bits)");
                    if (width != columns || height != rows)
                        throw new IntersliceException(file, "JPEG codestream is " + width + "x" + height + ", the header says " + columns + "x" + rows);
                    if (u8() != 1) throw corrupt("scan of several components");
                    u8();
                    int td = u8();
                    Huffman d = dc[td >> 4 & 3], a = ac[td & 3];
                    if (d == null || a == null || quant[tq] == null) throw corrupt("scan refers to a missing Huffman or quantization table");
                    pos = end;
                    return scan(columns, rows, bytes, precision, d, a, quant[tq], restart);
                }
                default:
                    break;
            }
            pos = end;
        }
    }

    // ---------------------------------------------------------------- entropy-coded data

    private int bit() {
        if (nbits == 0) {
            int b = 0;
            if (pos < src.length && (src[pos] & 0xFF) != 0xFF) {
                b = src[pos++] & 0xFF;
            } else if (pos + 1 < src.length && (src[pos] & 0xFF) == 0xFF && src[pos + 1] == 0) {
                b = 0xFF;
                pos += 2;
            } else if (++padded > 8) {
                // at a marker or the end: a few padding bits are normal, a whole missing block is not
                throw corrupt("entropy-coded data ends early (truncated)");
            }
            bits = b;
            nbits = 8;
        }
        nbits--;
        return (bits >> nbits) & 1;
    }

    private int receive(int s) {
        int v = 0;
        for (int i = 0; i < s; i++) v = (v << 1) | bit();
        return v;
    }

    private static int extend(int v, int s) {
        return s == 0 ? 0 : v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    private int decode(Huffman h) {
        int code = bit(), l = 1;
        while (code > h.maxcode[l]) {
            if (++l > 16) throw corrupt("invalid Huffman code");
            code = (code << 1) | bit();
        }
        int i = h.valptr[l] + code - h.mincode[l];
        if (i < 0 || i >= h.values.length) throw corrupt("Huffman code outside its table");
        return h.values[i];
    }

    private byte[] scan(int w, int h, int bytes, int precision, Huffman dcTable, Huffman acTable, int[] q, int restart) {
        byte[] out = new byte[w * h * bytes];
        int bw = (w + 7) / 8, bh = (h + 7) / 8, maxval = (1 << precision) - 1, shift = 1 << (precision - 1);
        double[] coef = new double[64], tmp = new double[64];
        int pred = 0, done = 0, expect = 0;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                if (restart > 0 && done > 0 && done % restart == 0) {
                    // byte-aligned RSTn marker: reset the predictor and the bit reader
                    nbits = 0;
                    if (pos + 1 >= src.length || (src[pos] & 0xFF) != 0xFF || (src[pos + 1] & 0xFF) != (0xD0 + expect))
                        throw corrupt("restart marker RST" + expect + " missing");
                    pos += 2;
                    expect = (expect + 1) & 7;
                    pred = 0;
                    padded = 0;
                }
                java.util.Arrays.fill(coef, 0);
                int t = decode(dcTable);
                if (t > 16) throw corrupt("DC difference category " + t);
                pred += extend(receive(t), t);
                coef[0] = pred * (double) q[0];
                for (int k = 1; k < 64; ) {
                    int rs = decode(acTable), r = rs >> 4, s = rs & 15;
                    if (s == 0) {
                        if (r != 15) break;
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) throw corrupt("AC coefficient index past 63");
                    coef[ZIGZAG[k]] = extend(receive(s), s) * (double) q[ZIGZAG[k]];
                    k++;
                }
                idct(coef, tmp);
                for (int y = 0; y < 8; y++) {
                    int py = by * 8 + y;
                    if (py >= h) break;
                    for (int x = 0; x < 8; x++) {
                        int px = bx * 8 + x;
                        if (px >= w) break;
                        long v = Math.round(coef[y * 8 + x]) + shift;
                        int s = (int) (v < 0 ? 0 : Math.min(v, maxval));
                        int o = (py * w + px) * bytes;
                        for (int b = 0; b < bytes; b++) out[o + b] = (byte) (s >>> (8 * b));
                    }
                }
                done++;
            }
        }
        return out;
    }

    /** In-place separable inverse DCT of an 8x8 block (row-major, [v * 8 + u] in, [y * 8 + x] out). */
    private static void idct(double[] f, double[] tmp) {
        for (int v = 0; v < 8; v++)
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) s += COS[x * 8 + u] * f[v * 8 + u];
                tmp[v * 8 + x] = s;
            }
        for (int x = 0; x < 8; x++)
            for (int y = 0; y < 8; y++) {
                double s = 0;
                for (int v = 0; v < 8; v++) s += COS[y * 8 + v] * tmp[v * 8 + x];
                f[y * 8 + x] = s;
            }
    }
}
