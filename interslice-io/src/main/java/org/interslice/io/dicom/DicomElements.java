package org.interslice.io.dicom;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DICOM dataset being built for writing, in Explicit VR Little Endian (PS3.5 7.1.2): elements kept in
 * ascending tag order, values padded to even length (UI and OB with 0x00, text with a space), sequences
 * and their items of defined length. Texts are encoded ISO 8859-1, which gives back the exact bytes of
 * values the reader decoded the same way (copied attributes keep their Specific Character Set).
 */
final class DicomElements {
    private final Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);

    /** A text element (any string VR); null values are written empty (type 2 attributes). */
    DicomElements text(int tag, String vr, String value) {
        byte[] v = (value == null ? "" : value).getBytes(StandardCharsets.ISO_8859_1);
        return raw(tag, vr, v.length % 2 == 0 ? v : pad(v, "UI".equals(vr) ? 0 : ' '));
    }

    /** A decimal string (DS) of one or more values, each at most 16 characters. */
    DicomElements ds(int tag, double... values) {
        StringBuilder b = new StringBuilder();
        for (double x : values) b.append(b.length() == 0 ? "" : "\\").append(decimalString(x));
        return text(tag, "DS", b.toString());
    }

    /** An unsigned short (US). */
    DicomElements us(int tag, int value) {
        return raw(tag, "US", new byte[] {(byte) value, (byte) (value >>> 8)});
    }

    /** A sequence of items, each a dataset (defined lengths). */
    DicomElements sequence(int tag, List<DicomElements> items) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (DicomElements item : items) {
            byte[] body = item.encode();
            o.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0});   // (FFFE,E000) item
            o.writeBytes(le32(body.length));
            o.writeBytes(body);
        }
        return raw(tag, "SQ", o.toByteArray());
    }

    /** An element with its value bytes as given (even length). */
    DicomElements raw(int tag, String vr, byte[] value) {
        if (value.length % 2 != 0) throw new IllegalArgumentException("odd value length for " + DicomParser.tagName(tag));
        ByteArrayOutputStream o = new ByteArrayOutputStream(value.length + 12);
        o.writeBytes(new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8)});
        o.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (DicomParser.longLength(vr)) {
            o.writeBytes(new byte[2]);
            o.writeBytes(le32(value.length));
        } else {
            if (value.length > 0xFFFF) throw new IllegalArgumentException("value of " + DicomParser.tagName(tag) + " too long for VR " + vr);
            o.writeBytes(new byte[] {(byte) value.length, (byte) (value.length >>> 8)});
        }
        o.writeBytes(value);
        elements.put(tag, o.toByteArray());
        return this;
    }

    /** The encoded elements in tag order. */
    byte[] encode() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] e : elements.values()) o.writeBytes(e);
        return o.toByteArray();
    }

    /** Encoded size in bytes. */
    int size() {
        int n = 0;
        for (byte[] e : elements.values()) n += e.length;
        return n;
    }

    /**
     * {@code x} as a DS value: the most significant digits that fit 16 characters (PS3.5 6.2), plain
     * notation where it fits, else with an exponent. Finite values only.
     */
    static String decimalString(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException(x + " is not a finite DS value");
        if (x == 0) return "0";
        for (int digits = 16; digits >= 1; digits--) {
            BigDecimal d = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
            String plain = d.toPlainString();
            if (plain.length() <= 16) return plain;
            String sci = d.toString();
            if (sci.length() <= 16) return sci;
        }
        throw new IllegalArgumentException(x + " does not fit a DS value");
    }

    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] pad(byte[] v, int with) {
        byte[] p = java.util.Arrays.copyOf(v, v.length + 1);
        p[v.length] = (byte) with;
        return p;
    }
}
