package org.interslice.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.exec.Job;

/**
 * A {@link Job.Timeline} that keeps every mark with its time and thread and prints them at exit, one
 * line each: {@code timeline EPOCH_MICROS THREAD EVENT}. Times are wall-clock microseconds (a monotonic
 * clock offset to the epoch once), so a script that notes the epoch before starting the process and
 * after it ended can place JVM start-up and exit around the marks ({@code bench/resample-timeline.sh}).
 * On when the environment variable {@value #ENV} is set and not empty; off, nothing is recorded and no
 * command pays for it.
 */
final class TimelineLog implements Job.Timeline {
    static final String ENV = "INTERSLICE_TIMELINE";

    private final long epochMicros, nanos;
    private final List<String> events = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    TimelineLog() {
        Instant now = Instant.now();
        nanos = System.nanoTime();
        epochMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** A timeline when {@value #ENV} asks for one, else null. */
    static TimelineLog fromEnvironment() {
        String v = System.getenv(ENV);
        return v == null || v.isEmpty() ? null : new TimelineLog();
    }

    @Override
    public void mark(String event) {
        long t = System.nanoTime();
        String line = Thread.currentThread().getName() + " " + event;
        synchronized (this) {
            times.add(t);
            events.add(line);
        }
    }

    /** Every mark so far, in the order they were made. */
    synchronized void print(PrintStream out) {
        for (int i = 0; i < events.size(); i++) out.println("timeline " + (epochMicros + (times.get(i) - nanos) / 1000) + " " + events.get(i));
        out.flush();
    }
}
