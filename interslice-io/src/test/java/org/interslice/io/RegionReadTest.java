package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Region reads on layouts the writers do not produce (the contract test covers what they write): raw
 * NRRD and MetaImage with byte skips, data at the file's end, big-endian samples, detached raw data, a
 * rescaled NIfTI, text data (read whole), concurrent reads, and bytes outside the region never used.
 */
class RegionReadTest {
    private static final int NX = 9, NY = 7, NZ = 5, N = NX * NY * NZ;

    @TempDir
    Path dir;

    /** Samples i * 37 - 600 as int16 in the given order. */
    private static byte[] shorts(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(2 * N).order(order);
        for (int i = 0; i < N; i++) b.putShort((short) (i * 37 - 600));
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Every region of a fixed random set equals the crop of the whole read; returns the open volume's readsRegions(). */
    private static boolean assertRegionsMatch(Path p) {
        Volume whole = Formats.read(p);
        Random r = new Random(3);
        try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
            for (int i = 0; i < 30; i++) {
                Interval box = box(r);
                Block got = open.read(box);
                Volume want = Block.crop(whole, box).data();
                assertEquals(want.type(), got.data().type(), "type");
                assertSameValues(want, got.data(), p.getFileName() + " " + box);
            }
            return open.readsRegions();
        }
    }

    private static Interval box(Random r) {
        int x0 = r.nextInt(NX), y0 = r.nextInt(NY), z0 = r.nextInt(NZ);
        return new Interval(x0, y0, z0, 1 + r.nextInt(NX - x0), 1 + r.nextInt(NY - y0), 1 + r.nextInt(NZ - z0));
    }

    private static void assertSameValues(Volume want, Volume got, String what) {
        assertEquals(want.voxelCount(), got.voxelCount(), what);
        for (int i = 0; i < want.voxelCount(); i++)
            if (Double.compare(want.get(i), got.get(i)) != 0) fail(what + ": voxel " + i + " expected " + want.get(i) + " got " + got.get(i));
    }

    private static final String NRRD = "NRRD0004\ndimension: 3\nsizes: " + NX + " " + NY + " " + NZ + "\ntype: short\n";

    @Test
    void rawNrrdWithByteSkipAndBigEndian() throws IOException {
        Path p = CraftedFiles.file(dir, "skip.nrrd", NRRD + "encoding: raw\nendian: big\nbyte skip: 5\n\n",
                concat(new byte[5], shorts(ByteOrder.BIG_ENDIAN)));
        assertTrue(assertRegionsMatch(p));
        Path end = CraftedFiles.file(dir, "end.nrrd", NRRD + "encoding: raw\nbyte skip: -1\n\n",
                concat(new byte[] {1, 2, 3}, shorts(ByteOrder.LITTLE_ENDIAN)));
        assertTrue(assertRegionsMatch(end));
    }

