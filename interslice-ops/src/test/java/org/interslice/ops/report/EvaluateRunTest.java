package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.interslice.core.IntersliceException;
import org.interslice.core.evaluate.Otsu;
import org.interslice.core.evaluate.Profile;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateRunTest {
    /** The cohort mean of a summary cell. */
    static final class CohortStatisticsMean {
        static double of(Evaluation e, String method, org.interslice.core.metrics.Metric m) {
            for (var r : e.summary()) if (r.method().equals(method) && r.metric() == m) return r.mean();
            throw new AssertionError(method + " " + m);
        }
    }

    @TempDir
    Path tmp;

    /** A blob with a smooth, slice-varying inside on a dark background, written as NIfTI. */
    static Path phantom(Path dir, String name, int nz, double seedShift) {
        int nx = 40, ny = 36;
        float[] d = new float[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++) {
                    double r = Math.hypot((x - 20) / 14.0, (y - 18) / 12.0) + 0.15 * Math.sin(z * 0.5 + seedShift);
                    d[i] = r < 1 ? (float) (300 + 200 * Math.sin(x * 0.3 + z * 0.4 + seedShift) * Math.cos(y * 0.2)) : -1000f;
                }
        Geometry g = Geometry.of(new double[] {1, 1, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Path p = dir.resolve(name + ".nii.gz");
        Formats.write(new FloatVolume(nx, ny, nz, d, g, false), p);
        return p;
    }

    /** Issue 21.7: evaluate refuses a volume it cannot hold (exit 1) instead of running out of memory (exit 3). */
    @Test
    void aVolumeTooLargeForTheHeapIsRefusedBeforeTheFloatCopy() {
        org.interslice.core.volume.Volume v = org.interslice.core.volume.Volume.allocate(org.interslice.core.volume.PixelType.INT16, 64, 64, 32, Geometry.identity());
        long need = org.interslice.core.evaluate.Evaluator.estimatePeakBytes(64, 64, 32, 2, 2);
        assertTrue(need > 18L * 64 * 64 * 32, "at least truth, copies, prediction: " + need);
        IntersliceException e = assertThrows(IntersliceException.class, () -> EvaluateRun.checkMemory(Path.of("x.nii"), v, 2, need - 1));
        assertTrue(e.getMessage().startsWith("x.nii: refused: evaluating this 64x64x32 volume needs about"), e.getMessage());
        EvaluateRun.checkMemory(Path.of("x.nii"), v, 2, need);
    }

    @Test
    void cohortRunWritesEveryFile() throws Exception {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = List.of(phantom(tmp, "a", 21, 0), phantom(tmp, "b", 19, 1), phantom(tmp, "c", 23, 2));
        c.methods = List.of("nearest", "linear");
        c.engine.factor = 3;
        c.engine.profile = Profile.SLAB;
        c.mask = ConfigEvaluateRun.MaskMode.AUTO;
        c.bootstrap = 500;
        c.out = tmp.resolve("report");
        long[] last = {0, 0};
        Evaluation e = EvaluateRun.run(c, Job.of(2, (task, done, total) -> {
            if (task.equals("evaluate")) {
                last[0] = done;
                last[1] = total;
            }
        }));
        assertEquals(6, last[1]);
        assertEquals(6, last[0]);
        assertEquals(3, e.volumes().size());
        for (String f : new String[] {"metrics.csv", "summary.csv", "summary.json", "report.md", "report.html", "summary-bars.png",
                "slices-a.png", "montage-a.png", "montage-c.png"})
            assertTrue(Files.size(c.out.resolve(f)) > 100, f);
        // metrics.csv: one row per volume x method x held-out slice (cut 19, 19, 22 -> 12 + 12 + 14 held out)
        List<String> rows = Files.readAllLines(c.out.resolve("metrics.csv"));
        assertEquals(1 + 2 * (12 + 12 + 14), rows.size());
        JsonNode j = new ObjectMapper().readTree(c.out.resolve("summary.json").toFile());
        assertEquals("volume", j.get("bootstrap").get("unit").asText());
        assertEquals("otsu", j.get("volumes").get(0).get("mask").get("source").asText());
        String md = Files.readString(c.out.resolve("report.md"));
        assertTrue(md.contains("resampling volumes"), md);
        assertTrue(md.contains("| nearest |"));
        // summary columns: method, PSNR, SSIM, MS-SSIM, MAE, NCC, p, p, seconds; each cell under its header
        String summary = ReportWriter.summaryMarkdown(e);
        String[] head = summary.split("\n")[0].split("\\|");
        assertTrue(head[2].contains("PSNR") && head[3].contains("SSIM") && head[4].contains("MS-SSIM") && head[5].contains("MAE"), summary);
        for (String line : summary.split("\n")) {
            if (!line.startsWith("| linear")) continue;
            String[] cells = line.split("\\|");
            double ssim = Double.parseDouble(cells[3].trim().split(" ")[0]), mae = Double.parseDouble(cells[5].trim());
            assertEquals(CohortStatisticsMean.of(e, "linear", org.interslice.core.metrics.Metric.SSIM), ssim, 1e-4);
            assertEquals(CohortStatisticsMean.of(e, "linear", org.interslice.core.metrics.Metric.MAE), mae, 0.01);
        }
        BufferedImage m = ImageIO.read(c.out.resolve("montage-a.png").toFile());
        assertTrue(m.getWidth() >= 3 * 300 && m.getHeight() > 200);
        try (var s = Files.list(c.out)) {
            assertTrue(s.noneMatch(org.interslice.io.AtomicFiles::isTemporary));
        }
    }

    @Test
    void selfCheckAndBadInputs() {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.self = phantom(tmp, "s", 12, 0);
        c.selfMethod = "nearest";
        c.bootstrap = 200;
        c.out = tmp.resolve("self");
        Evaluation e = EvaluateRun.run(c, Job.serial());
        assertEquals(2, e.volumes().get(0).factor());
        assertEquals(List.of("linear", "nearest"), e.volumes().get(0).methods().stream().map(m -> m.method()).toList());
        c.self = tmp.resolve("missing.nii.gz");
        assertThrows(IntersliceException.class, () -> EvaluateRun.run(c, Job.serial()));
    }

    @Test
    void headCtOtsuMatchesSkimage() {
        // skimage.filters.threshold_otsu of the int16 head CT: -398 (core fixture evaluate/otsu.txt)
        FloatVolume head = EvaluateRun.read(SharedData.path("ct-head/head.nii.gz"), new ConfigEvaluateRun(), Job.defaults());
        assertEquals(-398.0, Otsu.threshold(head.data()), 0.0);
    }
}
