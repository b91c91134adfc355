package org.interslice.io.dicom;

import java.nio.file.Path;
import org.interslice.core.IntersliceException;

/**
 * JPEG-LS decoder (ITU-T T.87 / ISO 14495-1) for one grey component: lossless and near-lossless
 * (NEAR), default or LSE-preset thresholds, 2 to 16 bits. Regular mode (gradient contexts, median edge
 * predictor, bias correction, limited-length Golomb codes) and run mode (run lengths by the J table,
 * run interruption samples), as in T.87 annex A; marker bit stuffing as in annex C. Not supported
 * (refused by name): several components, mapping tables, point transform, restart intervals. Every
 * read is bounded by the codestream: a truncated or corrupt one is an {@link IntersliceException}.
 */
final class JpegLsDecoder {
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    private final Path file;
    private final byte[] src;
    private int pos;
    // bit reader state
    private long bits;
    private int nbits;
    private boolean lastFF;
    // coding parameters
    private int maxval, near, range, qbpp, limit, reset, t1, t2, t3;
    private final int[] a = new int[367], b = new int[367], c = new int[367], n = new int[367], nn = new int[367];
    private int runIndex;

    private JpegLsDecoder(Path file, byte[] src) {
        this.file = file;
        this.src = src;
    }

    /** Decodes a codestream of {@code columns x rows} samples into little-endian samples of {@code bytes} bytes. */
    static byte[] decode(Path file, byte[] src, int columns, int rows, int bytes) {
        return new JpegLsDecoder(file, src).run(columns, rows, bytes);
    }

    private IntersliceException corrupt(String why) {
        return new IntersliceException(file, "corrupt JPEG-LS codestream: " + why);
    }

    private int u8() {
        if (pos >= src.length) throw corrupt("ends at byte " + pos + " inside its header");
        return src[pos++] & 0xFF;
    }

    private int u16() {
        return (u8() << 8) | u8();
    }

    private byte[] run(int columns, int rows, int bytes) {
        if (u16() != 0xFFD8) throw corrupt("no SOI marker");
        int precision = -1, width = -1, height = -1;
        int presetMaxval = 0, pt1 = 0, pt2 = 0, pt3 = 0, preset = 0;
        while (true) {
            int m = u8();
            if (m != 0xFF) throw corrupt("byte " + m + " where a marker belongs (offset " + (pos - 1) + ")");
            int marker = u8();
            while (marker == 0xFF) marker = u8(); // fill bytes
            if (marker == 0xD9) throw corrupt("EOI before the scan");
            int len = u16();
            if (len < 2 || pos + len - 2 > src.length) throw corrupt("segment FF" + Integer.toHexString(marker) + " of " + len + " bytes passes the end");
            int end = pos + len - 2;
            switch (marker) {
                case 0xF7: { // SOF55: JPEG-LS frame header
                    precision = u8();
                    height = u16();
                    width = u16();
                    int comps = u8();
                    if (comps != 1) throw new IntersliceException(file, "JPEG-LS with " + comps + " components is not supported (grey only)");
                    break;
                }
                case 0xF8: { // LSE preset parameters
                    int id = u8();
                    if (id != 1) throw new IntersliceException(file, "JPEG-LS preset " + id + " (mapping tables or extensions) is not supported");
                    presetMaxval = u16();
                    pt1 = u16();
                    pt2 = u16();
                    pt3 = u16();
                    preset = u16();
                    break;
                }
                case 0xDD: // DRI
                    if (len >= 4 && u16() != 0) throw new IntersliceException(file, "JPEG-LS restart intervals are not supported");
                    break;
                case 0xDA: { // SOS
                    if (precision < 0) throw corrupt("scan before the frame header");
                    if (precision < 2 || precision > 16) throw corrupt("precision " + precision + " outside 2..16");
                    if (width != columns || height != rows)
                        throw new IntersliceException(file, "JPEG-LS codestream is " + width + "x" + height + ", the header says " + columns + "x" + rows);
                    int ns = u8();
                    if (ns != 1) throw corrupt(ns + " components in the scan");
                    u8();
                    if (u8() != 0) throw new IntersliceException(file, "JPEG-LS mapping tables are not supported");
                    near = u8();
                    int ilv = u8(), al = u8() & 0x0F;
                    if (al != 0) throw new IntersliceException(file, "JPEG-LS point transform " + al + " is not supported");
                    if (ilv > 2) throw corrupt("interleave mode " + ilv);
                    pos = end;
                    setup(precision, presetMaxval, pt1, pt2, pt3, preset);
                    return scan(columns, rows, bytes);
                }
                default:
                    break; // APPn, COM and others: skipped by length
            }
            pos = end;
        }
    }

