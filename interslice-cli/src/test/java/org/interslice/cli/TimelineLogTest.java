package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.interslice.core.exec.Job;
import org.junit.jupiter.api.Test;

/**
 * The timeline the CLI prints with INTERSLICE_TIMELINE set: every mark of the command's job and of its
 * views (progress changed, quiet), from any thread, one line each in the order made, with the thread's
 * name and non-decreasing wall-clock microseconds.
 */
class TimelineLogTest {
    @Test
    void marksOfTheJobAndItsViewsFromAnyThreadInOrder() throws InterruptedException {
        TimelineLog log = new TimelineLog();
        try (Job job = Job.of(2, null).withTimeline(log)) {
            assertTrue(job.timed());
            job.mark("first");
            job.quiet().mark("from a quiet view");
            Thread t = new Thread(() -> job.withProgress((a, b, c) -> { }).mark("from another thread"), "other");
            t.start();
            t.join();
            job.forEachSlab(4, s -> { });
            job.mark("last");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        log.print(new PrintStream(b, true, StandardCharsets.UTF_8));
        String[] lines = b.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        String[] events = {"main first", "main from a quiet view", "other from another thread", "main last"};
        long before = 0;
        for (int i = 0; i < 4; i++) {
            String[] f = lines[i].split(" ", 3);
            assertEquals("timeline", f[0]);
            long us = Long.parseLong(f[1]);
            assertTrue(us >= before && us > 1_600_000_000_000_000L, lines[i]);   // epoch microseconds, after 2020
            before = us;
            assertEquals(events[i], f[2].replace(Thread.currentThread().getName() + " ", "main "));
        }
        assertTrue(!Job.serial().timed(), "a job without a timeline marks nothing");
    }
}
