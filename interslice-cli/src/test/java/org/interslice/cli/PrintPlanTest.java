package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.Interps;
import org.interslice.ops.ResampleOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: {@code resample}'s plan is printed without {@link java.util.Formatter} (its first use cost
 * 25-34 ms before any work); the text must stay what the formatter wrote. Each plan here is printed by
 * {@link ResampleCommand#printPlan} and by the former code, kept below as the reference (its format
 * strings, {@code Grid.describe}'s and {@code Interps.mib}'s, through {@code String.format}).
 */
class PrintPlanTest {
    /** The former printPlan, word for word but for the grid's description, which was Grid.describe's format. */
    private static String former(ResampleOperation.Plan plan) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        Grid in = plan.inputGrid(), target = plan.target();
        String type = plan.describeInput().substring(plan.describeInput().lastIndexOf(" mm, ") + 3);   // ", int16" after the grid
        out.println("input   " + describe(in) + type);
        if (plan.region() != null)
            out.println("region  " + plan.region() + " of the input read (the cropped grid needs no more)");
        out.println("output  " + describe(target) + ", " + Interps.name(plan.interp()));
        out.printf(Locale.ROOT, "memory  output/input voxels %.3f, estimated peak %s (limit %s)%s%n",
                target.voxelCount() / (double) in.voxelCount(), mib(plan.estimateBytes()), mib(plan.limitBytes()),
                plan.tooLarge() ? ": too large, a run would be refused" : "");
        out.flush();
        return s.toString();
    }

    private static String describe(Grid g) {
        double[] e = g.extentMm();
        return String.format(Locale.ROOT, "%dx%dx%d voxels, spacing %.4gx%.4gx%.4g mm, size %.1fx%.1fx%.1f mm",
                g.nx(), g.ny(), g.nz(), g.geometry().spacing(0), g.geometry().spacing(1), g.geometry().spacing(2), e[0], e[1], e[2]);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static String printed(ResampleOperation.Plan plan) {
        StringWriter s = new StringWriter();
        ResampleCommand.printPlan(new PrintWriter(s), plan);
        return s.toString();
    }

    private static ResampleOperation.Plan plan(Path dir, Consumer<ConfigResampleOp> set) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = dir.resolve("in.nii");
        c.output = dir.resolve("out.nii");
        set.accept(c);
        return new ResampleOperation(c).plan(Job.serial());
    }

    @Test
    void sameTextAsTheFormatter(@TempDir Path dir) {
        ResampleCommandTest.image(dir, "in.nii");   // 20x16x8 int16 at 1 x 1 x 3 mm
        ResampleOperation.Plan[] plans = {
            plan(dir, c -> c.spacingMm = new double[] {0.15, 0.35, 0.45}),                 // decimal ties in spacing and extent
            plan(dir, c -> c.size = new int[] {7, 9, 11}),                                  // spacings 2.857..., 1.777..., 2.1818...
            plan(dir, c -> { c.spacingMm = new double[] {0.5, 0.5, 0.5}; c.crop = new double[] {0, 10, Double.NaN, Double.NaN, 2, 5}; }),
            plan(dir, c -> { c.isotropic = true; c.spacingScale = 2.5; c.interp = Interp.NEAREST; c.keepOrigin = true; }),
            plan(dir, c -> { c.spacingMm = new double[] {0.001, 0.001, 0.01}; }),           // too large for one array
            plan(dir, c -> { c.spacingMm = new double[] {9.99995, 12.34567, 0.3}; c.resample.maxMemoryBytes = 12345; c.interp = Interp.BSPLINE; }),
        };
        boolean region = false, tooLarge = false;
        for (ResampleOperation.Plan p : plans) {
            assertEquals(former(p), printed(p));
            region |= p.region() != null;
            tooLarge |= p.tooLarge();
        }
        assertTrue(region && tooLarge, "the region line and the too-large ending are among the plans");
    }

    /**
     * What the change is for: a streamed run (plan, resample, write, "wrote" line) in a fresh JVM never loads
     * {@link java.util.Formatter} (before: the plan's printf loaded it, then {@code OverlappedWrite.finish}'s mark).
     */
    @Test
    void aStreamedRunNeverLoadsTheFormatter(@TempDir Path dir) throws Exception {
        Path in = ResampleCommandTest.image(dir, "in.nii");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "resample", in.toString(), dir.resolve("out.nii").toString(), "--spacing", "0.5", "--interp", "linear");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        assertTrue(log.contains("estimated peak") && log.contains("wrote "), "the plan and the result were printed: " + log);
        assertTrue(log.contains("org.interslice.core.Decimals "), "class loading is logged: " + log.length() + " chars");
        assertFalse(log.contains("java.util.Formatter "), "java.util.Formatter was loaded");
    }
}