    @Test
    void gzipNrrdWithDecodedByteSkip() throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(new byte[] {7, 7, 7});
            g.write(shorts(ByteOrder.LITTLE_ENDIAN));
        }
        assertTrue(assertRegionsMatch(CraftedFiles.file(dir, "gz.nrrd", NRRD + "encoding: gzip\nbyte skip: 3\n\n", z.toByteArray())));
    }

    /**
     * A gzip NRRD and a .nii.gz whose CRC is flipped: a region holding the last voxel reads on to the trailer and
     * fails naming the file, as the whole read does (Spark block mode read such a file without a word); a region
     * that stops earlier cannot see the trailer and reads its voxels.
     */
    @Test
    void aRegionHoldingTheLastVoxelChecksTheGzipTrailer() throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(shorts(ByteOrder.LITTLE_ENDIAN));
        }
        byte[] bad = z.toByteArray();
        bad[bad.length - 8] ^= 0x55;   // CRC32, the trailer's first field
        Path nrrd = CraftedFiles.file(dir, "crc.nrrd", NRRD + "encoding: gzip\n\n", bad);
        Volume v = Volume.allocate(PixelType.INT16, NX, NY, NZ, Geometry.identity());
        Path nii = dir.resolve("crc.nii.gz");
        Formats.write(v, nii);
        byte[] b = Files.readAllBytes(nii);
        b[b.length - 8] ^= 0x55;
        Files.write(nii, b);
        for (Path p : new Path[] {nrrd, nii}) {
            try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
                assertEquals(2, open.readSlab(0, 2).data().nz(), p.toString());
                org.interslice.core.IntersliceException e = org.junit.jupiter.api.Assertions.assertThrows(
                        org.interslice.core.IntersliceException.class, () -> open.readSlab(NZ - 2, 2));
                assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains("after the voxel data"), e.getMessage());
                assertThrows(() -> open.read(new Interval(NX - 1, NY - 1, NZ - 1, 1, 1, 1)));
            }
            assertThrows(() -> Formats.read(p));
        }
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(org.interslice.core.IntersliceException.class, e);
    }

    @Test
    void textNrrdIsReadWholeAndCropped() throws IOException {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < N; i++) t.append(i * 37 - 600).append(i % 10 == 9 ? '\n' : ' ');
        Path p = CraftedFiles.file(dir, "text.nrrd", NRRD + "encoding: ascii\n\n", t.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(assertRegionsMatch(p));
    }

    @Test
    void rawMetaImageAttachedAndDetached() throws IOException {
        String head = "ObjectType = Image\nNDims = 3\nDimSize = " + NX + " " + NY + " " + NZ + "\nElementType = MET_SHORT\n"
                + "ElementSpacing = 0.5 0.75 2\nOffset = -10 20 30\n";
        assertTrue(assertRegionsMatch(CraftedFiles.file(dir, "a.mha", head + "ElementDataFile = LOCAL\n", shorts(ByteOrder.LITTLE_ENDIAN))));
        CraftedFiles.file(dir, "d.raw", "", concat(new byte[4], shorts(ByteOrder.BIG_ENDIAN)));
        assertTrue(assertRegionsMatch(CraftedFiles.file(dir, "d.mhd",
                head + "ElementByteOrderMSB = True\nHeaderSize = 4\nElementDataFile = d.raw\n", new byte[0])));
    }

    @Test
    void rescaledNiftiGivesTheWholeReadsValuesInTheTypeOfTheStoredRange() throws IOException {
        Volume v = Volume.allocate(PixelType.INT16, NX, NY, NZ, Geometry.identity());
        for (int i = 0; i < N; i++) v.set(i, i % 200 - 100);
        Path p = dir.resolve("scaled.nii");
        Formats.write(v, p);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            // scl_slope and scl_inter of a little-endian NIfTI-1 header (bytes 112 and 116)
            f.seek(112);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(2).putFloat(-3).array());
        }
        Volume whole = Formats.read(p);
        assertEquals(PixelType.INT16, whole.type(), "the whole read picks the type its values need");
        try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
            // int16 * 2 - 3 spans -65539 .. 65531: int32 for every region, whatever its values
            assertEquals(PixelType.INT32, open.header().type());
            assertFalse(open.typeMatchesWholeRead());
            Random r = new Random(4);
            for (int i = 0; i < 10; i++) {
                Interval b = box(r);
                assertSameValues(Block.crop(whole, b).data(), open.read(b).data(), "rescaled " + b);
            }
        }
    }

    @Test
    void bytesOutsideTheRegionAreNotUsed() throws IOException {
        Path p = CraftedFiles.file(dir, "raw.nrrd", NRRD + "encoding: raw\n\n", shorts(ByteOrder.LITTLE_ENDIAN));
        Volume whole = Formats.read(p);
        Interval box = new Interval(2, 3, 1, 4, 2, 3);
        long dataStart = Files.size(p) - 2L * N;
        try (OpenVolume open = Formats.open(p, ReadOptions.defaults()); RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            // scramble every sample outside the box after opening: the region read must not see it
            for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) {
                boolean inside = x >= 2 && x < 6 && y >= 3 && y < 5 && z >= 1 && z < 4;
                if (inside) continue;
                f.seek(dataStart + 2L * (x + NX * (y + NY * z)));
                f.writeShort(0x7F7F);
            }
            assertSameValues(Block.crop(whole, box).data(), open.read(box).data(), "box after scrambling the rest");
        }
    }

    @Test
    void aRegionLargerThanTheMemoryLimitIsRefusedBeforeReading() throws IOException {
        Path p = CraftedFiles.file(dir, "limit.nrrd", NRRD + "encoding: raw\n\n", shorts(ByteOrder.LITTLE_ENDIAN));
        ReadOptions o = ReadOptions.defaults();
        o.maxBytes = 2L * NX * NY;   // one slice
        try (OpenVolume open = Formats.open(p, o)) {
            assertEquals(NX * NY, open.readSlab(2, 1).data().voxelCount());
            org.interslice.core.IntersliceException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.interslice.core.IntersliceException.class, () -> open.readSlab(0, 2));
            assertTrue(e.getMessage().contains("limit.nrrd"), e.getMessage());
        }
    }

    @Test
    void concurrentRegionReadsOfOneOpenVolumeAgree() throws Exception {
        Path p = CraftedFiles.file(dir, "c.nrrd", NRRD + "encoding: raw\n\n", shorts(ByteOrder.LITTLE_ENDIAN));
        Volume whole = Formats.read(p);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
            List<Future<?>> f = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                f.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 50; i++) {
                        Interval b = box(r);
                        assertSameValues(Block.crop(whole, b).data(), open.read(b).data(), "thread " + seed + " " + b);
                    }
                    return null;
                }));
            }
            for (Future<?> x : f) x.get();
        } finally {
            pool.shutdown();
        }
    }
}
