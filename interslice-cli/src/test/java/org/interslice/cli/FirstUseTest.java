package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.interslice.io.stack.ImageStackFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects a new user hit first (issue 20): each test fails without its fix. */
class FirstUseTest {
    /** Item 2: a grid larger than one array: --dry-run prints it (exit 0); a run refuses with exit 1 and advice, not exit 3. */
    @Test
    void hugeGridDryRunAndRefusal(@TempDir Path dir) {
        Path in = ResampleCommandTest.image(dir, "in.nii");
        Path out = dir.resolve("x.nii.gz");
        Cli.Result dry = Cli.run("resample", in.toString(), out.toString(), "--spacing", "0.001", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("output  20000x16000x24000 voxels"), dry.out());
        assertTrue(dry.out().contains("too large"), dry.out());
        Cli.Result run = Cli.run("resample", in.toString(), out.toString(), "--spacing", "0.001");
        assertEquals(1, run.exit(), run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().contains("more than one volume holds") && run.err().contains("larger spacing") && run.err().contains("--crop"), run.err());
        assertFalse(Files.exists(out));
    }

    /** Item 8: a stack read without --input-spacing says that 1 mm was assumed; with it, no note. */
    @Test
    void defaultStackSpacingIsNoted(@TempDir Path dir) {
        Path folder = pngStack(dir);   // PNGs store no spacing (a TIFF we wrote would keep its geometry)
        for (String cmd : new String[] {"info", "convert"}) {
            String[] args = cmd.equals("info") ? new String[] {"info", folder.toString()} : new String[] {"convert", folder.toString(), dir.resolve("c.nii").toString()};
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("interslice: note: " + folder + ": " + ImageStackFormat.DEFAULT_SPACING_NOTE), cmd + ": " + r.err());
            String[] with = new String[args.length + 2];
            System.arraycopy(args, 0, with, 0, args.length);
            with[args.length] = "--input-spacing";
            with[args.length + 1] = "0.5,0.5,2";
            Cli.Result w = Cli.run(with);
            assertEquals(0, w.exit(), w.err());
            assertFalse(w.err().contains("assumed"), w.err());
        }
        // evaluate reads through the same notes 
        Cli.Result ev = Cli.run("evaluate", "--self", folder.toString(), "--bootstrap", "100", "--out", dir.resolve("ev").toString());
        assertTrue(ev.err().contains(ImageStackFormat.DEFAULT_SPACING_NOTE), ev.exit() + ": " + ev.err());
        // --spacing is the output spacing only: info rejects it
        assertEquals(2, Cli.run("info", folder.toString(), "--spacing", "1,1,1").exit());
    }

    private static Path pngStack(Path dir) {
        Path folder = dir.resolve("pngs");
        try {
            Files.createDirectories(folder);
            for (int k = 0; k < 6; k++) {
                java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(16, 14, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 14; y++) for (int x = 0; x < 16; x++) b.getRaster().setSample(x, y, 0, (x * 13 + y * 7 + k * 29) % 200);
                javax.imageio.ImageIO.write(b, "png", folder.resolve("img" + k + ".png").toFile());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return folder;
    }

    /** Also fix: --max-memory 500M is echoed in the unit it was given (500.0 MiB), not as 524.3 MB. */
    @Test
    void maxMemoryEchoedInItsUnit(@TempDir Path dir) {
        Path in = ResampleCommandTest.image(dir, "in.nii");
        Cli.Result r = Cli.run("resample", in.toString(), dir.resolve("o.nii").toString(), "--spacing", "2", "--max-memory", "500M", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(limit 500.0 MiB)"), r.out());
    }

    /** Also fix: the --mask synopsis names one FILE OUT pair per use. */
    @Test
    void maskSynopsis() {
        Cli.Result r = Cli.run("resample", "--help");
        assertTrue(r.out().replaceAll("\\s+", " ").contains("[--mask=FILE OUT]..."), r.out());
        assertFalse(r.out().contains("FILE OUT FILE OUT"), r.out());
    }

    /** Also fix: convert --type that saturates voxels says how many. */
    @Test
    void clippingTypeConversionWarns(@TempDir Path dir) {
        Path in = ResampleCommandTest.image(dir, "in.nii");   // values 0 .. about 400
        Cli.Result r = Cli.run("convert", in.toString(), dir.resolve("u8.nii").toString(), "--type", "uint8");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("interslice: warning: " + in + ": ") && r.err().contains("outside uint8's range [0, 255] and were clipped"), r.err());
        Cli.Result ok = Cli.run("convert", in.toString(), dir.resolve("f.nii").toString(), "--type", "float32");
        assertEquals("", ok.err());
    }

    /** Also fix: resample across a large slice gap warns, as convert does. */
    @Test
    void resampleAcrossGapWarns(@TempDir Path dir) throws Exception {
        Path series = SharedData.path("ct-phantom/5mm");
        Path gappy = Files.createDirectory(dir.resolve("gappy"));
        try (var files = Files.list(series)) {
            for (Path f : (Iterable<Path>) files::iterator) if (!f.getFileName().toString().equals("I140")) Files.copy(f, gappy.resolve(f.getFileName()));
        }
        Cli.Result r = Cli.run("resample", gappy.toString(), dir.resolve("o.nii").toString(), "--spacing", "2", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("interslice: warning: " + gappy + ": slices are unevenly spaced") && r.err().contains("10 mm gap"), r.err());
    }

    /** Also fix: one file of a DICOM series reads one slice, with a hint that the folder holds the series. */
    @Test
    void singleDicomFileHintsAtTheFolder() throws Exception {
        Path folder = SharedData.path("mr-dicom");
        Path one;
        try (var files = Files.list(folder)) {
            one = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Cli.Result r = Cli.run("info", one.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("interslice: note: " + one + ": read one DICOM slice; its folder holds"), r.err());
        assertTrue(r.err().contains("give the folder"), r.err());
    }

    /** Item 6: info shows the NIfTI codes (aal.nii.gz: sform_code 4 MNI, qform_code 0, as nibabel reads them). */
    @Test
    void infoShowsTheXformCodes() {
        Path aal = SharedData.path("mr-brain/aal.nii.gz");
        Cli.Result text = Cli.run("info", aal.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("xform codes  sform 4 (mni), qform 0 (unknown)"), text.out());
        assertTrue(text.out().contains("intent       1002"), text.out());
        Cli.Result json = Cli.run("info", "--json", aal.toString());
        assertTrue(json.out().replaceAll("\\s+", "").contains("\"header\":{\"sformCode\":4,\"qformCode\":0,\"intentCode\":1002"), json.out());
    }

    /** Item 7: the write (with its compression) is counted in the progress bar, and --compression-level reaches the file. */
    @Test
    void writeIsCountedAndLevelApplies(@TempDir Path dir) throws Exception {
        Path in = EvaluateCommandTest.small(dir);
        Path fast = dir.resolve("fast.nii.gz"), small = dir.resolve("level9.nii.gz");
        Cli.Result r = Cli.run("convert", in.toString(), fast.toString(), "--progress");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(org.interslice.io.RawCodec.WRITE_TASK + " 100%"), r.err());
        assertEquals(0, Cli.run("convert", in.toString(), small.toString(), "--compression-level", "9").exit());
        assertTrue(Files.size(small) < Files.size(fast), Files.size(small) + " vs " + Files.size(fast));
        assertEquals(2, Cli.run("convert", in.toString(), dir.resolve("x.nii.gz").toString(), "--compression-level", "10").exit());
        // level 0: stored deflate blocks, a valid gzip larger than level 1's, the same voxels
        Path stored = dir.resolve("stored.nii.gz");
        assertEquals(0, Cli.run("convert", in.toString(), stored.toString(), "--compression-level", "0").exit());
        assertTrue(Files.size(stored) > Files.size(fast), Files.size(stored) + " vs " + Files.size(fast));
        org.interslice.core.volume.Volume a = org.interslice.io.Formats.read(in), b = org.interslice.io.Formats.read(stored);
        for (int i = 0; i < a.voxelCount(); i++) assertEquals(a.get(i), b.get(i), 0.0);
        // --pyramid needs an OME-Zarr output
        assertEquals(2, Cli.run("convert", in.toString(), dir.resolve("p.nii.gz").toString(), "--pyramid", "1").exit());
    }

    /** Also fix: evaluate accepts resample's name of the cubic B-spline, bspline, for its cubic method. */
    @Test
    void evaluateAcceptsBspline(@TempDir Path dir) {
        Path in = EvaluateCommandTest.small(dir);
        Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--methods", "linear,bspline", "--bootstrap", "100", "--out", dir.resolve("r").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| cubic |"), r.out());
        // the help text wraps where the method list ends, which moves as methods are registered
        assertTrue(Cli.run("evaluate", "--help").out().replaceAll("\\s+", " ").contains("resample's bspline"));
    }
}
