package org.interslice.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.io.RawCodec;

/**
 * Streaming parser of one DICOM file (PS3.10 file format, PS3.5 data encoding). It reads the file
 * meta group (explicit VR little endian), switches to the dataset's transfer syntax, keeps the few
 * attributes {@link DicomHeader} holds and skips every other element by its length, including
 * sequences and items of undefined length (nested, delimited by (FFFE,E00D) and (FFFE,E0DD)) in both
 * implicit and explicit encodings. The functional groups of enhanced objects (Shared and Per-Frame
 * Functional Groups, Dimension Index Sequence) are read into {@link FrameGroups}, defined or undefined
 * length, each nested length checked against its enclosing item. It stops at the top-level Pixel Data
 * (7FE0,0010), reading the pixels only when asked (for a multi-frame object: indexing its fragments). Every declared length is checked against the bytes left in the file before it is
 * skipped or read, so a corrupt length is an error, never a hang or a large allocation.
 */
final class DicomParser {
    static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000, ITEM_END = 0xFFFEE00D, SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** Sequences nest a handful of levels in practice; deeper means a corrupt file (and guards the stack). */
    private static final int MAX_DEPTH = 64;
    /** Longest value kept; the kept attributes are short strings and numbers. */
    private static final int MAX_KEPT_VALUE = 1 << 16;
    private static final int SHARED_GROUPS = 0x52009229, PER_FRAME_GROUPS = 0x52009230, DIMENSION_INDEX = 0x00209222;
    private static final int EXTENDED_OFFSETS = 0x7FE00001, EXTENDED_LENGTHS = 0x7FE00002;

    private final DicomHeader h;
    private final long maxBytes;
    private DicomStream in;
    private boolean explicit;
    /** True once "DICM" was found at byte 128. */
    private boolean part10;
    /** Keep the functional groups and extended offset table (header parses; pixel re-reads skip them). */
    private boolean groups = true;
    /** Byte offset in the pixel data of the frame to read (with {@link #frameBytes}), or -1 for frame 0 of a single-frame file. */
    private long frameOffset = -1;
    private int frameBytes;
    /** The element header last read by {@link #header}. */
    private int elTag;
    private String elVr;
    private long elLen;

    private DicomParser(DicomHeader h, long maxBytes) {
        this.h = h;
        this.maxBytes = maxBytes;
    }

    /**
     * Parses {@code file}. Returns null when it is plainly not DICOM: no "DICM" at byte 128 and no
     * dataset at byte 0 (group 0002 or 0008 element). Throws IntersliceException for a DICOM file that
     * is truncated, corrupt, or uses an undecodable transfer syntax.
     *
     * @param withPixels also read the pixel bytes of a single frame ({@link DicomHeader#pixels})
     * @param maxBytes largest pixel buffer to allocate
     * @param lenient return null instead of throwing for a file without the "DICM" magic that fails to
     *        parse (a folder may hold other files that merely start like a dataset)
     */
    static DicomHeader parse(Path file, boolean withPixels, long maxBytes, boolean lenient) {
        return parse(new DicomParser(new DicomHeader(file), maxBytes), withPixels, lenient);
    }

    /**
     * The native (uncompressed) bytes of one frame of a multi-frame file, by streaming through the
     * dataset: for deflated files, whose pixel data has no file offset. Functional groups are skipped.
     *
     * @param offset the frame's first byte within the pixel data
     * @param bytes the frame's length (its allocation already checked by the caller)
     */
    static byte[] nativeFrame(Path file, long offset, int bytes, long maxBytes) {
        DicomParser p = new DicomParser(new DicomHeader(file), maxBytes);
        p.groups = false;
        p.frameOffset = offset;
        p.frameBytes = bytes;
        DicomHeader h = parse(p, true, false);
        if (h == null || h.pixels == null) throw new IntersliceException(file, "changed while reading (no pixel data where it was indexed)");
        return h.pixels;
    }

