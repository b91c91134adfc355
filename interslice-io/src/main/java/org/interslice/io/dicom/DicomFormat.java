package org.interslice.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FolderFormat;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.ReadOptions;
import org.interslice.io.WriteOptions;

/**
 * DICOM: reads a single file, or a folder holding one or more series; writes a series as a folder of one
 * file per slice ({@link DicomWriter}). A read fills {@link org.interslice.io.HeaderFields#dicom} (patient,
 * study and slice identities, {@link DicomSource}) when the options carry a header.
 *
 * <p><b>Files.</b> PS3.10 files ("DICM" at byte 128) and bare datasets without preamble, in Implicit VR
 * Little Endian, Explicit VR Little or Big Endian, or Deflated Explicit VR Little Endian; compressed:
 * RLE Lossless, JPEG lossless and 8/12-bit baseline/extended, JPEG-LS lossless and near-lossless, JPEG
 * 2000 (see {@code FrameDecoder}). Other compressed syntaxes (HTJ2K, JPEG XL, J2K Part 2, video)
 * are indexed (listed by {@link #listSeries}) and refused with their name and UID when read.
 * Single-sample (grey) images only, colour is refused. Multi-frame objects (enhanced CT/MR, multi-frame
 * secondary capture) are read frame by frame, placed by their functional groups (see {@code DicomFrames}).
 *
 * <p><b>Folders.</b> Every regular file directly in the folder is examined, whatever its name
 * (sub-folders are not entered). Files are skipped, silently, when they are: empty or shorter than a
 * DICOM header (so a zero-byte file among valid ones does not stop the read); without the "DICM"
 * magic and not parsable as a bare dataset (e.g. LICENSE, README); directories (Media Storage Directory
 * SOP class 1.2.840.10008.1.3.10, DICOMDIR/DIRFILE) or other objects without top-level pixel data
 * (reports, presentation states); our own temporary files ({@link AtomicFiles#isTemporary}). A file
 * with the "DICM" magic that is truncated or corrupt is an error naming it, and so is one that has
 * image attributes (Rows) but ends before its pixel data. The remaining images are
 * grouped by SeriesInstanceUID, and within a series by size and orientation; {@link ReadOptions#series}
 * picks one by UID or SeriesNumber, otherwise the stack with the most slices is read (see
 * {@link #listSeries} to list them). Headers are parsed in parallel on the options' job and stop at the
 * pixel data, which is read only for the chosen stack.
 *
 * <p><b>Geometry</b> (LPS mm). Index i runs along the IOP row direction (increasing column), j along the
 * IOP column direction (increasing row); spacing i = PixelSpacing[1] (between columns), j =
 * PixelSpacing[0] (between rows). Slices are sorted by ImagePositionPatient along the slice normal
 * (row x column direction); two slices at the same position are an error. Gantry tilt keeps exact
 * positions as a sheared third axis; unevenly spaced slices keep per-slice origins. Both are reported
 * by {@link #listSeries} in {@link DicomSeriesInfo}, never hidden.
 *
 * <p><b>Values.</b> The stored type is kept (uint16 for 12-bit unsigned CT), unused high bits masked,
 * then RescaleSlope/Intercept applied (int16 HU for a -1024 intercept); when slope or intercept differ
 * between slices every slice is rescaled into float32. MONOCHROME1 keeps the stored values (as dcm2niix
 * does), noted in {@link DicomSeriesInfo#notes()}.
 */
public final class DicomFormat implements FolderFormat {
    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public List<String> extensions() {
        return List.of(".dcm");
    }

    /** True when "DICM" sits at byte 128 (PS3.10 preamble + prefix). */
    @Override
    public boolean recognizes(Path path, byte[] head) {
        return head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    /** True when one of the folder's regular files carries the DICM magic or the .dcm extension. */
    @Override
    public boolean recognizesFolder(Path folder) {
        for (Path p : files(folder)) {
            if (p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".dcm")) return true;
            if (recognizes(p, head(p))) return true;
        }
        return false;
    }

    @Override
    public boolean writesFolder() {
        return true;
    }

