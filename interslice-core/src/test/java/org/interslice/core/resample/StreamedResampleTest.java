package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.interslice.core.exec.Job;
import org.interslice.core.exec.SlicesReady;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * Issue 22: {@link StreamedResample} computes the output block by block into a sink's buffers, never
 * holding it whole (linear and the like, nearest). Its voxels equal {@link Resampler#resample} of the same input and grid bit for bit
 * (that path is the one the scipy and ITK fixtures check), on any thread count, with buffers reused from a
 * small ring (stale values in a reused buffer must not leak into the output); it refuses what it cannot
 * stream.
 */
class StreamedResampleTest {
    /** A ring of at most {@code ring} buffers, each handed back at once; copies every block into a whole volume. */
    static final class Collector implements SlabSink {
        final Volume whole;
        final int ring;
        final ArrayDeque<Volume> free = new ArrayDeque<>();
        final Set<Object> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        int next, blocks;

        Collector(Volume whole, int ring) {
            this.whole = whole;
            this.ring = ring;
        }

        @Override
        public Volume buffer(int z0, int n) {
            assertEquals(next, z0, "blocks asked in z order");
            Volume b = free.poll();
            if (b == null || b.nz() != n) {
                b = Volume.allocate(whole.type(), whole.nx(), whole.ny(), n, Geometry.identity());
                // garbage where the resampler must write every voxel
                for (int i = 0; i < b.voxelCount(); i++) b.set(i, 77);
            }
            arrays.add(b.array());
            return b;
        }

        @Override
        public void slabDone(Volume b, int z0) {
            assertEquals(next, z0, "blocks handed back in z order, without gaps");
            int slice = whole.nx() * whole.ny();
            System.arraycopy(b.array(), 0, whole.array(), z0 * slice, b.voxelCount());
            next = z0 + b.nz();
            blocks++;
            if (free.size() < ring) free.add(b);
        }
    }

    private static void check(String name, Volume in, Grid grid, ConfigResample config, int threads) {
        Resampler r = new Resampler(config);
        assertTrue(StreamedResample.applies(r, in, grid), name + " streams");
        Volume plain;
        try (Job job = Job.of(threads, null)) {
            plain = r.resample(in, grid, job);
        }
        Collector c = new Collector(Volume.allocate(StreamedResample.outputType(r, in), grid.nx(), grid.ny(), grid.nz(), grid.geometry()), 2);
        try (Job job = Job.of(threads, null)) {
            StreamedResample.run(r, in, grid, c, job);
        }
        assertEquals(grid.nz(), c.next, name + ": every slice given");
        assertEquals(plain.type(), c.whole.type(), name);
        assertArrayEquals(Volumes.values(plain), Volumes.values(c.whole), name + ": streamed values differ");
        // outputs above one block's 8 MB come in several
        if (grid.voxelCount() * plain.type().bytes > 9L << 20) assertTrue(c.blocks > 1, name + ": " + c.blocks + " block");
    }

    @Test
    void sameVoxelsAsAWholeResampleOnAnyThreadCount() {
        // 10 MB of uint8 and 42 MB of float output: several blocks of about 8 MB
        Volume bytes = Volumes.random(PixelType.UINT8, 64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 7);
        Volume shorts = Volumes.random(PixelType.INT16, 64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0), -1000, 3000, 8);
        Volume floats = Volumes.smooth(64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0));
        for (Volume in : new Volume[] {bytes, shorts, floats}) {
            // finer, and shifted so that outputs fall outside the input (the default value)
            Grid fine = Grid.of(in).withSpacing(new double[] {0.25, 0.25, 0.5}, false);
            for (int threads : new int[] {1, 3}) {
                check("linear " + in.type() + " " + threads, in, fine, new ConfigResample(Interp.LINEAR), threads);
                check("nearest " + in.type() + " " + threads, in, fine, new ConfigResample(Interp.NEAREST), threads);
                ConfigResample nearOff = new ConfigResample(Interp.NEAREST);
                nearOff.defaultValue = 5;
                check("nearest default 5 " + in.type() + " " + threads, in, shifted(fine), nearOff, threads);
                ConfigResample off = new ConfigResample(Interp.LINEAR);
                off.defaultValue = 5;
                check("linear default 5 " + in.type() + " " + threads, in, shifted(fine), off, threads);
            }
        }
        ConfigResample toFloat = new ConfigResample(Interp.LINEAR);
        toFloat.outputType = PixelType.FLOAT32;
        check("uint8 to float32", bytes, Grid.of(bytes).withSpacing(new double[] {0.3, 0.3, 0.9}, false), toFloat, 2);
        ConfigResample nearestToShort = new ConfigResample(Interp.NEAREST);
        nearestToShort.outputType = PixelType.INT16;
        check("nearest uint8 to int16", bytes, Grid.of(bytes).withSpacing(new double[] {0.3, 0.3, 0.9}, false), nearestToShort, 2);
    }

    /** The grid moved by a few voxels in x and y, so that part of it lies outside the input. */
    private static Grid shifted(Grid g) {
        double[] o = g.geometry().origin().clone();
        o[0] += 3.3;
        o[1] -= 2.1;
        Geometry s = Geometry.of(g.geometry().spacing().clone(), o, g.geometry().direction().clone());
        return new Grid(g.nx(), g.ny(), g.nz(), s);
    }

    @Test
    void warmingUpNeverFailsOnGridsItCannotOrCanStream() {
        Volume thin = Volumes.random(PixelType.INT16, 40, 3, 1, Volumes.axial(0.9, 1.1, 3, 5, -7, 2), -500, 500, 4);
        Volume big = Volumes.random(PixelType.UINT8, 64, 64, 50, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 5);
        for (Volume in : new Volume[] {thin, big}) {
            for (Interp i : new Interp[] {Interp.LINEAR, Interp.NEAREST, Interp.BSPLINE}) {
                Resampler r = new Resampler(new ConfigResample(i));
                Grid fine = Grid.of(in).withSpacing(new double[] {0.3, 0.3, 0.5}, false);
                StreamedResample.warmUp(r, in.type(), Grid.of(in), fine);
                // and the real run afterwards gives what a run without a warm-up gives
                if (StreamedResample.applies(r, in, fine)) check(i + " after a warm-up", in, fine, new ConfigResample(i), 2);
            }
        }
    }

    @Test
    void refusesWhatItCannotStream() {
        Volume in = Volumes.random(PixelType.UINT8, 16, 16, 8, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 9);
        Grid fine = Grid.of(in).withSpacing(new double[] {0.5, 0.5, 1}, false);
        for (Interp i : new Interp[] {Interp.BSPLINE, Interp.LANCZOS, Interp.LABEL_LINEAR, Interp.LABEL_NEAREST}) {
            ConfigResample c = new ConfigResample(i);
            c.allowImageInterpOnLabels = true;
            assertFalse(StreamedResample.applies(new Resampler(c), in, fine), i + " (B-spline, Lanczos: more than two z taps; labels)");
        }
        Resampler linear = new Resampler(new ConfigResample(Interp.LINEAR));
        assertFalse(StreamedResample.applies(linear, in.asLabel(true), fine), "labels");
        assertFalse(StreamedResample.applies(linear, in, Grid.of(in)), "the same grid: a copy");
        assertThrows(IllegalArgumentException.class, () -> StreamedResample.run(linear, in, Grid.of(in), new Collector(in, 1), Job.serial()));
    }

    /**
     * Item 3 of issue 22: a run on an input still being filled (as a file reader fills it) waits per block
     * for the slices that block reads. A filler releases the slices a few at a time, slowly, and slices not
     * yet released hold garbage: a block reading ahead of what has arrived would carry it into the output,
     * so equal voxels show the waits are right.
     */
    @Test
    void anInputArrivingInStepsGivesTheVoxelsOfTheWholeInput() throws Exception {
        Volume bytes = Volumes.random(PixelType.UINT8, 64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 17);
        Volume floats = Volumes.smooth(64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0));
        for (Volume in : new Volume[] {bytes, floats}) {
            Grid fine = Grid.of(in).withSpacing(new double[] {0.25, 0.25, 0.5}, false);
            for (int threads : new int[] {1, 3}) {
                for (int step : new int[] {1, 3}) {
                    ConfigResample linear = new ConfigResample(Interp.LINEAR);
                    linear.defaultValue = 5;
                    arriving("linear default 5 " + in.type() + " threads " + threads + " step " + step, in, shifted(fine), linear, threads, step);
                    ConfigResample nearest = new ConfigResample(Interp.NEAREST);
                    nearest.defaultValue = 0;
                    arriving("nearest " + in.type() + " threads " + threads + " step " + step, in, fine, nearest, threads, step);
                    // no default value configured, but every output voxel inside the input: the minimum is never used
                    arriving("linear inside " + in.type() + " threads " + threads + " step " + step, in, inside(in, 0.3), new ConfigResample(Interp.LINEAR), threads, step);
                }
            }
        }
    }

    /** The grid of {@code spacing} (in-plane and z) that lies wholly inside {@code in}'s box. */
    private static Grid inside(Volume in, double spacing) {
        Geometry g = in.geometry();
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) n[a] = (int) Math.floor((in.dims()[a] - 1) * g.spacing(a) / spacing);
        Grid grid = new Grid(n[0], n[1], n[2], Geometry.of(new double[] {spacing, spacing, spacing}, g.indexToWorld(0, 0, 0, new double[3]), g.direction()));
        assertTrue(StreamedResample.startsBeforeVoxels(new Resampler(new ConfigResample(Interp.LINEAR)), in, grid), "the grid lies inside the input");
        return grid;
    }

    private static void arriving(String name, Volume in, Grid grid, ConfigResample config, int threads, int step) throws Exception {
        Resampler r = new Resampler(config);
        assertTrue(StreamedResample.startsBeforeVoxels(r, in, grid), name + " starts before the voxels");
        Volume plain;
        try (Job job = Job.of(threads, null)) {
            plain = r.resample(in, grid, job);
        }
        Volume live = Volume.allocate(in.type(), in.nx(), in.ny(), in.nz(), in.geometry());
        for (int i = 0; i < live.voxelCount(); i++) live.set(i, 201);   // garbage until a slice is released
        SlicesReady ready = new SlicesReady(in.nz());
        int slice = in.nx() * in.ny();
        Thread filler = new Thread(() -> {
            try {
                for (int z = 0; z < in.nz(); z += step) {
                    int end = Math.min(in.nz(), z + step);
                    System.arraycopy(in.array(), z * slice, live.array(), z * slice, (end - z) * slice);
                    Thread.sleep(2);
                    ready.publish(end);
                }
            } catch (InterruptedException e) {
                ready.fail(e);
            }
        });
        filler.start();
        Collector c = new Collector(Volume.allocate(StreamedResample.outputType(r, in), grid.nx(), grid.ny(), grid.nz(), grid.geometry()), 2);
        try (Job job = Job.of(threads, null)) {
            StreamedResample.run(r, live, grid, c, job, ready);
        }
        filler.join();
        assertEquals(grid.nz(), c.next, name + ": every slice given");
        assertArrayEquals(Volumes.values(plain), Volumes.values(c.whole), name + ": values differ from the whole input's");
    }

    @Test
    void aFailedReadStopsTheRunWithItsErrorAndWholeInputDecisionsAreRefused() {
        Volume in = Volumes.random(PixelType.UINT8, 32, 32, 20, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 19);
        Grid fine = Grid.of(in).withSpacing(new double[] {0.5, 0.5, 1}, false);
        ConfigResample c = new ConfigResample(Interp.LINEAR);
        c.defaultValue = 0;
        SlicesReady ready = new SlicesReady(in.nz());
        ready.publish(4);
        RuntimeException cut = new IllegalStateException("truncated");
        Thread t = new Thread(() -> ready.fail(cut));
        t.start();
        Collector sink = new Collector(Volume.allocate(in.type(), fine.nx(), fine.ny(), fine.nz(), fine.geometry()), 2);
        RuntimeException e = assertThrows(RuntimeException.class, () -> StreamedResample.run(new Resampler(c), in, fine, sink, Job.serial(), ready));
        assertTrue(e == cut, "the reader's own exception: " + e);
        assertTrue(sink.next < fine.nz(), "not every block was computed");
        // no default value and a grid reaching outside the input: its minimum is needed first
        Resampler noDefault = new Resampler(new ConfigResample(Interp.LINEAR));
        assertFalse(StreamedResample.startsBeforeVoxels(noDefault, in, shifted(fine)));
        assertThrows(IllegalArgumentException.class, () -> StreamedResample.run(noDefault, in, shifted(fine), sink, Job.serial(), new SlicesReady(in.nz())));
    }
}