    private static DicomHeader parse(DicomParser p, boolean withPixels, boolean lenient) {
        DicomHeader h = p.h;
        Path file = h.file;
        try (InputStream raw = Files.newInputStream(file)) {
            long size = Files.size(file);
            p.in = new DicomStream(raw, size, file, withPixels ? 1 << 16 : 1 << 13);
            return p.run(withPixels) ? h : null;
        } catch (IntersliceException e) {
            if (lenient && !p.part10) return null;
            throw e;
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private boolean run(boolean withPixels) {
        boolean meta;
        if (in.fill(132) && in.peek(128) == 'D' && in.peek(129) == 'I' && in.peek(130) == 'C' && in.peek(131) == 'M') {
            in.skipBytes(132);
            meta = true;
            part10 = true;
        } else if (in.fill(6) && in.peek(1) == 0 && (in.peek(0) == 0x02 || in.peek(0) == 0x08)) {
            // no preamble: a bare meta group (0002) or a bare dataset starting at group 0008
            meta = in.peek(0) == 0x02;
        } else {
            return false;
        }
        TransferSyntax ts;
        if (meta) {
            explicit = true;
                        // group 0002 runs until the first element of another group (peeked, since that element is
            // already in the dataset's encoding, which may be big endian or deflated)
            while (in.fill(2) && in.peek(1) == 0 && in.peek(0) == 0x02) element(0, true);
            if (DicomHeader.DIRECTORY_SOP_CLASS.equals(h.mediaStorageSopClass)) return true;
            String uid = h.transferSyntaxUid == null ? TransferSyntax.IMPLICIT_LE : h.transferSyntaxUid;
            ts = TransferSyntax.of(uid);
            if (ts == null) throw new IntersliceException(h.file, "unknown transfer syntax UID " + uid);
        } else {
            // explicit when bytes 4-5 of the first element are a VR (two upper-case letters)
            boolean ex = in.fill(6) && isUpper(in.peek(4)) && isUpper(in.peek(5));
            ts = TransferSyntax.of(ex ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE);
        }
        h.syntax = ts;
        // compressed syntaxes without a decoder here are refused when their pixels are read, so that
        // the headers still index (info lists their series and syntax)
        explicit = ts.explicitVr();
        in.bigEndian = ts.bigEndian();
        if (ts.deflated()) {
            // the rest of the file is one raw deflate stream (PS3.5 A.5); its inflated length is unknown
            in = new DicomStream(new InflaterInputStream(in, new Inflater(true), 1 << 13), -1, h.file, 1 << 16);
        }
        while (!in.atEnd()) {
            if (!element(0, false)) {
                if (frameOffset >= 0) {
                    readFrame();
                } else if (h.numberOfFrames > 1 || h.perFrame != null || h.shared != null) {
                    // a multi-frame (or enhanced) object: frames are read one by one later, by their index
                    if (h.encapsulated && groups) h.fragments = FrameIndex.scan(in, h.file);
                } else if (withPixels) {
                    readPixels();
                    // a cut deflate stream may still yield every pixel: reading to its end proves it whole
                    if (h.syntax.deflated()) while (in.read() >= 0) { /* discard trailing elements */ }
                }
                break;
            }
        }
        return true;
    }

    private static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * Reads one element at nesting depth {@code depth}; returns false at the top-level Pixel Data
     * (the stream is then positioned at its first byte).
     */
    private boolean element(int depth, boolean metaGroup) {
        header();
        int tag = elTag;
        String vr = elVr;
        long len = elLen;
        if (tag == PIXEL_DATA && depth == 0) {
            if (!h.syntax.deflated()) h.pixelOffset = in.position();
            if (len == UNDEFINED) {
                if (h.syntax.native_())
                    throw new IntersliceException(h.file, "encapsulated (compressed) pixel data in " + h.syntax.describe());
                h.encapsulated = true;
                h.pixelLength = in.remaining();
                return false;
            }
            if (!h.syntax.native_())
                throw new IntersliceException(h.file, "corrupt: pixel data of defined length " + len + " in compressed transfer syntax " + h.syntax.describe() + " (it must be encapsulated)");
            checkLength(tag, len);
            h.pixelLength = len;
            return false;
        }
        if (groups && depth == 0 && (tag == SHARED_GROUPS || tag == PER_FRAME_GROUPS || tag == DIMENSION_INDEX) && (vr == null || "SQ".equals(vr) || "UN".equals(vr))) {
            if (len != UNDEFINED) checkLength(tag, len);
            List<FrameGroups> items = new ArrayList<>();
            sequence(tag, len, 1, "UN".equals(vr), null, items);
            if (tag == SHARED_GROUPS) h.shared = items;
            else if (tag == PER_FRAME_GROUPS) h.perFrame = items;
            else h.dimensions = items;
            return true;
        }
        if (len == UNDEFINED) {
            if (explicit && !("SQ".equals(vr) || "UN".equals(vr) || "OB".equals(vr) || "OW".equals(vr)))
                throw new IntersliceException(h.file, "corrupt: element " + tagName(tag) + " of VR " + vr + " has undefined length");
            // PS3.5 6.2.2: an undefined-length UN holds its items in implicit VR little endian
            skipSequence(depth + 1, !explicit || "UN".equals(vr));
            return true;
        }
        checkLength(tag, len);
        if (groups && depth == 0 && (tag == EXTENDED_OFFSETS || tag == EXTENDED_LENGTHS)) {
            if (len % 8 != 0 || len > 8L * DicomFrames.MAX_FRAMES)
                throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " (extended offset table) of " + len + " bytes");
            long[] t = new long[(int) (len / 8)];
            for (int i = 0; i < t.length; i++) {
                long lo = in.u32(), hi = in.u32();
                t[i] = in.bigEndian ? (lo << 32) | hi : (hi << 32) | lo;
                if (t[i] < 0) throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " entry " + (i + 1) + " is negative");
            }
            if (tag == EXTENDED_OFFSETS) h.extendedOffsets = t;
            else h.extendedLengths = t;
            return true;
        }
        if (depth == 0 && (kept(tag) || DicomSource.CARRIED.containsKey(tag)) && len <= MAX_KEPT_VALUE) {
            byte[] v = new byte[(int) len];
            in.readFully(v, 0, v.length);
            store(tag, vr, v);
        } else {
            in.skipBytes(len);
        }
        return true;
    }

