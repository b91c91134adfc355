package org.interslice.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.io.RawCodec;

/**
 * Multi-frame objects (enhanced CT/MR, multi-frame secondary capture): each frame becomes one slice
 * header, placed by its functional groups (PS3.3 C.7.6.16): Plane Position (Patient), Plane Orientation
 * (Patient), Pixel Measures and Pixel Value Transformation of its Per-Frame Functional Groups item,
 * else of the Shared Functional Groups item, else the top-level attributes. A multi-frame object without
 * plane positions (secondary capture) places frame k at ImagePositionPatient + k x SpacingBetweenSlices
 * along the slice normal, with a note. Frames are ordered by their Dimension Index Values (in the order of
 * the Dimension Index Sequence); the values of non-spatial dimensions (Stack ID, Temporal Position Index,
 * echo, ...) split the frames into separate stacks, and so does a position repeated within one of them.
 * Frames are read one at a time (see {@link #pixels}).
 */
final class DicomFrames {
    /** Most frames in one object (their headers are held in memory). */
    static final int MAX_FRAMES = 1 << 18;
    /** Dimension index pointers that place a frame within a stack rather than choose the stack. */
    private static final int IN_STACK_POSITION = 0x00209057, IMAGE_POSITION = 0x00200032, SLICE_LOCATION = 0x00201041;

    private DicomFrames() {}

    /** True when {@code h} is a multi-frame or enhanced object (its frames are read through {@link #expand}). */
    static boolean multiFrame(DicomHeader h) {
        return h.numberOfFrames > 1 || h.perFrame != null || h.shared != null;
    }

    /** The frames of {@code h} as slice headers, in dimension order; {@code h} itself when it is a single-frame image. */
    static List<DicomHeader> expand(DicomHeader h) {
        if (!multiFrame(h)) return List.of(h);
        int n = Math.max(1, h.numberOfFrames);
        if (h.numberOfFrames > MAX_FRAMES) throw new IntersliceException(h.file, "NumberOfFrames " + h.numberOfFrames + " exceeds " + MAX_FRAMES);
        if (h.perFrame != null && h.perFrame.size() != n)
            throw new IntersliceException(h.file, "Per-Frame Functional Groups Sequence has " + h.perFrame.size() + " items, NumberOfFrames is " + n);
        if (h.shared != null && h.shared.size() != 1)
            throw new IntersliceException(h.file, "Shared Functional Groups Sequence has " + h.shared.size() + " items (one expected)");
        checkPixelData(h, n);
        FrameGroups s = h.shared != null ? h.shared.get(0) : null;
        List<String> notes = new ArrayList<>();
        List<DicomHeader> out = new ArrayList<>(n);
        boolean derived = false;
        for (int k = 0; k < n; k++) {
            FrameGroups g = h.perFrame != null ? h.perFrame.get(k) : null;
            DicomHeader f = h.copy();
            f.frame = k;
            f.source = h;
            f.pixels = null;
            f.iop = pick(g, s, x -> x.iop, h.iop);
            f.pixelSpacing = pick(g, s, x -> x.pixelSpacing, h.pixelSpacing);
            f.sliceThickness = FrameGroups.first(g == null ? Double.NaN : g.sliceThickness, FrameGroups.first(s == null ? Double.NaN : s.sliceThickness, h.sliceThickness));
            f.spacingBetweenSlices = FrameGroups.first(g == null ? Double.NaN : g.spacingBetweenSlices, FrameGroups.first(s == null ? Double.NaN : s.spacingBetweenSlices, h.spacingBetweenSlices));
            f.slope = FrameGroups.first(g == null ? Double.NaN : g.slope, FrameGroups.first(s == null ? Double.NaN : s.slope, h.slope));
            f.intercept = FrameGroups.first(g == null ? Double.NaN : g.intercept, FrameGroups.first(s == null ? Double.NaN : s.intercept, h.intercept));
            double[] p = pick(g, s, x -> x.ipp, null);
            if (p == null && n > 1) {
                p = derivedPosition(h, f, k, notes);
                derived = true;
            }
            f.ipp = p != null ? p : h.ipp;
            f.stackKey = stackKey(h, g, s);
            f.notes = notes;
            out.add(f);
        }
        if (derived) notes.add(0, "frame positions derived from ImagePositionPatient and the slice spacing (no Plane Position per frame)");
        sortByDimensions(out, h, s);
        splitRepeatedPositions(out, notes);
        return out;
    }

