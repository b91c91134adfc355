package org.interslice.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.fuzz.StructuralCase.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the hostile OME-Zarr corpus ({@link ZarrCorpus}): every variant is read whole and by one region
 * under a 64 MiB limit; it must end as it demands (refused with one line naming a file, or either read or
 * refused so) within 5 s, allocating at most twice the limit on the reading thread.
 * {@code interslice.zarr.count} variants (default 300).
 */
class ZarrFuzzTest {
    private static final long TIMEOUT_MS = 5000;
    private static final long LIMIT = 64L << 20;

    @TempDir
    Path work;

    @Test
    void everyHostileImageEndsCleanly() throws IOException {
        int count = Integer.getInteger("interslice.zarr.count", 300);
        long seed = Long.getLong("interslice.fuzz.seed", 20261203L);
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zarr-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < count; i++) {
                StructuralCase c = ZarrCorpus.variant(i, seed);
                Path dir = work.resolve("v" + i);
                Path entry = c.materialize(dir);
                AtomicLong allocated = new AtomicLong();
                Future<?> f = exec.submit(() -> {
                    long a0 = allocated();
                    try {
                        ReadOptions o = ReadOptions.defaults();
                        o.maxBytes = LIMIT;
                        o.job = Job.serial();
                        Formats.read(entry, o);
                        try (OpenVolume v = Formats.open(entry, o)) {
                            v.readSlab(v.header().nz() - 1, 1);
                        }
                    } finally {
                        allocated.set(allocated() - a0);
                    }
                    return null;
                });
                String problem = null;
                try {
                    f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    if (c.expect() == Expect.REJECT) problem = "accepted, but must be refused";
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problem = "no answer within " + TIMEOUT_MS + " ms";
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    if (!(t instanceof IntersliceException ie)) problem = "threw " + t;
                    else if (ie.getMessage() == null || ie.getMessage().contains("\n")) problem = "not one line: " + ie.getMessage();
                    else if (ie.file() == null) problem = "names no file: " + ie.getMessage();
                    else rejected++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (problem == null && allocated.get() > 2 * LIMIT) problem = "allocated " + (allocated.get() >> 20) + " MiB";
                if (problem != null && failures.size() < 20) failures.add(c.label() + ": " + problem);
                if (problem == null) FuzzHarness.deleteTree(dir);
            }
        } finally {
            exec.shutdownNow();
        }
        assertEquals(List.of(), failures, () -> failures.size() + " bad outcomes");
        assertTrue(rejected > count / 3, "most variants are hostile: " + rejected + " of " + count + " refused");
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
