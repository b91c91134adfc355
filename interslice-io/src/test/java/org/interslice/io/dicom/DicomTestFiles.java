package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

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

    /** Every voxel of {@code back} equals (within tol) the voxel of {@code v} at the same LPS point, within 1e-6 mm. */
    public static void assertSameVoxels(Volume v, Volume back, double tol) {
        assertEquals(v.voxelCount(), back.voxelCount(), "voxel count");
        Geometry g = v.geometry(), b = back.geometry();
        double[] w = new double[3], c = new double[3];
        for (int k = 0; k < back.nz(); k++) for (int j = 0; j < back.ny(); j++) for (int i = 0; i < back.nx(); i++) {
            b.indexToWorld(i, j, k, w);
            g.worldToIndex(w[0], w[1], w[2], c);
            int x = (int) Math.round(c[0]), y = (int) Math.round(c[1]), z = (int) Math.round(c[2]);
            for (int a = 0; a < 3; a++) assertEquals(Math.round(c[a]), c[a], 1e-6, "read-back voxel lands between input voxels");
            double[] w2 = g.indexToWorld(x, y, z);
            for (int a = 0; a < 3; a++) assertEquals(w[a], w2[a], 1e-6, "position of voxel " + i + "," + j + "," + k);
            double e = v.get(v.index(x, y, z)), r = back.get(back.index(i, j, k));
            if (tol == 0) assertEquals(e, r, 0.0, "voxel " + i + "," + j + "," + k);
            else assertEquals(e, r, tol, "voxel " + i + "," + j + "," + k);
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
