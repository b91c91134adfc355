package org.interslice.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeFormat;
import org.interslice.io.VolumeFormatContract;
import org.junit.jupiter.api.Test;

/** The shared contract for OME-Zarr (written NGFF 0.4 / Zarr v2, zlib), plus folder-specific checks. */
class OmeZarrFormatTest extends VolumeFormatContract {
    @Override protected VolumeFormat format() { return new OmeZarrFormat(); }
    @Override protected String extension() { return ".ome.zarr"; }
    /** NGFF stores scale and translation only. */
    @Override protected boolean storesDirection() { return false; }
    /** The first chunk: truncations and bit flips hit compressed voxel data. */
    @Override protected Path mainFile(Path written) { return written.resolve("0/0/0/0"); }

    @Test
    void volumesLargerThanOneChunkRoundTripAndRegionsCrossChunks() {
        Geometry g = Geometry.of(new double[] {0.5, 0.25, 2}, new double[] {-3, 4.5, 10}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.FLOAT32, 150, 140, 20, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 7919L) % 60000 - 30000);
        Path p = dir.resolve("big.ome.zarr");
        Formats.write(v, p);
        assertTrue(Files.isRegularFile(p.resolve("0/1/1/1")), "chunk (z1, y1, x1) written");
        Volume whole = Formats.read(p);
        assertSameVolume(v, whole);
        // boxes inside one chunk, across chunk borders in each axis, single planes, the whole volume
        int[][] boxes = {{120, 120, 15, 25, 15, 3}, {0, 0, 7, 150, 140, 1}, {127, 3, 16, 2, 5, 1}, {5, 127, 0, 3, 2, 20}, {0, 0, 0, 150, 140, 20}, {9, 9, 9, 4, 4, 4}};
        try (OpenVolume o = Formats.open(p, ReadOptions.defaults())) {
            for (int[] b : boxes) {
                Volume r = o.read(new org.interslice.core.block.Interval(b[0], b[1], b[2], b[3], b[4], b[5])).data();
                for (int z = 0; z < b[5]; z++) for (int y = 0; y < b[4]; y++) for (int x = 0; x < b[3]; x++)
                    assertEquals(whole.get(whole.index(b[0] + x, b[1] + y, b[2] + z)), r.get(r.index(x, y, z)), java.util.Arrays.toString(b));
            }
        }
    }

    /** Written chunks suit region reads: at most 16 planes deep and about 1-2 MiB, so a one-plane read decodes 16 planes of a chunk, not 64. */
    @Test
    void writtenChunksAreShallowAndAboutAMegabyte() {
        assertArrayEquals(new int[] {256, 256, 16}, OmeZarrFormat.chunkShape(new int[] {512, 512, 300}, PixelType.UINT8));
        assertArrayEquals(new int[] {256, 256, 16}, OmeZarrFormat.chunkShape(new int[] {512, 512, 300}, PixelType.INT16));
        assertArrayEquals(new int[] {128, 128, 16}, OmeZarrFormat.chunkShape(new int[] {512, 512, 300}, PixelType.FLOAT32));
        assertArrayEquals(new int[] {128, 128, 16}, OmeZarrFormat.chunkShape(new int[] {512, 512, 300}, PixelType.FLOAT64));
        assertArrayEquals(new int[] {40, 30, 5}, OmeZarrFormat.chunkShape(new int[] {40, 30, 5}, PixelType.INT16), "clipped to the size");
        Volume v = Volume.allocate(PixelType.INT16, 300, 20, 40, Geometry.identity());
        Path p = dir.resolve("shallow.ome.zarr");
        Formats.write(v, p);
        assertArrayEquals(new int[] {16, 20, 256}, ZarrArray.open(p.resolve("0")).chunks(), "z, y, x");
    }

    /** Streaming readers take whole chunks along z (each decoded once): the opened volume says how deep. */
    @Test
    void anOpenedImageGivesItsChunkDepthAsSlabDepth() {
        Volume v = Volume.allocate(PixelType.UINT8, 8, 6, 70, Geometry.identity());
        Path p = dir.resolve("deep.ome.zarr");
        Formats.write(v, p);
        int chunkZ = ZarrArray.open(p.resolve("0")).chunks()[0];
        assertTrue(chunkZ > 1 && chunkZ < 70, "a chunk shallower than the volume: " + chunkZ);
        try (OpenVolume o = Formats.open(p, ReadOptions.defaults())) {
            assertEquals(chunkZ, o.slabDepth());
        }
        Path nii = dir.resolve("deep.nii");
        Formats.write(v, nii);
        try (OpenVolume o = Formats.open(nii, ReadOptions.defaults())) {
            assertEquals(1, o.slabDepth(), "any slab of a raw file is as cheap");
        }
    }

    @Test
    void rewritingReplacesTheFolderWhole() throws IOException {
        Path p = dir.resolve("again.ome.zarr");
        Formats.write(sample(PixelType.UINT8, 1), p);
        Files.writeString(p.resolve("stray"), "x");
        Volume second = sample(PixelType.FLOAT32, 2);
        Formats.write(second, p);
        assertTrue(!Files.exists(p.resolve("stray")), "old folder removed");
        assertSameVolume(second, Formats.read(p));
    }

    @Test
    void obliqueVolumesAreRefusedOnWrite() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Volume v = Volume.allocate(PixelType.UINT8, 4, 4, 4, Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 0}, new double[] {c, -s, 0, s, c, 0, 0, 0, 1}));
        Path p = dir.resolve("obl.ome.zarr");
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.write(v, p));
        assertTrue(e.getMessage().contains("oblique"), e.getMessage());
        assertTrue(!Files.exists(p));
    }

    /** RAS, a permuted and a flipped grid are written reordered to LPS: every voxel stays where it was. */
    @Test
    void axisAlignedVolumesInAnyOrientationKeepTheirVoxelPositions() {
        double[][] dirs = {{-1, 0, 0, 0, -1, 0, 0, 0, 1}, {0, 0, 1, -1, 0, 0, 0, -1, 0}, {1, 0, 0, 0, 0, -1, 0, 1, 0}};
        for (double[] d : dirs) {
            Geometry g = Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {10, -20, 30}, d);
            Volume v = Volume.allocate(PixelType.INT16, 5, 4, 3, g);
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 13 - 200);
            Path p = dir.resolve("orient" + (int) (d[0] * 10 + d[1] * 3 + d[2]) + ".ome.zarr");
            Formats.write(v, p);
            Volume back = Formats.read(p);
            assertEquals(v.voxelCount(), back.voxelCount());
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, back.geometry().direction(), 0);
            for (int z = 0; z < v.nz(); z++) for (int y = 0; y < v.ny(); y++) for (int x = 0; x < v.nx(); x++) {
                double[] w = g.indexToWorld(x, y, z);
                double[] ijk = back.geometry().worldToIndex(w[0], w[1], w[2]);
                int bi = (int) Math.round(ijk[0]), bj = (int) Math.round(ijk[1]), bk = (int) Math.round(ijk[2]);
                assertArrayEquals(new double[] {bi, bj, bk}, ijk, 1e-9, "voxel centre lands on a voxel");
                assertEquals(v.get(v.index(x, y, z)), back.get(back.index(bi, bj, bk)), "value at " + x + "," + y + "," + z);
            }
        }
    }

    @Test
    void missingChunksReadAsTheFillValue() throws IOException {
        Path p = dir.resolve("fill.ome.zarr");
        Formats.write(sample(PixelType.FLOAT32, 3), p);
        Path meta = p.resolve("0/.zarray");
        Files.writeString(meta, Files.readString(meta).replace("\"fill_value\": 0", "\"fill_value\": \"NaN\""));
        Files.delete(p.resolve("0/0/0/0"));
        Volume back = Formats.read(p);
        for (int i = 0; i < back.voxelCount(); i++) assertTrue(Double.isNaN(back.get(i)));
    }
}
