package org.interslice.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.interslice.core.exec.Job;
import org.interslice.core.exec.SlicesReady;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeHeader;

/**
 * An input read on a thread of its own ({@code interslice-read}), so that its caller can plan from the
 * header and start computing while later slices still arrive (issue 22 item 3): {@link #await} returns
 * the volume as soon as the reader has allocated it and fills it in z order ({@link #arriving} then counts
 * the slices read; readers that cannot tell, every format but NIfTI, return it whole), {@link #finish}
 * waits for the end of the read. The reader's notes known when the volume is handed out are given with
 * it, later ones by {@link #finish}.
 */
final class BackgroundRead {
    private final Path path;
    private final ReadOptions options;
    private final Thread thread;
    private Volume volume;
    private SlicesReady arriving;
    private List<String> early = List.of();
    private boolean done;
    private Throwable failure;
    private int notesGiven;

    private BackgroundRead(Path path, ReadOptions options, Job job) {
        this.path = path;
        this.options = options;
        options.onVoxels = (v, ready) -> {
            synchronized (this) {
                volume = v;
                arriving = ready;
                early = List.copyOf(options.notes);
                notifyAll();
            }
        };
        thread = new Thread(() -> {
            try {
                Volume v = Formats.read(path, options);
                job.mark("input read");
                synchronized (this) {
                    volume = v;
                    done = true;
                    notifyAll();
                }
            } catch (Throwable t) {
                synchronized (this) {
                    failure = t;
                    done = true;
                    notifyAll();
                }
            }
        }, "interslice-read");
        thread.setDaemon(true);
    }

    /** Starts reading {@code path} as {@link Inputs#read} does, telling {@code onHeader} (may be null) the header first. */
    static BackgroundRead start(Path path, ConfigInput input, Job job, HeaderFields header, Consumer<VolumeHeader> onHeader) {
        ReadOptions o = Inputs.options(input, job, header);
        o.onHeader = onHeader;
        BackgroundRead r = new BackgroundRead(path, o, job);
        r.thread.start();
        return r;
    }

    /**
     * Waits until the volume is allocated and being filled, or read whole; adds the reader's notes so far to
     * {@code messages}. Rethrows the read's failure when it failed first.
     */
    synchronized Volume await(Messages messages) {
        while (volume == null && !done) waitHere();
        if (volume == null) rethrow(failure);
        give(done && failure == null ? options.notes : early, messages);
        return volume;
    }

    /** The count of slices read of {@link #await}'s volume while it is being filled, else (read whole by a reader that cannot tell) null. */
    synchronized SlicesReady arriving() {
        return arriving;
    }

    /**
     * Waits for the end of the read and returns the whole volume; adds the notes not given yet to {@code messages}.
     * Rethrows the read's failure (the same exception object: an IntersliceException stays one).
     */
    Volume finish(Messages messages) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while reading " + path);
        }
        synchronized (this) {
            if (failure != null) rethrow(failure);
            give(options.notes, messages);
            String single = Inputs.singleDicomFile(path, volume);
            if (single != null) messages.note(path + ": " + single);
            return volume;
        }
    }

    private void give(List<String> notes, Messages messages) {
        for (int i = notesGiven; i < notes.size(); i++) messages.note(path + ": " + notes.get(i));
        notesGiven = Math.max(notesGiven, notes.size());
    }

    private void waitHere() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while reading " + path);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