    private void setup(int precision, int presetMaxval, int pt1, int pt2, int pt3, int preset) {
        maxval = presetMaxval > 0 ? presetMaxval : (1 << precision) - 1;
        if (maxval >= 1 << precision && presetMaxval > 0) throw corrupt("MAXVAL " + maxval + " exceeds " + precision + " bits");
        if (near > Math.min(255, maxval / 2)) throw corrupt("NEAR " + near + " for MAXVAL " + maxval);
        // default thresholds, T.87 C.2.4.1.1
        int d1, d2, d3;
        if (maxval >= 128) {
            int f = (Math.min(maxval, 4095) + 128) >> 8;
            d1 = clamp(f * (3 - 2) + 2 + 3 * near, near + 1);
            d2 = clamp(f * (7 - 3) + 3 + 5 * near, d1);
            d3 = clamp(f * (21 - 4) + 4 + 7 * near, d2);
        } else {
            int f = 256 / (maxval + 1);
            d1 = clamp(Math.max(2, 3 / f + 3 * near), near + 1);
            d2 = clamp(Math.max(3, 7 / f + 5 * near), d1);
            d3 = clamp(Math.max(4, 21 / f + 7 * near), d2);
        }
        t1 = pt1 > 0 ? pt1 : d1;
        t2 = pt2 > 0 ? pt2 : d2;
        t3 = pt3 > 0 ? pt3 : d3;
        reset = preset > 0 ? preset : 64;
        if (!(near < t1 && t1 <= t2 && t2 <= t3 && t3 <= maxval) || reset < 3) throw corrupt("thresholds " + t1 + "/" + t2 + "/" + t3 + " or RESET " + reset + " invalid");
        range = (maxval + 2 * near) / (2 * near + 1) + 1;
        qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxval));
        limit = 2 * (bpp + Math.max(8, bpp));
        int a0 = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, a0);
        java.util.Arrays.fill(n, 1);
    }

    private int clamp(int i, int j) {
        return i > maxval || i < j ? j : i;
    }

    // ---------------------------------------------------------------- bits

    private void fillBits() {
        while (nbits <= 56) {
            if (pos >= src.length) {
                if (nbits > 0) return;
                throw corrupt("truncated scan");
            }
            int v = src[pos] & 0xFF;
            if (lastFF) {
                if (v >= 0x80) {
                    // a marker: the scan's data ended
                    if (nbits > 0) return;
                    throw corrupt("scan data ends before the last sample");
                }
                pos++;
                bits = (bits << 7) | v;
                nbits += 7;
                lastFF = false;
            } else {
                pos++;
                bits = (bits << 8) | v;
                nbits += 8;
                lastFF = v == 0xFF;
            }
        }
    }

    private int readBit() {
        if (nbits == 0) fillBits();
        nbits--;
        return (int) (bits >>> nbits) & 1;
    }

    private int readBits(int k) {
        int v = 0;
        for (int i = 0; i < k; i++) v = (v << 1) | readBit();
        return v;
    }

    /** Limited-length Golomb code (T.87 A.5.3): k low bits, escape after {@code lim - qbpp - 1} zeros. */
    private int golomb(int k, int lim) {
        int high = 0;
        while (readBit() == 0) {
            if (++high > lim) throw corrupt("Golomb code longer than LIMIT");
        }
        if (high < lim - qbpp - 1) return (high << k) | readBits(k);
        return readBits(qbpp) + 1;
    }

    // ---------------------------------------------------------------- samples

    private byte[] scan(int w, int h, int bytes) {
        byte[] out = new byte[w * h * bytes];
        int[] prev = new int[w + 2], cur = new int[w + 2];
        int step = 2 * near + 1;
        for (int y = 0; y < h; y++) {
            cur[0] = prev[1];
            prev[w + 1] = prev[w];
            int x = 0;
            while (x < w) {
                int ra = cur[x], rb = prev[x + 1], rc = prev[x], rd = prev[x + 2];
                int d1 = rd - rb, d2 = rb - rc, d3 = rc - ra;
                if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
                    x = runMode(cur, prev, x, w, ra);
                    continue;
                }
                int q1 = quantize(d1), q2 = quantize(d2), q3 = quantize(d3);
                int sign = 1;
                if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
                    sign = -1;
                    q1 = -q1;
                    q2 = -q2;
                    q3 = -q3;
                }
                int q = 81 * q1 + 9 * q2 + q3;
                int px = rc >= Math.max(ra, rb) ? Math.min(ra, rb) : rc <= Math.min(ra, rb) ? Math.max(ra, rb) : ra + rb - rc;
                px += sign * c[q];
                px = px < 0 ? 0 : Math.min(px, maxval);
                int k = 0;
                while ((n[q] << k) < a[q] && k < 31) k++;
                int m = golomb(k, limit);
                int err;
                if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) err = (m & 1) != 0 ? (m - 1) >> 1 : -(m >> 1) - 1;
                else err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
                update(q, err);
                cur[x + 1] = reconstruct(px, sign * err * step);
                x++;
            }
            for (int i = 0, o = y * w * bytes; i < w; i++) {
                int v = cur[i + 1];
                for (int bb = 0; bb < bytes; bb++) out[o++] = (byte) (v >>> (8 * bb));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return out;
    }

    private int quantize(int d) {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }

    private int reconstruct(int px, int err) {
        int rx = px + err;
        if (rx < -near) rx += range * (2 * near + 1);
        else if (rx > maxval + near) rx -= range * (2 * near + 1);
        return rx < 0 ? 0 : Math.min(rx, maxval);
    }

    /** Context update and bias correction, T.87 A.6. */
    private void update(int q, int err) {
        b[q] += err * (2 * near + 1);
        a[q] += Math.abs(err);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] = b[q] >= 0 ? b[q] >> 1 : -((1 - b[q]) >> 1);
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > -128) c[q]--;
            if (b[q] <= -n[q]) b[q] = -n[q] + 1;
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < 127) c[q]++;
            if (b[q] > 0) b[q] = 0;
        }
    }

    /** Run mode from sample x (T.87 A.7); returns the next sample to code. */
    private int runMode(int[] cur, int[] prev, int x, int w, int ra) {
        int left = w - x, count = 0;
        while (readBit() == 1) {
            int full = 1 << J[runIndex], c0 = Math.min(full, left - count);
            count += c0;
            if (c0 == full) runIndex = Math.min(31, runIndex + 1);
            if (count == left) break;
        }
        if (count < left && J[runIndex] > 0) count += readBits(J[runIndex]);
        if (count > left) throw corrupt("run of " + count + " samples passes the end of a line");
        for (int i = 0; i < count; i++) cur[x + 1 + i] = ra;
        x += count;
        if (x == w) return x;
        // run interruption sample
        int rb = prev[x + 1];
        int riType = Math.abs(ra - rb) <= near ? 1 : 0;
        int q = 365 + riType;
        int temp = riType == 0 ? a[q] : a[q] + (n[q] >> 1);
        int k = 0;
        while ((n[q] << k) < temp && k < 31) k++;
        int m = golomb(k, limit - J[runIndex] - 1);
        int t = m + riType, map = t & 1, abs = (t + map) >> 1;
        boolean negative = (map == 1) == (k != 0 || 2 * nn[q] >= n[q]);
        int err = negative ? -abs : abs;
        if (err < 0) nn[q]++;
        a[q] += (m + 1 - riType) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[q] >>= 1;
        }
        n[q]++;
        int step = 2 * near + 1;
        cur[x + 1] = riType == 1 ? reconstruct(ra, err * step) : reconstruct(rb, (rb > ra ? 1 : -1) * err * step);
        runIndex = Math.max(0, runIndex - 1);
        return x + 1;
    }
}
