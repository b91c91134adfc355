package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @Test
    void runsOnTheBundledSample(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("demo", "--samples", Cli.samples().toString(), "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("[1/5] info"), r.out());
        assertTrue(r.out().contains("240 x 240 x 28 voxels"), r.out());
        assertTrue(r.out().contains("240 x 240 x 140 voxels"), r.out());
        // every demo method that is registered made a 1 mm volume over the thick series' extent, with its sidecar
        int columns = 2;
        for (String m : DemoCommand.METHODS) {
            Path o = dir.resolve("phantom-1mm-" + m + ".nii.gz");
            if (!SynthesisMethods.imageNames().contains(m)) {
                assertTrue(r.out().contains("skipped: method '" + m + "' is not available"), r.out());
                continue;
            }
            columns++;
            Volume v = Formats.read(o);
            assertEquals(136, v.nz(), m);
            assertEquals(1.0, v.geometry().spacing(2), 1e-6);
            assertTrue(Files.exists(dir.resolve("phantom-1mm-" + m + ".nii.gz.json")), m);
            assertTrue(r.out().contains("108 of 136 slices synthesized"), r.out());
        }
        assertTrue(r.out().contains("[5/5] evaluate"), r.out());
        assertTrue(Files.exists(dir.resolve("evaluate").resolve("report.html")));
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("montage.png") && html.contains("evaluate/report.html"), html);
        assertTrue(html.contains("<td>linear</td>"), html);
        BufferedImage montage = ImageIO.read(dir.resolve("montage.png").toFile());
        assertEquals(8 + columns * (300 + 8), montage.getWidth());
        assertEquals("", r.err());
    }

    @Test
    void findsSamplesNextToTheBuild() {
        // classes run from interslice-cli/target/classes; the repository root is two levels above target
        assertEquals(Cli.samples(), DemoCommand.defaultSamples());
    }

    /** An output folder that cannot be made is refused before the first step, in one line naming it. */
    @Test
    void unwritableOutputIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.Result r = Cli.run("demo", "--samples", Cli.samples().toString(), "--out", file.resolve("out").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("is a file, not a folder"), r.err());
        assertEquals("", r.out(), "no step ran");
    }

    @Test
    void missingSamplesIsOneLine(@TempDir Path dir) {
        Cli.Result r = Cli.run("demo", "--samples", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("bundled sample not found"), r.err());
    }
}
