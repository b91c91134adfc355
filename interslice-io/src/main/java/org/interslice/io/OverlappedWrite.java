package org.interslice.io;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.SlabListener;
import org.interslice.core.resample.SlabSink;
import org.interslice.core.volume.Geometry;
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
 *
 * <p>Made with a header ({@link #OverlappedWrite(Path, WriteOptions, VolumeHeader)}) it is a
 * {@link SlabSink} instead: the whole volume never exists; the computation fills blocks from a ring of
 * {@value #RING} buffers that the writer returns once written (memory: those buffers, not the volume),
 * and the file is opened and its header written on the writer thread at once, while computing starts.
 */
public final class OverlappedWrite implements SlabListener, SlabSink, AutoCloseable {
    /** Slabs waiting for the writer at most. */
    static final int QUEUE = 4;
    /** Buffers of a streamed write: one being filled, one being written, two waiting (what its memory estimate counts). */
    public static final int RING = 4;
    /** A slab for the writer: slices [z0, z1) of the whole volume, or a block holding them alone. */
    private record Slab(Volume block, int z0, int z1) {}
    private static final Slab END = new Slab(null, 0, 0);

    private final Path path;
    private final WriteOptions options;
    private final VolumeFormat format;
    private final AtomicFiles files = new AtomicFiles();
    private final ArrayBlockingQueue<Slab> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Streamed: the file's header, and the buffers the writer is done with. Null and unused otherwise. */
    private final VolumeHeader shape;
    private final ArrayBlockingQueue<Volume> free = new ArrayBlockingQueue<>(RING);
    private int made;
    private Thread thread;
    private volatile RuntimeException failure;
    private int next, nz;
    private boolean finished;
    /** Time the computing thread waited for room in the queue (or, streamed, for a free buffer), ns (told to the job's timeline). */
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
        this.shape = null;
        if (!format.writesSlabs(path)) throw new IllegalArgumentException(format.name() + " output " + path + " needs the whole volume before writing");
    }

    /**
     * A streamed write of a volume described by {@code shape} that is given block by block through
     * {@link #buffer} and {@link #slabDone(Volume, int)}; starts the writer (opens the file, writes the header).
     *
     * @throws IllegalArgumentException when the format of {@code path} needs the whole volume first
     */
    public OverlappedWrite(Path path, WriteOptions options, VolumeHeader shape) {
        options.check();
        this.path = path;
        this.options = options;
        this.format = Formats.forWriting(path, options.format);
        this.shape = shape;
        if (!format.writesSlabs(path)) throw new IllegalArgumentException(format.name() + " output " + path + " needs the whole volume before writing");
        nz = shape.nz();
        start(null);
    }

    @Override
    public void slabDone(Volume out, int z0, int z1) {
        if (shape != null) throw new IllegalStateException("a streamed write takes blocks");
        if (finished) throw new IllegalStateException("already finished");
        if (z0 != next || z1 <= z0 || z1 > out.nz()) throw new IllegalArgumentException("slab [" + z0 + ", " + z1 + ") does not follow slice " + next);
        if (thread == null) {
            nz = out.nz();
            start(out);
        }
        next = z1;
        long t = System.nanoTime();
        put(new Slab(null, z0, z1));
        blockedNanos += System.nanoTime() - t;
        if (options.job.timed()) options.job.mark("queued slices " + z0 + "-" + z1 + " (compute waited " + ms(blockedNanos) + " ms for the queue so far)");
    }

    /** A buffer of {@code n} slices of the streamed volume: a free one of that size, a new one while fewer than {@value #RING} exist, else the next one the writer frees. */
    @Override
    public Volume buffer(int z0, int n) {
        if (shape == null) throw new IllegalStateException("not a streamed write");
        while (true) {
            long t = System.nanoTime();
            Volume b = made < RING ? free.poll() : takeFree();
            blockedNanos += System.nanoTime() - t;   // waiting for a buffer is waiting for the writer too
            if (b == null) {
                made++;
                return Volume.allocate(shape.type(), shape.nx(), shape.ny(), n, Geometry.identity());
            }
            if (b.nz() == n) return b;
            made--;   // another size (the last block is shorter): let it go
        }
    }

    /** {@value #RING}: the ring's buffers. */
    @Override
    public int maxBuffers() {
        return RING;
    }

    @Override
    public void slabDone(Volume block, int z0) {
        if (shape == null) throw new IllegalStateException("not a streamed write");
        if (finished) throw new IllegalStateException("already finished");
        if (z0 != next || next + block.nz() > nz) throw new IllegalArgumentException("block of slices [" + z0 + ", " + (z0 + block.nz()) + ") does not follow slice " + next);
        next = z0 + block.nz();
        long t = System.nanoTime();
        put(new Slab(block, z0, next));
        blockedNanos += System.nanoTime() - t;
        if (options.job.timed()) options.job.mark("queued slices " + z0 + "-" + next + " (compute waited " + ms(blockedNanos) + " ms for the queue so far)");
    }

    /** The next buffer the writer frees, waiting; rethrows a failure of the writer. */
    private Volume takeFree() {
        try {
            Volume b;
            while ((b = free.poll(50, TimeUnit.MILLISECONDS)) == null) {
                if (failure != null) throw failure;
                if (!thread.isAlive()) throw new IllegalStateException("the writer of " + path + " ended early");
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private static String ms(long nanos) {
        return org.interslice.core.Decimals.fixed(nanos / 1e6, 1);   // "%.1f": finish() marks it on every run, and the Formatter's first use costs 20-30 ms
    }

    /** Starts the writer thread: of out's slabs, or of blocks (out null, a streamed write). */
    private void start(Volume out) {
        thread = new Thread(() -> {
            Job job = options.job;
            try (SlabWriter w = out != null ? format.slabWriter(out, path, files, options) : format.slabWriter(shape, path, files, options)) {
                if (job.timed()) job.mark("writer opened the file");
                long idle = 0, busy = 0;
                for (long t = System.nanoTime();;) {
                    Slab r = queue.take();
                    long t1 = System.nanoTime();
                    idle += t1 - t;
                    if (r == END) break;
                    if (r.block() == null) {
                        w.write(r.z0(), r.z1());
                    } else {
                        w.write(r.block());
                        free.offer(r.block());   // never full: at most RING buffers exist
                    }
                    t = System.nanoTime();
                    busy += t - t1;
                    if (job.timed()) job.mark("wrote slices " + r.z0() + "-" + r.z1() + " in " + ms(t - t1) + " ms (writer idle " + ms(idle) + " ms, busy " + ms(busy) + " ms so far)");
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
    private void put(Slab r) {
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
