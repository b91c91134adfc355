package org.interslice.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.interslice.core.IntersliceException;

/**
 * Where the fragments of encapsulated multi-frame pixel data lie in the file (PS3.5 A.4), and which
 * fragments make each frame, so that a frame is read alone by positioned reads. Indexed once from the
 * item headers (the fragments are skipped, not read); every length is checked against the bytes left.
 * Frames are told apart by, in this order: the Extended Offset Table (7FE0,0001/0002; one fragment per
 * frame, its length possibly shorter than the fragment), the Basic Offset Table, one fragment per frame,
 * all fragments for a single frame, or, for the JPEG family, fragments ending in an EOI marker (FFD9).
 */
final class FrameIndex {
    /** Most fragments indexed (16 bytes each); more means a corrupt or hostile file. */
    static final int MAX_FRAGMENTS = 1 << 20;
    private static final int ITEM = 0xFFFEE000, SEQUENCE_END = 0xFFFEE0DD;

    /** Basic Offset Table entries (empty when the table is). */
    final long[] bot;
    /** Per fragment: offset of its item from the first fragment item (as offset tables count), file offset of its value, length. */
    private long[] itemOffset = new long[16], position = new long[16];
    private int[] length = new int[16];
    private int count;
    /** Per frame (after {@link #assign}): first and end fragment, and the frame's compressed length. */
    private int[] from, to;
    private long[] frameLength;

    private FrameIndex(long[] bot) {
        this.bot = bot;
    }

    /** Indexes the items of {@code in}, positioned at the first byte of encapsulated pixel data (a file offset). */
    static FrameIndex scan(DicomStream in, Path file) {
        in.contextTag = DicomStream.PIXELS;
        boolean saved = in.bigEndian;
        in.bigEndian = false; // encapsulated syntaxes are little endian
        int tag = (in.u16() << 16) | in.u16();
        if (tag != ITEM) throw new IntersliceException(file, "corrupt encapsulated pixel data: " + DicomParser.tagName(tag) + " where the basic offset table item belongs");
        long len = Encapsulated.length(in, file, "basic offset table");
        if (len % 4 != 0 || len / 4 > DicomFrames.MAX_FRAMES)
            throw new IntersliceException(file, "corrupt encapsulated pixel data: basic offset table of " + len + " bytes");
        long[] bot = new long[(int) (len / 4)];
        for (int i = 0; i < bot.length; i++) bot[i] = in.u32();
        FrameIndex x = new FrameIndex(bot);
        long first = -1;
        while (true) {
            long at = in.position();
            tag = (in.u16() << 16) | in.u16();
            if (tag == SEQUENCE_END) {
                in.u32();
                break;
            }
            if (tag != ITEM) throw new IntersliceException(file, "corrupt encapsulated pixel data: " + DicomParser.tagName(tag) + " where a fragment item belongs");
            len = Encapsulated.length(in, file, "fragment " + (x.count + 1));
            if (first < 0) first = at;
            if (x.count == MAX_FRAGMENTS) throw new IntersliceException(file, "encapsulated pixel data of more than " + MAX_FRAGMENTS + " fragments");
            x.add(at - first, in.position(), (int) len);
            in.skipBytes(len);
        }
        in.bigEndian = saved;
        if (x.count == 0) throw new IntersliceException(file, "corrupt encapsulated pixel data: no fragment");
        return x;
    }

    private void add(long item, long pos, int len) {
        if (count == position.length) {
            itemOffset = Arrays.copyOf(itemOffset, 2 * count);
            position = Arrays.copyOf(position, 2 * count);
            length = Arrays.copyOf(length, 2 * count);
        }
        itemOffset[count] = item;
        position[count] = pos;
        length[count++] = len;
    }

    /** Number of fragments. */
    int fragments() {
        return count;
    }

