package org.interslice.core.exec;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The context of one long operation: which threads run it, where progress goes, and whether it was
 * cancelled. Given explicitly as the last argument of long operations (no globals, no ThreadLocal), so
 * tests, the CLI and Spark executors each control their own. Work is split into slabs (usually z
 * slices); progress is reported and cancellation polled once per slab, never per voxel.
 */
public final class Job implements AutoCloseable {
    /** Receives progress; called from worker threads, so implementations must be thread-safe. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} units of the named task are finished. */
        void update(String task, long done, long total);

        Progress NONE = (t, d, n) -> { };
    }

    /**
     * Receives named moments of a run (phases, hand-overs between threads), for a caller that wants a
     * timeline of where the time goes; called from any thread, so implementations must be thread-safe.
     * Marks are few (per phase or per block of slices, never per voxel); the default does nothing.
     */
    @FunctionalInterface
    public interface Timeline {
        /** Something named {@code event} happened now. */
        void mark(String event);

        Timeline NONE = e -> { };
    }

    /** Body of {@link #forEachChunk}: items {@code [from, to)} with a work space owned by this call. */
    @FunctionalInterface
    public interface Chunk<W> {
        void run(int from, int to, W work);
    }

    /** Idle pool workers exit after this long, so a job that is dropped without close() leaves no threads. */
    private static final long IDLE_SECONDS = 5;

    /** What a job and its {@link #withProgress} views share: the pool and the cancel flag. */
    private static final class Shared {
        final int threads;
        ForkJoinPool pool;  // created on first parallel use
        volatile boolean cancelled;

        Shared(int threads) {
            this.threads = threads;
        }

        synchronized ForkJoinPool pool() {
            if (pool == null) {
                pool = new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
                        0, threads + 256, 1, null, IDLE_SECONDS, TimeUnit.SECONDS);
            }
            return pool;
        }

        synchronized void shutdown() {
            if (pool != null) pool.shutdown();
        }
    }

    private final Shared shared;
    private final int threads;
    private final Progress progress;
    private final Timeline timeline;

    private Job(int threads, Progress progress) {
        this(new Shared(checkThreads(threads)), progress, Timeline.NONE);
    }

    private Job(Shared shared, Progress progress, Timeline timeline) {
        this.shared = shared;
        this.threads = shared.threads;
        this.progress = progress == null ? Progress.NONE : progress;
        this.timeline = timeline == null ? Timeline.NONE : timeline;
    }

    private static int checkThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads = " + threads + " must be at least 1");
        return threads;
    }

    /**
     * The same job (threads, pool, cancel flag) reporting progress elsewhere (null: nowhere); for inner
     * steps whose progress would clutter the caller's.
     */
    public Job withProgress(Progress p) {
        return new Job(shared, p, timeline);
    }

    /** The same job (threads, pool, cancel flag, progress) telling {@code t} its marks (null: nobody); views keep it. */
    public Job withTimeline(Timeline t) {
        return new Job(shared, progress, t);
    }

    /** The same job without progress reports. */
    public Job quiet() {
        return withProgress(null);
    }

    /**
     * Shuts down the thread pool shared by this job and its views (running slab loops finish). Optional:
     * idle workers exit by themselves after a few seconds.
     */
    @Override
    public void close() {
        shared.shutdown();
    }

    /** All available cores, no progress output. */
    public static Job defaults() {
        return new Job(Runtime.getRuntime().availableProcessors(), null);
    }

    /** One thread, the caller's. */
    public static Job serial() {
        return new Job(1, null);
    }

    /** The given number of threads and progress listener (null for none). */
    public static Job of(int threads, Progress progress) {
        return new Job(threads, progress);
    }

    public int threads() {
        return threads;
    }

    public Progress progress() {
        return progress;
    }

    /** Tells the timeline ({@link #withTimeline}) that {@code event} happened now; nothing without one. */
    public void mark(String event) {
        timeline.mark(event);
    }

    /** True when marks go somewhere, so that a caller can skip building their text. */
    public boolean timed() {
        return timeline != Timeline.NONE;
    }

    /** Asks running and future slab loops of this job to stop; they throw CancellationException. */
    public void cancel() {
        shared.cancelled = true;
    }

    public boolean isCancelled() {
        return shared.cancelled;
    }

    /** Throws CancellationException when the job was cancelled. */
    public void checkCancelled() {
        if (shared.cancelled) throw new CancellationException("cancelled");
    }

    /** Runs body(0..n-1) on the job's threads; see {@link #forEachSlab(String, int, IntConsumer)}. */
    public void forEachSlab(int n, IntConsumer body) {
        forEachSlab(null, n, body);
    }

    /**
     * Runs {@code body.accept(s)} for every slab s in [0, n), in parallel when the job has more than
     * one thread and there are at least two slabs. Slabs must write disjoint outputs. Progress is
     * reported under {@code task} (when not null) after each slab; cancellation is checked before each.
     * The first exception thrown by a slab is rethrown here.
     */
    public void forEachSlab(String task, int n, IntConsumer body) {
        checkCancelled();
        AtomicLong done = new AtomicLong();
        if (threads == 1 || n < 2) {
            for (int s = 0; s < n; s++) {
                checkCancelled();
                body.accept(s);
                if (task != null) progress.update(task, s + 1, n);
            }
            return;
        }
        // The first failure is kept as thrown (ForkJoinPool would rewrap it) and stops the other slabs.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        IntConsumer step = s -> {
            if (failure.get() != null) return;
            try {
                checkCancelled();
                body.accept(s);
                long d = done.incrementAndGet();
                if (task != null) progress.update(task, d, n);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        try {
            shared.pool().submit(() -> IntStream.range(0, n).parallel().forEach(step)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException(t);
    }

    /**
     * How many chunks {@link #forEachChunk} cuts n items into: one when serial, else
     * {@code chunksPerThread} per thread (more chunks balance uneven work, fewer allocate less), at most n.
     */
    public int chunks(int n, int chunksPerThread) {
        if (chunksPerThread < 1) throw new IllegalArgumentException("chunksPerThread = " + chunksPerThread + " must be at least 1");
        return threads == 1 ? 1 : Math.max(1, Math.min(n, threads * chunksPerThread));
    }

    /**
     * The one chunked parallel loop: cuts items [0, n) into {@link #chunks(int, int)} contiguous ranges
     * of near-equal size and runs {@code body.run(from, to, work)} for each on the job's threads (as
     * {@link #forEachSlab(String, int, IntConsumer)}: progress per chunk under task, cancellation polled
     * per chunk, first exception rethrown). {@code work} comes from {@code newWork} (null: no work space)
     * and is handed from a finished chunk to the next one, so at most one work space per running thread
     * is ever made: per-chunk buffers (megabytes each on large slices) lived long enough to be promoted
     * and grew the heap. Ranges must write disjoint outputs; results must not depend on the cut.
     */
    public <W> void forEachChunk(String task, int n, int chunksPerThread, Supplier<W> newWork, Chunk<W> body) {
        if (n <= 0) {
            checkCancelled();
            return;
        }
        final int chunks = chunks(n, chunksPerThread);
        final ConcurrentLinkedQueue<W> spare = new ConcurrentLinkedQueue<>();
        forEachSlab(task, chunks, c -> {
            int from = (int) ((long) n * c / chunks), to = (int) ((long) n * (c + 1) / chunks);
            W w = spare.poll();
            if (w == null && newWork != null) w = newWork.get();
            body.run(from, to, w);
            if (w != null) spare.add(w);
        });
    }

    /** {@link #forEachChunk} without progress reports. */
    public <W> void forEachChunk(int n, int chunksPerThread, Supplier<W> newWork, Chunk<W> body) {
        forEachChunk(null, n, chunksPerThread, newWork, body);
    }

    /** Reports progress of a serial task directly (e.g. reading files one by one). */
    public void report(String task, long done, long total) {
        progress.update(task, done, total);
    }
}
