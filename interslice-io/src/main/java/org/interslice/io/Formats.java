package org.interslice.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Volume;

/**
 * Picks the format of a file (by magic bytes first, then by name) and reads or writes through it.
 * Writes are atomic (see {@link AtomicFiles}). Any failure is an {@link IntersliceException} naming the file.
 */
public final class Formats {
    private static final List<VolumeFormat> ALL = List.of(
            // registered formats, most specific magic first
            new org.interslice.io.nifti.NiftiFormat(),
            new org.interslice.io.nrrd.NrrdFormat(),
            new org.interslice.io.metaimage.MetaImageFormat(),
            // folder formats: OME-Zarr (recognized by its metadata files) first, DICOM before the stacks
            // (a DICOM folder may hold a stray PNG)
            new org.interslice.io.zarr.OmeZarrFormat(),
            new org.interslice.io.dicom.DicomFormat(),
            new org.interslice.io.stack.ImageStackFormat()
    );

    private Formats() {}

    /** Every registered format. */
    public static List<VolumeFormat> all() {
        return ALL;
    }

    /** The format that writes {@code path}, from its extension; IntersliceException when none does. */
    public static VolumeFormat forWriting(Path path) {
        VolumeFormat f = byExtension(path);
        if (f == null || !f.canWrite())
            throw new IntersliceException(path, "cannot tell the output format from the file name (use one of " + writableExtensions() + ")");
        return f;
    }

    /**
     * The format named {@code format} (one of {@link #writableKeys()}: "nifti", "nrrd", "metaimage", "ome-zarr",
     * "dicom", "tiff"; case and punctuation ignored), or by {@code path}'s extension when {@code format} is null; IntersliceException
     * when none writes it.
     */
    public static VolumeFormat forWriting(Path path, String format) {
        if (format == null) return forWriting(path);
        String want = key(format);
        for (VolumeFormat f : ALL) {
            if (f.canWrite() && key(writableKey(f)).equals(want)) return f;
        }
        throw new IntersliceException(path, "no format '" + format + "' to write (use one of " + String.join(", ", writableKeys()) + ")");
    }

    /** Names of the writable formats as {@link #forWriting(Path, String)} takes them. */
    public static List<String> writableKeys() {
        List<String> l = new ArrayList<>();
        for (VolumeFormat f : ALL) if (f.canWrite()) l.add(writableKey(f));
        return l;
    }

