package org.interslice.io.dicom;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;

/** Decoding of the element values the parser keeps: text, decimal strings, UL and AT binaries. */
final class DicomValues {
    private DicomValues() {}

    /** The value as text, without leading spaces and trailing spaces or NULs. */
    static String text(byte[] v) {
        int end = v.length;
        while (end > 0 && (v[end - 1] == ' ' || v[end - 1] == 0)) end--;
        int start = 0;
        while (start < end && v[start] == ' ') start++;
        return new String(v, start, end - start, StandardCharsets.ISO_8859_1);
    }

    static double number(Path file, int tag, byte[] v) {
        return numbers(file, tag, v, 1)[0];
    }

    /** First {@code n} backslash-separated decimal values (DS/IS); NaN-filled when the value is empty. */
    static double[] numbers(Path file, int tag, byte[] v, int n) {
        String s = text(v);
        double[] d = new double[n];
        if (s.isEmpty()) {
            java.util.Arrays.fill(d, Double.NaN);
            return d;
        }
        String[] parts = s.split("\\\\");
        if (parts.length < n)
            throw new IntersliceException(file, "corrupt: " + DicomParser.tagName(tag) + " = '" + s + "' needs " + n + " values");
        for (int i = 0; i < n; i++) {
            try {
                d[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IntersliceException(file, "corrupt: " + DicomParser.tagName(tag) + " = '" + s + "' is not numeric", e);
            }
            if (!Double.isFinite(d[i])) throw new IntersliceException(file, "corrupt: " + DicomParser.tagName(tag) + " = '" + s + "' is not finite");
        }
        return d;
    }

    /** UL values in the given byte order (a string VR where UL belongs is read as text); at least one. */
    static long[] unsigned(Path file, boolean bigEndian, int tag, String vr, byte[] v) {
        if (vr != null && !("UL".equals(vr) || "UN".equals(vr) || "OB".equals(vr) || "SL".equals(vr))) {
            String[] parts = text(v).split("\\\\");
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) out[i] = (long) number(file, tag, parts[i].getBytes(StandardCharsets.ISO_8859_1));
            return out;
        }
        if (v.length < 4 || v.length % 4 != 0)
            throw new IntersliceException(file, "corrupt: " + DicomParser.tagName(tag) + " holds " + v.length + " bytes, not a whole number of 4-byte values");
        long[] out = new long[v.length / 4];
        for (int i = 0; i < out.length; i++) {
            long a = v[4 * i] & 0xFF, b = v[4 * i + 1] & 0xFF, c = v[4 * i + 2] & 0xFF, d = v[4 * i + 3] & 0xFF;
            out[i] = bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
        }
        return out;
    }

    /** An AT value: (group, element) as one int. */
    static int attribute(Path file, boolean bigEndian, int tag, byte[] v) {
        if (v.length != 4) throw new IntersliceException(file, "corrupt: " + DicomParser.tagName(tag) + " holds " + v.length + " bytes, an attribute tag needs 4");
        int g = bigEndian ? ((v[0] & 0xFF) << 8) | (v[1] & 0xFF) : ((v[1] & 0xFF) << 8) | (v[0] & 0xFF);
        int e = bigEndian ? ((v[2] & 0xFF) << 8) | (v[3] & 0xFF) : ((v[3] & 0xFF) << 8) | (v[2] & 0xFF);
        return (g << 16) | e;
    }
}
