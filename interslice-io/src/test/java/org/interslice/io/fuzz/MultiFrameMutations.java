package org.interslice.io.fuzz;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutations aimed at multi-frame DICOM objects (explicit VR little endian): functional group sequences
 * with an item missing or repeated (per frame, shared, inside a macro), NumberOfFrames lying (more,
 * fewer, zero, huge, not a number), Dimension Index Values and the Dimension Index Sequence out of step,
 * Extended Offset Table entries moved, and the per-frame values (positions, orientations, rescale)
 * overwritten. Lengths of every enclosing defined-length sequence and item are kept consistent, so the
 * reader meets the lie itself rather than a broken length.
 */
final class MultiFrameMutations {
    private static final int ITEM = 0xFFFEE000;
    private static final int SHARED = 0x52009229, PER_FRAME = 0x52009230, DIMENSION_INDEX = 0x00209222;

    private MultiFrameMutations() {}

    /** A parsed element or item: where its header, length field and value lie; children for SQ elements and items. */
    private record Node(int tag, int at, int lengthAt, int lengthBytes, int valueAt, long length, List<Node> children) {
        int end() {
            return valueAt + (int) length;
        }
    }

    static byte[] mutate(byte[] c, Random r, String[] what) {
        List<Node> top;
        try {
            top = elements(c, 132, c.length, 0);
        } catch (RuntimeException e) {
            what[0] = "unparsed";
            return c;
        }
        List<Node> path = new ArrayList<>();
        switch (r.nextInt(8)) {
            case 0: case 1: { // an item of the per-frame or shared groups dropped or repeated
                Node sq = find(top, r.nextInt(3) == 0 ? SHARED : PER_FRAME);
                if (sq == null || sq.children.isEmpty()) break;
                Node it = sq.children.get(r.nextInt(sq.children.size()));
                path.add(sq);
                boolean drop = r.nextBoolean();
                what[0] = (drop ? "dropped " : "repeated ") + "an item of " + tagName(sq.tag);
                return drop ? splice(c, path, it.at, it.end(), new byte[0]) : splice(c, path, it.end(), it.end(), slice(c, it.at, it.end()));
            }
            case 2: { // an item of a macro inside one frame's groups dropped or repeated
                Node sq = find(top, PER_FRAME);
                if (sq == null || sq.children.isEmpty()) break;
                Node frame = sq.children.get(r.nextInt(sq.children.size()));
                if (frame.children.isEmpty()) break;
                Node macro = frame.children.get(r.nextInt(frame.children.size()));
                if (macro.children.isEmpty()) break;
                Node it = macro.children.get(0);
                path.add(sq);
                path.add(frame);
                path.add(macro);
                boolean drop = r.nextBoolean();
                what[0] = (drop ? "dropped the item of " : "repeated the item of ") + tagName(macro.tag) + " in one frame";
                return drop ? splice(c, path, it.at, it.end(), new byte[0]) : splice(c, path, it.end(), it.end(), slice(c, it.at, it.end()));
            }
            case 3: { // NumberOfFrames lying
                Node nf = find(top, 0x00280008);
                if (nf == null) break;
                String[] values = {"0 ", "1 ", "2 ", "7 ", "9 ", "16", "99999999", "-1", "x ", "2.5 ", "262145"};
                String v = values[r.nextInt(values.length)];
                what[0] = "NumberOfFrames '" + v.trim() + "'";
                return setValue(c, top, nf, v.getBytes(StandardCharsets.ISO_8859_1));
            }
            case 4: { // one frame's Dimension Index Values changed, or the Dimension Index Sequence losing an item
                if (r.nextBoolean()) {
                    Node dims = find(top, DIMENSION_INDEX);
                    if (dims == null || dims.children.isEmpty()) break;
                    Node it = dims.children.get(r.nextInt(dims.children.size()));
                    path.add(dims);
                    what[0] = "dropped a Dimension Index Sequence item";
                    return splice(c, path, it.at, it.end(), new byte[0]);
                }
                List<Node> values = new ArrayList<>();
                collect(top, 0x00209157, values);
                if (values.isEmpty()) break;
                Node v = values.get(r.nextInt(values.size()));
                long[] pick = {0, 1, 2, 0xFFFFFFFFL, 7};
                what[0] = "a Dimension Index Value";
                return Mutations.put(c, v.valueAt + 4 * r.nextInt((int) Math.max(1, v.length / 4)), 4, pick[r.nextInt(pick.length)], LITTLE_ENDIAN);
            }
            case 5: { // an extended offset table entry moved
                Node t = find(top, r.nextBoolean() ? 0x7FE00001 : 0x7FE00002);
                if (t == null || t.length < 8) break;
                int k = r.nextInt((int) (t.length / 8));
                long old = ByteBuffer.wrap(c).order(LITTLE_ENDIAN).getLong(t.valueAt + 8 * k);
                long[] to = {old + 1, old - 1, old + 8, 0, Long.MAX_VALUE, -1, 1L << 40};
                long v = to[r.nextInt(to.length)];
                what[0] = tagName(t.tag) + " entry " + k + " -> " + v;
                byte[] m = c.clone();
                ByteBuffer.wrap(m).order(LITTLE_ENDIAN).putLong(t.valueAt + 8 * k, v);
                return m;
            }
            default: { // a per-frame value (position, orientation, spacing, rescale) overwritten
                int[] tags = {0x00200032, 0x00200037, 0x00280030, 0x00281053, 0x00281052, 0x00180088};
                List<Node> found = new ArrayList<>();
                collect(top, tags[r.nextInt(tags.length)], found);
                if (found.isEmpty()) break;
                Node n = found.get(r.nextInt(found.size()));
                String[] values = {"0\\0\\0\\0\\0\\0", "nan\\1\\1", "1e308\\-1e308\\0", "", "0", "-5\\x", "1\\0\\0\\1\\0\\0", "1e-9\\1e-9"};
                String v = values[r.nextInt(values.length)];
                if (v.length() % 2 == 1) v += " ";
                what[0] = tagName(n.tag) + " = '" + v.trim() + "' in a functional group";
                return setValue(c, top, n, v.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        what[0] = "no multi-frame structure to mutate";
        return c;
    }

    /** The file with the value of {@code n} replaced (its length and every enclosing defined length adjusted). */
    private static byte[] setValue(byte[] c, List<Node> top, Node n, byte[] v) {
        List<Node> path = new ArrayList<>();
        if (!pathTo(top, n, path)) return c;
        byte[] m = splice(c, path, n.valueAt, n.end(), v);
        ByteBuffer bb = ByteBuffer.wrap(m).order(LITTLE_ENDIAN);
        if (n.lengthBytes == 2) bb.putShort(n.lengthAt, (short) v.length);
        else bb.putInt(n.lengthAt, v.length);
        return m;
    }

    private static boolean pathTo(List<Node> nodes, Node target, List<Node> path) {
        for (Node x : nodes) {
            if (x == target) return true;
            path.add(x);
            if (pathTo(x.children, target, path)) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** Replaces bytes [from, to) with {@code with}, adding the change to the defined lengths of {@code enclosing}. */
    private static byte[] splice(byte[] c, List<Node> enclosing, int from, int to, byte[] with) {
        int delta = with.length - (to - from);
        byte[] m = new byte[c.length + delta];
        System.arraycopy(c, 0, m, 0, from);
        System.arraycopy(with, 0, m, from, with.length);
        System.arraycopy(c, to, m, from + with.length, c.length - to);
        ByteBuffer bb = ByteBuffer.wrap(m).order(LITTLE_ENDIAN);
        for (Node e : enclosing) {
            if (e.length < 0) continue; // undefined length: ends at its delimiter
            if (e.lengthBytes == 2) bb.putShort(e.lengthAt, (short) (e.length + delta));
            else bb.putInt(e.lengthAt, (int) (e.length + delta));
        }
        return m;
    }

    private static byte[] slice(byte[] c, int from, int to) {
        byte[] s = new byte[to - from];
        System.arraycopy(c, from, s, 0, s.length);
        return s;
    }

    private static Node find(List<Node> nodes, int tag) {
        for (Node n : nodes) if (n.tag == tag) return n;
        return null;
    }

    private static void collect(List<Node> nodes, int tag, List<Node> out) {
        for (Node n : nodes) {
            if (n.tag == tag) out.add(n);
            collect(n.children, tag, out);
        }
    }

    /** Explicit VR little endian elements in [from, to), stopping at the pixel data; defined lengths only inside sequences. */
    private static List<Node> elements(byte[] c, int from, int to, int depth) {
        ByteBuffer bb = ByteBuffer.wrap(c).order(LITTLE_ENDIAN);
        List<Node> out = new ArrayList<>();
        int at = from;
        while (at + 8 <= to && depth < 8) {
            int tag = ((bb.getShort(at) & 0xFFFF) << 16) | (bb.getShort(at + 2) & 0xFFFF);
            if (tag == 0x7FE00010 || (tag >>> 16) == 0xFFFE) break;
            String vr = new String(c, at + 4, 2, StandardCharsets.ISO_8859_1);
            boolean longVr = List.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UC", "UN", "UR", "UT", "SV", "UV").contains(vr);
            int lengthAt = longVr ? at + 8 : at + 6, valueAt = longVr ? at + 12 : at + 8;
            long len = longVr ? bb.getInt(lengthAt) & 0xFFFFFFFFL : bb.getShort(lengthAt) & 0xFFFF;
            if (len == 0xFFFFFFFFL || valueAt + len > to) throw new IllegalStateException("undefined or overlong element");
            List<Node> kids = new ArrayList<>();
            if ("SQ".equals(vr)) {
                for (int i = valueAt; i + 8 <= valueAt + len; ) {
                    int it = ((bb.getShort(i) & 0xFFFF) << 16) | (bb.getShort(i + 2) & 0xFFFF);
                    long il = bb.getInt(i + 4) & 0xFFFFFFFFL;
                    if (it != ITEM || il == 0xFFFFFFFFL || i + 8 + il > valueAt + len) throw new IllegalStateException("item");
                    kids.add(new Node(ITEM, i, i + 4, 4, i + 8, il, elements(c, i + 8, (int) (i + 8 + il), depth + 1)));
                    i += 8 + (int) il;
                }
            }
            out.add(new Node(tag, at, lengthAt, longVr ? 4 : 2, valueAt, len, kids));
            at = valueAt + (int) len;
        }
        return out;
    }

    private static String tagName(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
