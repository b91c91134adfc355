package org.interslice.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.ReadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Images written by Python's zarr 2.13 / numcodecs 0.11 (tools/reference/zarr_fixtures.py): Blosc with
 * lz4, zstd and zlib, byte and bit shuffle, several blocks, bare zstd and gzip, big-endian samples, a
 * 5-D t,c,z,y,x image with a missing chunk, and NGFF 0.5 / Zarr v3 images. Voxels equal the numpy
 * arrays the script saved (NAME.expected); geometry equals the script's scale and translation in mm
 * (x, y, z from the NGFF z, y, x lists, units converted).
 */
class ZarrFixturesTest {
    private static Path fixture(String name) {
        try {
            return Path.of(ZarrFixturesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Volume expected(String name, PixelType t, int nx, int ny, int nz) throws IOException {
        Volume v = Volume.allocate(t, nx, ny, nz, org.interslice.core.volume.Geometry.identity());
        try (InputStream in = ZarrFixturesTest.class.getResourceAsStream(name + ".expected")) {
            byte[] b = in.readAllBytes();
            assertEquals((long) nx * ny * nz * t.bytes, b.length, "expected file size");
            RawCodec.decode(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), v, 0, v.voxelCount());
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({
            // name, type, nx, ny, nz, spacing x y z (mm), origin x y z (mm), label
            "default-u16, uint16, 23, 21, 5, 0.00025, 0.0005, 0.002, 0.0035, -0.004, 0.010, false",
            "blosc-zstd-bitshuffle-f32, float32, 17, 19, 4, 0.9, 0.7, 1.5, 0, 5, -20, false",
            "blosc-lz4-blocks-i32, int32, 24, 16, 3, 1, 1, 3, 0, 0, 0, false",
            "blosc-lz4-2blocks-i32, int32, 100, 40, 5, 1, 1, 1, 0, 0, 0, false",
            "blosc-zlib-noshuffle-be-i16, int16, 12, 10, 3, 1, 1, 1, 0, 0, 0, false",
            "zstd-f64, float64, 11, 9, 3, 3, 2, 1, 3, 2, 1, false",
            "gzip-u8-tczyx-missing, uint8, 10, 12, 4, 0.0001, 0.0001, 0.0004, 0, 0, 0, true",
            "v3-gzip-u16, uint16, 13, 11, 4, 0.001, 0.001, 0.005, -0.007, 0.007, 0, false",
            "v3-zstd-be-f32, float32, 9, 10, 3, 0.5, 0.5, 2, 0, 0, 0, false",
            "v3-blosc-i16, int16, 9, 10, 3, 1, 1, 1, 0, 0, 0, false",
    })
    void pythonZarrImagesReadAsWritten(String name, String type, int nx, int ny, int nz, double sx, double sy, double sz,
                                       double ox, double oy, double oz, boolean label) throws IOException {
        Path p = fixture(name + ".zarr");
        PixelType t = PixelType.parse(type);
        Volume want = expected(name, t, nx, ny, nz);
        assertEquals(OmeZarrFormat.class, Formats.forReading(p).getClass());
        Volume got = Formats.read(p);
        assertEquals(t, got.type());
        assertArrayEquals(new int[] {nx, ny, nz}, got.dims());
        assertArrayEquals(new double[] {sx, sy, sz}, got.geometry().spacing(), 1e-12, "spacing");
        assertArrayEquals(new double[] {ox, oy, oz}, got.geometry().origin(), 1e-12, "origin");
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, got.geometry().direction(), 0, "direction");
        assertEquals(label, got.isLabel(), "label flag");
        for (int i = 0; i < want.voxelCount(); i++)
            if (Double.compare(want.get(i), got.get(i)) != 0) fail(name + " voxel " + i + ": expected " + want.get(i) + " got " + got.get(i));
        // regions equal the same crop of the expected array
        Random r = new Random(name.hashCode());
        try (OpenVolume o = Formats.open(p, ReadOptions.defaults())) {
            assertTrue(o.readsRegions());
            for (int k = 0; k < 10; k++) {
                int x0 = r.nextInt(nx), y0 = r.nextInt(ny), z0 = r.nextInt(nz);
                Interval box = new Interval(x0, y0, z0, 1 + r.nextInt(nx - x0), 1 + r.nextInt(ny - y0), 1 + r.nextInt(nz - z0));
                Volume region = o.read(box).data();
                Volume crop = Block.crop(want, box).data();
                for (int i = 0; i < crop.voxelCount(); i++) assertEquals(crop.get(i), region.get(i), name + " " + box + " voxel " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"gzip-u8-tczyx-missing"})
    void nonSpatialAxesAreNotedAndReadAtIndexZero(String name) {
        ReadOptions o = ReadOptions.defaults();
        Formats.read(fixture(name + ".zarr"), o);
        assertTrue(o.notes.stream().anyMatch(s -> s.contains("axis c of size 2")), o.notes.toString());
    }
}
