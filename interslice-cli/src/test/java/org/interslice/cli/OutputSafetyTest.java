package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command checks what it will write against what it reads, and where it writes, before any work
 * (issues 21.3, 20.5, 20.10). {@link Cli} also checksums every input before and after each run.
 */
class OutputSafetyTest {
    private static void refused(Cli.Result r, Path named, String reason) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("interslice: " + named + ": ") && r.errLines()[0].contains(reason), r.err());
        assertEquals("", r.out(), "refused before any work");
    }

    @Test
    void resampleRefusesAMaskOutputNamedLikeTheOutputOrLikeTheMask(@TempDir Path dir) throws IOException {
        Path in = ResampleCommandTest.image(dir, "in.nii"), mask = ResampleCommandTest.labels(dir, "m.nii");
        Path out = dir.resolve("out.nii");
        refused(Cli.run("resample", in.toString(), out.toString(), "--spacing", "2", "--mask", mask.toString(), out.toString()), out, "two outputs");
        assertFalse(Files.exists(out));
        byte[] m = Files.readAllBytes(mask);
        refused(Cli.run("resample", in.toString(), mask.toString(), "--spacing", "2", "--mask", mask.toString(), dir.resolve("m2.nii").toString()),
                mask, "would overwrite the input " + mask);
        assertArrayEquals(m, Files.readAllBytes(mask));
    }

    @Test
    void convertRefusesToWriteIntoAFolderInputOrOverADetachedDataFile(@TempDir Path dir) throws IOException {
        Path tifs = Files.createDirectories(dir.resolve("tifs"));
        assertEquals(0, Cli.run("convert", ResampleCommandTest.image(dir, "in.nii").toString(), tifs.resolve("s0.tif").toString()).exit());
        refused(Cli.run("convert", tifs.toString(), tifs.resolve("s0.tif").toString()), tifs.resolve("s0.tif"), "lies inside the input folder");
        Path shared = dir.resolve("shared.nhdr");
        assertEquals(0, Cli.run("convert", dir.resolve("in.nii").toString(), shared.toString()).exit());
        Files.move(shared, dir.resolve("src.nhdr"));
        refused(Cli.run("convert", dir.resolve("src.nhdr").toString(), shared.toString()), shared, "would overwrite the input " + dir.resolve("shared.raw.gz"));
    }

    @Test
    void outputLocationsFailBeforeTheWorkWithAPlainReason(@TempDir Path dir) throws IOException {
        Path in = ResampleCommandTest.image(dir, "in.nii");
        Path folder = Files.createDirectories(dir.resolve("x.nii.gz"));
        refused(Cli.run("resample", in.toString(), folder.toString(), "--spacing", "2"), folder, "is an existing folder");
        refused(Cli.run("convert", in.toString(), dir.resolve("no/x.nii").toString()), dir.resolve("no/x.nii"), "the output folder " + dir.resolve("no") + " does not exist");
        Cli.Result r = Cli.run("evaluate", "--truth", in.toString(), "--out", in.toString());
        refused(r, in, "output folder is an existing file");
    }

    @Test
    void stalePartialsOfAKilledRunAreRemovedWithANote(@TempDir Path dir) throws IOException {
        Path in = ResampleCommandTest.image(dir, "in.nii");
        Path stale = dir.resolve(".o.nrrd" + AtomicFiles.TEMP_MARK + "2147483000-7");
        Files.write(stale, new byte[1000]);
        Cli.Result r = Cli.run("convert", in.toString(), dir.resolve("o.nrrd").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("interslice: note: " + dir.resolve("o.nrrd") + ": removed 1 partial file"), r.err());
        assertFalse(Files.exists(stale));
    }

    /**
     * A full disk ({@link org.interslice.io.AtomicFiles#simulateFullDisk}) met by every command's writers, at
     * the first byte and after some: the same one line "cannot write: the disk holding FOLDER is full" naming
     * the file being written, exit 1, nothing left in the output folder.
     */
    @Test
    void aFullDiskIsTheSameOneLineFromEveryWriter(@TempDir Path dir) throws Exception {
        Path in = ResampleCommandTest.image(Files.createDirectory(dir.resolve("in")), "in.nii");
        Path mask = ResampleCommandTest.labels(dir.resolve("in"), "m.nii");
        Path outs = Files.createDirectory(dir.resolve("out"));
        String o = outs.toString();
        String[][] runs = {
            {"resample", in.toString(), o + "/o.nii.gz", "--spacing", "0.5", "--image", "--default-value", "0"},   // streamed while reading
            {"resample", in.toString(), o + "/o.nii", "--spacing", "2", "--mask", mask.toString(), o + "/m.nii"},
            {"convert", in.toString(), o + "/o.ome.zarr"}, {"convert", in.toString(), o + "/o.dcm"}, {"convert", in.toString(), o + "/o.tif"},
            {"convert", in.toString(), o + "/o.nhdr"}, {"interpolate", in.toString(), o + "/o.nii", "--factor", "2", "--method", "linear"},
            {"gaps", "fill", in.toString(), o + "/o.mha", "--missing", "3"},
            {"evaluate", "--truth", in.toString(), "--factor", "2", "--out", o + "/ev"}};
        for (String[] args : runs) for (long room : new long[] {0, 400}) {
            Cli.Result r;
            try (AutoCloseable full = org.interslice.io.AtomicFiles.simulateFullDisk(room)) {
                r = Cli.run(args);
            }
            String what = String.join(" ", args) + " with " + room + " bytes free: " + r.err();
            assertEquals(1, r.exit(), what);
            assertEquals(1, r.errLines().length, what);
            assertTrue(r.errLines()[0].matches("interslice: " + java.util.regex.Pattern.quote(o + "/") + "\\S+: cannot write: the disk holding "
                    + java.util.regex.Pattern.quote(o) + "(/ev)? is full"), what);
            try (java.util.stream.Stream<Path> left = Files.list(outs)) {
                assertEquals(List.of(), left.map(Path::toString).collect(java.util.stream.Collectors.toList()), what);
            }
        }
    }
}
