package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs whose structure, not their bytes, is hostile (issue 21): directory chains that loop, skips past
 * the data, files that are not regular files. Each must be refused with one line naming the file; the
 * time guard only turns a hang into a failure (it is no speed claim).
 */
class StructuralInputsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static IntersliceException refused(Path p) {
        ReadOptions o = ReadOptions.defaults();
        // outside data allowed here, so the other checks are what refuses
        o.allowOutsideData = true;
        return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(IntersliceException.class, () -> Formats.read(p, o)));
    }

    @Test
    void aWellFormedCraftedTiffReads() throws IOException {
        Path p = dir.resolve("ok.tif");
        Files.write(p, CraftedFiles.tiff(3, 0));
        Volume v = Formats.read(p);
        assertEquals(3, v.nz());
        assertEquals(16, v.nx());
    }

    @Test
    void tiffDirectoryPointingToItselfIsRefused() throws IOException {
        Path p = dir.resolve("self.tif");
        Files.write(p, CraftedFiles.tiff(1, 8));
        assertTrue(refused(p).getMessage().contains("loops back to offset 8"));
    }

    @Test
    void tiffChainABAIsRefusedInAFileAndInAFolder() throws IOException {
        Path p = dir.resolve("aba.tif");
        Files.write(p, CraftedFiles.tiff(2, 8));
        assertTrue(refused(p).getMessage().contains("loops back"));
        Path folder = Files.createDirectories(dir.resolve("stack"));
        Files.write(folder.resolve("s0.tif"), CraftedFiles.tiff(1, 0));
        Files.write(folder.resolve("s1.tif"), CraftedFiles.tiff(1, 8));
        assertTrue(refused(folder).getMessage().contains("loops back"));
    }

    @Test
    void tiffDirectoryOutsideTheFileIsRefused() throws IOException {
        Path p = dir.resolve("far.tif");
        Files.write(p, CraftedFiles.tiff(1, 1L << 30));
        assertTrue(refused(p).getMessage().contains("outside"));
    }

    private Path nhdr(String extra, String dataFile) throws IOException {
        Path h = dir.resolve("skip.nhdr");
        Files.writeString(h, "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: raw\n" + extra + "data file: " + dataFile + "\n");
        return h;
    }

    @Test
    void nrrdLineSkipIsBoundedByTheDataFile() throws IOException {
        Files.write(dir.resolve("d.raw"), new byte[64 + 10]);
        IntersliceException e = refused(nhdr("line skip: 1000000000\n", "d.raw"));
        assertTrue(e.getMessage().contains("line skip"), e.getMessage());
    }

    @Test
    void nrrdByteSkipNearLongMaxIsRefusedNotWrapped() throws IOException {
        Files.write(dir.resolve("d.raw"), new byte[64 + 10]);
        IntersliceException e = refused(nhdr("byte skip: 9223372036854775807\n", "d.raw"));
        assertTrue(e.getMessage().contains("byte skip"), e.getMessage());
        // a skip that fits is still honoured
        Files.write(dir.resolve("d.raw"), new byte[64 + 10]);
        assertEquals(64, Formats.read(nhdr("byte skip: 10\n", "d.raw")).voxelCount());
    }

    @Test
    void procFilesAreRefusedAsDataFilesAndAsInputs() throws IOException {
        IntersliceException e = refused(nhdr("line skip: 1000000000\n", "/proc/self/pagemap"));
        assertTrue(e.getMessage().contains("system folder"), e.getMessage());
        Path h = dir.resolve("m.mhd");
        Files.writeString(h, "ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nElementDataFile = /proc/self/pagemap\n");
        refused(h);
        assertTrue(refused(Path.of("/proc/self/status")).getMessage().contains("system folder"));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("f.nii");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        assertTrue(refused(fifo).getMessage().contains("not a regular file"));
        Files.writeString(dir.resolve("d.nhdr"), "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: f.nii\n");
        assertTrue(refused(dir.resolve("d.nhdr")).getMessage().contains("not a regular file"));
    }

    @Test
    void detachedDataOutsideTheHeadersFolderIsRefusedUnlessAllowed() throws IOException {
        Path secret = Files.createDirectories(dir.resolve("secret")).resolve("s.raw");
        Files.write(secret, new byte[64]);
        Path sub = Files.createDirectories(dir.resolve("h"));
        Files.createDirectories(sub.resolve("below"));
        Files.write(sub.resolve("below/ok.raw"), new byte[64]);
        String[][] cases = {
            {"NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: ", ".nhdr", "\n"},
            {"ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nElementDataFile = ", ".mhd", "\n"}};
        Path link = Files.createSymbolicLink(sub.resolve("link.raw"), secret);
        for (String[] c : cases) {
            for (String name : new String[] {secret.toString(), "../secret/s.raw", "link.raw", "/etc/passwd"}) {
                Path h = sub.resolve("x" + c[1]);
                Files.writeString(h, c[0] + name + c[2]);
                IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(h));
                assertTrue(e.getMessage().startsWith(h + ": ") && e.getMessage().contains("lies outside the header's folder"), e.getMessage());
            }
            Path h = sub.resolve("x" + c[1]);
            Files.writeString(h, c[0] + "../secret/s.raw" + c[2]);
            ReadOptions allow = ReadOptions.defaults();
            allow.allowOutsideData = true;
            assertEquals(64, Formats.read(h, allow).voxelCount());
            Files.writeString(h, c[0] + "below/ok.raw" + c[2]);
            assertEquals(64, Formats.read(h).voxelCount());
        }
        assertTrue(Files.isSymbolicLink(link));
    }
}