    /** Reads an element header into elTag, elVr (null in implicit VR) and elLen. */
    private void header() {
        int tag = (in.u16() << 16) | in.u16();
        in.contextTag = tag;
        if (tag == ITEM || tag == ITEM_END || tag == SEQUENCE_END) {
            throw new IntersliceException(h.file, "corrupt: delimiter " + tagName(tag) + " outside a sequence");
        }
        elTag = tag;
        elVr = null;
        if (explicit) {
            int a = in.u8(), b = in.u8();
            if (!isUpper(a) || !isUpper(b))
                throw new IntersliceException(h.file, "corrupt: element " + tagName(tag) + " has no valid VR (bytes " + a + ", " + b + ")");
            elVr = "" + (char) a + (char) b;
            if (longLength(elVr)) {
                in.skipBytes(2);
                elLen = in.u32();
            } else {
                elLen = in.u16();
            }
        } else {
            elLen = in.u32();
        }
    }

    /**
     * Reads a functional groups sequence (or the Dimension Index Sequence) of length {@code len}
     * (UNDEFINED: up to its delimiter). At the top ({@code out} not null) each item becomes one
     * {@link FrameGroups}; a macro sequence inside ({@code out} null) writes into {@code into} and may
     * hold one item only.
     */
    private void sequence(int tag, long len, int depth, boolean un, FrameGroups into, List<FrameGroups> out) {
        if (depth > MAX_DEPTH) throw new IntersliceException(h.file, "corrupt: sequences nested deeper than " + MAX_DEPTH);
        boolean savedExplicit = explicit, savedBig = in.bigEndian;
        if (un || !explicit) {
            explicit = false; // PS3.5 6.2.2: a sequence as UN holds implicit VR little endian items
            if (un) in.bigEndian = false;
        }
        long end = len == UNDEFINED ? -1 : in.position() + len;
        int count = 0;
        while (end < 0 || in.position() < end) {
            int t = (in.u16() << 16) | in.u16();
            long il = in.u32();
            if (t == SEQUENCE_END && end < 0) break;
            if (t != ITEM) throw new IntersliceException(h.file, "corrupt: " + tagName(t) + " in " + tagName(tag) + " where an item was expected");
            if (out == null && ++count > 1)
                throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " holds more than one item (a functional group macro has one)");
            if (out != null && out.size() >= DicomFrames.MAX_FRAMES)
                throw new IntersliceException(h.file, tagName(tag) + " holds more than " + DicomFrames.MAX_FRAMES + " items");
            FrameGroups g = into;
            if (out != null) out.add(g = new FrameGroups());
            if (il != UNDEFINED) within(t, il, end);
            item(tag, il, depth, g);
        }
        if (end >= 0 && in.position() != end) throw new IntersliceException(h.file, "corrupt: the items of " + tagName(tag) + " overrun its length");
        explicit = savedExplicit;
        in.bigEndian = savedBig;
    }

    /** Reads the elements of one item (length {@code len}, or UNDEFINED up to its delimiter) into {@code g}. */
    private void item(int seqTag, long len, int depth, FrameGroups g) {
        long end = len == UNDEFINED ? -1 : in.position() + len;
        while (true) {
            if (end >= 0 && in.position() >= end) {
                if (in.position() > end) throw new IntersliceException(h.file, "corrupt: an element overruns its item in " + tagName(seqTag));
                return;
            }
            if (!in.fill(4)) throw in.truncated();
            int group = in.bigEndian ? (in.peek(0) << 8) | in.peek(1) : (in.peek(1) << 8) | in.peek(0);
            if (group == 0xFFFE) {
                int t = (in.u16() << 16) | in.u16();
                in.u32();
                if (t == ITEM_END && end < 0) return;
                throw new IntersliceException(h.file, "corrupt: " + tagName(t) + " inside an item of " + tagName(seqTag));
            }
            header();
            int tag = elTag;
            String vr = elVr;
            long l = elLen;
            if (l != UNDEFINED) within(tag, l, end);
            if (FrameGroups.macro(tag) && (vr == null || "SQ".equals(vr) || "UN".equals(vr))) {
                sequence(tag, l, depth + 1, "UN".equals(vr), g, null);
            } else if (l == UNDEFINED) {
                skipSequence(depth + 1, !explicit || "UN".equals(vr));
            } else if (FrameGroups.kept(tag) && l <= MAX_KEPT_VALUE) {
                byte[] v = new byte[(int) l];
                in.readFully(v, 0, v.length);
                g.store(h.file, in.bigEndian, tag, vr, v);
            } else {
                in.skipBytes(l);
            }
        }
    }

    /** Checks a length against the bytes left and against the end of the enclosing item or sequence (-1: none). */
    private void within(int tag, long len, long end) {
        checkLength(tag, len);
        if (end >= 0 && in.position() + len > end)
            throw new IntersliceException(h.file, "corrupt: element " + tagName(tag) + " of " + len + " bytes overruns its sequence or item");
    }

    /** Skips the items of an undefined-length sequence up to its (FFFE,E0DD) delimiter. */
    private void skipSequence(int depth, boolean implicitInside) {
        if (depth > MAX_DEPTH) throw new IntersliceException(h.file, "corrupt: sequences nested deeper than " + MAX_DEPTH);
        boolean savedExplicit = explicit, savedBig = in.bigEndian;
        if (implicitInside && !savedExplicit) {
            explicit = false;
        } else if (implicitInside) {
            explicit = false;
            in.bigEndian = false;
        }
        while (true) {
            int tag = (in.u16() << 16) | in.u16();
            long len = in.u32();
            if (tag == SEQUENCE_END) break;
            if (tag != ITEM) {
                // encapsulated fragments are items too; anything else is a broken sequence
                throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " inside a sequence where an item was expected");
            }
            if (len == UNDEFINED) {
                skipItem(depth);
            } else {
                checkLength(tag, len);
                in.skipBytes(len);
            }
        }
        explicit = savedExplicit;
        in.bigEndian = savedBig;
    }

    /** Skips the elements of an undefined-length item up to its (FFFE,E00D) delimiter. */
    private void skipItem(int depth) {
        while (true) {
            if (!in.fill(4)) throw in.truncated();
            int group = in.bigEndian ? (in.peek(0) << 8) | in.peek(1) : (in.peek(1) << 8) | in.peek(0);
            if (group == 0xFFFE) {
                int tag = (in.u16() << 16) | in.u16();
                in.u32();
                if (tag == ITEM_END) return;
                throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " inside an item");
            }
            element(depth, false);
        }
    }

    private void checkLength(int tag, long len) {
        if (len > in.remaining())
            throw new IntersliceException(h.file, "truncated or corrupt: element " + tagName(tag) + " declares " + len + " bytes but only " + in.remaining() + " remain");
    }

    /** Explicit VRs whose length is 32-bit, after two reserved bytes (PS3.5 7.1.2). */
    static boolean longLength(String vr) {
        switch (vr) {
            case "OB": case "OD": case "OF": case "OL": case "OV": case "OW": case "SQ": case "SV":
            case "UC": case "UN": case "UR": case "UT": case "UV":
                return true;
            default:
                return false;
        }
    }

    private static boolean kept(int tag) {
        switch (tag) {
            case 0x00020002: case 0x00020010: case 0x00080016: case 0x00080060: case 0x0008103E:
            case 0x00180050: case 0x00180088: case 0x00181120:
            case 0x0020000D: case 0x0020000E: case 0x00200011: case 0x00200013: case 0x00200032: case 0x00200037:
            case 0x00280002: case 0x00280004: case 0x00280008: case 0x00280010: case 0x00280011: case 0x00280030:
            case 0x00280100: case 0x00280101: case 0x00280102: case 0x00280103: case 0x00281052: case 0x00281053:
            case 0x3004000C:
                return true;
            default:
                return false;
        }
    }

    private void store(int tag, String vr, byte[] v) {
        if (DicomSource.CARRIED.containsKey(tag)) {
            // carried into a derived series as stored (ISO 8859-1 keeps every byte); the longest of these VRs
            // holds a few hundred bytes, so longer values are corrupt and dropped (bounds memory per indexed file)
            if (v.length <= 1024) h.carried.put(tag, DicomValues.text(v));
            return;
        }
        switch (tag) {
            case 0x00020002: h.mediaStorageSopClass = DicomValues.text(v); break;
            case 0x00020010: h.transferSyntaxUid = DicomValues.text(v); break;
            case 0x00080016: h.sopClass = DicomValues.text(v); break;
            case 0x00080060: h.modality = DicomValues.text(v); break;
            case 0x0008103E: h.seriesDescription = DicomValues.text(v); break;
            case 0x00180050: h.sliceThickness = DicomValues.number(h.file, tag, v); break;
            case 0x00180088: h.spacingBetweenSlices = DicomValues.number(h.file, tag, v); break;
            case 0x00181120: h.gantryTilt = DicomValues.number(h.file, tag, v); break;
            case 0x0020000D: h.studyUid = DicomValues.text(v); break;
            case 0x0020000E: h.seriesUid = DicomValues.text(v); break;
            case 0x00200011: h.seriesNumber = DicomValues.text(v); break;
            case 0x00200013: h.instanceNumber = (int) DicomValues.number(h.file, tag, v); break;
            case 0x00200032: h.ipp = DicomValues.numbers(h.file, tag, v, 3); break;
            case 0x00200037: h.iop = DicomValues.numbers(h.file, tag, v, 6); break;
            case 0x00280004: h.photometric = DicomValues.text(v); break;
            case 0x00280008: h.numberOfFrames = (int) DicomValues.number(h.file, tag, v); break;
            case 0x00280030: h.pixelSpacing = DicomValues.numbers(h.file, tag, v, 2); break;
            case 0x00281052: h.intercept = DicomValues.number(h.file, tag, v); break;
            case 0x00281053: h.slope = DicomValues.number(h.file, tag, v); break;
            case 0x3004000C: h.gridFrameOffsets = DicomValues.numbers(h.file, tag, v, DicomValues.text(v).split("\\\\").length); break;
            default: {
                // the (0028,xxxx) image pixel attributes are US: 16-bit binary in the dataset's byte order
                int x = unsignedShort(tag, vr, v);
                switch (tag) {
                    case 0x00280002: h.samplesPerPixel = x; break;
                    case 0x00280010: h.rows = x; break;
                    case 0x00280011: h.columns = x; break;
                    case 0x00280100: h.bitsAllocated = x; break;
                    case 0x00280101: h.bitsStored = x; break;
                    case 0x00280102: h.highBit = x; break;
                    case 0x00280103: h.pixelRepresentation = x; break;
                    default: break;
                }
            }
        }
    }

    private int unsignedShort(int tag, String vr, byte[] v) {
        if (v.length == 0) return -1;
        if (vr != null && !("US".equals(vr) || "SS".equals(vr) || "OW".equals(vr) || "OB".equals(vr) || "UN".equals(vr)))
            return (int) DicomValues.number(h.file, tag, v); // a string VR where US belongs: tolerate the text
        if (v.length < 2) throw new IntersliceException(h.file, "corrupt: " + tagName(tag) + " holds " + v.length + " byte(s), a US needs 2");
        // an undefined-length-UN context is little endian; otherwise the dataset's order applies
        return in.bigEndian ? ((v[0] & 0xFF) << 8) | (v[1] & 0xFF) : ((v[1] & 0xFF) << 8) | (v[0] & 0xFF);
    }

    /** Reads the native frame at {@link #frameOffset} of the pixel data. */
    private void readFrame() {
        if (h.encapsulated || frameOffset + frameBytes > h.pixelLength)
            throw new IntersliceException(h.file, "changed while reading (pixel data differs from its first parse)");
        in.contextTag = DicomStream.PIXELS;
        in.skipBytes(frameOffset);
        h.pixels = new byte[frameBytes];
        in.readFully(h.pixels, 0, frameBytes);
    }

    /** Reads one frame of native pixels after the header checks of the caller's series. */
    private void readPixels() {
        if (h.encapsulated) {
            readEncapsulated();
            return;
        }
        long need = (long) h.rows * h.columns * Math.max(1, h.bitsAllocated / 8);
        if (h.rows < 1 || h.columns < 1 || h.bitsAllocated % 8 != 0) return; // the series check reports it
        if (need > h.pixelLength)
            throw new IntersliceException(h.file, "pixel data holds " + h.pixelLength + " bytes, " + h.rows + " rows x " + h.columns + " columns x " + h.bitsAllocated + " bits need " + need);
        RawCodec.checkAllocation(h.file, h.columns, h.rows, 1, Math.max(1, h.bitsAllocated / 8), maxBytes);
        in.contextTag = DicomStream.PIXELS;
        h.pixels = new byte[(int) need];
        in.readFully(h.pixels, 0, h.pixels.length);
    }

    /**
     * Decodes the first frame of encapsulated pixel data into native little-endian bytes. Headers the
     * series check refuses anyway (no size, odd bits, colour, several frames) are left undecoded.
     */
    private void readEncapsulated() {
        if (FrameDecoder.codec(h.syntax) == null) throw FrameDecoder.unsupported(h.file, h.syntax);
        if (h.rows < 1 || h.columns < 1 || (h.bitsAllocated != 8 && h.bitsAllocated != 16 && h.bitsAllocated != 32)
                || h.samplesPerPixel > 1 || h.numberOfFrames > 1) return;
        Encapsulated e = Encapsulated.read(in, h.file, maxBytes);
        h.pixels = FrameDecoder.decode(h, e.frame(h.file, 0, 1), maxBytes);
    }

    static String tagName(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
