package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk ({@link AtomicFiles#simulateFullDisk}: the operating system's IOException "No space left on
 * device" after so many bytes) met by every writer, early (in the header) and late (in the voxels): the same
 * one line naming the output, "cannot write: the disk holding FOLDER is full", and nothing left in the folder.
 */
class FullDiskTest {
    static final List<String> NAMES = List.of("o.nii", "o.nii.gz", "o.hdr", "o.nrrd", "o.nhdr", "o.mha", "o.mhd", "o.tif", "o.ome.zarr", "o.dcm");

    @Test
    void everyWriterSaysTheSameAndLeavesNothing(@TempDir Path dir) throws Exception {
        Geometry g = Geometry.of(new double[] {1, 1, 2}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 40, 30, 12, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (int) ((i * 2654435761L >>> 9) % 30000));   // hardly compressible: 6000 bytes fall in the voxels
        for (String name : NAMES) for (long room : new long[] {0, 100, 6000}) {
            Path out = dir.resolve(name);
            IntersliceException e;
            try (AutoCloseable full = AtomicFiles.simulateFullDisk(room)) {
                e = assertThrows(IntersliceException.class, () -> Formats.write(v, out), name + " with " + room + " bytes free");
            }
            // the file being written: the output, or the data file of a header/data pair (o.img, o.raw)
            String file = e.getMessage().substring(0, e.getMessage().indexOf(": "));
            assertTrue(file.equals(out.toString()) || !out.getFileName().toString().matches(".*\\.(nii|nii\\.gz|nrrd|mha|tif|ome\\.zarr|dcm)")
                    && file.startsWith(dir.resolve("o.").toString()), e.getMessage());
            assertEquals(file + ": cannot write: the disk holding " + dir.toAbsolutePath() + " is full", e.getMessage(), name + " with " + room + " bytes free");
            assertEquals(List.of(), leftIn(dir), name + " with " + room + " bytes free");
        }
        Formats.write(v, dir.resolve("o.nii"));   // the simulation ends with its handle
        assertEquals(List.of("o.nii"), leftIn(dir));
    }

    static List<String> leftIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }
}
