package org.interslice.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal element walker for the files our writer makes (Explicit VR Little Endian, defined lengths),
 * written apart from the writer and the reader so tests can look at every element, sequences included.
 */
public final class DicomTestFiles {
    private DicomTestFiles() {}

    /** One element: its VR and value bytes; a sequence's items are parsed into {@code items}. */
    public record Element(String vr, byte[] value, List<Map<Integer, Element>> items) {
        public String text() {
            return new String(value, StandardCharsets.ISO_8859_1).replaceAll("[ \\u0000]+$", "");
        }
    }

    /** Every element of a PS3.10 file (meta group included), by tag. */
    public static Map<Integer, Element> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 132 || b[128] != 'D' || b[131] != 'M') throw new IOException("no DICM");
        return parse(ByteBuffer.wrap(b, 132, b.length - 132).slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static Map<Integer, Element> parse(ByteBuffer in) {
        Map<Integer, Element> m = new LinkedHashMap<>();
        while (in.remaining() >= 8) {
            int tag = ((in.getShort() & 0xFFFF) << 16) | (in.getShort() & 0xFFFF);
            String vr = "" + (char) in.get() + (char) in.get();
            long len;
            if (List.of("OB", "OW", "SQ", "UT", "UN", "OF", "OD", "OL", "UC", "UR").contains(vr)) {
                in.getShort();
                len = in.getInt() & 0xFFFFFFFFL;
            } else {
                len = in.getShort() & 0xFFFF;
            }
            byte[] v = new byte[(int) len];
            in.get(v);
            List<Map<Integer, Element>> items = new ArrayList<>();
            if (vr.equals("SQ")) {
                ByteBuffer s = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
                while (s.remaining() >= 8) {
                    int itag = ((s.getShort() & 0xFFFF) << 16) | (s.getShort() & 0xFFFF);
                    int ilen = s.getInt();
                    if (itag != 0xFFFEE000) throw new IllegalStateException("not an item: " + Integer.toHexString(itag));
                    byte[] item = new byte[ilen];
                    s.get(item);
                    items.add(parse(ByteBuffer.wrap(item).order(ByteOrder.LITTLE_ENDIAN)));
                }
            }
            m.put(tag, new Element(vr, v, items));
        }
        return m;
    }
}
