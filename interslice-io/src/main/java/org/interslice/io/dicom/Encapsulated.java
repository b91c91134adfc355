package org.interslice.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.IntersliceException;

/**
 * Encapsulated pixel data (PS3.5 A.4): after a Pixel Data element of undefined length, an item holding
 * the Basic Offset Table (possibly empty), then one item per fragment, then a sequence delimiter. Every
 * item length is checked against the bytes left in the file before it is read, and the fragment bytes
 * are counted against the caller's memory limit. Odd fragment lengths are accepted as declared.
 */
final class Encapsulated {
    private static final int ITEM = 0xFFFEE000, SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** Basic offset table: byte offset of each frame's first fragment item, from the first fragment item. */
    final long[] offsets;
    /** Fragment contents, in file order. */
    final List<byte[]> fragments;
    /** Item offset (as the offset table counts it) of each fragment. */
    final long[] fragmentOffsets;

    private Encapsulated(long[] offsets, List<byte[]> fragments, long[] fragmentOffsets) {
        this.offsets = offsets;
        this.fragments = fragments;
        this.fragmentOffsets = fragmentOffsets;
    }

    /** Reads the items from {@code in}, positioned just after the Pixel Data element's header. */
    static Encapsulated read(DicomStream in, Path file, long maxBytes) {
        in.contextTag = DicomStream.PIXELS;
        boolean saved = in.bigEndian;
        in.bigEndian = false; // encapsulated syntaxes are little endian
        int tag = tag(in);
        if (tag != ITEM) throw new IntersliceException(file, "corrupt encapsulated pixel data: " + DicomParser.tagName(tag) + " where the basic offset table item belongs");
        long len = length(in, file, "basic offset table");
        if (len % 4 != 0) throw new IntersliceException(file, "corrupt encapsulated pixel data: basic offset table of " + len + " bytes (not a multiple of 4)");
        if (len > maxBytes / 2) throw new IntersliceException(file, "basic offset table of " + len + " bytes exceeds the memory limit");
        long[] offsets = new long[(int) (len / 4)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = in.u32();
            if (i > 0 && offsets[i] <= offsets[i - 1])
                throw new IntersliceException(file, "corrupt basic offset table: offset " + offsets[i] + " of frame " + (i + 1) + " does not follow " + offsets[i - 1]);
        }
        List<byte[]> fragments = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        long total = 0, pos = 0;
        while (true) {
            tag = tag(in);
            if (tag == SEQUENCE_END) {
                in.u32();
                break;
            }
            if (tag != ITEM) throw new IntersliceException(file, "corrupt encapsulated pixel data: " + DicomParser.tagName(tag) + " where a fragment item belongs");
            len = length(in, file, "fragment " + (fragments.size() + 1));
            total += len;
            if (total > maxBytes) throw new IntersliceException(file, "compressed pixel data of more than " + total + " bytes exceeds the memory limit of " + maxBytes);
            byte[] b = new byte[(int) len];
            in.readFully(b, 0, b.length);
            fragments.add(b);
            at.add(pos);
            pos += 8 + len;
        }
        in.bigEndian = saved;
        if (fragments.isEmpty()) throw new IntersliceException(file, "corrupt encapsulated pixel data: no fragment");
        long[] fo = new long[at.size()];
        for (int i = 0; i < fo.length; i++) fo[i] = at.get(i);
        return new Encapsulated(offsets, fragments, fo);
    }

    private static int tag(DicomStream in) {
        return (in.u16() << 16) | in.u16();
    }

    /** An item's 32-bit length, checked against the bytes left (undefined lengths refused); {@code what} names the item. */
    static long length(DicomStream in, Path file, String what) {
        long len = in.u32();
        if (len == UNDEFINED) throw new IntersliceException(file, "corrupt encapsulated pixel data: " + what + " has undefined length");
        if (len > in.remaining() || len > Integer.MAX_VALUE - 16)
            throw new IntersliceException(file, "truncated or corrupt: " + what + " of the pixel data declares " + len + " bytes but only " + in.remaining() + " remain");
        return len;
    }

    /**
     * The compressed bytes of frame {@code k} of {@code frames}: with one frame, every fragment; with
     * several, the fragments the offset table assigns to it (a frame may span fragments), or fragment k
     * when the table is empty and there is one fragment per frame.
     */
    byte[] frame(Path file, int k, int frames) {
        int from, to;
        if (frames <= 1) {
            from = 0;
            to = fragments.size();
        } else if (offsets.length > 0) {
            if (offsets.length != frames)
                throw new IntersliceException(file, "basic offset table lists " + offsets.length + " frames, NumberOfFrames is " + frames);
            from = fragmentAt(file, offsets[k]);
            to = k + 1 < frames ? fragmentAt(file, offsets[k + 1]) : fragments.size();
        } else if (fragments.size() == frames) {
            from = k;
            to = k + 1;
        } else {
            throw new IntersliceException(file, fragments.size() + " fragments for " + frames + " frames and no basic offset table: cannot tell the frames apart");
        }
        long n = 0;
        for (int i = from; i < to; i++) n += fragments.get(i).length;
        if (to - from == 1) return fragments.get(from);
        byte[] out = new byte[(int) n];
        int o = 0;
        for (int i = from; i < to; i++) {
            byte[] f = fragments.get(i);
            System.arraycopy(f, 0, out, o, f.length);
            o += f.length;
        }
        return out;
    }

    private int fragmentAt(Path file, long offset) {
        for (int i = 0; i < fragmentOffsets.length; i++) if (fragmentOffsets[i] == offset) return i;
        throw new IntersliceException(file, "corrupt basic offset table: offset " + offset + " is not the start of a fragment");
    }
}
