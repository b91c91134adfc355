package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    static final List<String> FILES = List.of("metrics.csv", "summary.csv", "summary.json", "report.md", "report.html",
            "summary-bars.png", "slices-small.png", "montage-small.png");

    /** A small smooth blob, 32 x 28 x 13 at 2 mm slices. */
    static Path small(Path dir) {
        int nx = 32, ny = 28, nz = 13;
        float[] d = new float[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++)
                    d[i] = Math.hypot(x - 16, y - 14) < 10 + 2 * Math.sin(z * 0.6) ? (float) (100 + 50 * Math.cos(0.3 * x + 0.5 * z)) : 0f;
        Path p = dir.resolve("small.nii.gz");
        Formats.write(new FloatVolume(nx, ny, nz, d, Geometry.of(new double[] {1, 1, 2}, new double[3],
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), false), p);
        return p;
    }

    @Test
    void writesEveryReportFileAndPrintsTheSummary(@TempDir Path dir) throws Exception {
        Path in = small(dir), out = dir.resolve("rep");
        Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--factor", "3", "--methods", "nearest,linear,cubic",
                "--mask", "auto", "--profile", "slab", "--bootstrap", "200", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : FILES) assertTrue(Files.size(out.resolve(f)) > 0, f);
        assertTrue(r.out().contains("| cubic |"), r.out());
        assertTrue(r.out().contains("report.html"), r.out());
        // 13 slices, K = 3: cut to 13, 8 held out, 3 methods
        assertEquals(1 + 3 * 8, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void selfCheckRuns(@TempDir Path dir) {
        Path in = small(dir), out = dir.resolve("self");
        Cli.Result r = Cli.run("evaluate", "--self", in.toString(), "--method", "cubic", "--bootstrap", "200", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("report.md")));
    }

    @Test
    void badFactorAndModeAreUsageErrors(@TempDir Path dir) {
        Path in = small(dir);
        for (String k : new String[] {"1", "0", "65", "x"}) {
            Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--factor", k, "--out", dir.resolve("o").toString());
            assertEquals(2, r.exit(), k + ": " + r.err());
        }
        assertEquals(2, Cli.run("evaluate", "--truth", in.toString(), "--self", in.toString(), "--out", dir.resolve("o").toString()).exit());
        assertEquals(2, Cli.run("evaluate", "--truth", in.toString()).exit());   // no --out
        assertEquals(2, Cli.run("evaluate", "--truth", in.toString(), "--methods", "linear,magic", "--out", dir.resolve("o").toString()).exit());
        assertEquals(2, Cli.run("evaluate", "--truth", in.toString(), "--window", "5,1", "--out", dir.resolve("o").toString()).exit());
        assertEquals(2, Cli.run("evaluate", "--thick", in.toString(), "--out", dir.resolve("o").toString()).exit());
        assertTrue(Files.notExists(dir.resolve("o")));
    }

    @Test
    void inputProblemsExitOneNamingTheFile(@TempDir Path dir) {
        Path in = small(dir);
        // 13 slices are too few for K = 20
        Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--factor", "20", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("small.nii.gz"), r.err());
        r = Cli.run("evaluate", "--truth", dir.resolve("missing.nii").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit(), r.err());
    }

    @Test
    void labelMapsAreScoredWithDiceThroughTheRegistry(@TempDir Path dir) throws Exception {
        int nx = 30, ny = 26, nz = 9;
        byte[] d = new byte[nx * ny * nz];
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++) d[i] = (byte) (Math.hypot(x - 12 - z, y - 13) < 7 - 0.5 * z ? 2 : 0);
        Path in = dir.resolve("seg.nii.gz"), out = dir.resolve("rep");
        Formats.write(new org.interslice.core.volume.ByteVolume(nx, ny, nz, org.interslice.core.volume.PixelType.UINT8, d,
                Geometry.of(new double[] {1, 1, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), true), in);
        Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--methods", "nearest,shape", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| shape |") && r.out().contains("mean Dice"), r.out());
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("cohort,shape,"));
        r = Cli.run("evaluate", "--truth", in.toString(), "--methods", "cubic", "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("seg.nii.gz") && r.err().contains("shape"), r.err());
    }

    @Test
    void compareToTheBundledPhantom(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        Cli.Result r = Cli.run("evaluate", "--thick", Cli.sample(DemoCommand.THICK).toString(), "--compare-to", Cli.sample(DemoCommand.THIN).toString(),
                "--methods", "linear", "--bootstrap", "200", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        // thin slices 2..137 lie between the first and last thick slice centre
        assertEquals(1 + 136, Files.readAllLines(out.resolve("metrics.csv")).size());
    }
}
