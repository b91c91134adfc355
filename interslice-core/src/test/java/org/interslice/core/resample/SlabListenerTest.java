package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 3: {@link Resampler#resample(Volume, Grid, SlabListener, Job)} tells a listener, in z
 * order, which output slices are final, so that a writer can stream them while later ones are computed.
 * The values equal those of a run without a listener bit for bit, every reported slice keeps its value to
 * the end, and the separable nearest and linear paths report in several blocks (not once at the end).
 */
class SlabListenerTest {
    /** Records the reported ranges and a copy of each slab's values at the time it was reported. */
    static final class Recorder implements SlabListener {
        final List<int[]> ranges = new ArrayList<>();
        double[] snapshot;

        @Override
        public void slabDone(Volume out, int z0, int z1) {
            if (snapshot == null) snapshot = new double[out.voxelCount()];
            int slice = out.nx() * out.ny();
            for (int i = z0 * slice; i < z1 * slice; i++) snapshot[i] = out.get(i);
            ranges.add(new int[] {z0, z1});
        }
    }

    private static void check(String name, Volume in, Grid grid, ConfigResample config, boolean streamed) {
        Volume plain = new Resampler(config).resample(in, grid, Job.serial());
        Recorder rec = new Recorder();
        Volume told;
        try (Job job = Job.of(2, null)) {
            told = new Resampler(config).resample(in, grid, rec, job);
        }
        assertArrayEquals(Volumes.values(plain), Volumes.values(told), name + ": values differ with a listener");
        assertArrayEquals(Volumes.values(told), rec.snapshot, name + ": a slice changed after it was reported");
        int next = 0;
        for (int[] r : rec.ranges) {
            assertEquals(next, r[0], name + ": ranges out of order");
            assertTrue(r[1] > r[0], name);
            next = r[1];
        }
        assertEquals(told.nz(), next, name + ": not every slice was reported");
        if (streamed) assertTrue(rec.ranges.size() > 1, name + ": reported once at the end, not in blocks (" + rec.ranges.size() + ")");
        else assertEquals(1, rec.ranges.size(), name);
    }

    @Test
    void nearestAndLinearReportInBlocksWithTheSameValues() {
        // outputs of 10 MB (uint8) and 42 MB (float): several blocks of about 8 MB
        Volume bytes = Volumes.random(PixelType.UINT8, 64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0), 0, 255, 7);
        Volume floats = Volumes.smooth(64, 64, 20, Volumes.axial(1, 1, 4, 0, 0, 0));
        for (Volume in : new Volume[] {bytes, floats}) {
            Grid fine = Grid.of(in).withSpacing(new double[] {0.25, 0.25, 0.5}, false);
            for (Interp interp : new Interp[] {Interp.NEAREST, Interp.LINEAR, Interp.LANCZOS})
                check(interp + " " + in.type(), in, fine, new ConfigResample(interp), true);
        }
    }

    @Test
    void otherPathsReportOnceAtTheEndWithTheSameValues() {
        for (ConcurrentResampleTest.Case c : ConcurrentResampleTest.cases()) {
            boolean separableImage = !c.config().interp.isLabel() && c.config().interp != Interp.BSPLINE && !c.config().forceGeneralPath
                    && !c.name().contains("oblique");
            if (!separableImage) check(c.name(), c.input(), c.grid(), c.config(), false);
        }
    }
}
