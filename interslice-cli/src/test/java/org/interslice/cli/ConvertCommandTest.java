package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    @Test
    void refusesToOverwriteItsInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.nii.gz");
        Files.copy(Cli.sample(DemoCommand.THICK), in);
        byte[] before = Files.readAllBytes(in);
        // the same file, also under another spelling of its path
        for (String out : new String[] {in.toString(), dir.resolve(".").resolve("in.nii.gz").toString()}) {
            Cli.Result r = Cli.run("convert", in.toString(), out);
            assertEquals(1, r.exit(), r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.errLines()[0].startsWith("interslice: ") && r.errLines()[0].contains(": would overwrite the input " + in), r.err());
        }
        assertArrayEquals(before, Files.readAllBytes(in));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary left behind");
        }
    }

    @Test
    void roundTripKeepsGeometryAndValues(@TempDir Path dir) {
        Path in = Cli.sample(DemoCommand.THICK);
        Path out = dir.resolve("copy.nii");
        Cli.Result r = Cli.run("convert", in.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        assertEquals("", r.err());
        Volume a = Formats.read(in), b = Formats.read(out);
        assertArrayEquals(a.dims(), b.dims());
        assertEquals(a.type(), b.type());
        assertTrue(b.geometry().approxEquals(a.geometry(), a.nx(), a.ny(), a.nz(), 1e-4), b.geometry() + " vs " + a.geometry());
        for (int i = 0; i < a.voxelCount(); i += 97) assertEquals(a.get(i), b.get(i), "voxel " + i);
    }

    @Test
    void typeOptionConvertsVoxels(@TempDir Path dir) {
        Path in = Cli.sample(DemoCommand.THICK);
        Path out = dir.resolve("f.nii.gz");
        Cli.Result r = Cli.run("convert", "--type", "float32", in.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        Volume a = Formats.read(in), b = Formats.read(out);
        assertEquals(PixelType.FLOAT32, b.type());
        assertArrayEquals(a.range(), b.range(), 0);
        assertTrue(r.out().contains("float32"), r.out());
    }

    @Test
    void labelsOptionMarksALabelMap(@TempDir Path dir) {
        Path out = dir.resolve("labels.nii.gz");
        Cli.Result r = Cli.run("convert", "--labels", "--type", "uint8", Cli.sample(DemoCommand.THICK).toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("uint8 labels"), r.out());
        Volume b = Formats.read(out);
        assertTrue(b.isLabel(), "NIfTI keeps the label intent");
        assertEquals(PixelType.UINT8, b.type());
    }

    @Test
    void otherFormatsKeepGeometry(@TempDir Path dir) {
        // NRRD and MetaImage from a NIfTI with an oblique affine (shared test data)
        Path in = SharedData.path("ct-tilt/CT_pitch.nii.gz");
        Volume a = Formats.read(in);
        for (String ext : new String[] {".nrrd", ".mha"}) {
            Path out = dir.resolve("pitch" + ext);
            Cli.Result r = Cli.run("convert", in.toString(), out.toString());
            assertEquals(0, r.exit(), r.err());
            Volume b = Formats.read(out);
            assertTrue(b.geometry().approxEquals(a.geometry(), a.nx(), a.ny(), a.nz(), 1e-4), ext + ": " + b.geometry());
            assertArrayEquals(a.range(), b.range(), 0);
        }
    }

    @Test
    void unevenSlicesIntoNiftiWarnOnce(@TempDir Path dir) throws Exception {
        // the 5 mm DICOM series with one slice taken out: a 10 mm gap in the middle
        Path series = SharedData.path("ct-phantom/5mm");
        Path gappy = Files.createDirectory(dir.resolve("gappy"));
        try (var files = Files.list(series)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!f.getFileName().toString().equals("I140")) Files.copy(f, gappy.resolve(f.getFileName()));
            }
        }
        Path out = dir.resolve("gappy.nii.gz");
        Cli.Result r = Cli.run("convert", gappy.toString(), out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("interslice: warning: " + out + ": "), r.err());
        assertTrue(r.errLines()[0].contains("mean-step affine"), r.err());
        assertTrue(Files.exists(out));
    }

    @Test
    void missingInputIsOneLine(@TempDir Path dir) {
        Path in = dir.resolve("nothing.nii.gz");
        Cli.Result r = Cli.run("convert", in.toString(), dir.resolve("out.nii").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("interslice: " + in + ": "), r.err());
    }

    @Test
    void unknownOutputExtensionIsRefusedBeforeReading(@TempDir Path dir) {
        Path out = dir.resolve("out.xyz");
        Cli.Result r = Cli.run("convert", Cli.sample(DemoCommand.THICK).toString(), out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.errLines()[0].startsWith("interslice: " + out + ": cannot tell the output format"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void dcmFolderOrFormatDicomWritesASeriesThatReadsBack(@TempDir Path dir) throws Exception {
        Path in = Cli.sample(DemoCommand.THICK);
        Volume a = Formats.read(in);
        for (String[] args : new String[][] {{dir.resolve("out.dcm").toString()}, {dir.resolve("series").toString(), "--format", "DICOM"}}) {
            java.util.List<String> l = new java.util.ArrayList<>(java.util.List.of("convert", in.toString()));
            l.addAll(java.util.List.of(args));
            Cli.Result r = Cli.run(l.toArray(new String[0]));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("wrote " + args[0] + " (DICOM, "), r.out());
            Path out = Path.of(args[0]);
            try (var files = Files.list(out)) {
                assertEquals(a.nz(), files.count(), "one file per slice");
            }
            // the sample is LAS: DICOM readers stack along row x column, so z reads back reversed, at the same points
            org.interslice.io.dicom.DicomTestFiles.assertSameVoxels(a, Formats.read(out), 0);
            // an existing folder is never replaced
            Cli.Result again = Cli.run(l.toArray(new String[0]));
            assertEquals(1, again.exit(), again.err());
            assertTrue(again.err().contains("is an existing folder"), again.err());
        }
        Cli.Result bad = Cli.run("convert", in.toString(), dir.resolve("x").toString(), "--format", "gif");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--format 'gif' is not a writable format"), bad.err());
    }

    /**
     * The summary line names the type the DICOM pixels are stored as, not the input's: a float32 volume of
     * whole numbers is stored int16 (and reads back so), one with fractions uint16 with a rescale (said in a
     * note), a uint8 one in 16 bits (DICOM writes 16 or 32); {@code interpolate}'s summary too.
     */
    @Test
    void dicomSummaryNamesTheStoredType(@TempDir Path dir) throws Exception {
        Geometry g = Geometry.of(new double[] {1, 1, 2}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Object[][] cases = {{PixelType.FLOAT32, 1.0, "int16"}, {PixelType.FLOAT32, 0.37, "uint16"}, {PixelType.UINT8, 0.1, "uint16"}};
        int k = 0;
        for (Object[] c : cases) {
            Volume v = Volume.allocate((PixelType) c[0], 8, 6, 3, g);
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, Math.floor((i * 37 % 200 - (c[0] == PixelType.UINT8 ? 0 : 100)) * (double) c[1] * 100) / 100);
            Path in = dir.resolve("in" + k + ".nii"), out = dir.resolve("out" + k++ + ".dcm");
            Formats.write(v, in);
            Cli.Result r = Cli.run("convert", in.toString(), out.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("wrote " + out + " (DICOM, 8 x 6 x 3 " + c[2] + ", "), r.out());
            assertEquals((double) c[1] == 0.37, r.err().contains("quantized by Rescale Slope"), r.err());
            if (c[2].equals("int16")) assertEquals(PixelType.INT16, Formats.read(out).type(), "stored and read back as printed");
        }
        // interpolate says the same: float32 halfway values are stored rescaled as uint16
        Path out = dir.resolve("interp.dcm");
        Cli.Result r = Cli.run("interpolate", dir.resolve("in1.nii").toString(), out.toString(), "--factor", "2", "--method", "linear", "-q", "--no-sidecar");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out + " (8 x 6 x 5 uint16)"), r.out());
    }

    @Test
    void missingOutputFolderLeavesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub").resolve("out.nii.gz");
        Cli.Result r = Cli.run("convert", Cli.sample(DemoCommand.THICK).toString(), out.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(AtomicFiles::isTemporary));
        }
    }

    @Test
    void helpNamesTheLeftoversOfAKilledRun() {
        Cli.Result r = Cli.run("convert", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains(".OUT.interslice-partial-*"), r.out());
    }
}
