package org.interslice.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;
import org.interslice.io.dicom.DicomFormat;

/**
 * Reading and writing steps every operation shares: a read that reports what it assumed, and a write
 * that reports what it wrote. Messages name the file they concern.
 */
public final class Inputs {
    /** A gap this many times the median slice step is reported as a warning. */
    public static final double LARGE_GAP_FACTOR = 1.5;

    private Inputs() {}

    /**
     * Reads {@code path} with the input settings; notes of the reader (an assumed spacing) and a single
     * DICOM file whose folder holds more of the series are added to {@code messages}.
     *
     * @param job threads and progress for decoding
     */
    public static Volume read(Path path, ConfigInput input, Job job, Messages messages) {
        return read(path, input, job, messages, null);
    }

    /** {@link #read(Path, ConfigInput, Job, Messages)}, also filling {@code header} (when non-null) with the file's header fields. */
    public static Volume read(Path path, ConfigInput input, Job job, Messages messages, HeaderFields header) {
        return read(path, input, job, messages, header, null);
    }

    /** {@link #read(Path, ConfigInput, Job, Messages, HeaderFields)}, telling {@code onHeader} (may be null) the header before the voxels are read ({@link ReadOptions#onHeader}). */
    static Volume read(Path path, ConfigInput input, Job job, Messages messages, HeaderFields header, java.util.function.Consumer<org.interslice.io.VolumeHeader> onHeader) {
        ReadOptions o = options(input, job, header);
        o.onHeader = onHeader;
        Volume v = Formats.read(path, o);
        for (String n : o.notes) messages.note(path + ": " + n);
        String single = singleDicomFile(path, v);
        if (single != null) messages.note(path + ": " + single);
        return v;
    }

    /** The reader options of {@code input}; {@code header} (may be null) receives the file's header fields. */
    static ReadOptions options(ConfigInput input, Job job, HeaderFields header) {
        ReadOptions o = ReadOptions.defaults();
        o.header = header;
        o.spacingMm = input.inputSpacingMm == null ? null : input.inputSpacingMm.clone();
        o.series = input.series;
        o.allowOutsideData = input.allowOutsideData;
        if (input.maxBytes > 0) o.maxBytes = input.maxBytes;   // the readers count their buffers against it
        o.job = job;
        return o;
    }

    /**
     * A warning text when slices are unevenly spaced with a gap of at least {@link #LARGE_GAP_FACTOR}
     * times the median step, else null.
     */
    public static String largeGap(Geometry g, int nz) {
        if (g.uniformSlices() || nz < 3) return null;
        double[] p = g.slicePositionsMm(nz);
        double[] step = new double[nz - 1];
        for (int k = 0; k + 1 < nz; k++) step[k] = Math.abs(p[k + 1] - p[k]);
        double[] sorted = step.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int worst = 0;
        for (int k = 1; k < step.length; k++) if (step[k] > step[worst]) worst = k;
        if (!(step[worst] >= LARGE_GAP_FACTOR * median)) return null;
        return "slices are unevenly spaced (steps " + mm(sorted[0]) + " to " + mm(sorted[sorted.length - 1]) + " mm, median " + mm(median)
                + " mm): values in the " + mm(step[worst]) + " mm gap between slices " + worst + " and " + (worst + 1) + " are interpolated across it";
    }

