package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * {@link Interpolator#runSlices}: output slices computed slab by slab, each from only the measured slices
 * within the method's reach of its gaps, put together equal {@link Interpolator#run} of the whole stack
 * voxel for voxel, for every image and label method, a whole factor, a factor between measured slices, and
 * uneven positions; a stack missing a needed slice is refused.
 */
class RunSlicesTest {
    private static final Geometry G = Geometry.of(new double[] {0.7, 0.7, 3}, new double[] {-3, 7, 11}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    @Test
    void slabsEqualTheWholeRun() {
        Volume image = Volume.allocate(PixelType.INT16, 23, 19, 9, G), labels = Volume.allocate(PixelType.INT16, 23, 19, 9, G).asLabel(true);
        SplittableRandom r = new SplittableRandom(5);
        for (int z = 0; z < 9; z++) for (int y = 0; y < 19; y++) for (int x = 0; x < 23; x++) {
            double cx = 8 + 1.5 * z, d = Math.hypot(x - cx, y - 9);
            image.set(image.index(x, y, z), Math.rint(100 + (d < 5 + z % 3 ? 700 : 0) + r.nextInt(40)));
            labels.set(labels.index(x, y, z), d < 5 + z % 3 ? 2 : (x > 18 ? 1 : 0));
        }
        double[] uneven = {0, 2, 7, 8.5, 13, 18, 19, 26, 30};
        for (String method : SynthesisMethods.imageNames()) {
            for (ConfigInterpolate c : configs(method, uneven)) compare(image, c, method);
        }
        for (String method : SynthesisMethods.labelNames()) {
            for (ConfigInterpolate c : configs(method, uneven)) compare(labels, c, method);
        }
    }

    /**
     * A float32 stack of 48 slices, more than twice the longest reach (cubic's 18): slabs in the middle get a
     * window of the stack, and no rounding to an integer type hides a last-bit difference from the whole run.
     */
    @Test
    void slabsOfATallFloatStackEqualTheWholeRun() {
        int nz = 48;
        Volume image = Volume.allocate(PixelType.FLOAT32, 17, 13, nz, G);
        SplittableRandom r = new SplittableRandom(8);
        for (int z = 0; z < nz; z++) for (int y = 0; y < 13; y++) for (int x = 0; x < 17; x++)
            image.set(image.index(x, y, z), 100 + (Math.hypot(x - 5 - z % 7, y - 6) < 4 + z % 3 ? 700 : 0) + 40 * r.nextDouble());
        double[] uneven = new double[nz];
        for (int k = 1; k < nz; k++) uneven[k] = uneven[k - 1] + 2 + (k % 4) * 0.75;
        for (String method : SynthesisMethods.imageNames())
            for (ConfigInterpolate c : configs(method, uneven)) compare(image, c, method);
    }

    @Test
    void aStackMissingANeededSliceIsRefused() {
        Volume v = Volume.allocate(PixelType.FLOAT32, 5, 4, 6, G);
        Interpolator e = new Interpolator(config("linear", 3, null));
        SlicePlan plan = e.plan(v);
        Interpolator.Choice c = e.choose(v);
        Volume stack = crop(v, 2, 2);   // measured 2..3: output slices 3..5 lie in gaps 1 and 2
        assertThrows(IllegalArgumentException.class, () -> e.runSlices(stack, 2, plan, 3, 6, c, Job.serial()));
        assertEquals(3, e.runSlices(stack, 2, plan, 6, 9, c, Job.serial()).nz());
    }

    private static ConfigInterpolate[] configs(String method, double[] uneven) {
        return new ConfigInterpolate[] {config(method, 4, null), config(method, 2.5, null), config(method, 2, uneven)};
    }

    private static ConfigInterpolate config(String method, double factor, double[] positions) {
        ConfigInterpolate c = new ConfigInterpolate();
        c.method = method;
        c.factor = factor;
        c.positionsMm = positions;
        c.axis = 2;
        return c;
    }

    /** Whole run against slabs of 1 to 9 output slices, each from the measured slices its gaps reach. */
    private static void compare(Volume v, ConfigInterpolate config, String method) {
        Interpolator e = new Interpolator(config);
        Interpolator.Choice choice = e.choose(v);
        Volume whole = e.run(v, choice, Job.serial()).volume();
        SlicePlan plan = e.plan(v);
        int m = plan.measuredCount(), n = plan.size();
        int reach = choice.isLabel() ? SynthesisMethods.label(choice.method()).reach() : SynthesisMethods.image(choice.method()).reach();
        reach = Math.max(1, Math.min(m, reach));
        SplittableRandom r = new SplittableRandom(n);
        int plane = v.nx() * v.ny(), slabs = 0;
        for (int j0 = 0; j0 < n; slabs++) {
            int j1 = Math.min(n, j0 + 1 + r.nextInt(9));
            int w0 = Math.max(0, plan.gap(j0) - reach), w1 = Math.min(m - 1, plan.gap(j1 - 1) + 1 + reach);
            Volume slab = e.runSlices(crop(v, w0, w1 - w0 + 1), w0, plan, j0, j1, choice, Job.of(2, null));
            assertEquals(j1 - j0, slab.nz());
            for (int i = 0; i < slab.voxelCount(); i++) {
                double a = slab.get(i), b = whole.get(j0 * plane + i);
                if (Double.doubleToLongBits(a) != Double.doubleToLongBits(b))
                    throw new AssertionError(method + " " + plan + ": output slice " + (j0 + i / plane) + " differs in slab [" + j0 + ", " + j1 + "): " + a + " vs " + b);
            }
            j0 = j1;
        }
        assertTrue(slabs > 1);
    }

    /** Slices [z0, z0 + nz) of v as their own volume (geometry as given: only the plan places slices). */
    private static Volume crop(Volume v, int z0, int nz) {
        Volume c = Volume.allocate(v.type(), v.nx(), v.ny(), nz, v.geometry()).asLabel(v.isLabel());
        int plane = v.nx() * v.ny();
        for (int i = 0; i < plane * nz; i++) c.set(i, v.get(z0 * plane + i));
        return c;
    }
}