    /** Writes a series: a folder {@code path} of one file per slice (see {@link DicomWriter}). */
    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        DicomWriter.write(v, path, out, options);
    }

    /**
     * What writing {@code v} as DICOM does to its values when they do not round-trip exactly (non-integers
     * quantized to 16 bits by the rescale), else null. One pass over the voxels.
     */
    public static String valueNote(Volume v) {
        DicomStorage d = DicomStorage.of(v);
        String nonFinite = d.nonFinite() == 0 ? "" : String.format(java.util.Locale.ROOT,
                "%s%d voxels are NaN or infinite: DICOM stores no such value, written as the smallest (NaN, -infinity) or largest (+infinity) finite value",
                d.exact() ? "" : "; ", d.nonFinite());
        if (d.exact()) return nonFinite.isEmpty() ? null : nonFinite;
        return String.format(java.util.Locale.ROOT, "DICOM stores 16-bit integers: %s values quantized by Rescale Slope %s and Intercept %s "
                + "(each reads back within %.3g)", v.type().label(), DicomElements.decimalString(d.slope()), DicomElements.decimalString(d.intercept()), d.tolerance()) + nonFinite;
    }

    /**
     * The integer type the pixels of {@code v} are stored as: 16-bit unsigned or signed, or 32-bit signed
     * (a float volume is stored as integers with a Rescale Slope and Intercept, see {@link #valueNote}).
     * One pass over the voxels.
     */
    public static PixelType storedType(Volume v) {
        DicomStorage d = DicomStorage.of(v);
        return d.bits() == 32 ? PixelType.INT32 : d.signed() ? PixelType.INT16 : PixelType.UINT16;
    }

    @Override
    public boolean storesSlicePositions() {
        return true;   // Image Position (Patient) per slice
    }

    /**
     * Reads a DICOM file (one slice) or a folder (one series, see the class comment).
     *
     * @param options {@code series} picks a series of a folder; {@code applyRescale}, {@code maxBytes}
     *        and {@code job} as documented there. Not modified.
     */
    @Override
    public Volume read(Path path, ReadOptions options) {
        options.check();
        if (Files.isDirectory(path)) {
            DicomStack s = choose(path, DicomStack.group(path, scan(path, options.job, new ArrayList<>())), options.series);
            if (options.header != null) options.header.dicom = DicomSource.of(s);
            return DicomPixels.read(path, s, options);
        }
        DicomHeader h = DicomParser.parse(path, true, options.maxBytes, false);
        if (h == null) throw new IntersliceException(path, "not a DICOM file (no DICM magic at byte 128)");
        if (!h.isImage()) throw new IntersliceException(path, "DICOM file without pixel data (a directory or non-image object)");
        DicomStack stack = choose(path, DicomStack.single(h), options.series);
        if (options.header != null) options.header.dicom = DicomSource.of(stack);
        return DicomPixels.read(path, stack, options);
    }

    /**
     * Opens a DICOM file or folder for region reads: the series is indexed (headers only) now, and a
     * region read parses the pixel data of its slices only (see {@code DicomRegionVolume}).
     */
    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        options.check();
        if (Files.isDirectory(path)) {
            DicomStack s = choose(path, DicomStack.group(path, scan(path, options.job, new ArrayList<>())), options.series);
            if (options.header != null) options.header.dicom = DicomSource.of(s);
            return new DicomRegionVolume(path, s, options);
        }
        DicomHeader h = DicomParser.parse(path, false, options.maxBytes, false);
        if (h == null) throw new IntersliceException(path, "not a DICOM file (no DICM magic at byte 128)");
        if (!h.isImage()) throw new IntersliceException(path, "DICOM file without pixel data (a directory or non-image object)");
        return new DicomRegionVolume(path, choose(path, DicomStack.single(h), options.series), options);
    }

    /**
     * Lists the image stacks of a DICOM folder (a file gives its single slice), from headers only:
     * series UID, number, description, slice count, tilt, spacing regularity, transfer syntax. Sorted by
     * descending slice count (the first is what {@link #read} picks without a series option).
     *
     * @param job threads for parsing the headers
     * @throws IntersliceException when the folder holds no DICOM image, or a DICOM file is corrupt
     */
    public static List<DicomSeriesInfo> listSeries(Path folder, Job job) {
        List<DicomStack> stacks;
        if (Files.isDirectory(folder)) {
            List<String> skipped = new ArrayList<>();
            stacks = sorted(folder, DicomStack.group(folder, scan(folder, job, skipped)));
            if (!skipped.isEmpty()) {
                String note = "skipped " + skipped.size() + " file(s) that are not DICOM images: " + String.join(", ", skipped.subList(0, Math.min(8, skipped.size())))
                        + (skipped.size() > 8 ? ", ..." : "");
                for (DicomStack st : stacks) st.notes.add(note);
            }
        } else {
            DicomHeader h = DicomParser.parse(folder, false, Long.MAX_VALUE, false);
            if (h == null || !h.isImage()) throw new IntersliceException(folder, "not a DICOM image file");
            stacks = sorted(folder, DicomStack.single(h));
        }
        List<DicomSeriesInfo> out = new ArrayList<>();
        for (DicomStack s : stacks) out.add(s.info());
        return out;
    }

    /** Every regular, non-temporary file directly in the folder, by name. */
    private static List<Path> files(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemporary(p)).sorted().toList();
        } catch (IOException e) {
            throw new IntersliceException(folder, "cannot list folder: " + e.getMessage(), e);
        }
    }

    private static byte[] head(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = new byte[132];
            int n = RawCodec.readFully(in, b, b.length);
            return n == b.length ? b : new byte[0];
        } catch (IOException e) {
            return new byte[0]; // unreadable files are not evidence of a DICOM folder
        }
    }

    /**
     * Parses every candidate file's header in parallel; returns the images and adds the names of the
     * files skipped (empty, not DICOM, DICOMDIR, non-image objects) to {@code skipped}, in name order.
     */
    static List<DicomHeader> scan(Path folder, Job job, List<String> skipped) {
        List<Path> files = files(folder);
        DicomHeader[] parsed = new DicomHeader[files.size()];
        job.forEachSlab("index DICOM", files.size(), i -> {
            Path p = files.get(i);
            try {
                if (Files.size(p) == 0) return;
            } catch (IOException e) {
                throw new IntersliceException(p, "cannot read: " + e.getMessage(), e);
            }
            DicomHeader h = DicomParser.parse(p, false, Long.MAX_VALUE, true);
            // an image header (Rows) without pixel data is a file cut at an element boundary, not a report
            if (h != null && !h.isImage() && h.rows > 0 && !DicomHeader.DIRECTORY_SOP_CLASS.equals(h.mediaStorageSopClass))
                throw new IntersliceException(p, "truncated: image attributes but no pixel data");
            parsed[i] = h;
        });
        List<DicomHeader> images = new ArrayList<>();
        for (int i = 0; i < parsed.length; i++) {
            DicomHeader h = parsed[i];
            if (h != null && h.isImage()) images.addAll(DicomFrames.expand(h));
            else skipped.add(files.get(i).getFileName().toString());
        }
        if (images.isEmpty()) throw new IntersliceException(folder, "no DICOM images in this folder (" + files.size() + " files examined)");
        return images;
    }

    private static List<DicomStack> sorted(Path folder, List<DicomStack> stacks) {
        List<DicomStack> l = new ArrayList<>(stacks);
        l.sort(Comparator.comparingInt((DicomStack s) -> -s.slices.size()).thenComparing(s -> s.slices.get(0).file.getFileName().toString()));
        return l;
    }

    /** The stack named by {@code series} (UID or number, "#N" for its N-th stack), or the one with the most slices. */
    private static DicomStack choose(Path folder, List<DicomStack> stacks, String series) {
        List<DicomStack> l = sorted(folder, stacks);
        if (series == null) return l.get(0);
        for (DicomStack s : l) if (s.matches(series)) return s;
        // "SERIES#N": the N-th stack (in listing order) of a series split by orientation, size or multi-frame dimensions
        int hash = series.lastIndexOf('#');
        if (hash > 0 && series.substring(hash + 1).matches("[1-9][0-9]{0,5}")) {
            int n = Integer.parseInt(series.substring(hash + 1));
            String base = series.substring(0, hash);
            for (DicomStack s : l) if (s.matches(base) && --n == 0) return s;
        }
        StringBuilder sb = new StringBuilder();
        for (DicomStack s : l) sb.append(sb.length() == 0 ? "" : "; ").append(s.info().summary());
        throw new IntersliceException(folder, "no series '" + series + "' here (series: " + sb + ")");
    }
}
