package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.evaluate.LabelEvaluator;
import org.interslice.core.evaluate.LabelVolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelEvaluateRunTest {
    @TempDir
    Path tmp;

    /** Two ellipses that move and change size along z, one ending halfway; uint8, flagged as labels when asked. */
    static Path labels(Path dir, String name, boolean flag) {
        int nx = 40, ny = 34, nz = 17;
        byte[] d = new byte[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++) {
                    if (Math.hypot((x - 14 - 0.4 * z) / 1.4, y - 16) < 6 + 2 * Math.sin(z * 0.4)) d[i] = 3;
                    else if (z < 9 && Math.hypot(x - 30, y - 10 - 0.3 * z) < 5 - 0.5 * z) d[i] = 7;
                }
        Path p = dir.resolve(name + ".nii.gz");
        Geometry g = Geometry.of(new double[] {0.8, 0.8, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Formats.write(new ByteVolume(nx, ny, nz, PixelType.UINT8, d, g, flag), p);
        return p;
    }

    @Test
    void labelMapsGetTheLabelMethodsAndDiceReports() throws Exception {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = List.of(labels(tmp, "flagged", true), labels(tmp, "recognised", false));
        c.engine.factor = 4;
        c.out = tmp.resolve("rep");
        Evaluation e = EvaluateRun.run(c, Job.of(2, null));
        assertTrue(e.isLabelRun());
        assertEquals(2, e.labels().size());
        LabelVolumeResult v = e.labels().get(0);
        assertEquals(List.of("nearest", "linear", "shape"), v.methods().stream().map(m -> m.method()).toList());
        // the same numbers as the engine run directly on the file's labels
        LabelVolumeResult direct = new LabelEvaluator(4).dropAndReconstruct("x", LabelEvaluator.asInt(Formats.read(c.truths.get(0))),
                List.of(SynthesisMethods.label("shape")), null, Job.serial());
        assertEquals(direct.methods().get(0).scores().meanDice(), v.method("shape").scores().meanDice(), 0);
        // the per-slice Dice plot, shown by the report as the image reports show theirs
        Path out = c.out, plot = out.resolve("slices-" + Fmt.slug(v.name()) + ".png");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(plot.toFile());
        assertEquals(1000, png.getWidth());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<img src=\"" + plot.getFileName() + "\""));
        assertTrue(Files.readString(out.resolve("report.md")).contains("](" + plot.getFileName() + ")"));
        for (String f : new String[] {"metrics.csv", "labels.csv", "summary.csv", "summary.json", "report.md", "report.html"})
            assertTrue(Files.size(c.out.resolve(f)) > 50, f);
        // 17 slices, K = 4: 12 held out per volume, 3 methods, 2 volumes
        assertEquals(1 + 2 * 3 * 12, Files.readAllLines(c.out.resolve("metrics.csv")).size());
        JsonNode j = new ObjectMapper().readTree(c.out.resolve("summary.json").toFile());
        assertEquals("labels", j.get("kind").asText());
        assertEquals(v.method("shape").scores().minDice(), j.get("volumes").get(0).get("methods").get(2).get("minDice").asDouble(), 1e-15);
        String md = Files.readString(c.out.resolve("report.md"));
        assertTrue(md.contains("| shape |") && md.contains("vanished fraction"), md);
        assertTrue(ReportWriter.summaryMarkdown(e).contains("mean Dice"));
        // the ellipse that ends halfway is rebuilt better by shape than by nearest
        assertTrue(v.method("shape").scores().meanDice() > v.method("nearest").scores().meanDice());
    }

    @Test
    void wrongKindsOfMethodsNameTheFileAndTheRightMethods() {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = List.of(labels(tmp, "l", true));
        c.methods = List.of("linear", "cubic");
        c.engine.factor = 3;
        c.out = tmp.resolve("a");
        c.methods = List.of("cubic", "shape");
        IntersliceException e = assertThrows(IntersliceException.class, () -> EvaluateRun.run(c, Job.serial()));
        assertTrue(e.getMessage().contains("l.nii.gz") && e.getMessage().contains("label methods: nearest, linear"), e.getMessage());
        ConfigEvaluateRun img = new ConfigEvaluateRun();
        img.truths = List.of(EvaluateRunTest.phantom(tmp, "img", 9, 0));
        img.methods = List.of("linear", "shape");
        img.out = tmp.resolve("b");
        e = assertThrows(IntersliceException.class, () -> EvaluateRun.run(img, Job.serial()));
        assertTrue(e.getMessage().contains("img.nii.gz") && e.getMessage().contains("does not synthesize images"), e.getMessage());
        c.methods = List.of("shape");
        c.engine.profile = org.interslice.core.evaluate.Profile.SLAB;
        e = assertThrows(IntersliceException.class, () -> EvaluateRun.run(c, Job.serial()));
        assertTrue(e.getMessage().contains("slab"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("a")) && Files.notExists(tmp.resolve("b")));
    }

    /** A mask file flagged as a label map (NIfTI intent 1002) still masks an image run. */
    @Test
    void aFlaggedLabelFileServesAsAMask() {
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = List.of(EvaluateRunTest.phantom(tmp, "img", 9, 0));
        int nx = 40, ny = 36, nz = 9;
        byte[] d = new byte[nx * ny * nz];
        for (int i = 0; i < d.length; i++) d[i] = (byte) ((i % nx) > 10 ? 1 : 0);
        Path mask = tmp.resolve("mask.nii.gz");
        Formats.write(new ByteVolume(nx, ny, nz, PixelType.UINT8, d,
                Geometry.of(new double[] {1, 1, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), true), mask);
        c.mask = ConfigEvaluateRun.MaskMode.FILE;
        c.maskFile = mask;
        c.bootstrap = 200;
        c.out = tmp.resolve("m");
        Evaluation e = EvaluateRun.run(c, Job.serial());
        assertTrue(!e.isLabelRun() && e.volumes().get(0).mask().voxels() > 0);
    }
}
