package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.ShortVolume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolateCommandTest {
    @Test
    void thickSampleToOneMillimetreKeepsEveryMeasuredSlice(@TempDir Path dir) {
        Path thick = Cli.sample("phantom-5mm.nii.gz");
        Path out = dir.resolve("thin.nii.gz");
        Cli.Result r = Cli.run("interpolate", thick.toString(), out.toString(), "--factor", "5", "--method", "lanczos");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("136 slices every 1.000 mm: 28 measured, 108 synthesized by lanczos"), r.out());
        assertTrue(r.out().contains("provenance: " + dir.resolve("thin.nii.gz.json").toAbsolutePath()), r.out());
        ShortVolume a = (ShortVolume) Formats.read(thick), b = (ShortVolume) Formats.read(out);
        assertEquals(136, b.nz());
        int plane = a.nx() * a.ny();
        for (int k = 0; k < a.nz(); k++)
            for (int p = 0; p < plane; p++) assertEquals(a.data()[k * plane + p], b.data()[5 * k * plane + p], "slice " + k);
        assertEquals("", r.err());
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("o.nrrd");
        Cli.Result r = Cli.run("interpolate", Cli.sample("phantom-5mm.nii.gz").toString(), out.toString(), "--spacing", "2", "--method", "linear", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("68 slices every 2.000 mm: 14 measured, 54 synthesized by linear"), r.out());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(dir.resolve("o.nrrd.json")));
    }

    @Test
    void badUsageIsExitTwo(@TempDir Path dir) {
        String in = Cli.sample("phantom-5mm.nii.gz").toString(), out = dir.resolve("o.nii").toString();
        assertEquals(2, Cli.run("interpolate", in, out).exit());
        assertEquals(2, Cli.run("interpolate", in, out, "--factor", "2", "--spacing", "1").exit());
        Cli.Result r = Cli.run("interpolate", in, out, "--factor", "2", "--method", "magic");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown method 'magic'") && r.err().contains("lanczos"), r.err());
        assertEquals(2, Cli.run("interpolate", in, out, "--factor", "0.5").exit());
        assertEquals(2, Cli.run("interpolate", in, out, "--factor", "2", "--axis", "w").exit());
    }

    @Test
    void missingDefaultMethodIsOneLineNamingTheOthers(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeFalse(SynthesisMethods.imageNames().contains("morph"), "morph is registered");
        Cli.Result r = Cli.run("interpolate", Cli.sample("phantom-5mm.nii.gz").toString(), dir.resolve("o.nii").toString(), "--factor", "2");
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("'morph' is not available") && r.err().contains("linear"), r.err());
    }

    @Test
    void labelsWithoutALabelMethodIsOneLineNamingShape(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeFalse(SynthesisMethods.labelNames().contains("shape"), "shape is registered");
        Path lab = ResampleCommandTest.labels(dir, "lab.nii");
        Cli.Result r = Cli.run("interpolate", lab.toString(), dir.resolve("o.nii").toString(), "--factor", "2", "--labels", "--method", "linear");
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("'shape' is not available"), r.err());
        assertFalse(Files.exists(dir.resolve("o.nii")));
    }

    @Test
    void tiltedSeriesPlanShowsTheDetiltedGridAndSaysSo(@TempDir Path dir) {
        Path series = Path.of("").toAbsolutePath().getParent().resolve("interslice-ops/src/test/resources/tilted-uneven");
        Cli.Result r = Cli.run("interpolate", series.toString(), dir.resolve("o.nii.gz").toString(), "--spacing", "2.5", "--method", "linear", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(uneven gaps)") && r.out().contains("output  48 x 78 x 25, 25 slices every 2.500 mm: 8 measured, 17 synthesized"), r.out());
        assertTrue(r.err().contains("sheared grid (gantry tilt 15.0 degrees)") && r.err().contains("--keep-shear"), r.err());
        Cli.Result k = Cli.run("interpolate", series.toString(), dir.resolve("k.nii.gz").toString(), "--spacing", "2.5", "--method", "linear", "--dry-run", "--keep-shear");
        assertTrue(k.out().contains("output  48 x 40 x 25"), k.out());
    }
}
