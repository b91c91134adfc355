package org.interslice.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;

/**
 * Every file one command will read and write, checked together before any work starts, so that a run
 * never overwrites its own input, never writes one file twice and never fails at the end for a reason
 * known at the start. Typical use, by a command or an operation:
 *
 * <pre>{@code
 * List<String> notes = new FilePlan().read(in).read(mask).write(out).write(maskOut).check();
 * }</pre>
 *
 * <p>{@link #check()} resolves links (symbolic and hard) and {@code ..} of every path and refuses, with an
 * {@link IntersliceException} naming the user's path and the reason in plain words:
 * <ul>
 *   <li>an input that is missing or not a regular file or folder (FIFOs, devices, {@code /proc});</li>
 *   <li>an output file equal to any file an input reads (a header, its detached data file, a member of an
 *       input folder), or lying inside an input folder;</li>
 *   <li>two outputs that are the same file (also through detached data files);</li>
 *   <li>an output whose folder is missing, is a file or is write-protected, and an output path that is an
 *       existing folder (or a pipe or device).</li>
 * </ul>
 * It then removes temporaries a killed earlier run left beside the same outputs
 * ({@code .NAME.interslice-partial-*} whose writing process no longer runs) and returns one note per
 * output cleaned, for the caller to show. Nothing is read beyond headers and nothing is written except
 * a probe file that tests whether a folder accepts new files.
 *
 * <p>Not thread-safe; one plan per command run.
 */
public final class FilePlan {
    /** Temporaries without a process id in their name are taken as stale once this old. */
    private static final long LEGACY_STALE_MS = 10 * 60 * 1000L;

    /** An input volume as the user named it and the files reading it touches. */
    private record Input(Path given, List<Path> files) {}

    /** An output file, the user's path it belongs to, and what it is (for messages). */
    private record Output(Path file, Path given, String folderFormat) {
        Output(Path file, Path given) {
            this(file, given, null);
        }
    }

    private final List<Input> inputs = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private final List<Path> folders = new ArrayList<>();

    /** A plan reading every volume of {@code inputs} and writing every volume file of {@code outputs}; nulls ignored. */
    public static FilePlan of(List<Path> inputs, List<Path> outputs) {
        FilePlan p = new FilePlan();
        for (Path in : inputs) p.read(in);
        for (Path out : outputs) p.write(out);
        return p;
    }

    /**
     * Adds pairs of (volume to read, volume file to write), e.g. {@code resample}'s {@code --mask IN OUT}
     * values in order: {@code pairs} has even length.
     */
    public FilePlan readWrite(List<Path> pairs) {
        if (pairs.size() % 2 != 0) throw new IllegalArgumentException(pairs.size() + " paths do not make pairs");
        for (int i = 0; i < pairs.size(); i += 2) read(pairs.get(i)).write(pairs.get(i + 1));
        return this;
    }

    /**
     * Adds a volume to be read: a file (with every file its format reads, e.g. a header's detached data)
     * or a folder (a DICOM series or an image stack: no output may lie inside it). Null is ignored.
     */
    public FilePlan read(Path volume) {
        if (volume == null) return this;
        if (!Files.exists(volume)) throw new IntersliceException(volume, "no such file or folder");
        if (Files.isDirectory(volume)) {
            inputs.add(new Input(volume, List.of(volume)));
        } else {
            SafeFiles.requireRegularFile(volume, "input");
            inputs.add(new Input(volume, Formats.inputFiles(volume)));
        }
        return this;
    }

    /** Adds a plain file to be read (not a volume, e.g. a manifest). Null is ignored. */
    public FilePlan readFile(Path file) {
        if (file == null) return this;
        SafeFiles.requireRegularFile(file, "input");
        inputs.add(new Input(file, List.of(file)));
        return this;
    }

    /**
     * Adds a volume file to be written: its name must have a writable extension; every file its format
     * writes (e.g. an .nhdr header and its data file) is checked. Null is ignored.
     */
    public FilePlan write(Path volume) {
        return write(volume, null);
    }

    /** {@link #write(Path)} in the format named {@code format} (null: by the extension; see {@link Formats#forWriting(Path, String)}). */
    public FilePlan write(Path volume, String format) {
        if (volume == null) return this;
        VolumeFormat vf = Formats.forWriting(volume, format);
        for (Path f : vf.outputFiles(volume)) outputs.add(new Output(f, volume, vf.writesFolder() ? vf.name() : null));
        return this;
    }

    /** Adds a plain file to be written (a sidecar, a report file). Null is ignored. */
    public FilePlan writeFile(Path file) {
        if (file != null) outputs.add(new Output(file, file));
        return this;
    }

    /**
     * Adds an output folder (created when missing, with its parents) and the names of the files that will
     * be written into it.
     */
    public FilePlan writeFolder(Path folder, List<String> names) {
        folders.add(folder);
        for (String n : names) outputs.add(new Output(folder.resolve(n), folder.resolve(n)));
        return this;
    }