    /** NumberOfFrames must fit the pixel data: native bytes, or fragments (whose frames are assigned now). */
    private static void checkPixelData(DicomHeader h, int n) {
        if (h.encapsulated) {
            FrameDecoder.Codec c = FrameDecoder.codec(h.syntax);
            if (c == null) return; // refused by name when read; info still lists it
            if (h.fragments == null) throw new IntersliceException(h.file, "encapsulated pixel data was not indexed");
            h.fragments.assign(h.file, n, h.extendedOffsets, h.extendedLengths, c == FrameDecoder.Codec.JPEG || c == FrameDecoder.Codec.JPEG_LS || c == FrameDecoder.Codec.JPEG2000);
            return;
        }
        long fb = frameBytes(h);
        if (fb > 0 && fb * n > h.pixelLength)
            throw new IntersliceException(h.file, "NumberOfFrames " + n + " x " + fb + " bytes per frame = " + fb * n + " bytes, the pixel data holds " + h.pixelLength);
    }

    /** Native bytes of one frame, or 0 when the header cannot tell (the pixel format check reports it). */
    static long frameBytes(DicomHeader h) {
        if (h.rows < 1 || h.columns < 1 || h.bitsAllocated < 8 || h.bitsAllocated % 8 != 0) return 0;
        return (long) h.rows * h.columns * (h.bitsAllocated / 8) * Math.max(1, h.samplesPerPixel);
    }

    private static double[] pick(FrameGroups g, FrameGroups s, Function<FrameGroups, double[]> get, double[] top) {
        double[] v = g == null ? null : get.apply(g);
        if (v == null && s != null) v = get.apply(s);
        return v != null ? v : top;
    }

    /** Position of frame k of an object without plane positions: top-level IPP + k x spacing along the normal. */
    private static double[] derivedPosition(DicomHeader h, DicomHeader f, int k, List<String> notes) {
        double[] o = h.ipp != null && !Double.isNaN(h.ipp[0]) ? h.ipp : new double[3];
        double[] iop = f.iop != null && !Double.isNaN(f.iop[0]) ? f.iop : new double[] {1, 0, 0, 0, 1, 0};
        double step = f.spacingBetweenSlices > 0 ? f.spacingBetweenSlices : f.sliceThickness > 0 ? f.sliceThickness : 1;
        if (k == 1 && !(f.spacingBetweenSlices > 0) && !(f.sliceThickness > 0)) notes.add("no SpacingBetweenSlices or SliceThickness: frames 1 mm apart assumed");
        double[] nrm = Geometry.cross(new double[] {iop[0], iop[1], iop[2]}, new double[] {iop[3], iop[4], iop[5]});
        double l = Math.sqrt(Geometry.dot(nrm, nrm));
        if (!(l > 1e-3)) return o.clone(); // the stack reports the bad orientation
        return new double[] {o[0] + k * step * nrm[0] / l, o[1] + k * step * nrm[1] / l, o[2] + k * step * nrm[2] / l};
    }

    /** The values of the frame's non-spatial dimensions (and its Stack ID), as text; "" when none. */
    private static String stackKey(DicomHeader h, FrameGroups g, FrameGroups s) {
        long[] values = g != null && g.dimensionValues != null ? g.dimensionValues : s != null ? s.dimensionValues : null;
        String stackId = g != null && g.stackId != null ? g.stackId : s != null ? s.stackId : null;
        long temporal = g != null && g.temporalIndex >= 0 ? g.temporalIndex : s != null ? s.temporalIndex : -1;
        StringBuilder key = new StringBuilder();
        boolean stackIsDimension = false, temporalIsDimension = false;
        if (values != null && h.dimensions != null && !h.dimensions.isEmpty()) {
            if (values.length != h.dimensions.size())
                throw new IntersliceException(h.file, "a frame has " + values.length + " Dimension Index Values, the Dimension Index Sequence lists " + h.dimensions.size() + " dimensions");
            for (int d = 0; d < values.length; d++) {
                int ptr = h.dimensions.get(d).indexPointer;
                if (ptr == IN_STACK_POSITION || ptr == IMAGE_POSITION || ptr == SLICE_LOCATION) continue;
                stackIsDimension |= ptr == 0x00209056;
                temporalIsDimension |= ptr == 0x00209128;
                key.append(key.length() == 0 ? "" : ", ").append(dimensionName(ptr)).append(' ').append(values[d]);
            }
        }
        if (stackId != null && !stackId.isEmpty() && !stackIsDimension) key.append(key.length() == 0 ? "" : ", ").append("Stack ID ").append(stackId);
        if (temporal >= 0 && !temporalIsDimension) key.append(key.length() == 0 ? "" : ", ").append("Temporal Position Index ").append(temporal);
        return key.toString();
    }

