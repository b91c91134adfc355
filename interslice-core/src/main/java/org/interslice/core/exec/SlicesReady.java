package org.interslice.core.exec;

import java.util.concurrent.CancellationException;

/**
 * How many z slices of a volume another thread (a file reader) has filled so far, for work that starts
 * before the volume is whole: the filler {@link #publish}es the count of leading slices that hold their
 * final values, or {@link #fail}s; a consumer {@link #await}s the slices it needs. Counts only grow.
 */
public final class SlicesReady {
    private final int total;
    private int ready;
    private RuntimeException failure;
    private Error error;

    /** @param total the volume's slices (nz) */
    public SlicesReady(int total) {
        if (total < 0) throw new IllegalArgumentException("total = " + total + " must not be negative");
        this.total = total;
    }

    /** The volume's slices. */
    public int total() {
        return total;
    }

    /** Slices [0, {@code slices}) hold their final values (at most {@link #total}; a smaller count than before is ignored). */
    public synchronized void publish(int slices) {
        int n = Math.min(total, slices);
        if (n > ready) {
            ready = n;
            notifyAll();
        }
    }

    /** The filler stopped with {@code t}: every waiter, present and future, throws it (the same object). */
    public synchronized void fail(Throwable t) {
        if (t instanceof Error e) error = e;
        else if (t instanceof RuntimeException r) failure = r;
        else failure = new IllegalStateException(t);
        notifyAll();
    }

    /** Slices filled so far. */
    public synchronized int ready() {
        return ready;
    }

    /**
     * Waits until slices [0, {@code slices}) are filled (at most {@link #total} are waited for).
     *
     * @throws RuntimeException or Error: the filler's failure, as given to {@link #fail}
     * @throws CancellationException when the waiting thread is interrupted
     */
    public synchronized void await(int slices) {
        int n = Math.min(total, slices);
        while (ready < n) {
            if (error != null) throw error;
            if (failure != null) throw failure;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for input slices");
            }
        }
    }
}
