package org.interslice.io;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.interslice.core.IntersliceException;
import org.interslice.core.resample.SlabListener;
import org.interslice.core.volume.Volume;

/**
 * Writes a volume while it is being computed: a {@link SlabListener} that hands finished z slabs through
 * a bounded queue ({@value #QUEUE} slabs) to a writer thread, which streams them to the output through
 * the format's {@link SlabWriter}. The queue bounds how far computing runs ahead of writing; the voxels
 * are not copied (the writer reads the output volume's finished slices). {@link #finish()} waits for the
 * last slab and commits atomically ({@link AtomicFiles}); closing without finishing removes the partial
 * file. Only for formats that {@linkplain VolumeFormat#writesSlabs write slabs} ({@link #streams}); the
 * file's bytes equal those of {@link Formats#write} of the finished volume.
 *
 * <pre>{@code
 * try (OverlappedWrite w = new OverlappedWrite(out, options)) {
 *     Volume r = resampler.resample(in, grid, w, job);
 *     w.finish();
 * }
 * }</pre>
 */
public final class OverlappedWrite implements SlabListener, AutoCloseable {
    /** Slabs waiting for the writer at most. */
    static final int QUEUE = 4;
    private static final int[] END = new int[0];

    private final Path path;
    private final WriteOptions options;
    private final VolumeFormat format;
    private final AtomicFiles files = new AtomicFiles();
    private final ArrayBlockingQueue<int[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private Thread thread;
    private volatile RuntimeException failure;
    private int next, nz;
    private boolean finished;
    /** Time the computing thread waited for room in the queue, ns (told to the job's timeline). */
    private long blockedNanos;

    /** True when {@code path}'s format takes voxels slab by slab (single-file NIfTI); others are written whole. */
    public static boolean streams(Path path) {
        return streams(path, null);
    }

    /** {@link #streams(Path)} for the format named {@code format} (null: by the extension). */
    public static boolean streams(Path path, String format) {
        return Formats.forWriting(path, format).writesSlabs(path);
    }

    /** @throws IllegalArgumentException when the format of {@code path} needs the whole volume first */
    public OverlappedWrite(Path path, WriteOptions options) {
        options.check();
        this.path = path;
        this.options = options;
        this.format = Formats.forWriting(path, options.format);
        if (!format.writesSlabs(path)) throw new IllegalArgumentException(format.name() + " output " + path + " needs the whole volume before writing");
    }

    @Override
    public void slabDone(Volume out, int z0, int z1) {
        if (finished) throw new IllegalStateException("already finished");
        if (z0 != next || z1 <= z0 || z1 > out.nz()) throw new IllegalArgumentException("slab [" + z0 + ", " + z1 + ") does not follow slice " + next);
        if (thread == null) {
            nz = out.nz();
            start(out);
        }
        next = z1;
        long t = System.nanoTime();
        put(new int[] {z0, z1});
        blockedNanos += System.nanoTime() - t;
        if (options.job.timed()) options.job.mark("queued slices " + z0 + "-" + z1 + " (compute waited " + ms(blockedNanos) + " ms for the queue so far)");
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private void start(Volume out) {
        thread = new Thread(() -> {
            org.interslice.core.exec.Job job = options.job;
            try (SlabWriter w = format.slabWriter(out, path, files, options)) {
                long idle = 0, busy = 0;
                for (long t = System.nanoTime();;) {
                    int[] r = queue.take();
                    long t1 = System.nanoTime();
                    idle += t1 - t;
                    if (r == END) break;
                    w.write(r[0], r[1]);
                    t = System.nanoTime();
                    busy += t - t1;
                    if (job.timed()) job.mark("wrote slices " + r[0] + "-" + r[1] + " in " + ms(t - t1) + " ms (writer idle " + ms(idle) + " ms, busy " + ms(busy) + " ms so far)");
                }
                job.mark("closing the file");
            } catch (InterruptedException e) {
                failure = new CancellationException("write interrupted");
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException(e);
            }
        }, "interslice-write");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a slab, waiting while the queue is full; rethrows a failure of the writer. */
    private void put(int[] r) {
        try {
            while (!queue.offer(r, 50, TimeUnit.MILLISECONDS)) {
                if (failure != null) throw failure;
                if (!thread.isAlive()) throw new IllegalStateException("the writer of " + path + " ended early");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        if (failure != null) throw failure;
    }

    /**
     * Waits for the writer to write every slab and commits the file.
     *
     * @throws IntersliceException when writing failed
     * @throws IllegalStateException when not every slice was given
     */
    public void finish() {
        if (thread == null || next != nz) throw new IllegalStateException("slices " + next + " to " + nz + " were never given");
        options.job.mark("computed (compute waited " + ms(blockedNanos) + " ms for the queue)");
        put(END);
        join();
        if (failure != null) throw failure;
        options.job.mark("written");
        finished = true;
        files.commit();
        options.job.mark("committed");
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** Stops the writer when not finished and removes its partial file. */
    @Override
    public void close() {
        if (thread != null && !finished) {
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        files.close();
    }
}
