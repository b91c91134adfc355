package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs checked against inputs and against each other before any work (issues 21.3, 20.5, 20.10). */
class FilePlanTest {
    @TempDir
    Path dir;

    private static Volume small() {
        Volume v = Volume.allocate(PixelType.INT16, 4, 3, 2, Geometry.identity());
        short[] d = (short[]) v.array();
        for (int i = 0; i < d.length; i++) d[i] = (short) (i * 7 - 20);
        return v;
    }

    private static String refusal(FilePlan plan) {
        return assertThrows(IntersliceException.class, plan::check).getMessage();
    }

    @Test
    void aDetachedDataFileOfTheInputIsNeverAnOutput() throws IOException {
        for (String[] ext : new String[][] {{".nhdr", ".raw.gz"}, {".mhd", ".zraw"}}) {
            // src header names shared's data file, as after renaming a written header
            Formats.write(small(), dir.resolve("shared" + ext[0]));
            Files.move(dir.resolve("shared" + ext[0]), dir.resolve("src" + ext[0]));
            String m = refusal(new FilePlan().read(dir.resolve("src" + ext[0])).write(dir.resolve("shared" + ext[0])));
            assertTrue(m.contains("would overwrite the input " + dir.resolve("shared" + ext[1])), m);
        }
    }

    @Test
    void aFolderOutputOntoAnExistingFileIsRefusedBeforeWork() throws IOException {
        // a DICOM series or OME-Zarr image is a folder: the rename at the end would fail after all the work
        for (String[] c : new String[][] {{"series.dcm", null, "DICOM"}, {"plain", "dicom", "DICOM"}, {"img.ome.zarr", null, "OME-Zarr"}}) {
            Path f = Files.writeString(dir.resolve(c[0]), "an existing file");
            String m = refusal(new FilePlan().write(f, c[1]));
            assertTrue(m.contains("is an existing file, and a " + c[2] + " output is a folder"), m);
            assertEquals("an existing file", Files.readString(f));
        }
        // a file format onto an existing file is a replacement, as before
        Path nii = Files.writeString(dir.resolve("old.nii"), "x");
        new FilePlan().write(nii).check();
    }

    @Test
    void twoOutputsWithTheSameFileAreRefused() throws IOException {
        Path in = dir.resolve("in.nii");
        Formats.write(small(), in);
        String m = refusal(FilePlan.of(List.of(in), List.of(dir.resolve("o.nii.gz"))).readWrite(List.of(in, dir.resolve("sub/../o.nii.gz"))));
        assertTrue(m.contains("two outputs of this run are the same file"), m);
        // a mask output equal to the mask input, and an output equal to a mask input
        Path mask = dir.resolve("m.nii");
        Formats.write(small(), mask);
        assertTrue(refusal(FilePlan.of(List.of(in), List.of(mask)).readWrite(List.of(mask, dir.resolve("m2.nii")))).contains("would overwrite the input " + mask));
    }

