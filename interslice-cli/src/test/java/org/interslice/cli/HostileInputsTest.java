package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.interslice.io.WriteOptions;
import org.interslice.io.fuzz.Mutations;
import org.interslice.io.nifti.NiftiFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs issue 11 asks a new user to try, made reproducibly: every shared/data file cut to half its
 * size, NIfTI headers claiming 65535^3 voxels, a DICOM folder with an empty file and a JPEG among its
 * slices, a NRRD header whose data file is gone, folders with no images. Each ends in exit 1 and one line
 * naming the file, except the DICOM folder, which reads the slices that are DICOM (see its test).
 */
class HostileInputsTest {
    /**
     * Two image files of every shared/data folder (licences and notes skipped), every file with
     * -Dinterslice.hostile.all=true (bench/harden-full.sh).
     */
    @Test
    void sharedDataCutInHalfFailsInOneLine(@TempDir Path dir) throws IOException {
        Path root = SharedData.root();
        boolean all = Boolean.getBoolean("interslice.hostile.all");
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.path("."))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        java.util.Map<Path, Integer> perFolder = new java.util.HashMap<>();
        List<String> bad = new ArrayList<>();
        int tried = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!all && (name.matches("LICENSE|COPYRIGHT|README.*|.*\\.(txt|md)") || perFolder.merge(f.getParent(), 1, Integer::sum) > 2)) continue;
            byte[] b = Files.readAllBytes(f);
            Path cut = dir.resolve(root.relativize(f).toString().replace('/', '_'));
            Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
            Cli.Result r = Cli.run("info", cut.toString());
            tried++;
            if (r.exit() != 1 || r.errLines().length != 1 || !r.errLines()[0].startsWith("interslice: " + cut + ": ")
                    || r.errLines()[0].contains("internal error"))
                bad.add(root.relativize(f) + ": exit " + r.exit() + ": " + r.err().strip());
            Files.delete(cut);
        }
        assertTrue(tried >= 14, "only " + tried + " files");
        assertEquals(List.of(), bad);
    }

    @Test
    void niftiClaiming65535CubedVoxels(@TempDir Path dir) throws IOException {
        byte[] raw = Mutations.gunzip(Files.readAllBytes(SharedData.path("ct-tilt/CT_pitch.nii.gz")));
        // NIfTI-1 dims are signed 16-bit: 65535 reads as -1, 32767 is the largest
        Path n1 = dir.resolve("huge1.nii.gz");
        byte[] h = raw.clone();
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 65535).putShort(44, (short) 65535).putShort(46, (short) 65535);
        Files.write(n1, Mutations.gzip(h));
        expectOneLine(Cli.run("info", n1.toString()), n1, "invalid dimensions -1x-1x-1");
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 32767).putShort(44, (short) 32767).putShort(46, (short) 32767);
        Files.write(n1, Mutations.gzip(h));
        expectOneLine(Cli.run("info", n1.toString()), n1, "exceed one volume's limit");
        // NIfTI-2 (64-bit dims) made by our writer from the same volume, then its dims patched
        Path n2 = dir.resolve("huge2.nii.gz");
        try (AtomicFiles out = new AtomicFiles()) {
            new NiftiFormat(2).write(Formats.read(SharedData.path("ct-tilt/CT_pitch.nii.gz")), n2, out, WriteOptions.defaults());
            out.commit();
        }
        byte[] h2 = Mutations.gunzip(Files.readAllBytes(n2));
        ByteBuffer.wrap(h2).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 65535).putLong(32, 65535).putLong(40, 65535);
        Files.write(n2, Mutations.gzip(h2));
        expectOneLine(Cli.run("info", n2.toString()), n2, "65535x65535x65535");
        Path out = dir.resolve("o.nrrd");
        expectOneLine(Cli.run("convert", n2.toString(), out.toString()), n2, "65535x65535x65535");
        assertFalse(Files.exists(out));
    }

    /**
     * A DICOM folder where one slice file is empty and another is a JPEG: both are skipped as not DICOM,
     * the other 26 slices read, and the gap they leave is reported as uneven slice spacing.
     */
    @Test
    void dicomFolderWithAnEmptyFileAndAJpeg(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("series"));
        try (Stream<Path> s = Files.list(SharedData.path("ct-phantom/5mm"))) {
            for (Path f : s.toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
        Files.write(folder.resolve("I140"), new byte[0]);
        Files.delete(folder.resolve("I150"));
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), "jpg", folder.resolve("I150").toFile());
        Cli.Result r = Cli.run("info", folder.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("328 x 432 x 26 voxels"), r.out());
        assertTrue(r.out().contains("NOT evenly spaced"), r.out());
        assertTrue(r.out().contains("5 (x12), 15, 5 (x12) mm"), r.out());
    }

    @Test
    void nrrdWithItsDataFileMissing(@TempDir Path dir) throws IOException {
        Path nhdr = dir.resolve("flair.nhdr");
        assertEquals(0, Cli.run("convert", SharedData.path("niivue-samples/FLAIR.nrrd").toString(), nhdr.toString()).exit());
        Path data = dir.resolve("flair.raw.gz");
        assertTrue(Files.exists(data), "the writer names its data file flair.raw.gz");
        Files.delete(data);
        expectOneLine(Cli.run("info", nhdr.toString()), data, "data file named by flair.nhdr does not exist");
    }

    @Test
    void foldersWithNoImages(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path notes = Files.createDirectory(dir.resolve("notes"));
        Files.writeString(notes.resolve("readme.txt"), "no images here\n");
        // a folder holding only a temporary of an interrupted write is as empty as the others
        Files.write(notes.resolve(".out.tif" + AtomicFiles.TEMP_MARK + "1f"), new byte[] {'I', 'I', 42, 0});
        for (Path f : new Path[] {empty, notes}) {
            expectOneLine(Cli.run("info", f.toString()), f, "folder holds no DICOM series and no TIFF/PNG images");
            expectOneLine(Cli.run("convert", f.toString(), dir.resolve("o.nii").toString()), f, "folder holds no");
        }
        assertFalse(Files.exists(dir.resolve("o.nii")));
    }

    /**
     * A .nii.gz whose gzip trailer (CRC) is wrong: every command that reads the whole volume fails in one line
     * naming it, exit 1, no output. (Spark block mode read it without a word: its region reads stopped at the
     * last voxel; a region holding the last voxel now reads the trailer, RegionReadTest.)
     */
    @Test
    void niftiGzWithABadTrailerFailsEveryCommandInOneLine(@TempDir Path dir) throws IOException {
        Path in = ResampleCommandTest.image(dir, "crc.nii.gz");
        byte[] b = Files.readAllBytes(in);
        b[b.length - 8] ^= 0x55;
        Files.write(in, b);
        Path out = dir.resolve("o.nii");
        String[][] runs = {{"info", in.toString()}, {"convert", in.toString(), out.toString()},
            {"resample", in.toString(), out.toString(), "--spacing", "2"}, {"interpolate", in.toString(), out.toString(), "--factor", "2"},
            {"gaps", "fill", in.toString(), out.toString(), "--missing", "3"},
            {"evaluate", "--truth", in.toString(), "--factor", "2", "--out", dir.resolve("ev").toString()}};
        for (String[] args : runs) {
            expectOneLine(Cli.run(args), in, "truncated or corrupt compressed stream after the voxel data");
            assertFalse(Files.exists(out) || Files.exists(dir.resolve("ev")), String.join(" ", args) + " left an output");
        }
    }

    /**
     * A dry run validates a job before a batch: a .nii.gz cut short (or with a bad trailer) fails it as it
     * fails the run, one line naming the input, exit 1, no plan printed, nothing written. (The resample plan
     * is made from the header while the voxels still arrive; its dry run once ended before the read did and
     * said nothing.)
     */
    @Test
    void dryRunsReadTheWholeInput(@TempDir Path dir) throws IOException {
        Path whole = ResampleCommandTest.image(dir, "whole.nii.gz");
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.nii.gz"), java.util.Arrays.copyOf(b, b.length * 3 / 4));
        b[b.length - 8] ^= 0x55;
        Path crc = Files.write(dir.resolve("crc.nii.gz"), b);
        Path out = dir.resolve("o.nii");
        for (Path in : new Path[] {cut, crc}) {
            String[][] runs = {{"resample", in.toString(), out.toString(), "--spacing", "0.5", "--dry-run"},
                // planned from the header alone (an image by --image, every output voxel's value known without the input's minimum)
                {"resample", in.toString(), out.toString(), "--spacing", "0.5", "--image", "--default-value", "0", "--dry-run"},
                {"resample", in.toString(), out.toString(), "--spacing", "2", "--dry-run"},
                {"interpolate", in.toString(), out.toString(), "--factor", "2", "--dry-run"}};
            for (String[] args : runs) {
                expectOneLine(Cli.run(args), in, in == cut ? "" : "truncated or corrupt compressed stream after the voxel data");
                assertFalse(Files.exists(out), String.join(" ", args) + " left an output");
            }
        }
    }

    /**
     * A label map given to {@code interpolate --method morph}: as documented, not an error: one note naming the
     * input and the switch to {@code shape} (morph has no label variant), exit 0, only the input's labels out.
     */
    @Test
    void aLabelMapGivenToMorphIsSwitchedToShapeWithANote(@TempDir Path dir) {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.interslice.core.synth.SynthesisMethods.labelNames().contains("shape"), "shape is registered");
        Path lab = ResampleCommandTest.labels(dir, "lab.nii");
        Path out = dir.resolve("o.nii");
        Cli.Result r = Cli.run("interpolate", lab.toString(), out.toString(), "--factor", "2", "--method", "morph");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("interslice: note: ") && r.err().contains("label map") && r.err().contains("'morph' has no label variant")
                && r.err().contains("using 'shape'"), r.err());
        java.util.Set<Integer> values = ResampleCommandTest.values(Formats.read(out));
        assertTrue(java.util.Set.of(0, 3, 7).containsAll(values), "values " + values);
    }

    /** The issue 21 instances through the commands: each ends in one line, exit 1, without hanging. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void structuralInstancesOfIssue21(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("f.nii");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        expectOneLine(Cli.run("info", fifo.toString()), fifo, "not a regular file");
        Path loop = Files.write(dir.resolve("loop.tif"), CraftedTiff.selfLoop());
        expectOneLine(Cli.run("info", loop.toString()), loop, "loops back");
        expectOneLine(Cli.run("convert", loop.toString(), dir.resolve("o.nii").toString()), loop, "loops back");
        Path in = ResampleCommandTest.image(dir, "in.nii");
        expectOneLine(Cli.run("resample", in.toString(), dir.resolve("o.nii").toString(), "--like", loop.toString()), loop, "loops back");
        Path nhdr = dir.resolve("skip.nhdr");
        Files.writeString(nhdr, "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: raw\nline skip: 1000000000\ndata file: /proc/self/pagemap\n");
        expectOneLine(Cli.run("info", nhdr.toString()), nhdr, "lies outside the header's folder");
        Cli.Result r = Cli.run("info", "--allow-outside-data", nhdr.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("/proc/self/pagemap: data file named by skip.nhdr lies in a system folder"), r.err());
        assertFalse(Files.exists(dir.resolve("o.nii")));
    }

    /** A one-page TIFF whose directory names itself as the next one (issue 21.1's recipe). */
    private static final class CraftedTiff {
        static byte[] selfLoop() {
            ByteBuffer b = ByteBuffer.allocate(122 + 256).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 9);
            int[][] e = {{256, 3, 16}, {257, 3, 16}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 122}, {277, 3, 1}, {278, 3, 16}, {279, 4, 256}};
            for (int[] f : e) {
                b.putShort((short) f[0]).putShort((short) f[1]).putInt(1);
                if (f[1] == 3) b.putShort((short) f[2]).putShort((short) 0);
                else b.putInt(f[2]);
            }
            b.putInt(8);
            return b.array();
        }
    }

    private static void expectOneLine(Cli.Result r, Path file, String reason) {
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].startsWith("interslice: " + file + ": "), r.err());
        assertTrue(r.errLines()[0].contains(reason), r.err());
        assertEquals("", r.out());
    }
}