    /** The name {@code --format} takes for a format: its name in lower case ("tiff" for the image stacks, which write TIFF). */
    private static String writableKey(VolumeFormat f) {
        return f instanceof org.interslice.io.stack.ImageStackFormat ? "tiff" : f.name().toLowerCase(Locale.ROOT);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The format that reads {@code path}: a folder is a DICOM series or an image stack; a file by magic, then name. */
    public static VolumeFormat forReading(Path path) {
        if (!Files.exists(path)) throw new IntersliceException(path, "no such file or folder");
        if (Files.isDirectory(path)) {
            for (VolumeFormat f : ALL) if (f instanceof FolderFormat ff && ff.recognizesFolder(path)) return f;
            throw new IntersliceException(path, "folder holds no DICOM series and no TIFF/PNG images, and no OME-Zarr metadata");
        }
        // a FIFO would block the reader forever, a device or /proc file never ends
        SafeFiles.requireRegularFile(path, "input");
        byte[] head = head(path);
        for (VolumeFormat f : ALL) if (f.recognizes(path, head)) return f;
        VolumeFormat f = byExtension(path);
        if (f != null) return f;
        throw new IntersliceException(path, "unknown file format (supported: " + readableNames() + ")");
    }

    /** Reads a volume with default options. */
    public static Volume read(Path path) {
        return read(path, ReadOptions.defaults());
    }

    /** Reads a volume; the only exception thrown is IntersliceException. */
    public static Volume read(Path path, ReadOptions options) {
        options.check();
        VolumeFormat f = forReading(path);
        try {
            return f.read(path, options);
        } catch (IntersliceException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new IntersliceException(path, "not enough memory to read (raise -Xmx)", e);
        } catch (RuntimeException e) {
            // a reader bug or an input its checks missed: still one line naming the file
            throw new IntersliceException(path, "corrupt or unsupported " + f.name() + " file (" + e + ")", e);
        }
    }

    /**
     * Opens a volume for its header and region reads ({@link OpenVolume}); close it when done. The only
     * exception thrown, here and by the returned volume's reads, is IntersliceException.
     */
    public static OpenVolume open(Path path, ReadOptions options) {
        options.check();
        VolumeFormat f = forReading(path);
        try {
            return new GuardedVolume(f.open(path, options), f.name(), options.maxBytes);
        } catch (IntersliceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IntersliceException(path, "corrupt or unsupported " + f.name() + " file (" + e + ")", e);
        }
    }

    /**
     * Turns a reader's unexpected exceptions into one IntersliceException naming the file, as {@link #read}
     * does, and refuses a region larger than {@code maxBytes} before it is allocated.
     */
    private record GuardedVolume(OpenVolume in, String format, long maxBytes) implements OpenVolume {
        @Override public Path path() { return in.path(); }
        @Override public boolean readsRegions() { return in.readsRegions(); }
        @Override public boolean typeMatchesWholeRead() { return in.typeMatchesWholeRead(); }
        @Override public int slabDepth() { return in.slabDepth(); }
        @Override public void close() { in.close(); }

        @Override
        public VolumeHeader header() {
            try {
                return in.header();
            } catch (IntersliceException e) {
                throw e;
            } catch (OutOfMemoryError e) {
                throw new IntersliceException(in.path(), "not enough memory to read (raise -Xmx)", e);
            } catch (RuntimeException e) {
                throw new IntersliceException(in.path(), "corrupt or unsupported " + format + " file (" + e + ")", e);
            }
        }

        @Override
        public org.interslice.core.block.Block read(org.interslice.core.block.Interval box) {
            VolumeHeader h = header();
            box.checkWithin(h.nx(), h.ny(), h.nz());   // a box outside the volume is the caller's error
            RawCodec.checkAllocation(in.path(), box.nx(), box.ny(), box.nz(), h.type().bytes, maxBytes);
            try {
                return in.read(box);
            } catch (IntersliceException e) {
                throw e;
            } catch (OutOfMemoryError e) {
                throw new IntersliceException(in.path(), "not enough memory to read " + box + " (raise -Xmx)", e);
            } catch (RuntimeException e) {
                throw new IntersliceException(in.path(), "corrupt or unsupported " + format + " file (" + e + ")", e);
            }
        }
    }

    /** Writes with default options. */
    public static void write(Volume v, Path path) {
        write(v, path, WriteOptions.defaults());
    }

    /** Writes atomically: nothing appears under {@code path} unless the whole write succeeded. */
    public static void write(Volume v, Path path, WriteOptions options) {
        options.check();
        VolumeFormat f = forWriting(path, options.format);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IntersliceException(path, "the output folder " + parent + " does not exist");
        try (AtomicFiles out = new AtomicFiles()) {
            f.write(v, path, out, options);
            out.commit();
        }
    }

    /**
     * Every file that reading {@code input} touches; an output equal to any of these must be refused.
     */
    public static List<Path> inputFiles(Path input) {
        if (Files.isDirectory(input)) return List.of(input);
        return forReading(input).inputFiles(input);
    }

    /**
     * Throws IntersliceException when writing volume {@code output} would overwrite a file {@code input}
     * reads (also through its detached data file, a link or an input folder); a shortcut for
     * {@code new FilePlan().read(input).write(output).check()}, see {@link FilePlan}.
     */
    public static void refuseOverwrite(Path input, Path output) {
        new FilePlan().read(input).write(output).check();
    }

    /** Lower-case file name of a path. */
    public static String lowerName(Path p) {
        Path n = p.getFileName();
        return n == null ? "" : n.toString().toLowerCase(Locale.ROOT);
    }

    private static VolumeFormat byExtension(Path path) {
        String name = lowerName(path);
        VolumeFormat best = null;
        int bestLen = 0;
        for (VolumeFormat f : ALL) for (String e : f.extensions()) {
            if (name.endsWith(e) && e.length() > bestLen) { best = f; bestLen = e.length(); }
        }
        return best;
    }

    private static byte[] head(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = new byte[1024];
            int n = RawCodec.readFully(in, b, b.length);
            return n == b.length ? b : java.util.Arrays.copyOf(b, n);
        } catch (IOException e) {
            throw new IntersliceException(path, "cannot read: " + AtomicFiles.describe(e), e);
        }
    }

    private static String writableExtensions() {
        List<String> l = new ArrayList<>();
        for (VolumeFormat f : ALL) if (f.canWrite()) l.addAll(f.extensions());
        return String.join(", ", l);
    }

    private static String readableNames() {
        List<String> l = new ArrayList<>();
        for (VolumeFormat f : ALL) l.add(f.name());
        return String.join(", ", l);
    }
}
