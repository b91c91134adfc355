package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 3: a volume written slab by slab through {@link OverlappedWrite} is the same file, byte
 * for byte, as {@link Formats#write} of the finished volume, for every voxel type, for .nii and .nii.gz,
 * whatever the slab sizes (including the parallel gzip's 1 MiB blocks cut across slabs); formats that
 * need the whole volume say so; an unfinished write leaves nothing behind.
 */
class OverlappedWriteTest {
    @TempDir
    Path dir;

    private static Volume random(PixelType t, int nx, int ny, int nz, long seed) {
        Geometry g = Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {-101.25, 37.5, 12.125}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(t, nx, ny, nz, g);
        SplittableRandom r = new SplittableRandom(seed);
        double lo = t.integer ? t.min : -1e4, hi = t.integer ? t.max : 1e4;
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, lo + (hi - lo) * r.nextDouble());
        return v;
    }

    @Test
    void slabBySlabEqualsAWholeWriteForEveryTypeNiftiAndGzip() throws IOException {
        int[] slabs = {1, 3, 2, 7, 1, 5, 11, 100};
        for (String ext : new String[] {".nii", ".nii.gz"}) {
            for (PixelType t : PixelType.values()) {
                // 2.3 MB of float64: the gzip blocks (1 MiB) end inside slabs
                Volume v = random(t, 97, 61, 50, t.ordinal() + 1);
                Path whole = dir.resolve("whole-" + t + ext), slabbed = dir.resolve("slabbed-" + t + ext);
                WriteOptions o = WriteOptions.defaults();
                o.job = Job.of(2, null);
                Formats.write(v, whole, o);
                assertTrue(OverlappedWrite.streams(slabbed));
                try (OverlappedWrite w = new OverlappedWrite(slabbed, o)) {
                    int z = 0;
                    for (int i = 0; z < v.nz(); i++) {
                        int z1 = Math.min(v.nz(), z + slabs[i % slabs.length]);
                        w.slabDone(v, z, z1);
                        z = z1;
                    }
                    w.finish();
                }
                assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(slabbed), t + ext);
            }
        }
    }

    /** Slices [z0, z0 + b.nz()) of v copied into b. */
    private static void copySlices(Volume v, int z0, Volume b) {
        int slice = v.nx() * v.ny();
        System.arraycopy(v.array(), z0 * slice, b.array(), 0, b.voxelCount());
    }

    @Test
    void blocksThroughTheRingEqualAWholeWriteForEveryTypeNiftiAndGzip() throws IOException {
        int[] slabs = {1, 3, 2, 7, 1, 5, 11, 100};
        for (String ext : new String[] {".nii", ".nii.gz"}) {
            for (PixelType t : PixelType.values()) {
                Volume v = random(t, 97, 61, 50, t.ordinal() + 11);
                Path whole = dir.resolve("whole-" + t + ext), streamed = dir.resolve("streamed-" + t + ext);
                WriteOptions o = WriteOptions.defaults();
                o.job = Job.of(2, null);
                Formats.write(v, whole, o);
                VolumeHeader h = new VolumeHeader(v.nx(), v.ny(), v.nz(), t, v.geometry(), false);
                try (OverlappedWrite w = new OverlappedWrite(streamed, o, h)) {
                    int z = 0;
                    for (int i = 0; z < v.nz(); i++) {
                        int n = Math.min(v.nz() - z, slabs[i % slabs.length]);
                        Volume b = w.buffer(z, n);
                        assertEquals(n, b.nz());
                        copySlices(v, z, b);
                        w.slabDone(b, z);
                        z += n;
                    }
                    w.finish();
                }
                assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(streamed), t + ext);
            }
        }
    }

    @Test
    void buffersComeBackFromTheWriterSoMemoryStaysAtTheRing() throws IOException {
        Volume v = random(PixelType.INT16, 64, 48, 120, 7);
        Path out = dir.resolve("ring.nii");
        java.util.Set<Object> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (OverlappedWrite w = new OverlappedWrite(out, WriteOptions.defaults(), new VolumeHeader(64, 48, 120, PixelType.INT16, v.geometry(), false))) {
            for (int z = 0; z < 120; z += 4) {
                Volume b = w.buffer(z, 4);
                arrays.add(b.array());
                copySlices(v, z, b);
                w.slabDone(b, z);
            }
            w.finish();
        }
        assertTrue(arrays.size() <= OverlappedWrite.RING, arrays.size() + " buffers for 30 blocks");
        Path whole = dir.resolve("whole.nii");
        Formats.write(v, whole, WriteOptions.defaults());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(out));
    }

    @Test
    void aStreamedWriteLeftUnfinishedLeavesNoFile() throws IOException {
        Volume v = random(PixelType.UINT8, 20, 10, 8, 5);
        Path out = dir.resolve("cut.nii.gz");
        try (OverlappedWrite w = new OverlappedWrite(out, WriteOptions.defaults(), new VolumeHeader(20, 10, 8, PixelType.UINT8, v.geometry(), false))) {
            Volume b = w.buffer(0, 3);
            copySlices(v, 0, b);
            w.slabDone(b, 0);
            Volume c = w.buffer(4, 2);
            assertThrows(IllegalArgumentException.class, () -> w.slabDone(c, 4), "a gap between blocks");
            assertThrows(IllegalStateException.class, () -> w.slabDone(v, 3, 4), "a streamed write takes blocks, not slices of a whole");
            assertThrows(IllegalStateException.class, w::finish, "slices 3..8 never given");
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "neither the output nor a temporary remains");
        }
    }

    @Test
    void formatsThatNeedTheWholeVolumeSaySo() {
        for (String name : new String[] {"x.nrrd", "x.nhdr", "x.mha", "x.mhd", "x.hdr", "x.img.gz"}) {
            Path p = dir.resolve(name);
            assertFalse(OverlappedWrite.streams(p), name);
            assertThrows(IllegalArgumentException.class, () -> new OverlappedWrite(p, WriteOptions.defaults()), name);
        }
    }

    @Test
    void anUnfinishedWriteLeavesNoFile() throws IOException {
        Volume v = random(PixelType.INT16, 20, 10, 8, 3);
        Path out = dir.resolve("cut.nii");
        try (OverlappedWrite w = new OverlappedWrite(out, WriteOptions.defaults())) {
            w.slabDone(v, 0, 3);
            assertThrows(IllegalArgumentException.class, () -> w.slabDone(v, 4, 5), "a gap between slabs");
            assertThrows(IllegalStateException.class, w::finish, "slices 3..8 never given");
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "neither the output nor a temporary remains");
        }
    }
}