    @Test
    void outputsInsideAnInputFolderOrThroughALinkAreRefused() throws IOException {
        Path tifs = Files.createDirectories(dir.resolve("tifs"));
        Files.write(tifs.resolve("s0.tif"), CraftedFiles.tiff(1, 0));
        Files.write(tifs.resolve("s1.tif"), CraftedFiles.tiff(1, 0));
        assertTrue(refusal(new FilePlan().read(tifs).write(tifs.resolve("s0.tif"))).contains("lies inside the input folder"));
        assertTrue(refusal(new FilePlan().read(tifs).write(tifs.resolve("new.nii"))).contains("lies inside the input folder"));
        Path in = dir.resolve("in.nii");
        Formats.write(small(), in);
        Path link = Files.createSymbolicLink(dir.resolve("link.nii"), in);
        assertTrue(refusal(new FilePlan().read(in).write(link)).contains("would overwrite the input"));
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("alias"), dir);
        assertTrue(refusal(new FilePlan().read(in).write(linkedFolder.resolve("in.nii"))).contains("would overwrite the input"));
    }

    @Test
    void outputLocationsAreCheckedAndNamedInPlainWords() throws IOException {
        Path in = dir.resolve("in.nii");
        Formats.write(small(), in);
        Path folder = Files.createDirectories(dir.resolve("out.nii.gz"));
        String m = refusal(new FilePlan().read(in).write(folder));
        assertTrue(m.startsWith(folder + ": ") && m.contains("is an existing folder"), m);
        // an existing OME-Zarr output is replaced whole by its writer; another folder named .ome.zarr is not
        Path zarr = dir.resolve("out.ome.zarr");
        Formats.write(small(), zarr);
        new FilePlan().read(in).write(zarr).check();
        Formats.write(small(), zarr);
        Path notZarr = Files.createDirectories(dir.resolve("data.ome.zarr"));
        Files.writeString(notZarr.resolve("notes.txt"), "mine");
        m = refusal(new FilePlan().read(in).write(notZarr));
        assertTrue(m.contains("is an existing folder"), m);
        m = refusal(new FilePlan().read(in).write(dir.resolve("missing/x.nii")));
        assertTrue(m.contains("the output folder " + dir.resolve("missing") + " does not exist"), m);
        m = refusal(new FilePlan().read(in).write(in.resolve("x.nii")));
        assertTrue(m.contains("is a file, not a folder"), m);
        m = refusal(new FilePlan().read(in).writeFolder(in, List.of("report.html")));
        assertTrue(m.contains("output folder is an existing file"), m);
        // a missing report folder is fine (created later), inside an existing one
        assertEquals(List.of(), new FilePlan().read(in).writeFolder(dir.resolve("a/b"), List.of("report.html")).check());
        String plain = AtomicFiles.plainReason(new AccessDeniedException(dir.resolve(".x" + AtomicFiles.TEMP_MARK + "1-2").toString()), dir.resolve("x.nii"));
        assertEquals("permission denied: the folder " + dir + " is write-protected", plain);
        // an existing folder that takes no files (/proc answers "no such file") is not writable, not missing
        assertEquals("the folder " + dir + " is not writable (no file can be created in it)",
                AtomicFiles.plainReason(new java.nio.file.NoSuchFileException(dir.resolve("x.nii").toString()), dir.resolve("x.nii")));
        if (Files.isDirectory(Path.of("/proc"))) {
            m = refusal(new FilePlan().read(in).write(Path.of("/proc/out.nii.gz")));
            assertTrue(m.contains("/proc is not writable") && !m.contains("does not exist"), m);
        }
    }

    @Test
    void stalePartialsOfTheSameOutputAreRemovedAndReported() throws IOException {
        Path in = dir.resolve("in.nii");
        Formats.write(small(), in);
        Path dead = dir.resolve(".o.nii" + AtomicFiles.TEMP_MARK + "2147483000-1f");
        Path live = dir.resolve(".o.nii" + AtomicFiles.TEMP_MARK + ProcessHandle.current().pid() + "-2f");
        Path other = dir.resolve(".p.nii" + AtomicFiles.TEMP_MARK + "2147483000-3f");
        for (Path p : new Path[] {dead, live, other}) Files.write(p, new byte[2_000_000]);
        List<String> notes = new FilePlan().read(in).write(dir.resolve("o.nii")).check();
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("removed 1 partial file (2.0 MB)"), notes.get(0));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(live) && Files.exists(other), "a running writer's and another output's temporaries are kept");
        // a folder output's temporary (a DICOM series cut short by a kill) goes too, with its files
        Path deadFolder = Files.createDirectory(dir.resolve(".s.dcm" + AtomicFiles.TEMP_MARK + "2147483000-4f"));
        Files.write(deadFolder.resolve("0001.dcm"), new byte[1_000_000]);
        notes = new FilePlan().read(in).write(dir.resolve("s.dcm")).check();
        assertTrue(notes.size() == 1 && notes.get(0).contains("removed 1 partial file (1.0 MB)"), notes.toString());
        assertFalse(Files.exists(deadFolder));
    }
}
