package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 4: crash safety of writes, proven by killing. The CLI runs in a child JVM converting a
 * generated volume into .nii.gz, .nrrd and .tif (the slowest writer here: ImageIO writes page by page,
 * uncompressed), and is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux; the exit value
 * 137 = 128 + 9 is checked) after a random delay spread from JVM start-up to past completion. After each
 * kill: the trial folder holds only the final name or our temporaries
 * ({@code .NAME.interslice-partial-*}, {@link AtomicFiles#isTemporary}); the final name exists only when
 * it reads back equal to a complete run; temporaries are never taken for an output ({@code info} on
 * the absent final name and reading the folder both fail cleanly).
 *
 * <p>CI runs {@code interslice.crash.trials} trials per format (default 7, so 21 in all) on a
 * {@code interslice.crash.nz}-slice 256 x 256 int16 volume (default 256 slices, 32 MiB);
 * bench/harden-full.sh runs 20 per format (60). A row per format goes to target/crash-report.md.
 */
@Timeout(900)
class CrashSafetyTest {
    private static final String[] TARGETS = {".nii.gz", ".nrrd", ".tif"};

    @TempDir
    static Path work;

    static Path source;
    static Volume sourceVolume;

    @BeforeAll
    static void makeSource() {
        int nz = Integer.getInteger("interslice.crash.nz", 256);
        Geometry g = Geometry.of(new double[] {0.7, 0.7, 1.5}, new double[] {-90, -100, -50},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 256, 256, nz, g);
        // smooth structure plus noise in the low bits: compresses like a real scan, not like zeros
        Random r = new Random(11);
        short[] d = (short[]) v.array();
        for (int z = 0, i = 0; z < nz; z++) for (int y = 0; y < 256; y++) for (int x = 0; x < 256; x++, i++)
            d[i] = (short) (Math.sin(x * 0.05) * Math.cos(y * 0.07) * Math.sin(z * 0.03) * 1000 + r.nextInt(16));
        source = work.resolve("source.nii");
        Formats.write(v, source);
        sourceVolume = v;
    }

    @Test
    void killedWritesLeaveNothingOrTheWholeOutput() throws Exception {
        int trials = Integer.getInteger("interslice.crash.trials", 7);
        long seed = Long.getLong("interslice.crash.seed", 20261123L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (String ext : TARGETS) {
            // one complete run: its duration sets the kill delays, its output is what a complete file must equal
            Path refDir = Files.createDirectories(work.resolve("ref" + ext));
            Path ref = refDir.resolve("out" + ext);
            long t0 = System.nanoTime();
            Process p = start(ref);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "complete run of " + ext + " did not end");
            long fullMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, p.exitValue(), () -> ext + ": complete run failed: " + readQuietly(refDir.resolve("stderr.txt")));
            Volume reference = Formats.read(ref);
            assertTrue(sameVoxels(sourceVolume, reference), ext + ": the complete output differs from the source");

            int nothing = 0, temporaryOnly = 0, complete = 0, finished = 0;
            long maxDelay = fullMs * 115 / 100;
            for (int t = 0; t < trials; t++) {
                long delay = (long) (random.nextDouble() * maxDelay);
                Path dir = Files.createDirectories(work.resolve("trial" + ext + "-" + t));
                Path out = dir.resolve("out" + ext);
                Process c = start(out);
                boolean ended = c.waitFor(delay, TimeUnit.MILLISECONDS);
                if (!ended) {
                    c.destroyForcibly();
                    assertTrue(c.waitFor(60, TimeUnit.SECONDS), "killed process did not end");
                    if (c.exitValue() == 0) {
                        // it ended by itself between the wait's timeout and the signal: a finished run
                        finished++;
                        if (!Files.exists(out)) failures.add(ext + " trial " + t + ": exit 0 without an output");
                    } else if (c.exitValue() != 137) {
                        failures.add(ext + " trial " + t + ": killed process exit " + c.exitValue() + ", not SIGKILL's 137");
                    }
                } else {
                    finished++;
                    if (c.exitValue() != 0) failures.add(ext + " trial " + t + ": run ended by itself with exit " + c.exitValue());
                }
                String label = ext + " trial " + t + " (kill after " + delay + " of ~" + fullMs + " ms)";
                List<Path> left = listing(dir);
                boolean temps = false;
                for (Path f : left) {
                    if (f.equals(out) || f.getFileName().toString().equals("stderr.txt")) continue;
                    if (AtomicFiles.isTemporary(f) && f.getFileName().toString().startsWith(".out" + ext + AtomicFiles.TEMP_MARK)) temps = true;
                    else failures.add(label + ": unexpected file " + f.getFileName());
                }
                if (Files.exists(out)) {
                    complete++;
                    if (temps) failures.add(label + ": a temporary is left beside a committed output");
                    Volume back;
                    try {
                        back = Formats.read(out);
                    } catch (IntersliceException e) {
                        failures.add(label + ": output under the final name does not read: " + e.getMessage());
                        continue;
                    }
                    if (!sameVoxels(reference, back) || !back.geometry().approxEquals(reference.geometry(), back.nx(), back.ny(), back.nz(), 1e-9))
                        failures.add(label + ": output under the final name differs from a complete run");
                } else {
                    if (temps) temporaryOnly++;
                    else nothing++;
                    checkAbsentOutputFailsCleanly(out, label, failures);
                }
                deleteTree(dir);
            }
            // columns: format, trials, complete run, killed before any file, killed with only a temporary,
            // killed after the output was committed, finished before its kill
            table.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %d | %d | %d | %d | %d |%n",
                    ext, trials, fullMs, nothing, temporaryOnly, complete - finished, finished, failuresOf(failures, ext)));
        }
        Path report = Path.of("target", "crash-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!failures.isEmpty()) fail(failures.size() + " bad outcomes:\n" + String.join("\n", failures));
    }

    private static long failuresOf(List<String> failures, String ext) {
        return failures.stream().filter(f -> f.startsWith(ext + " ")).count();
    }

    /** {@code info} on the missing output and a read of its folder (temporaries only) both fail in one line. */
    private static void checkAbsentOutputFailsCleanly(Path out, String label, List<String> failures) {
        Cli.Result r = Cli.run("info", out.toString());
        if (r.exit() != 1 || r.errLines().length != 1 || !r.errLines()[0].equals("interslice: " + out + ": no such file or folder"))
            failures.add(label + ": info on the absent output: exit " + r.exit() + " " + r.err().strip());
        try {
            Volume v = Formats.read(out.getParent());
            failures.add(label + ": the folder of temporaries read as a volume " + v.nx() + "x" + v.ny() + "x" + v.nz());
        } catch (IntersliceException e) {
            if (e.getMessage().contains("\n")) failures.add(label + ": folder read failed in several lines");
        }
    }

    /** The CLI in a child JVM with this test's class path: {@code interslice -q convert SOURCE out}. */
    private static Process start(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", cp, Main.class.getName(), "-q", "convert", source.toString(), out.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(out.resolveSibling("stderr.txt").toFile());
        return pb.start();
    }

    static boolean sameVoxels(Volume a, Volume b) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz() || a.type() != b.type()) return false;
        return Objects.deepEquals(a.array(), b.array());
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
