package org.interslice.core.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobTest {
    @Test
    void oneThreadEqualsMany() {
        int[] a = new int[100], b = new int[100];
        Job.serial().forEachSlab(100, s -> a[s] = s * s);
        Job.of(4, null).forEachSlab(100, s -> b[s] = s * s);
        assertArrayEquals(a, b);
    }

    @Test
    void progressReachesTotal() {
        AtomicLong last = new AtomicLong();
        Job.of(3, (t, d, n) -> last.accumulateAndGet(d, Math::max)).forEachSlab("work", 37, s -> { });
        assertEquals(37, last.get());
    }

    @Test
    void exceptionsFromSlabsPropagate() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Job.of(2, null).forEachSlab(10, s -> { if (s == 5) throw new IllegalStateException("slab 5"); }));
        assertEquals("slab 5", e.getMessage());
    }

    @Test
    void cancelStopsTheLoop() {
        Job job = Job.of(2, null);
        AtomicLong ran = new AtomicLong();
        assertThrows(CancellationException.class, () -> job.forEachSlab(1000, s -> {
            if (ran.incrementAndGet() == 10) job.cancel();
        }));
        assertEquals(true, ran.get() < 1000);
    }

    @Test
    void viewsShareCancelAndPoolButNotProgress() {
        AtomicLong seen = new AtomicLong();
        try (Job job = Job.of(2, (t, d, n) -> seen.incrementAndGet())) {
            Job quiet = job.quiet();
            int[] a = new int[50];
            quiet.forEachSlab("inner", 50, s -> a[s] = s);
            assertEquals(0, seen.get(), "the quiet view reports nothing");
            assertEquals(49, a[49]);
            job.forEachSlab("outer", 4, s -> { });
            assertEquals(4, seen.get());
            job.cancel();
            assertThrows(CancellationException.class, () -> quiet.forEachSlab(3, s -> { }));
        }
    }

    @Test
    void closedJobRefusesParallelWork() {
        Job job = Job.of(2, null);
        job.forEachSlab(8, s -> { });
        job.close();
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> job.forEachSlab(8, s -> { }));
    }

    @Test
    void chunksCoverEveryItemOnceWithOneWorkSpacePerThread() {
        for (int threads : new int[] {1, 2, 3}) {
            try (Job job = Job.of(threads, null)) {
                int n = 1001;
                java.util.concurrent.atomic.AtomicIntegerArray seen = new java.util.concurrent.atomic.AtomicIntegerArray(n);
                AtomicLong made = new AtomicLong();
                job.forEachChunk(n, 4, () -> new int[] {(int) made.incrementAndGet()}, (from, to, work) -> {
                    for (int i = from; i < to; i++) seen.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, seen.get(i), "item " + i);
                assertEquals(true, made.get() >= 1 && made.get() <= threads, made.get() + " work spaces for " + threads + " threads");
                assertEquals(threads == 1 ? 1 : Math.min(n, 4 * threads), job.chunks(n, 4));
            }
        }
    }

    @Test
    void chunkedLoopPropagatesFailuresAndHandlesEmptyRanges() {
        try (Job job = Job.of(2, null)) {
            job.forEachChunk(0, 4, null, (from, to, w) -> { throw new AssertionError("no items, no chunks"); });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> job.forEachChunk(10, 2, null, (from, to, w) -> { if (from <= 5 && 5 < to) throw new IllegalStateException("item 5"); }));
            assertEquals("item 5", e.getMessage());
        }
    }
}
