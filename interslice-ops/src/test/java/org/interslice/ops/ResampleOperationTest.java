package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Interp;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResampleOperationTest {
    static Path image(Path dir, String name) {
        Volume v = Volume.allocate(PixelType.INT16, 12, 10, 6, Geometry.of(new double[] {1, 1, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 37) % 1000 - 200);
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    static Path labels(Path dir, String name) {
        Volume v = Volume.allocate(PixelType.UINT8, 12, 10, 6, Geometry.of(new double[] {1, 1, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int z = 0; z < 6; z++) for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) v.set(v.index(x, y, z), x < 6 ? 0 : y < 5 ? 3 : 7);
        Path p = dir.resolve(name);
        Formats.write(v.asLabel(true), p);
        return p;
    }

    @Test
    void planWritesNothingAndRunWritesOutputAndMasks(@TempDir Path dir) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = image(dir, "in.nii");
        c.output = dir.resolve("out.nii.gz");
        c.spacingMm = new double[] {0.5, 0.5, 0.5};
        c.masks.add(new ConfigResampleOp.Mask(labels(dir, "lab.nii"), dir.resolve("lab-out.nrrd")));
        ResampleOperation op = new ResampleOperation(c);
        ResampleOperation.Plan plan = op.plan(Job.serial());
        assertArrayEquals(new int[] {24, 20, 36}, plan.target().dims());
        assertEquals(Interp.LINEAR, plan.interp());
        assertFalse(Files.exists(c.output));
        ResampleOperation.Result r = op.run(plan, Job.serial());
        assertEquals(2, r.written().size());
        assertEquals("output", r.written().get(0).role());
        assertEquals("mask", r.written().get(1).role());
        assertArrayEquals(plan.target().dims(), Formats.read(c.masks.get(0).output()).dims());
        assertTrue(r.written().get(0).bytesOnDisk() > 0);
        assertThrows(IllegalStateException.class, () -> op.run(plan, Job.serial()), "a plan runs once");
    }

    /**
     * A crop reads only the input region it needs; label-gaussian then takes the most common label of the whole
     * input (0 here) from the streamed pass, not the region's (7 in the cropped corner), as block mode does.
     */
    @Test
    void cropWithLabelGaussianTakesTheWholeInputsMostCommonLabel(@TempDir Path dir) {
        Volume v = Volume.allocate(PixelType.UINT8, 30, 30, 8, Geometry.of(new double[] {1, 1, 3}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int z = 0; z < 8; z++) for (int y = 0; y < 30; y++) for (int x = 0; x < 30; x++)
            v.set(v.index(x, y, z), x < 10 && y < 10 ? ((x + y) % 3 == 0 ? 3 : 7) : (x + 2 * y) % 11 == 0 ? 3 : 0);
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = dir.resolve("lab.nii");
        Formats.write(v.asLabel(true), c.input);
        c.output = dir.resolve("out.nii");
        c.spacingMm = new double[] {0.5, 0.5, 1};
        c.crop = new double[] {0, 12, 0, 12, 0, 10};
        c.labelInterp = Interp.LABEL_GAUSSIAN;
        ResampleOperation.Plan plan = new ResampleOperation(c).plan(Job.serial());
        assertTrue(plan.region() != null && plan.region().nx() <= 12 && plan.region().ny() <= 12, "only the corner is read: " + plan.region());
        assertEquals(Interp.LABEL_GAUSSIAN, plan.interp());
        assertEquals(0, plan.engine().backgroundLabel, "the whole input's most common label");
        // the region read: its own most common label is 7, the resampler takes 0
        org.interslice.core.block.Interval box = plan.region();
        Volume region = Volume.allocate(PixelType.UINT8, box.nx(), box.ny(), box.nz(), v.geometry()).asLabel(true);
        for (int z = 0; z < box.nz(); z++) for (int y = 0; y < box.ny(); y++) for (int x = 0; x < box.nx(); x++)
            region.set(region.index(x, y, z), v.get(v.index(box.x0() + x, box.y0() + y, box.z0() + z)));
        assertEquals(7, org.interslice.core.resample.LabelCounts.of(region));
        assertEquals(0, org.interslice.core.resample.InputStats.of(region, plan.engine()).background());
    }

    /** --pyramid deeper than the output grid halves is refused by plan (before resampling), naming the output, as for a mask output. */
    @Test
    void tooDeepPyramidIsRefusedBeforeWork(@TempDir Path dir) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = image(dir, "in.nii");
        c.output = dir.resolve("out.ome.zarr");
        c.spacingMm = new double[] {1, 1, 1};
        c.write.pyramidLevels = 9;
        IntersliceException e = assertThrows(IntersliceException.class, () -> new ResampleOperation(c).plan(Job.serial()));
        assertEquals(c.output, e.file());
        assertTrue(e.getMessage().contains("ask for at most") && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(c.output));
        c.output = dir.resolve("out.nii");
        c.write.pyramidLevels = 0;
        c.masks.add(new ConfigResampleOp.Mask(labels(dir, "lab.nii"), dir.resolve("lab.ome.zarr")));
        new ResampleOperation(c).plan(Job.serial());   // no levels asked: fine
    }

    /** A mask that cannot be read fails the run with nothing written: the output appears only with its masks. */
    @Test
    void anUnreadableMaskLeavesNoOutput(@TempDir Path dir) throws Exception {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = image(dir, "in.nii");
        c.output = dir.resolve("out.nii");
        c.spacingMm = new double[] {1, 1, 1};
        Path lab = labels(dir, "lab.nii.gz");
        byte[] b = Files.readAllBytes(lab);
        Files.write(lab, java.util.Arrays.copyOf(b, b.length - 40));
        c.masks.add(new ConfigResampleOp.Mask(lab, dir.resolve("lab-out.nii")));
        ResampleOperation op = new ResampleOperation(c);
        IntersliceException e = assertThrows(IntersliceException.class, () -> op.run(op.plan(Job.serial()), Job.serial()));
        assertEquals(lab, e.file());
        assertFalse(Files.exists(c.output), "no output without its masks");
        assertFalse(Files.exists(dir.resolve("lab-out.nii")));
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "only the two inputs: no temporary left");
        }
    }

    /** Issue 20 item 9: an explicit nearest on a label map is honoured (as label-nearest); the default is switched with a note naming --label-interp. */
    @Test
    void explicitNearestOnLabelsIsHonoured(@TempDir Path dir) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = labels(dir, "lab.nii");
        c.output = dir.resolve("o.nii");
        c.spacingMm = new double[] {0.7, 0.7, 0.7};
        c.interp = Interp.NEAREST;
        ResampleOperation.Plan p = new ResampleOperation(c).plan(Job.serial());
        assertEquals(Interp.LABEL_NEAREST, p.interp());
        assertTrue(p.notes().isEmpty(), p.notes().toString());
        c.interp = null;
        p = new ResampleOperation(c).plan(Job.serial());
        assertEquals(Interp.LABEL_LINEAR, p.interp());
        assertTrue(p.notes().get(0).contains("--label-interp"), p.notes().toString());
        c.interp = Interp.BSPLINE;
        p = new ResampleOperation(c).plan(Job.serial());
        assertEquals(Interp.LABEL_LINEAR, p.interp());
        assertTrue(p.notes().get(0).contains("instead of bspline") && p.notes().get(0).contains("--label-interp"), p.notes().toString());
    }

    /** Issue 20 item 2: a grid larger than one array is planned (for a dry run) and refused by a run with exit-1 type and advice. */
    @Test
    void hugeGridIsPlannedThenRefused(@TempDir Path dir) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = image(dir, "in.nii");
        c.output = dir.resolve("o.nii");
        c.spacingMm = new double[] {0.001, 0.001, 0.01};
        ResampleOperation op = new ResampleOperation(c);
        ResampleOperation.Plan p = op.plan(Job.serial());
        assertTrue(p.tooLarge());
        // streamed (.nii, linear): the estimate counts the ring's blocks of whole output slices, not the whole output
        assertTrue(p.streamed() && p.estimateBytes() > 4L * p.target().nx() * p.target().ny(), p.estimateBytes() + " bytes");
        IntersliceException e = assertThrows(IntersliceException.class, () -> op.run(p, Job.serial()));
        assertTrue(e.getMessage().contains("more than one volume holds") && e.getMessage().contains("--crop"), e.getMessage());
        assertFalse(Files.exists(c.output));
    }
}
