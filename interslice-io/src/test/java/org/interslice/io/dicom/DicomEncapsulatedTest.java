package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.junit.jupiter.api.Test;

/**
 * Encapsulated pixel data item structure (PS3.5 A.4) on hand-built item sequences: the expected frames
 * are the fragment bytes put in by construction. Also the RLE decoder on segments built by hand from
 * the PackBits rules of PS3.5 annex G.
 */
class DicomEncapsulatedTest {
    private static final Path F = Path.of("synthetic.dcm");

    /** Item header + value, little endian. */
    private static void item(ByteArrayOutputStream o, int elem, long len, byte[] value) {
        byte[] h = {(byte) 0xFE, (byte) 0xFF, (byte) elem, (byte) (elem >>> 8), (byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)};
        o.writeBytes(h);
        if (value != null) o.writeBytes(value);
    }

    private static byte[] le32(long... v) {
        byte[] b = new byte[4 * v.length];
        for (int i = 0; i < v.length; i++) for (int k = 0; k < 4; k++) b[4 * i + k] = (byte) (v[i] >>> (8 * k));
        return b;
    }

    private static Encapsulated parse(byte[] b) {
        return Encapsulated.read(new DicomStream(new ByteArrayInputStream(b), b.length, F, 64), F, 1 << 20);
    }

    private static final byte[] A = {1, 2, 3}, B = {4, 5, 6, 7}, C = {8, 9};

    /** BOT (given), fragments A (odd length), B, C, delimiter. */
    private static byte[] threeFragments(long... bot) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        item(o, 0xE000, 4L * bot.length, le32(bot));
        item(o, 0xE000, A.length, A);
        item(o, 0xE000, B.length, B);
        item(o, 0xE000, C.length, C);
        item(o, 0xE0DD, 0, null);
        return o.toByteArray();
    }

    @Test
    void offsetTablePlacesFramesSpanningFragments() {
        // frame 0 = fragments A+B (items at 0 and 11), frame 1 = C (item at 11 + 12 = 23)
        Encapsulated e = parse(threeFragments(0, 23));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7}, e.frame(F, 0, 2));
        assertArrayEquals(C, e.frame(F, 1, 2));
        // a single frame is every fragment in order
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, e.frame(F, 0, 1));
    }

    @Test
    void emptyOffsetTableMeansOneFragmentPerFrame() {
        Encapsulated e = parse(threeFragments());
        assertArrayEquals(B, e.frame(F, 1, 3));
        IntersliceException x = assertThrows(IntersliceException.class, () -> e.frame(F, 0, 2));
        assertTrue(x.getMessage().contains("3 fragments for 2 frames"), x.getMessage());
    }

    @Test
    void lyingFrameCountsAndOffsetsAreErrors() {
        Encapsulated e = parse(threeFragments(0, 23));
        assertTrue(assertThrows(IntersliceException.class, () -> e.frame(F, 0, 3)).getMessage().contains("lists 2 frames"));
        Encapsulated off = parse(threeFragments(0, 20));
        assertTrue(assertThrows(IntersliceException.class, () -> off.frame(F, 1, 2)).getMessage().contains("not the start of a fragment"));
        assertTrue(assertThrows(IntersliceException.class, () -> parse(threeFragments(23, 0))).getMessage().contains("does not follow"));
    }

    @Test
    void everyLengthIsCheckedAgainstTheBytesLeft() {
        byte[] b = threeFragments();
        b[8 + 4] = 100; // fragment A claims 100 bytes
        IntersliceException x = assertThrows(IntersliceException.class, () -> parse(b));
        assertTrue(x.getMessage().contains("declares 100 bytes"), x.getMessage());
        byte[] cut = java.util.Arrays.copyOf(threeFragments(), 30); // no delimiter: the file ends in an item
        assertTrue(assertThrows(IntersliceException.class, () -> parse(cut)).getMessage().contains("truncated"));
        byte[] undefined = threeFragments();
        for (int k = 12; k < 16; k++) undefined[k] = -1;
        assertTrue(assertThrows(IntersliceException.class, () -> parse(undefined)).getMessage().contains("undefined length"));
    }

    @Test
    void compressedBytesCountAgainstTheMemoryLimit() {
        byte[] b = threeFragments();
        IntersliceException x = assertThrows(IntersliceException.class,
                () -> Encapsulated.read(new DicomStream(new ByteArrayInputStream(b), b.length, F, 64), F, 5));
        assertTrue(x.getMessage().contains("memory limit"), x.getMessage());
    }

    /** 64-byte RLE header with the given segment offsets. */
    private static byte[] rle(int segments, byte[]... data) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        long[] h = new long[16];
        h[0] = segments;
        int at = 64;
        for (int s = 0; s < data.length; s++) {
            h[1 + s] = at;
            at += data[s].length;
        }
        o.writeBytes(le32(h));
        for (byte[] d : data) o.writeBytes(d);
        return o.toByteArray();
    }

    @Test
    void rleDecodesPackBitsPlanesMostSignificantFirst() {
        // 5 pixels of 16 bits: high plane = literal run (0x12, 0x34) + repeat 3 x 0x00 (-2 -> 3 copies);
        // low plane = repeat 5 x 0xAB, preceded by a -128 no-op
        byte[] hi = {1, 0x12, 0x34, -2, 0}, lo = {-128, -4, (byte) 0xAB};
        byte[] out = RleDecoder.decode(F, rle(2, hi, lo), 5, 2);
        assertArrayEquals(new byte[] {(byte) 0xAB, 0x12, (byte) 0xAB, 0x34, (byte) 0xAB, 0, (byte) 0xAB, 0, (byte) 0xAB, 0}, out);
        // short segment, wrong segment count, run past the end
        assertThrows(IntersliceException.class, () -> RleDecoder.decode(F, rle(2, hi, new byte[] {-2, 1}), 5, 2));
        assertThrows(IntersliceException.class, () -> RleDecoder.decode(F, rle(1, hi), 5, 2));
        IntersliceException x = assertThrows(IntersliceException.class, () -> RleDecoder.decode(F, rle(1, new byte[] {9, 1, 2}), 5, 1));
        assertTrue(x.getMessage().contains("passes its end"), x.getMessage());
        assertEquals(5, RleDecoder.decode(F, rle(1, new byte[] {-4, 7}), 5, 1).length);
    }
}
