package org.interslice.io.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeFormat;
import org.interslice.io.VolumeFormatContract;
import org.interslice.io.WriteOptions;
import org.junit.jupiter.api.Test;

/**
 * Multi-page TIFF: the format contract for the four writable types, plus TIFFs written by an independent
 * writer (tifffile, see tools/reference/stack_fixtures.py and README.fixtures.txt beside the files).
 */
class TiffStackFormatTest extends VolumeFormatContract {
    @Override
    protected VolumeFormat format() {
        return new ImageStackFormat();
    }

    @Override
    protected String extension() {
        return ".tif";
    }

    @Override
    protected List<PixelType> pixelTypes() {
        return List.of(PixelType.UINT8, PixelType.UINT16, PixelType.INT16, PixelType.FLOAT32);
    }

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            Files.copy(in, p);
        }
        return p;
    }

    /** Checks voxel (i, j, k) = base + step * (i + 10 j + 100 k) in the stored type, as the fixture script wrote. */
    private static void assertPattern(Volume v, PixelType type, double base, double step, int nx, int ny, int nz) {
        assertEquals(type, v.type());
        assertArrayEquals(new int[] {nx, ny, nz}, v.dims());
        for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) for (int i = 0; i < nx; i++) {
            double expect = base + step * (i + 10 * j + 100 * k);
            if (type == PixelType.FLOAT32) expect = (float) expect;
            assertEquals(expect, v.get(v.index(i, j, k)), 0.0, "voxel " + i + "," + j + "," + k);
        }
    }

    @Test
    void readsTiffsOfAnIndependentWriter() throws IOException {
        assertPattern(Formats.read(fixture("int32-signed.tif")), PixelType.INT32, -100000, 7, 5, 4, 3);
        assertPattern(Formats.read(fixture("uint32.tif")), PixelType.UINT32, 4000000000.0, 3, 5, 4, 2);
        assertPattern(Formats.read(fixture("float32-zlib.tif")), PixelType.FLOAT32, -2.5, 0.25, 5, 4, 3);
        assertPattern(Formats.read(fixture("int16-bigendian.tif")), PixelType.INT16, -300, 1, 5, 4, 3);
        assertPattern(Formats.read(fixture("uint16-zlib.tif")), PixelType.UINT16, 60000, 11, 5, 4, 2);
        assertPattern(Formats.read(fixture("float64.tif")), PixelType.FLOAT64, 0.001, 1.5, 5, 4, 2);
    }

    @Test
    void bilevelMaskKeepsItsZeroOneValues() throws IOException {
        Volume v = Formats.read(fixture("bilevel.tif"));
        assertEquals(PixelType.UINT8, v.type());
        assertArrayEquals(new int[] {5, 4, 2}, v.dims());
        for (int k = 0; k < 2; k++) for (int j = 0; j < 4; j++) for (int i = 0; i < 5; i++)
            assertEquals((i + 10 * j + 100 * k) % 3 == 0 ? 1 : 0, v.get(v.index(i, j, k)), "voxel " + i + "," + j + "," + k);
    }

    @Test
    void foreignTiffsGetTheDefaultOrGivenGeometry() throws IOException {
        Path p = fixture("int16-bigendian.tif");
        Geometry g = Formats.read(p).geometry();
        assertArrayEquals(new double[] {1, 1, 1}, g.spacing(), 0);
        assertArrayEquals(new double[3], g.origin(), 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, g.direction(), 0);
        ReadOptions o = ReadOptions.defaults();
        o.spacingMm = new double[] {0.04, 0.04, 0.05};
        assertArrayEquals(new double[] {0.04, 0.04, 0.05}, Formats.read(p, o).geometry().spacing(), 0);
    }

    @Test
    void rgbWithEqualChannelsReadsAsGrayElseRefused() throws IOException {
        assertPattern(Formats.read(fixture("rgb-gray.tif")), PixelType.UINT8, 10, 1, 5, 4, 1);
        Path colour = fixture("rgb-colour.tif");
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(colour));
        assertTrue(e.getMessage().contains("rgb-colour.tif") && e.getMessage().contains("RGB image")
                && e.getMessage().contains("(3, 2)") && e.getMessage().contains("convert to grayscale first"), e.getMessage());
    }

    @Test
    void ownGeometryWinsOverGivenSpacing() {
        Volume v = sample(PixelType.UINT16, 11);
        Path p = write(v, "own");
        ReadOptions o = ReadOptions.defaults();
        o.spacingMm = new double[] {3, 3, 3};
        assertSameVolume(v, Formats.read(p, o));
    }

    @Test
    void deflateRoundTripsAndIsSmaller() {
        // smooth data compresses: a ramp
        Volume v = Volume.allocate(PixelType.UINT16, 64, 48, 5, Geometry.identity());
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i % 700);
        Path plain = write(v, "plain");
        Path packed = dir.resolve("packed.tif");
        try (AtomicFiles out = new AtomicFiles()) {
            new ImageStackFormat(ImageStackFormat.Compression.DEFLATE).write(v, packed, out, WriteOptions.defaults());
            out.commit();
        }
        assertSameVolume(v, Formats.read(packed));
        try {
            assertTrue(Files.size(packed) < Files.size(plain) / 2, "deflate output not smaller");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unevenSlicesRoundTrip() {
        double[] so = {0, 0, 0, 0, 0, 1.5, 0, 0, 4.0, 0, 0, 4.5};
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.5}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 1, 1e-3);
        assertFalse(g.uniformSlices());
        Volume v = Volume.allocate(PixelType.FLOAT32, 6, 5, 4, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 0.5 - 3);
        Volume back = Formats.read(write(v, "uneven"));
        assertSameVolume(v, back);
        assertArrayEquals(so, back.geometry().sliceOrigins(), 1e-12);
    }

    @Test
    void unwritableTypesAreRefusedNamingTheFixFlag() {
        for (PixelType t : List.of(PixelType.INT8, PixelType.UINT32, PixelType.INT32, PixelType.FLOAT64)) {
            Volume v = Volume.allocate(t, 3, 2, 2, Geometry.identity());
            IntersliceException e = assertThrows(IntersliceException.class, () -> write(v, "bad-" + t.label()));
            assertTrue(e.getMessage().contains("TIFF stacks hold uint8, uint16, int16 or float32") && e.getMessage().contains("--type"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("bad-" + t.label() + ".tif")));
        }
    }

    @Test
    void bigTiffIsRefusedClearly() throws IOException {
        Path p = dir.resolve("big.tif");
        Files.write(p, new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0});
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("big.tif") && e.getMessage().contains("BigTIFF"), e.getMessage());
    }

    @Test
    void stripsPastTheEndOfTheFileAreRefusedBeforeDecoding(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // a TIFF whose directory comes first and whose pixel data is cut: some TIFF plugins read the
        // missing bytes as zeros, so the directory walk checks every strip against the file's size
        Geometry g = Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.UINT16, 64, 48, 1, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i % 1000);
        Path whole = dir.resolve("whole.tif");
        Formats.write(v, whole);
        byte[] b = Files.readAllBytes(whole);
        int ifd = java.nio.ByteBuffer.wrap(b, 4, 4).order(b[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN).getInt();
        Path cut = dir.resolve("cut.tif");
        // the JDK writer puts the first directory before the pixels: dropping the last bytes keeps it
        assertTrue(ifd < b.length / 2, "first directory at " + ifd + " of " + b.length);
        int keep = b.length - 1000;
        Files.write(cut, java.util.Arrays.copyOf(b, keep));
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(cut));
        assertTrue(e.getMessage().contains("pixel data of page 1 ends at byte"), e.getMessage());
    }
}
