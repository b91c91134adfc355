package org.interslice.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.interslice.io.FilePlan;
import org.interslice.io.Formats;
import org.interslice.io.ReadOptions;
import org.interslice.io.fuzz.StructuralCase.Expect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the structural corpus ({@link StructuralCorpus}, issue 21): every variant must end as its class
 * demands (refused with one line naming a file, or read for a control), within 5 s, and allocating at
 * most twice the read limit on the reading thread (64 MiB limit for the memory class). Aliases are
 * checked through {@link FilePlan}. CI runs {@code interslice.structural.count} variants per class
 * (default 100); rows go to target/structural-report.md.
 */
class StructuralFuzzTest {
    private static final long TIMEOUT_MS = 5000;

    @TempDir
    Path work;

    static List<String> classes() {
        return StructuralCorpus.CLASSES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classes")
    void everyVariantEndsAsItsClassDemands(String cls) throws IOException {
        int count = Integer.getInteger("interslice.structural.count", 100);
        long seed = Long.getLong("interslice.fuzz.seed", 20261123L);
        long limit = cls.equals("memory") ? 64L << 20 : 512L << 20;
        int read = 0, rejected = 0, bad = 0;
        long slowest = 0, mostAllocated = 0;
        List<String> failures = new ArrayList<>();
        ExecutorService exec = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < count; i++) {
                StructuralCase c = StructuralCorpus.variant(cls, i, seed);
                Path dir = work.resolve("v" + i);
                Path entry = c.materialize(dir);
                AtomicLong allocated = new AtomicLong();
                long t0 = System.nanoTime();
                String problem;
                boolean wasRead = false;
                Future<?> f = exec.submit(() -> {
                    long a0 = threadAllocated();
                    try {
                        if (cls.equals("aliases")) plan(c, dir).check();
                        else Formats.read(entry, options(cls, limit));
                    } finally {
                        allocated.set(threadAllocated() - a0);
                    }
                    return null;
                });
                try {
                    f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    wasRead = true;
                    problem = c.expect() == Expect.REJECT ? "accepted, but must be refused" : null;
                } catch (TimeoutException e) {
                    f.cancel(true);
                    exec.shutdownNow();
                    exec = Executors.newSingleThreadExecutor(daemon());
                    problem = "no answer within " + TIMEOUT_MS + " ms";
                } catch (ExecutionException e) {
                    problem = judge(e.getCause(), c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                slowest = Math.max(slowest, ms);
                mostAllocated = Math.max(mostAllocated, allocated.get());
                if (problem == null && allocated.get() > 2 * limit) problem = "allocated " + (allocated.get() >> 20) + " MiB";
                if (problem == null) {
                    if (wasRead) read++;
                    else rejected++;
                } else {
                    bad++;
                    if (failures.size() < 20) failures.add(c.label() + " [" + dir + "]: " + problem);
                }
                if (problem == null) FuzzHarness.deleteTree(dir);
            }
        } finally {
            exec.shutdownNow();
        }
        Path report = Path.of("target", "structural-report.md");
        Files.createDirectories(report.getParent());
        // class | variants | accepted (read / plan passed) | refused cleanly | bad outcomes | slowest | most allocated by one variant
        Files.writeString(report, "| " + cls + " | " + count + " | " + read + " | " + rejected + " | " + bad + " | " + slowest + " ms | "
                + (mostAllocated >> 20) + " MiB |\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertEquals(List.of(), failures, () -> cls + ": " + failures.size() + " bad outcomes");
    }

    /** Readers see outside data only in the skips class, so its system files meet the skip and file checks. */
    private static ReadOptions options(String cls, long limit) {
        ReadOptions o = ReadOptions.defaults();
        o.maxBytes = limit;
        o.job = Job.serial();
        o.allowOutsideData = cls.equals("skips");
        return o;
    }

    /** The variant's planned reads and writes. */
    static FilePlan plan(StructuralCase c, Path dir) {
        FilePlan p = new FilePlan();
        for (String r : c.reads()) p.read(dir.resolve(r));
        for (String w : c.writes()) p.write(dir.resolve(w));
        return p;
    }

    /** Null when a refusal is right for the variant and clean (one line naming one of its files). */
    private static String judge(Throwable e, StructuralCase c) {
        if (!(e instanceof IntersliceException ie)) return "threw " + e;
        if (c.expect() == Expect.READ) return "refused a control: " + ie.getMessage();
        String m = ie.getMessage();
        if (m == null || m.contains("\n") || m.contains("\r")) return "message is not one line: " + m;
        if (ie.file() == null) return "message names no file: " + m;
        return null;
    }

    private static long threadAllocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread th = new Thread(r, "structural-read");
            th.setDaemon(true);
            return th;
        };
    }
}
