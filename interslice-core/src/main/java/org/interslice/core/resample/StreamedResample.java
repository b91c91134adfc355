package org.interslice.core.resample;

import org.interslice.core.exec.Job;
import org.interslice.core.exec.SlicesReady;
import org.interslice.core.resample.impl.PlaneBlend;
import org.interslice.core.resample.impl.SeparableResampler;
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
 * Only where the values come out in z order without reading other blocks' slices: the separable image
 * paths of nearest (a gather) and of at most two z taps without a clamp ({@code impl.PlaneBlend}: linear
 * and the like), on a grid along the input's axes; {@link #applies} says. The voxels equal {@link Resampler#resample} of the same
 * input and grid, bit for bit (the same kernel in the same order).
 */
public final class StreamedResample {
    private StreamedResample() {}

    /** True when {@link #run} can resample {@code in} onto {@code out} with {@code r}'s settings. */
    public static boolean applies(Resampler r, Volume in, Grid out) {
        ConfigResample c = r.config();
        if (in.isLabel() || c.interp.isLabel() || r.isBSpline()) return false;
        if (c.clamp && c.interp == Interp.LANCZOS) return false;   // clamped overshoot: not this path
        Geometry g = in.geometry();
        if (Resampler.sameGrid(in.dims(), g, out) || !r.separable(g, out.geometry())) return false;
        if (gathers(r, in)) return true;
        WeightTable[] t = r.tables(in.dims(), g, out);
        return PlaneBlend.applies(t[2], outputType(r, in), new Store(0, false, 0, 0));
    }

    /** Nearest neighbour into the input's own type: a gather ({@link SeparableResampler#nearest}), as the whole-volume path does it. */
    private static boolean gathers(Resampler r, Volume in) {
        return r.config().interp == Interp.NEAREST && outputType(r, in) == in.type();
    }

    /**
     * Runs the kernel that {@link #run} would run for an input of type {@code type} on {@code in}'s grid
     * resampled onto {@code out}'s spacing, on a small synthetic input (a few hundred thousand output
     * voxels, three times), and discards the result: the JIT then compiles the kernel's loops while the caller
     * still reads the real input, instead of the real run spending its first 0.1-0.3 s of CPU in the
     * interpreter and the JIT's first tiers (measured on ch2 to 0.3 mm: the first call of the linear
     * kernel costs 540-670 ms of CPU, later calls 310-330). Does nothing when {@link #run} would not apply.
     *
     * <p>The input is narrow (16 x 16) and long (up to 120 slices): what brings a method to the JIT's
     * optimising tier is how often it is called (per row, per input slice and band, per output slice and
     * band), not how many voxels it computes; with 40 slices the per-slice methods ({@code PlaneBlend}'s
     * xy pass) reached only C1 before the real run, whose first blocks then compiled them three times
     * more (as on-stack replacements and whole), 50-80 ms of the C2 thread while the kernel ran.
     */
    public static void warmUp(Resampler r, PixelType type, Grid in, Grid out) {
        int[] n = {Math.min(in.nx(), 16), Math.min(in.ny(), 16), Math.min(in.nz(), 120)};   // see above: narrow and long
        Geometry g = in.geometry();
        if (g.sliceOrigins() != null) return;
        Volume v = Volume.allocate(type, n[0], n[1], n[2], g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 7 % 101);
        // two grids of the output's spacing and direction: one inside the input, one reaching a voxel past it on
        // every side, so that both the paths for rows inside and for outputs outside the input are run (and
        // profiled) before the real run: no deoptimisation there
        Geometry o = out.geometry();
        int[] m = new int[3], k = new int[3];
        for (int a = 0; a < 3; a++) {
            m[a] = Math.max(2, (int) Math.ceil(n[a] * g.spacing(a) / o.spacing(a))) + 2;
            k[a] = Math.max(1, (int) Math.floor((n[a] - 1) * g.spacing(a) / o.spacing(a)));
        }
        Grid outside = new Grid(m[0], m[1], m[2], Geometry.of(o.spacing(), o.indexToWorld(-1, -1, -1, new double[3]), o.direction()));
        Grid inside = new Grid(k[0], k[1], k[2], Geometry.of(o.spacing(), g.indexToWorld(0, 0, 0, new double[3]), o.direction()));
        if (!applies(r, v, outside) || !applies(r, v, inside)) return;
        // bands as the real run cuts them (a few per thread), so each kernel method is called often enough to be compiled
        try (Job job = Job.of(2, null)) {
            PixelType t = outputType(r, v);
            run(r, v, inside, discard(t, inside), job);
            run(r, v, outside, discard(t, outside), job);
            run(r, v, inside, discard(t, inside), job);
        }
    }

    /** {@code sink}, asked for a block's buffer only once the input slices that block reads have arrived. */
    private static SlabSink waiting(SlabSink sink, WeightTable tz, SlicesReady arriving) {
        return new SlabSink() {
            @Override
            public Volume buffer(int z0, int n) {
                int[] reads = tz.reads(z0, n);
                if (reads != null) arriving.await(reads[1]);
                return sink.buffer(z0, n);
            }

            @Override
            public void slabDone(Volume buffer, int z0) {
                sink.slabDone(buffer, z0);
            }

            @Override
            public int maxBuffers() {
                return sink.maxBuffers();
            }
        };
    }

    /** A sink that drops every block: one buffer, reused while blocks have its size. */
    private static SlabSink discard(PixelType type, Grid g) {
        return new SlabSink() {
            private Volume buffer;

            @Override
            public Volume buffer(int z0, int n) {
                if (buffer == null || buffer.nz() != n) buffer = Volume.allocate(type, g.nx(), g.ny(), n, Geometry.identity());
                return buffer;
            }

            @Override
            public void slabDone(Volume b, int z0) {
            }
        };
    }

