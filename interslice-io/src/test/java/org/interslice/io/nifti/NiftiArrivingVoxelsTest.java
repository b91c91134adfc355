package org.interslice.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.SlicesReady;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.ReadOptions;
import org.interslice.io.WriteOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReadOptions#onVoxels} (issue 22 item 3, reading overlapping compute): the NIfTI reader hands out
 * the volume it fills before filling it, and every slice it counts as read already holds its final value;
 * a read that fails fails the count with its own exception; a label map (its volume is a view) is not
 * handed out.
 */
class NiftiArrivingVoxelsTest {
    @TempDir
    Path dir;

    /** int16, 64 x 64 x 200: 1.6 MB of voxels, read in two chunks of the reader. */
    private static Volume source() {
        Volume v = Volume.allocate(PixelType.INT16, 64, 64, 200, Geometry.of(new double[] {0.5, 0.5, 1.5}, new double[] {1, 2, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 31 + i / 4096 * 7) % 3001 - 1000);
        return v;
    }

    private Path write(Volume v, String name) {
        Path p = dir.resolve(name);
        Formats.write(v, p, WriteOptions.defaults());
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.nii", "a.nii.gz", "a.hdr"})
    void slicesCountedAsReadHoldTheirFinalValues(String name) throws Exception {
        Volume src = source();
        Path p = write(src, name);
        ReadOptions o = ReadOptions.defaults();
        AtomicReference<Volume> handed = new AtomicReference<>();
        AtomicInteger wrong = new AtomicInteger(), checked = new AtomicInteger();
        Thread[] watcher = new Thread[1];
        o.onVoxels = (v, ready) -> {
            handed.set(v);
            assertEquals(src.nz(), ready.total());
            // a consumer on another thread: each slice, once counted, equals the file's
            watcher[0] = new Thread(() -> {
                int slice = v.nx() * v.ny();
                for (int z = 1; z <= v.nz(); z++) {
                    ready.await(z);
                    for (int i = (z - 1) * slice; i < z * slice; i++) if (v.get(i) != src.get(i)) wrong.incrementAndGet();
                    checked.incrementAndGet();
                }
            });
            watcher[0].start();
        };
        Volume read = Formats.read(p, o);
        watcher[0].join();
        assertSame(handed.get(), read, "the volume handed out is the one returned");
        assertEquals(src.nz(), checked.get());
        assertEquals(0, wrong.get(), "voxels of counted slices that differed from the file's");
        assertArrayEquals((short[]) src.array(), (short[]) read.array());
    }

    @org.junit.jupiter.api.Test
    void aCutGzipFailsTheCountWithTheReadersOwnErrorAndLabelMapsAreNotHandedOut() throws Exception {
        Path p = write(source(), "cut.nii.gz");
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
        ReadOptions o = ReadOptions.defaults();
        AtomicReference<SlicesReady> count = new AtomicReference<>();
        o.onVoxels = (v, ready) -> count.set(ready);
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p, o));
        assertTrue(count.get() != null, "handed out before the cut was found");
        RuntimeException seen = assertThrows(RuntimeException.class, () -> count.get().await(200));
        assertSame(e, seen, "waiters get the reader's exception");

        Path labels = write(source().asLabel(true), "labels.nii");
        ReadOptions l = ReadOptions.defaults();
        AtomicReference<Volume> handed = new AtomicReference<>();
        l.onVoxels = (v, ready) -> handed.set(v);
        assertTrue(Formats.read(labels, l).isLabel());
        assertNull(handed.get(), "a label map's volume is a view of the one read: not handed out");
    }
}