    /**
     * Checks the whole plan (see the class comment) and removes stale temporaries of the outputs.
     *
     * @return notes for the user (one per output whose stale temporaries were removed); empty when none
     * @throws IntersliceException naming the offending path and the reason
     */
    public List<String> check() {
        Map<Path, Output> seen = new LinkedHashMap<>();
        for (Output o : outputs) {
            Path real = SafeFiles.real(o.file());
            Output before = seen.putIfAbsent(real, o);
            if (before != null) {
                String what = before.given().equals(o.given()) ? "" : " (also written for " + before.given() + ")";
                throw new IntersliceException(o.given(), "two outputs of this run are the same file " + o.file() + what + ": give each output its own name");
            }
            for (Input in : inputs) for (Path f : in.files()) {
                Path r = SafeFiles.real(f);
                if (real.equals(r) || sameFile(o.file(), f)) {
                    String via = o.file().equals(o.given()) ? "" : " (through its file " + o.file().getFileName() + ")";
                    throw new IntersliceException(o.given(), "would overwrite the input " + f + via + ": choose another output name");
                }
                if (Files.isDirectory(f) && real.startsWith(r))
                    throw new IntersliceException(o.given(), "lies inside the input folder " + in.given() + ": writing there would change the input; choose another folder");
            }
        }
        // places last: probing a folder writes (and removes) a hidden file, never before the alias checks
        for (Path folder : folders) checkFolder(folder);
        List<Path> checkedFolders = new ArrayList<>();
        for (Output o : outputs) {
            checkTarget(o);
            Path parent = o.file().toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent) && !checkedFolders.contains(parent)) {
                checkedFolders.add(parent);
                probe(parent, o.given());
            }
        }
        List<String> notes = new ArrayList<>();
        for (Output o : outputs) {
            String note = removeStale(o.file());
            if (note != null) notes.add(note);
        }
        return notes;
    }

    /** True when both exist and are one file (a hard link to the input under another name). */
    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isRegularFile(a) && Files.isRegularFile(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** An output folder: an existing folder, or missing with its nearest existing ancestor a folder. */
    private static void checkFolder(Path folder) {
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) throw new IntersliceException(folder, "output folder is an existing file, not a folder");
            return;
        }
        Path up = folder.toAbsolutePath().getParent();
        while (up != null && !Files.exists(up)) up = up.getParent();
        if (up != null && !Files.isDirectory(up)) throw new IntersliceException(folder, "cannot create the output folder: " + up + " is a file, not a folder");
        if (up != null) probe(up, folder);
    }

    /** One output file: its folder exists (or will be created by writeFolder) and it is not a folder or pipe. */
    private void checkTarget(Output o) {
        Path f = o.file();
        Path parent = f.toAbsolutePath().getParent();
        boolean planned = false;
        for (Path d : folders) planned |= d.toAbsolutePath().normalize().equals(parent.normalize());
        if (!planned) {
            if (!Files.exists(parent)) throw new IntersliceException(o.given(), "the output folder " + parent + " does not exist");
            if (!Files.isDirectory(parent)) throw new IntersliceException(o.given(), "the output folder " + parent + " is a file, not a folder");
        }
        if (Files.isDirectory(f)) {
            if (replaceableFolder(f)) return;
            throw new IntersliceException(o.given(), (f.equals(o.given()) ? "" : f + " ") + "is an existing folder: give a new name for the output (only an OME-Zarr output is replaced)");
        }
        if (o.folderFormat() != null && Files.isRegularFile(f))
            throw new IntersliceException(o.given(), "is an existing file, and a " + o.folderFormat() + " output is a folder: give a new name for the output");
        if (Files.exists(f) && !Files.isRegularFile(f))
            throw new IntersliceException(o.given(), (f.equals(o.given()) ? "" : f + " ") + "is a pipe, device or socket, not a file: refusing to write it");
    }

    /**
     * True when folder {@code f} is an existing output of a folder format (an OME-Zarr image named
     * {@code .ome.zarr}): its writer replaces it whole. Any other folder is never replaced.
     */
    private static boolean replaceableFolder(Path f) {
        try {
            // a DICOM series or image-stack folder is never replaced: it may hold files that are not ours
            return Formats.forWriting(f) instanceof org.interslice.io.zarr.OmeZarrFormat ff && ff.recognizesFolder(f);
        } catch (IntersliceException e) {
            return false;
        }
    }

    /** Creates and deletes a hidden file in {@code folder}: the only sure test that it accepts new files. */
    private static void probe(Path folder, Path given) {
        Path p = null;
        try {
            p = Files.createTempFile(folder, ".interslice-probe-", "");
        } catch (IOException e) {
            throw new IntersliceException(given, "cannot write there: " + AtomicFiles.plainReason(e, folder.resolve("x")));
        } finally {
            if (p != null) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover hidden probe file is harmless
                }
            }
        }
    }

    /** Removes temporaries of {@code target} whose writer is gone; a note when any were removed. */
    private static String removeStale(Path target) {
        Path abs = target.toAbsolutePath();
        Path folder = abs.getParent();
        if (folder == null || !Files.isDirectory(folder)) return null;
        String prefix = "." + abs.getFileName() + AtomicFiles.TEMP_MARK;
        int count = 0;
        long bytes = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : ds) {
                if (!isStale(p)) continue;
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    // a folder output's temporary (DICOM series, OME-Zarr): its files, then itself
                    long size;
                    try (java.util.stream.Stream<Path> all = Files.walk(p)) {
                        size = all.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                    }
                    AtomicFiles.deleteTree(p);
                    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        count++;
                        bytes += size;
                    }
                    continue;
                }
                long size = Files.size(p);
                if (Files.deleteIfExists(p)) {
                    count++;
                    bytes += size;
                }
            }
        } catch (IOException e) {
            return null;   // best effort: leftovers are hidden and never read as volumes
        }
        if (count == 0) return null;
        return String.format(Locale.ROOT, "%s: removed %d partial file%s (%.1f MB) left by an earlier run that was interrupted",
                target, count, count == 1 ? "" : "s", bytes / 1e6);
    }

    private static boolean isStale(Path temp) throws IOException {
        long pid = AtomicFiles.writerPid(temp);
        if (pid > 0) return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        FileTime t = Files.getLastModifiedTime(temp);
        return System.currentTimeMillis() - t.toMillis() > LEGACY_STALE_MS;
    }
}
