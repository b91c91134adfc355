package org.interslice.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.interslice.core.IntersliceException;

/**
 * Writes files so that each appears under its final name only once complete: every file is written to
 * a temporary file beside its target ({@code .NAME.interslice-partial-PID-RANDOM}), and {@link #commit()}
 * flushes each to disk (fsync), renames them all into place (atomically, in the order they were opened:
 * data files before the header that names them), flushes the folders, then removes files the new output
 * no longer uses (the old data file of a replaced header). Closing without commit deletes the
 * temporaries.
 *
 * <p>Replacing a file costs no more than writing a new one: freeing a large old file's blocks takes the
 * file system 0.1-0.4 s (ext4, 163 MB), so before the renames each existing target gets a second name
 * (a hard link, {@code .NAME.interslice-partial-PID-RANDOM}), the rename then only drops one name, and
 * the old data is deleted off the critical path by {@link Release} (a detached {@code rm} that outlives
 * the process where the platform has one, else a daemon thread). Until then the old data is a hidden
 * temporary that no reader takes for an output; a killed process's leftovers are removed by the next
 * run as any other. Where hard links are refused the rename frees the old file inline, as before. Leftovers of a killed process are recognisable by {@link #isTemporary(Path)}, never taken
 * for outputs, and removed by the next run that writes the same output ({@link FilePlan#check()}).
 *
 * <p>The fsync before the renames costs little: while a file is written, every {@value #SYNC_EVERY}
 * bytes a background thread starts flushing what was written so far ({@code fdatasync}), so the disk
 * works while the writer (and the computation feeding it) goes on, and commit's fsync only waits for the
 * tail. What a crash leaves is unchanged: the final name appears only after its file was fully flushed,
 * so after a crash or power loss an output is either absent (or the old one) or whole.
 */
public final class AtomicFiles implements Closeable {
    /** Marker in every temporary file name. */
    public static final String TEMP_MARK = ".interslice-partial-";

    private final List<Path[]> pending = new ArrayList<>();
    private final List<Path[]> pendingFolders = new ArrayList<>();
    private final Set<Path> removeFirst = new LinkedHashSet<>();
    private final Set<Path> removeAfter = new LinkedHashSet<>();
    private final List<Path> kept = new ArrayList<>();
    private final List<Path> released = new ArrayList<>();
    private boolean committed;

    /** True when the file name is one of our temporaries. */
    public static boolean isTemporary(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().startsWith(".") && n.toString().contains(TEMP_MARK);
    }