    /** The voxel type of the output of {@code in}: the configured one, else the input's. */
    public static PixelType outputType(Resampler r, Volume in) {
        return r.config().outputType != null ? r.config().outputType : in.type();
    }

    /**
     * Estimated peak heap of {@link #run} of {@code in} onto {@code out} on {@code threads} threads into a sink
     * holding at most {@code buffers} block buffers ({@link SlabSink#maxBuffers}): the input, the buffers (each
     * a block of output slices, as the kernels cut them; no more than there are blocks) and the kernel's work space (planes of the linear
     * path, anti-aliasing kernels, weight tables); not the whole output, which never exists. Only meaningful
     * where {@link #applies} holds (whole-volume runs: {@link Resampler#estimatePeakBytes(Volume, Grid, int)}).
     */
    public static long estimatePeakBytes(Resampler r, Volume in, Grid out, int threads, int buffers) {
        if (threads < 1 || buffers < 1) throw new IllegalArgumentException("threads = " + threads + ", buffers = " + buffers + " must be at least 1");
        ConfigResample c = r.config();
        long slice = (long) out.nx() * out.ny() * outputType(r, in).bytes;
        int per = SeparableResampler.blockSlices(slice, threads, out.nz());
        long blocks = (out.nz() + per - 1L) / per;   // never more buffers than blocks
        long bytes = in.sizeBytes() + Math.min(buffers, blocks) * per * slice + 16L * (out.nx() + out.ny() + out.nz());   // tables: an index and a weight per output row
        if (gathers(r, in)) return bytes;
        if (c.antialias) bytes += Resampler.antialiasBytes(in, out, true);
        WeightTable ty = r.tables(in.dims(), in.geometry(), out)[1];
        return bytes + PlaneBlend.scratchBytes(in.nx(), in.ny(), out.nx(), out.ny(), ty.taps, threads);
    }

    /**
     * Resamples {@code in} (not modified) onto {@code out}, handing blocks of output slices to {@code sink}
     * in z order.
     *
     * @throws IllegalArgumentException when {@link #applies} is false, or the memory estimate exceeds the limit
     */
    public static void run(Resampler r, Volume in, Grid out, SlabSink sink, Job job) {
        run(r, in, out, sink, job, null);
    }

    /**
     * True when {@link #run} can start on an input whose voxels are still arriving ({@link SlicesReady}):
     * it {@link #applies} and needs nothing of the whole input before the kernel, that is the value
     * outside the input is configured or never used (every output voxel lies inside the input box; then
     * the minimum it would be is never computed). Decided from the input's size, type and geometry alone.
     */
    public static boolean startsBeforeVoxels(Resampler r, Volume in, Grid out) {
        if (!applies(r, in, out)) return false;
        if (!Double.isNaN(r.config().defaultValue)) return true;
        for (WeightTable t : r.tables(in.dims(), in.geometry(), out))
            if (t.lo != 0 || t.hi != t.nOut) return false;
        return true;
    }

    /**
     * {@link #run(Resampler, Volume, Grid, SlabSink, Job)} of an input still being filled in z order by another
     * thread: each block of output slices waits until the input slices its kernel reads have arrived
     * ({@code arriving}; null: {@code in} is whole). Same values as a run on the whole input: a block reads
     * only slices its z table names ({@link WeightTable#reads}), and those hold their final values then.
     *
     * @throws IllegalArgumentException when {@code arriving} is given but {@link #startsBeforeVoxels} is false
     */
    public static void run(Resampler r, Volume in, Grid out, SlabSink sink, Job job, SlicesReady arriving) {
        if (arriving != null && !startsBeforeVoxels(r, in, out))
            throw new IllegalArgumentException("this resample needs the whole input before it starts: " + r.config().interp + " onto " + out);
        if (arriving != null && arriving.total() != in.nz())
            throw new IllegalArgumentException(arriving.total() + " arriving slices for an input of " + in.nz());
        if (!applies(r, in, out)) throw new IllegalArgumentException("this resample cannot be streamed: " + r.config().interp + " onto " + out);
        long est = estimatePeakBytes(r, in, out, job.threads(), sink.maxBuffers()), limit = r.memoryLimit();
        if (est > limit)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "estimated peak memory %d MB (input %d MB, streamed) exceeds the limit of %d MB",
                    est >> 20, in.sizeBytes() >> 20, limit >> 20));
        ConfigResample c = r.config();
        // arriving: the default value is configured or never used, so the whole input's range is not needed
        InputStats stats = arriving != null ? new InputStats(Double.NaN, Double.NaN, 0) : InputStats.of(in, c);
        Store store = new Store((float) stats.defaultValue(c), false, (float) stats.min(), (float) stats.max());
        WeightTable[] t = r.tables(in.dims(), in.geometry(), out);
        // the rows of the whole grid, as the whole-volume path slices them
        for (int a = 0; a < 3; a++) t[a] = t[a].slice(0, out.size(a), 0);
        if (arriving != null) sink = waiting(sink, t[2], arriving);
        if (gathers(r, in)) {
            Volume fill = Volume.allocate(in.type(), 1, 1, 1, Geometry.identity());
            fill.set(0, stats.defaultValue(c));
            SeparableResampler.nearest(in, t[0], t[1], t[2], out.nz(), fill, sink, job);
            return;
        }
        PlaneBlend.images(in, t[0], t[1], t[2], out.nx(), out.ny(), out.nz(), outputType(r, in), store, sink, job);
    }
}
