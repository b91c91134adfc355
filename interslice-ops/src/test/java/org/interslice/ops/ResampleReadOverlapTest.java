package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Interp;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 3: a streamed resample computes while its NIfTI input is still read
 * ({@link ResampleOperation.Plan#readOverlaps}) only when the plan needs nothing of the whole input (an
 * image by --image or by its type, the value outside the input configured or never used, no clip scan);
 * otherwise it reads the whole input first. Either way the voxels equal those of the same resample
 * written as NRRD (never streamed, so read whole before computing), and a read that fails leaves no output.
 */
class ResampleReadOverlapTest {
    @TempDir
    Path dir;

    /** int16 96 x 80 x 60 (1.5 mm slices), smooth with noise: several output blocks at 0.5 x 0.5 x 0.75 mm. */
    private Path image(String name) {
        Volume v = Volume.allocate(PixelType.INT16, 96, 80, 60, Geometry.of(new double[] {1, 1, 1.5}, new double[] {-40, 10, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int z = 0; z < 60; z++)
            for (int y = 0; y < 80; y++)
                for (int x = 0; x < 96; x++) v.set(v.index(x, y, z), (int) (800 * Math.sin(x * 0.11) * Math.cos(y * 0.07 + z * 0.13)) + (x * 31 + y * 17 + z * 7) % 97 + 100);
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    /** uint8 with three values in blocks: looks like a label map unless --image says otherwise. */
    private Path labelLike(String name) {
        Volume v = Volume.allocate(PixelType.UINT8, 48, 40, 30, Geometry.of(new double[] {1, 1, 2}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int z = 0; z < 30; z++) for (int y = 0; y < 40; y++) for (int x = 0; x < 48; x++) v.set(v.index(x, y, z), x < 20 ? 0 : y < 15 ? 3 : 7);
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    private ConfigResampleOp config(Path in, String out, double[] spacing) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = in;
        c.output = dir.resolve(out);
        c.spacingMm = spacing;
        return c;
    }

    /** Runs {@code c} to its .nii output and to a .nrrd beside it (read whole); returns whether the .nii run overlapped its read. */
    private boolean sameAsWholeRead(ConfigResampleOp c, java.util.function.Consumer<ConfigResampleOp> options) {
        options.accept(c);
        ResampleOperation op = new ResampleOperation(c);
        boolean overlapped;
        try (Job job = Job.of(2, null)) {
            ResampleOperation.Plan plan = op.plan(job);
            overlapped = plan.readOverlaps();
            assertEquals(overlapped, plan.streamed() && overlapped, "only streamed runs overlap their read");
            op.run(plan, job);
        }
        ConfigResampleOp whole = config(c.input, c.output.getFileName() + ".nrrd", c.spacingMm);
        options.accept(whole);
        ResampleOperation wop = new ResampleOperation(whole);
        try (Job job = Job.of(2, null)) {
            ResampleOperation.Plan plan = wop.plan(job);
            assertFalse(plan.readOverlaps(), "NRRD output: not streamed, read whole");
            wop.run(plan, job);
        }
        Volume a = Formats.read(c.output), b = Formats.read(whole.output);
        assertEquals(b.type(), a.type());
        assertArrayEquals(b.dims(), a.dims());
        for (int i = 0; i < a.voxelCount(); i++) if (a.get(i) != b.get(i)) throw new AssertionError(c.output + ": voxel " + i + " is " + a.get(i) + ", read whole " + b.get(i));
        return overlapped;
    }

    @Test
    void computingWhileReadingGivesTheVoxelsOfAWholeRead() {
        double[] fine = {0.5, 0.5, 0.75};
        for (String in : new String[] {"img.nii", "img.nii.gz"}) {
            Path p = image(in);
            assertTrue(sameAsWholeRead(config(p, in + "-lin.nii", fine), c -> {
                c.forceImage = true;
                c.resample.defaultValue = -5;
            }), in + ": --image and --default-value: the plan needs no voxel");
            assertTrue(sameAsWholeRead(config(p, in + "-near.nii", fine), c -> {
                c.forceImage = true;
                c.interp = Interp.NEAREST;
                c.resample.defaultValue = 0;
                c.keepOrigin = true;
            }), in + ": nearest");
            assertTrue(sameAsWholeRead(config(p, in + "-f32.nii", fine), c -> {
                c.forceImage = true;
                c.resample.defaultValue = 0;
                c.resample.outputType = PixelType.FLOAT32;   // holds every int16: no clip scan
            }), in + ": to float32");
        }
    }

    @Test
    void whatNeedsTheWholeInputIsDecidedAfterReadingIt() {
        Path lab = labelLike("lab.nii.gz"), img = image("img.nii.gz");
        double[] fine = {0.5, 0.5, 0.9};
        // label-like, no --image, no --default-value, a grid reaching past the input: the label evidence and the minimum need every voxel
        assertFalse(sameAsWholeRead(config(lab, "lab-out.nii", fine), c -> { }), "label evidence");
        assertFalse(sameAsWholeRead(config(lab, "lab-img.nii", fine), c -> {
            c.forceImage = true;
            c.keepOrigin = true;   // the last output slices lie past the input's last: the minimum is their value
        }), "--image but no default value: the minimum");
        // the centred grid lies inside the input: the minimum would never be used
        assertTrue(sameAsWholeRead(config(lab, "lab-inside.nii", fine), c -> c.forceImage = true), "--image, a grid inside the input");
        assertFalse(sameAsWholeRead(config(img, "img-evidence.nii", fine), c -> c.resample.defaultValue = 0), "int16 without --image: label evidence");
        assertFalse(sameAsWholeRead(config(img, "img-clip.nii", fine), c -> {
            c.forceImage = true;
            c.resample.defaultValue = 0;
            c.resample.outputType = PixelType.UINT8;   // int16 values to uint8: the clip warning counts them
        }), "a clip scan");
    }

    @Test
    void aCutInputLeavesNoOutput() throws Exception {
        Path p = image("cut.nii.gz");
        byte[] b = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(b, b.length * 2 / 3));
        ConfigResampleOp c = config(p, "cut-out.nii", new double[] {0.5, 0.5, 0.75});
        c.forceImage = true;
        c.resample.defaultValue = 0;
        try (Job job = Job.of(2, null)) {
            assertThrows(IntersliceException.class, () -> new ResampleOperation(c).run(job));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(p), files.toList(), "nothing but the input left");
        }
    }
}