    /**
     * Decides which fragments make each of {@code frames} frames (see the class comment).
     *
     * @param eot Extended Offset Table, or null; {@code eotLengths} its lengths
     * @param markers true when a fragment ending in FFD9 ends a frame (JPEG, JPEG-LS, JPEG 2000)
     */
    void assign(Path file, int frames, long[] eot, long[] eotLengths, boolean markers) {
        from = new int[frames];
        to = new int[frames];
        frameLength = new long[frames];
        if (eot != null && eot.length > 0) {
            if (eot.length != frames || eotLengths == null || eotLengths.length != frames)
                throw new IntersliceException(file, "extended offset table lists " + eot.length + " frames and "
                        + (eotLengths == null ? "no" : String.valueOf(eotLengths.length)) + " lengths, NumberOfFrames is " + frames);
            for (int k = 0; k < frames; k++) {
                int f = fragmentAt(file, eot[k], "extended offset table");
                if (eotLengths[k] > length[f])
                    throw new IntersliceException(file, "corrupt extended offset table: frame " + (k + 1) + " length " + eotLengths[k] + " exceeds its fragment of " + length[f] + " bytes");
                from[k] = f;
                to[k] = f + 1;
                frameLength[k] = eotLengths[k];
            }
            return;
        }
        if (bot.length > 0 && frames > 1) {
            if (bot.length != frames) throw new IntersliceException(file, "basic offset table lists " + bot.length + " frames, NumberOfFrames is " + frames);
            for (int k = 0; k < frames; k++) {
                from[k] = fragmentAt(file, bot[k], "basic offset table");
                if (k > 0 && from[k] <= from[k - 1])
                    throw new IntersliceException(file, "corrupt basic offset table: offset " + bot[k] + " of frame " + (k + 1) + " does not follow " + bot[k - 1]);
                if (k > 0) to[k - 1] = from[k];
            }
            to[frames - 1] = count;
        } else if (count == frames) {
            for (int k = 0; k < frames; k++) {
                from[k] = k;
                to[k] = k + 1;
            }
        } else if (frames == 1) {
            to[0] = count;
        } else if (markers && count > frames) {
            splitAtMarkers(file, frames);
        } else {
            throw new IntersliceException(file, count + " fragments for " + frames + " frames and no offset table: cannot tell the frames apart");
        }
        for (int k = 0; k < frames; k++) for (int i = from[k]; i < to[k]; i++) frameLength[k] += length[i];
    }

    /** Frames end at fragments whose last bytes are the EOI marker FFD9 (or FFD9 and one padding byte). */
    private void splitAtMarkers(Path file, int frames) {
        int k = 0;
        byte[] tail = new byte[3];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < count; i++) {
                int n = Math.min(3, length[i]);
                ByteBuffer b = ByteBuffer.wrap(tail, 0, n);
                long at = position[i] + length[i] - n;
                while (b.hasRemaining()) if (ch.read(b, at + b.position()) < 0) throw new IntersliceException(file, "truncated: a fragment ends past the end of the file");
                boolean eoi = (n >= 2 && (tail[n - 2] & 0xFF) == 0xFF && (tail[n - 1] & 0xFF) == 0xD9)
                        || (n == 3 && (tail[0] & 0xFF) == 0xFF && (tail[1] & 0xFF) == 0xD9 && tail[2] == 0);
                if (eoi || i == count - 1) {
                    if (k == frames) throw new IntersliceException(file, "the fragments hold more than NumberOfFrames " + frames + " codestreams");
                    to[k] = i + 1;
                    if (k + 1 < frames) from[k + 1] = i + 1;
                    k++;
                }
            }
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + e.getMessage(), e);
        }
        if (k != frames) throw new IntersliceException(file, count + " fragments hold " + k + " codestreams, NumberOfFrames is " + frames);
    }

    private int fragmentAt(Path file, long offset, String table) {
        int i = Arrays.binarySearch(itemOffset, 0, count, offset);
        if (i < 0) throw new IntersliceException(file, "corrupt " + table + ": offset " + offset + " is not the start of a fragment");
        return i;
    }

    /** Compressed bytes of frame k. */
    long frameLength(int k) {
        return frameLength[k];
    }

    /** Largest compressed frame, bytes. */
    long largestFrame() {
        long m = 0;
        if (frameLength == null) return 0;
        for (long l : frameLength) m = Math.max(m, l);
        return m;
    }

    /** Reads the compressed bytes of frame k (its fragments, concatenated) by positioned reads. */
    byte[] read(Path file, int k, long maxBytes) {
        if (frameLength[k] > maxBytes) throw new IntersliceException(file, "frame " + (k + 1) + " of " + frameLength[k] + " compressed bytes exceeds the memory limit of " + maxBytes);
        byte[] out = new byte[(int) frameLength[k]];
        ByteBuffer b = ByteBuffer.wrap(out);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = from[k]; i < to[k] && b.hasRemaining(); i++) {
                int n = (int) Math.min(length[i], b.remaining());
                b.limit(b.position() + n);
                for (long p = position[i]; b.hasRemaining(); ) {
                    int r = ch.read(b, p);
                    if (r < 0) throw new IntersliceException(file, "truncated: the file ends inside frame " + (k + 1) + " (changed since it was indexed?)");
                    p += r;
                }
                b.limit(out.length);
            }
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }
}