    private static String dimensionName(int tag) {
        switch (tag) {
            case 0x00209056: return "Stack ID";
            case 0x00209128: return "Temporal Position Index";
            case 0x00189082: return "Effective Echo Time";
            case 0x00189087: return "Diffusion b-value";
            case 0x00209153: return "Nominal Cardiac Trigger Delay Time";
            default: return "dimension " + DicomParser.tagName(tag);
        }
    }

    /** Orders the frames by their Dimension Index Values (first dimension slowest) when every frame has them. */
    private static void sortByDimensions(List<DicomHeader> frames, DicomHeader h, FrameGroups s) {
        if (h.perFrame == null || h.dimensions == null) return;
        long[][] v = new long[frames.size()][];
        for (DicomHeader f : frames) {
            FrameGroups g = h.perFrame.get(f.frame);
            v[f.frame] = g.dimensionValues != null ? g.dimensionValues : s != null ? s.dimensionValues : null;
            if (v[f.frame] == null) return;
        }
        frames.sort(Comparator.comparing((DicomHeader f) -> v[f.frame], java.util.Arrays::compare));
    }

    /** A position met again within one stack (same key and orientation) starts another stack: "repeat 2", ... */
    private static void splitRepeatedPositions(List<DicomHeader> frames, List<String> notes) {
        Map<String, Integer> seen = new HashMap<>();
        int most = 1;
        for (DicomHeader f : frames) {
            if (f.ipp == null || f.iop == null || Double.isNaN(f.ipp[0]) || Double.isNaN(f.iop[0])) continue;
            double[] nrm = Geometry.cross(new double[] {f.iop[0], f.iop[1], f.iop[2]}, new double[] {f.iop[3], f.iop[4], f.iop[5]});
            double l = Math.sqrt(Geometry.dot(nrm, nrm));
            if (!(l > 1e-3)) continue;
            long at = Math.round(Geometry.dot(f.ipp, nrm) / l / 1e-3);
            String key = f.stackKey + "|" + String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f", f.iop[0], f.iop[1], f.iop[2], f.iop[3], f.iop[4], f.iop[5]) + "|" + at;
            int times = seen.merge(key, 1, Integer::sum);
            if (times > 1) {
                f.stackKey = f.stackKey + (f.stackKey.isEmpty() ? "" : ", ") + "repeat " + times;
                most = Math.max(most, times);
            }
        }
        if (most > 1) notes.add("positions repeat within the frames: split into " + most + " stacks in frame order (\"repeat N\")");
    }

    /**
     * The pixel bytes of one slice, as the native reader would have read them (the dataset's byte order;
     * decoded frames are little endian): a single-frame file is parsed again for its pixels; a frame of
     * a multi-frame object is read alone (a positioned read, or its fragments) and decoded.
     */
    static byte[] pixels(DicomHeader h, long maxBytes) {
        if (h.source == null) {
            DicomHeader p = h.pixels != null ? h : DicomParser.parse(h.file, true, maxBytes, false);
            if (p == null || p.pixels == null || p.rows != h.rows || p.columns != h.columns)
                throw new IntersliceException(h.file, "changed while reading (pixel data or size differs from its first parse)");
            return p.pixels;
        }
        DicomHeader s = h.source;
        if (s.encapsulated) {
            if (FrameDecoder.codec(s.syntax) == null) throw FrameDecoder.unsupported(h.file, s.syntax);
            return FrameDecoder.decode(h, s.fragments.read(s.file, h.frame, maxBytes), maxBytes);
        }
        int fb = (int) frameBytes(h);
        RawCodec.checkAllocation(h.file, h.columns, h.rows, 1, h.bytesPerSample(), maxBytes);
        long off = (long) h.frame * fb;
        if (s.pixelOffset < 0) return DicomParser.nativeFrame(h.file, off, fb, maxBytes);
        byte[] out = new byte[fb];
        ByteBuffer b = ByteBuffer.wrap(out);
        try (FileChannel ch = FileChannel.open(h.file, StandardOpenOption.READ)) {
            for (long p = s.pixelOffset + off; b.hasRemaining(); ) {
                int r = ch.read(b, p);
                if (r < 0) throw new IntersliceException(h.file, "truncated: the file ends inside " + h.label() + " (changed since it was indexed?)");
                p += r;
            }
        } catch (IOException e) {
            throw new IntersliceException(h.file, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }
}
