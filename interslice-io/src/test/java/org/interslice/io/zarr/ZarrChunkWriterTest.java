package org.interslice.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A volume written block by block equals, file for file, the same volume written whole. */
class ZarrChunkWriterTest {
    @TempDir
    Path dir;

    @Test
    void blocksInAnyOrderGiveTheFilesOfAWholeWrite() throws IOException {
        Geometry g = Geometry.of(new double[] {0.5, 0.25, 2}, new double[] {-3, 4.5, 10}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 150, 70, 67, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 7919L) % 60000 - 30000);
        Path whole = dir.resolve("img.ome.zarr");
        Formats.write(v, whole);
        Path parts = Files.createDirectory(dir.resolve("parts")).resolve("img.ome.zarr");
        Files.createDirectory(parts);
        ZarrChunkWriter.create(parts, "img.ome.zarr", v.dims(), g.spacing(), g.origin(), v.type(), false, new int[] {256, 256, 16}, 1);
        assertArrayEquals(new int[] {150, 70, 16}, ZarrChunkWriter.chunkSize(parts));
        assertArrayEquals(ZarrChunkWriter.chunkSize(whole), ZarrChunkWriter.chunkSize(parts));
        // blocks of 150 x 70 x 32 (the last one clipped at the edge), last block first; one block written twice
        int[][] origins = {{0, 0, 64}, {0, 0, 0}, {0, 0, 32}, {0, 0, 0}};
        for (int[] o : origins) {
            Interval box = new Interval(o[0], o[1], o[2], 150, 70, Math.min(32, 67 - o[2]));
            ZarrChunkWriter.writeBlock(parts, Block.crop(v, box).data(), box);
        }
        List<Path> a = files(whole), b = files(parts);
        assertEquals(a.stream().map(p -> whole.relativize(p).toString()).toList(), b.stream().map(p -> parts.relativize(p).toString()).toList());
        for (int i = 0; i < a.size(); i++)
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
    }

    @Test
    void misalignedBlocksAreRefused() throws IOException {
        Path root = Files.createDirectory(dir.resolve("m.ome.zarr"));
        ZarrChunkWriter.create(root, "m", new int[] {100, 100, 10}, new double[] {1, 1, 1}, new double[3], PixelType.UINT8, false, new int[] {32, 32, 32}, 1);
        Volume part = Volume.allocate(PixelType.UINT8, 32, 32, 10, Geometry.identity());
        assertThrows(IllegalArgumentException.class, () -> ZarrChunkWriter.writeBlock(root, part, new Interval(16, 0, 0, 32, 32, 10)));
        Volume wrongType = Volume.allocate(PixelType.INT16, 32, 32, 10, Geometry.identity());
        assertThrows(IllegalArgumentException.class, () -> ZarrChunkWriter.writeBlock(root, wrongType, new Interval(0, 0, 0, 32, 32, 10)));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
