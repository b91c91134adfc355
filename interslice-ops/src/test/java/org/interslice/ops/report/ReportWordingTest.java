package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20, Also fix: what the report says matches what it draws. */
class ReportWordingTest {
    /** Slices alternate between a pattern and its negative: every held-out slice is anti-correlated with its prediction. */
    static Path alternating(Path dir, String name, int nz, double spacing) {
        int nx = 40, ny = 36;
        float[] d = new float[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++) d[i] = (float) (100 + (z % 2 == 0 ? 1 : -1) * 40 * Math.sin(0.4 * x) * Math.cos(0.3 * y));
        Path p = dir.resolve(name);
        Formats.write(new FloatVolume(nx, ny, nz, d, Geometry.of(new double[] {1, 1, spacing}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), false), p);
        return p;
    }

    @Test
    void negativeSsimIsExplainedAndTicksOnlyWhereDrawn(@TempDir Path dir) throws Exception {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = List.of(alternating(dir, "alt.nii", 11, 1));
        c.methods = List.of("linear");
        c.bootstrap = 100;
        c.out = dir.resolve("drop");
        Evaluation e = EvaluateRun.run(c, Job.serial());
        assertTrue(Markdown.negativeSsim(e));
        String md = Files.readString(c.out.resolve("report.md"));
        assertTrue(md.contains(Markdown.NEGATIVE_SSIM_NOTE), md);
        assertTrue(md.contains("ticks on the left mark the kept slices"), md);

        ConfigEvaluateRun t = new ConfigEvaluateRun();
        t.thick = alternating(dir, "thick.nii", 6, 2);
        t.compareTo = alternating(dir, "thin.nii", 11, 1);
        t.methods = List.of("linear");
        t.bootstrap = 100;
        t.out = dir.resolve("compare");
        EvaluateRun.run(t, Job.serial());
        String cmp = Files.readString(t.out.resolve("report.md"));
        assertFalse(cmp.contains("tick"), "the thick-vs-thin montage draws no ticks: " + cmp);
    }

    @Test
    void barAxisStartsAtZero() {
        double[] r = Charts.barRange(30.5, 35.2);   // PSNR-like
        assertEquals(0, r[0]);
        assertTrue(r[1] > 35.2);
        r = Charts.barRange(-0.2, 0.9);              // NCC can be negative
        assertTrue(r[0] < -0.2 && r[1] > 0.9);
    }
}