    /** Millimetres with 4 significant digits, no trailing zeros. */
    static String mm(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** What writing a sheared grid means for the readers of {@code format}. */
    static String shearedWrite(String format, double tiltDeg) {
        String tilt = String.format(java.util.Locale.ROOT, "a sheared grid (gantry tilt %.1f degrees)", tiltDeg);
        if (format.equals("NIfTI"))
            return tilt + " is written with its exact sform only (qform_code 0, since a rigid qform would disagree): nibabel reads it "
                    + "exactly, ITK-based tools (ITK 5.2, SimpleITK) refuse it (only orthonormal directions); "
                    + "resample without --keep-shear gives an orthogonal grid that both place the same";
        if (format.equals("DICOM"))
            return tilt + " is written as a gantry-tilted series (each slice's Image Position, as scanners write it): dcm2niix reads it as tilted; "
                    + "resample without --keep-shear gives an orthogonal grid";
        return tilt + " is written as sheared axes: tools that keep only a rigid orientation (ITK, SimpleITK, 3D Slicer) may place it "
                + "differently; resample without --keep-shear gives an orthogonal grid";
    }

    /** A hint when a single DICOM file was read and its folder holds other DICOM files, else null. */
    static String singleDicomFile(Path path, Volume v) {
        if (v.nz() != 1 || !Files.isRegularFile(path) || !(Formats.forReading(path) instanceof DicomFormat)) return null;
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null) return null;
        int others = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            int seen = 0;
            for (Path p : ds) {
                if (++seen > 10_000) break;   // a hint, not a scan: bounded
                if (!p.getFileName().equals(path.getFileName()) && Files.isRegularFile(p) && isDicom(p)) others++;
            }
        } catch (IOException | SecurityException e) {
            return null;   // only a hint
        }
        if (others == 0) return null;
        return "read one DICOM slice; its folder holds " + others + " other DICOM file(s): give the folder (" + folder + ") to read the whole series";
    }

    private static boolean isDicom(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(132);
            return b.length == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code v} atomically and describes it; a format that cannot store unevenly spaced slices
     * gets a warning when {@code v} has them.
     *
     * @param started {@link System#nanoTime()} when the step that made {@code v} began
     */
    public static Written write(Volume v, Path to, String role, WriteOptions options, long started, Messages messages) {
        Formats.write(v, to, options);
        return written(v, to, options.format, role, started, messages);
    }

    /**
     * Plane {@code z} of {@code v} as int labels, exactly (a float holds integers only up to 2^24; uint32 labels
     * above 2^31 - 1 keep their bits, see {@link #labelVolume}).
     */
    public static int[] labelPlane(Volume v, int z) {
        int n = v.nx() * v.ny(), off = z * n;
        int[] l = new int[n];
        for (int i = 0; i < n; i++) l[i] = (int) (long) v.get(off + i);
        return l;
    }

    /** Label planes (nx * ny each, from {@link #labelPlane}) as a label volume of {@code type} on {@code geometry}. */
    public static Volume labelVolume(PixelType type, int nx, int ny, int[][] planes, org.interslice.core.volume.Geometry geometry) {
        int n = nx * ny;
        Volume v = Volume.allocate(type, nx, ny, planes.length, geometry).asLabel(true);
        boolean unsigned = type == PixelType.UINT32;
        for (int z = 0; z < planes.length; z++)
            for (int i = 0; i < n; i++) v.set(z * n + i, unsigned ? Integer.toUnsignedLong(planes[z][i]) : planes[z][i]);
        return v;
    }

    /**
     * Describes {@code v}, already written to {@code to} (e.g. by an {@link org.interslice.io.OverlappedWrite}),
     * as {@link #write} does, with the same warnings.
     */
    public static Written written(Volume v, Path to, String role, long started, Messages messages) {
        return written(v, to, null, role, started, messages);
    }

    /** {@link #written(Volume, Path, String, long, Messages)} of an output written in {@code format} (null: by extension). */
    public static Written written(Volume v, Path to, String format, String role, long started, Messages messages) {
        return describe(v, to, format, role, started, messages).onDisk();
    }

    /**
     * {@link #written(Volume, Path, String, String, long, Messages)} of an output not yet in place (its
     * temporary file awaits a commit): the same warnings, size 0 until {@link Written#onDisk()} after the commit.
     */
    public static Written describe(Volume v, Path to, String format, String role, long started, Messages messages) {
        VolumeFormat f = Formats.forWriting(to, format);
        warnGeometry(v.geometry(), to, f, messages);
        PixelType type = v.type();
        if (f instanceof DicomFormat) {
            // DICOM stores integers: the type written, not the volume's (a float volume is stored rescaled)
            type = DicomFormat.storedType(v);
            String q = v.type().integer ? null : DicomFormat.valueNote(v);
            if (q != null) messages.note(to + ": " + q);
        }
        return new Written(to, role, f.name(), v.dims(), type, v.isLabel(), 0, (System.nanoTime() - started) / 1e9);
    }

    /** {@link #written(Volume, Path, String, String, long, Messages)} of a volume streamed to a file block by block (never whole in memory). */
    public static Written written(org.interslice.io.VolumeHeader h, Path to, String format, String role, long started, Messages messages) {
        VolumeFormat f = Formats.forWriting(to, format);
        warnGeometry(h.geometry(), to, f, messages);
        return new Written(to, role, f.name(), h.dims(), h.type(), h.label(), 0, (System.nanoTime() - started) / 1e9).onDisk();
    }

    private static void warnGeometry(org.interslice.core.volume.Geometry g, Path to, VolumeFormat f, Messages messages) {
        if (!g.uniformSlices() && !f.storesSlicePositions())
            messages.warn(to + ": " + f.name() + " cannot store unevenly spaced slices; the mean-step affine was written instead");
        if (!g.isOrthogonal()) messages.warn(to + ": " + shearedWrite(f.name(), g.gantryTiltDegrees()));
    }
}