    /**
     * The process that wrote a temporary (from its name), or -1 when the name carries none (written by
     * an older version).
     */
    static long writerPid(Path temp) {
        String n = temp.getFileName().toString();
        int at = n.lastIndexOf(TEMP_MARK);
        if (at < 0) return -1;
        String[] parts = n.substring(at + TEMP_MARK.length()).split("-");
        if (parts.length != 2) return -1;
        try {
            return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Opens a buffered stream to a new temporary file that commit() will rename to {@code target}. */
    public OutputStream open(Path target) {
        Path abs = target.toAbsolutePath();
        Path temp = temporaryFor(abs);
        try {
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            pending.add(new Path[] {temp, abs});
            return new BufferedOutputStream(new EarlySync(ch), 1 << 20);
        } catch (IOException e) {
            throw failed(target, "cannot create the output", e);
        }
    }

    /** A new temporary name beside {@code abs}: hidden, with our process id, recognised by {@link #isTemporary}. */
    private static Path temporaryFor(Path abs) {
        return abs.resolveSibling("." + abs.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    }

    /**
     * Creates a new temporary folder beside {@code target} that commit() renames to {@code target}
     * (folder outputs such as OME-Zarr): the caller fills it with plain files and flushes them. An existing
     * folder {@code target} is moved aside first and deleted once the new one is in place.
     */
    public Path openFolder(Path target) {
        Path abs = target.toAbsolutePath();
        Path temp = temporaryFor(abs);
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw failed(target, "cannot create the output", e);
        }
        pendingFolders.add(new Path[] {temp, abs});
        return temp;
    }

    /**
     * Deletes {@code p} at the start of commit, before any rename: for a pair whose data file name is
     * fixed (NIfTI .hdr/.img), removing the old header first means a kill between the renames leaves a
     * data file without a header (refused by readers), never an old header over new data.
     */
    public void removeBeforeCommit(Path p) {
        removeFirst.add(p.toAbsolutePath());
    }

    /** Deletes {@code p} after every rename succeeded (e.g. the data file a replaced header named). */
    public void removeAfterCommit(Path p) {
        removeAfter.add(p.toAbsolutePath());
    }

    /** Flushes, renames every temporary to its target, flushes the folders. Streams must be closed before. */
    public void commit() {
        commit(Integer.MAX_VALUE);
        committed = true;
    }

    /**
     * The first {@code renames} steps of {@link #commit()} and nothing after: what a process killed at
     * that point leaves behind (for tests of crash safety).
     */
    void commit(int renames) {
        for (Path[] p : pending) {
            if (!Files.exists(p[0]))
                throw new IntersliceException(p[1], "its temporary file was removed while this run wrote it (another run writing the same output?)");
            force(p[0], p[1]);
        }
        for (Path p : removeFirst) delete(p);
        List<Path> asides = kept;
        for (Path[] p : pending) {
            Path aside = keepAside(p[1]);
            if (aside != null) asides.add(aside);
        }
        Set<Path> folders = new LinkedHashSet<>();
        int done = 0;
        for (Path[] p : pending) {
            if (done++ == renames) return;
            if (Files.isDirectory(p[1])) throw new IntersliceException(p[1], "is an existing folder: give a file name for the output");
            try {
                Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw failed(p[1], "cannot move the finished output into place", e);
            }
            folders.add(p[1].getParent());
        }
        for (Path[] p : pendingFolders) {
            force(p[0], p[1]);
            Path old = null;
            try {
                if (Files.isDirectory(p[1], java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    old = p[1].resolveSibling("." + p[1].getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-old");
                    Files.move(p[1], old, StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw failed(p[1], "cannot move the finished output into place", e);
            }
            folders.add(p[1].getParent());
            if (old != null) deleteTree(old);
        }
        // a rename is durable only once its folder is flushed
        for (Path f : folders) force(f, f);
        for (Path p : removeAfter) {
            boolean used = false;
            for (Path[] q : pending) used |= q[1].equals(p);
            if (!used) {
                Path aside = moveAside(p);
                if (aside != null) asides.add(aside);
            }
        }
        released.addAll(asides);
        kept.clear();
        Release.later(released);
    }

    /**
     * A second name (hard link) for an existing regular file {@code target}, so that renaming the new
     * file over it frees nothing; null when there is no old file or links are refused.
     */
    private static Path keepAside(Path target) {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return null;
        Path aside = temporaryFor(target);
        try {
            Files.createLink(aside, target);
            return aside;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Renames a file no longer used to a temporary name for deletion later; deletes it inline if that fails. */
    private static Path moveAside(Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            delete(p);
            return null;
        }
        Path aside = temporaryFor(p);
        try {
            Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            delete(p);
            return null;
        }
    }

    /** The old files the last commit handed to {@link Release} for deletion (for tests). */
    List<Path> released() {
        return List.copyOf(released);
    }

    /** fsync of a file or folder; folders that cannot be opened for it (some file systems) are skipped. */
    private static void force(Path p, Path shown) {
        boolean folder = Files.isDirectory(p);
        try (FileChannel ch = FileChannel.open(p, folder ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            if (!folder) throw failed(shown, "cannot flush the output to disk", e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: what is left is an unused file of a replaced output
        }
    }

    /**
     * Writes {@code bytes} to the new file {@code f} (which must not exist) and flushes it to disk: the files
     * of a folder output ({@link #openFolder}: OME-Zarr, DICOM) before the folder's rename.
     */
    public static void writeNew(Path f, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            take(bytes.length);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
    }

    /**
     * The one line for a failed write of {@code output}: on a full disk "cannot write: the disk holding
     * FOLDER is full" whatever the step (creating, writing, flushing, renaming), so that every writer says it
     * in the same words; otherwise "{@code doing}: " and the plain reason ({@link #plainReason}).
     */
    public static IntersliceException failed(Path output, String doing, IOException e) {
        // the full disk's IOException may come wrapped (ImageIO's TIFF writer)
        for (Throwable t = e; t != null; t = t.getCause()) {
            String reason = t instanceof IOException io ? plainReason(io, output) : "";
            if (reason.startsWith(FULL)) return new IntersliceException(output, "cannot write: " + reason, e);
        }
        return new IntersliceException(output, doing + ": " + plainReason(e, output), e);
    }

    private static final String FULL = "the disk holding ";

    /** {@link #failed} of a write: "cannot write: " and the plain reason. */
    public static IntersliceException cannotWrite(Path output, IOException e) {
        return failed(output, "cannot write", e);
    }

    /** Bytes the simulated disk still takes ({@link #simulateFullDisk}); {@code Long.MAX_VALUE}: no simulation. */
    private static final AtomicLong DISK_LEFT = new AtomicLong(Long.MAX_VALUE);

    /**
     * For tests (a full disk cannot be made without privileges): until the returned handle is closed, every
     * write through this class ({@link #open}'s streams, {@link #writeNew}) fails as the operating system
     * fails it on a full disk (an IOException "No space left on device") once {@code bytes} more were
     * written, in every thread of the process.
     */
    public static AutoCloseable simulateFullDisk(long bytes) {
        if (bytes < 0 || bytes == Long.MAX_VALUE) throw new IllegalArgumentException("bytes " + bytes);
        DISK_LEFT.set(bytes);
        return () -> DISK_LEFT.set(Long.MAX_VALUE);
    }

    /** Counts {@code n} bytes against the simulated disk; throws as a full disk does once it is used up. */
    private static void take(long n) throws IOException {
        if (DISK_LEFT.get() != Long.MAX_VALUE && DISK_LEFT.addAndGet(-n) < 0) {
            DISK_LEFT.set(0);
            throw new IOException("No space left on device");
        }
    }

    /** Bytes written between two early flushes. */
    static final int SYNC_EVERY = 16 << 20;

    /** The thread of the early flushes (one for the process: the disk is one). */
    private static final class Syncer {
        static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "interslice-sync");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The stream of a temporary file: writes go to the channel, and every {@link #SYNC_EVERY} bytes an
     * fdatasync of the file is started on {@link Syncer} (at most one queued or running per file), so
     * that commit's fsync finds most of the data on disk already. Failures of an early flush are ignored:
     * commit's fsync reports them.
     */
    private static final class EarlySync extends OutputStream {
        private final FileChannel ch;
        private final OutputStream out;
        private final AtomicBoolean busy = new AtomicBoolean();
        private long sinceSync;

        EarlySync(FileChannel ch) {
            this.ch = ch;
            this.out = Channels.newOutputStream(ch);
        }

        @Override
        public void write(int b) throws IOException {
            take(1);
            out.write(b);
            count(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            take(len);
            out.write(b, off, len);
            count(len);
        }

        private void count(int n) {
            sinceSync += n;
            if (sinceSync < SYNC_EVERY || !busy.compareAndSet(false, true)) return;
            sinceSync = 0;
            Syncer.POOL.execute(() -> {
                try {
                    if (ch.isOpen()) ch.force(false);
                } catch (IOException | RuntimeException ignored) {
                    // best effort: commit flushes the whole file and reports a failure
                } finally {
                    busy.set(false);
                }
            });
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Deletes temporaries left by a failed write. */
    @Override
    public void close() {
        if (committed) return;
        for (Path[] p : pending) delete(p[0]);
        for (Path[] p : pendingFolders) deleteTree(p[0]);
        for (Path p : kept) delete(p);   // second names of old outputs that stay in place
    }

    /** Deletes a folder and everything in it, best effort (links are removed, not followed). */
    static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) delete(p);
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // best effort, as delete()
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return m == null ? kind : (e instanceof FileSystemException ? kind + " " + m : m);
    }

    /**
     * The reason a file operation on {@code target} failed, in plain words (no temporary names, no Java
     * class names): permission denied and the folder, a missing folder, a full disk, a read-only disk.
     */
    public static String plainReason(IOException e, Path target) {
        Path folder = target.toAbsolutePath().getParent();
        String m = e.getMessage() == null ? "" : e.getMessage();
        String reason = e instanceof FileSystemException fe && fe.getReason() != null ? fe.getReason() : m;
        if (e instanceof AccessDeniedException) return "permission denied: the folder " + folder + " is write-protected";
        // a folder that exists but takes no new files (/proc, /sys) answers "no such file" too
        if (e instanceof NoSuchFileException)
            return folder != null && Files.isDirectory(folder) ? "the folder " + folder + " is not writable (no file can be created in it)"
                    : "the folder " + folder + " does not exist";
        if (reason.contains("No space left")) return FULL + folder + " is full";
        if (reason.contains("Read-only file system")) return "the folder " + folder + " is on a read-only file system";
        if (reason.contains("Is a directory")) return target + " is an existing folder";
        return e instanceof FileSystemException ? reason : describe(e);
    }
}
