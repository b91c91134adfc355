package org.interslice.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.interslice.core.exec.Job;

/**
 * {@link Job.Progress} drawn as a text progress bar (me.tongfei:progressbar) on a stream, normally
 * stderr so that stdout stays clean for results. One bar per task name: a new task closes the previous
 * bar. Created disabled (null stream) it draws nothing. Thread-safe: jobs report from worker threads.
 */
final class ConsoleProgress implements Job.Progress, AutoCloseable {
    private final PrintWriter out;
    private ProgressBar bar;
    private String task;

    private final Main owner;

    /** @param out where bars are drawn; null for none */
    ConsoleProgress(PrintWriter out) {
        this(out, null);
    }

    /** @param owner the command run whose thread pool jobs reporting here use ({@link Main#job}); may be null */
    ConsoleProgress(PrintWriter out, Main owner) {
        this.out = out;
        this.owner = owner;
    }

    Main owner() {
        return owner;
    }

    boolean enabled() {
        return out != null;
    }

    @Override
    public synchronized void update(String name, long done, long total) {
        if (out == null) return;
        if (bar == null || !name.equals(task)) {
            close();
            task = name;
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    // \r redraws the line in place; the library's console consumer would bind to System.err
                    .setConsumer(new DelegatingProgressBarConsumer(this::draw, width()))
                    .build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
    }

    private void draw(String rendered) {
        synchronized (out) {
            out.print('\r');
            out.print(rendered);
            out.flush();
        }
    }

    /** Finishes the current bar (drawn full when complete) and ends its line. */
    @Override
    public synchronized void close() {
        if (bar == null) return;
        bar.close();
        out.println();
        out.flush();
        bar = null;
        task = null;
    }

    private static int width() {
        try {
            String c = System.getenv("COLUMNS");
            if (c != null) return Math.max(40, Integer.parseInt(c.trim()) - 1);
        } catch (NumberFormatException ignored) {
            // fall through to the default
        }
        return 79;
    }
}
