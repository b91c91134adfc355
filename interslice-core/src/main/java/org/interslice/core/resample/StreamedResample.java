package org.interslice.core.resample;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.impl.PlaneBlend;
import org.interslice.core.resample.impl.Store;
import org.interslice.core.resample.impl.WeightTable;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;

/**
 * Resampling without the whole output in memory: the output is computed block by block of z slices into
 * the buffers of a {@link SlabSink} (e.g. a file writer's ring), which consumes each block while later
 * ones are computed. Memory is the input plus the sink's buffers, not input + output (163 MB less for
 * ch2 to 0.3 mm), and nothing allocates, zeroes and page-faults the whole output before the first block.
 * Only where the values come out in z order without reading other output slices: the separable image
 * path with at most two z taps and no clamp ({@code impl.PlaneBlend}: linear and the like on a grid
 * along the input's axes); {@link #applies} says. The voxels equal {@link Resampler#resample} of the same
 * input and grid, bit for bit (the same kernel in the same order).
 */
public final class StreamedResample {
    private StreamedResample() {}

    /** True when {@link #run} can resample {@code in} onto {@code out} with {@code r}'s settings. */
    public static boolean applies(Resampler r, Volume in, Grid out) {
        ConfigResample c = r.config();
        if (in.isLabel() || c.interp.isLabel() || c.interp == Interp.NEAREST || r.isBSpline()) return false;
        if (c.clamp && c.interp == Interp.LANCZOS) return false;   // clamped overshoot: not this path
        Geometry g = in.geometry();
        if (Resampler.sameGrid(in.dims(), g, out) || !r.separable(g, out.geometry())) return false;
        WeightTable[] t = r.tables(in.dims(), g, out);
        return PlaneBlend.applies(t[2], outputType(r, in), new Store(0, false, 0, 0));
    }

    /**
     * Runs the kernel that {@link #run} would run for an input of type {@code type} on {@code in}'s grid
     * resampled onto {@code out}'s spacing, on a small synthetic input (a few hundred thousand output
     * voxels, twice), and discards the result: the JIT then compiles the kernel's loops while the caller
     * still reads the real input, instead of the real run spending its first 0.1-0.3 s of CPU in the
     * interpreter and the JIT's first tiers (measured on ch2 to 0.3 mm: the first call of the linear
     * kernel costs 540-670 ms of CPU, later calls 310-330). Does nothing when {@link #run} would not apply.
     */
    public static void warmUp(Resampler r, PixelType type, Grid in, Grid out) {
        int[] n = {Math.min(in.nx(), 32), Math.min(in.ny(), 32), Math.min(in.nz(), 40)};
        Geometry g = in.geometry();
        if (g.sliceOrigins() != null) return;
        Volume v = Volume.allocate(type, n[0], n[1], n[2], g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 7 % 101);
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) m[a] = Math.max(2, (int) Math.ceil(n[a] * g.spacing(a) / out.geometry().spacing(a)));
        Grid small = new Grid(m[0], m[1], m[2], out.geometry());
        if (!applies(r, v, small)) return;
        Volume[] ring = new Volume[1];
        SlabSink discard = new SlabSink() {
            @Override
            public Volume buffer(int z0, int k) {
                if (ring[0] == null || ring[0].nz() != k) ring[0] = Volume.allocate(outputType(r, v), m[0], m[1], k, Geometry.identity());
                return ring[0];
            }

            @Override
            public void slabDone(Volume buffer, int z0) {
            }
        };
        // bands as the real run cuts them (a few per thread), so each kernel method is called often enough to be compiled
        try (Job job = Job.of(2, null)) {
            for (int k = 0; k < 2; k++) run(r, v, small, discard, job);
        }
    }

    /** The voxel type of the output of {@code in}: the configured one, else the input's. */
    public static PixelType outputType(Resampler r, Volume in) {
        return r.config().outputType != null ? r.config().outputType : in.type();
    }

    /**
     * Resamples {@code in} (not modified) onto {@code out}, handing blocks of output slices to {@code sink}
     * in z order.
     *
     * @throws IllegalArgumentException when {@link #applies} is false, or the memory estimate exceeds the limit
     */
    public static void run(Resampler r, Volume in, Grid out, SlabSink sink, Job job) {
        if (!applies(r, in, out)) throw new IllegalArgumentException("this resample cannot be streamed: " + r.config().interp + " onto " + out);
        r.checkMemory(in, out, job.threads());
        ConfigResample c = r.config();
        InputStats stats = InputStats.of(in, c);
        Store store = new Store((float) stats.defaultValue(c), false, (float) stats.min(), (float) stats.max());
        WeightTable[] t = r.tables(in.dims(), in.geometry(), out);
        // the rows of the whole grid, as the whole-volume path slices them
        for (int a = 0; a < 3; a++) t[a] = t[a].slice(0, out.size(a), 0);
        PlaneBlend.images(in, t[0], t[1], t[2], out.nx(), out.ny(), out.nz(), outputType(r, in), store, sink, job);
    }
}
