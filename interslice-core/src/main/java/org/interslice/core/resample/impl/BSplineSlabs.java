package org.interslice.core.resample.impl;

import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * B-spline resampling on the separable path without a coefficient copy of the whole input: output
 * slices are taken in blocks whose z taps span at most {@link #blockSlices} coefficient slices, and
 * each block's coefficients are computed into one reused slab by {@link BSplineCoefficients#slab}
 * (exact in plane, z prefilter on a window with warm-up). Peak memory is input + output + one slab
 * (about 4 x warm-up slices of the padded input plane: 52 for cubic) instead of input + output + a
 * float copy of the input; the price is the in-plane prefilter of the warm-up slices, done twice.
 *
 * <p>A thin volume (the phantom: 28 slices) would need every slice in each slab, i.e. the whole
 * coefficient volume; it is then done in bands of output rows instead, each from
 * {@link BSplineCoefficients#band} (all slices, a window of rows: about 30 padded rows for cubic).
 */
public final class BSplineSlabs {
    private BSplineSlabs() {}

    /** Output slices or rows [outFrom, outTo) and the coefficient slices or rows [from, to) they read. */
    private record Span(int outFrom, int outTo, int from, int to) {
    }

    /** Coefficient slices one block may span: twice the warm-up, at least 8. */
    static int blockSlices(int order) {
        return Math.max(8, 2 * BSplineCoefficients.warmup(order));
    }

    /** Bytes of the reused slab for an input of nx x ny x nz. */
    public static long slabBytes(int nx, int ny, int nz, int order, Boundary boundary) {
        int pz = nz + 2 * BSplineCoefficients.PAD;
        int b = Math.min(pz, blockSlices(order) + 8);   // a block spans up to blockSlices + taps
        int s = 0;
        for (int a = 0; a < pz; a += Math.max(1, b / 2)) s = Math.max(s, BSplineCoefficients.slabSlices(nz, order, boundary, a, Math.min(pz, a + b)));
        long px = nx + 2 * BSplineCoefficients.PAD, py = ny + 2 * BSplineCoefficients.PAD;
        if (useBands(s, nz, pz, (int) py, order)) return 4L * px * bandRows(order, (int) py) * pz;
        return 4L * px * py * s;
    }

    /** Coefficient rows of one y band: a block's span plus the taps, at most the padded height. */
    static int bandRows(int order, int py) {
        return Math.min(py, blockSlices(order) + order + 1);
    }

    /**
     * y bands instead of z slabs when a slab holds every input slice (a thin volume: the slab is the
     * whole coefficient volume, made again for each block) and a band is at most half its size.
     */
    static boolean useBands(int slabSlices, int nz, int pz, int py, int order) {
        return slabSlices >= nz && 2L * bandRows(order, py) * pz <= (long) py * slabSlices;
    }

    /**
     * Resamples in into out (all voxels written); tables index the padded coefficients (built with pad
     * {@link BSplineCoefficients#PAD}). Other arguments as in {@link SeparableResampler#images}.
     */
    public static void images(Volume in, int order, Boundary boundary, WeightTable tx, WeightTable ty, WeightTable tz, Volume out,
                              Store store, Job job) {
        final int nzo = out.nz(), nz = in.nz();
        final int px = in.nx() + 2 * BSplineCoefficients.PAD, py = in.ny() + 2 * BSplineCoefficients.PAD;
        final int limit = blockSlices(order);
        // blocks of output slices [outFrom, outTo) needing coefficient slices [from, to)
        java.util.List<Span> blocks = new java.util.ArrayList<>();
        int slabs = 1;
        for (int zo = 0; zo < nzo; ) {
            int z0 = zo, a = Integer.MAX_VALUE, b = Integer.MIN_VALUE;
            for (; zo < nzo; zo++) {
                if (zo < tz.lo || zo >= tz.hi) continue;
                int na = Math.min(a, tz.start[zo]), nb = Math.max(b, tz.start[zo] + tz.taps);
                if (a != Integer.MAX_VALUE && nb - na > limit) break;
                a = na;
                b = nb;
            }
            if (a == Integer.MAX_VALUE) { a = 0; b = 1; }   // only outside slices: nothing is read
            blocks.add(new Span(z0, zo, a, b));
            slabs = Math.max(slabs, BSplineCoefficients.slabSlices(nz, order, boundary, a, b));
        }
        if (useBands(slabs, nz, nz + 2 * BSplineCoefficients.PAD, py, order)) {
            bands(in, order, boundary, tx, ty, tz, out, store, job);
            return;
        }
        float[] slab = new float[Math.multiplyExact(px * py, slabs)];
        FloatVolume src = new FloatVolume(px, py, slabs, slab, Geometry.identity(), false);
        for (int i = 0; i < blocks.size(); i++) {
            Span k = blocks.get(i);
            BSplineCoefficients.slab(in, order, boundary, k.from(), k.to(), slab, job);
            // one chunk per thread: a block is short, and scratch is allocated per block
            SeparableResampler.images(src, k.from(), 0, tx, ty, tz, out, new Interval(0, 0, k.outFrom(), out.nx(), out.ny(), k.outTo() - k.outFrom()), store, job);
            job.report("resample", i + 1, blocks.size());
        }
    }

    /**
     * Thin volumes: blocks of output rows whose y taps span at most {@link #blockSlices} coefficient
     * rows, each from a band of {@link #bandRows} rows of every padded slice ({@link BSplineCoefficients#band}).
     */
    private static void bands(Volume in, int order, Boundary boundary, WeightTable tx, WeightTable ty, WeightTable tz, Volume out,
                              Store store, Job job) {
        final int nyo = out.ny();
        final int px = in.nx() + 2 * BSplineCoefficients.PAD, py = in.ny() + 2 * BSplineCoefficients.PAD;
        final int pz = in.nz() + 2 * BSplineCoefficients.PAD;
        final int rows = bandRows(order, py), limit = Math.min(blockSlices(order), rows - ty.taps);
        // blocks of output rows [outFrom, outTo) from coefficient rows [from, from + rows)
        java.util.List<Span> blocks = new java.util.ArrayList<>();
        for (int yo = 0; yo < nyo; ) {
            int y0 = yo, a = Integer.MAX_VALUE, b = Integer.MIN_VALUE;
            for (; yo < nyo; yo++) {
                if (yo < ty.lo || yo >= ty.hi) continue;
                int na = Math.min(a, ty.start[yo]), nb = Math.max(b, ty.start[yo] + ty.taps);
                if (a != Integer.MAX_VALUE && nb - na > limit) break;
                a = na;
                b = nb;
            }
            if (a == Integer.MAX_VALUE) a = 0;
            // every band has the same height, so one volume view fits all
            int ya = Math.max(0, Math.min(a, py - rows));
            blocks.add(new Span(y0, yo, ya, ya + rows));
        }
        float[] slab = new float[Math.multiplyExact(px * rows, pz)];
        FloatVolume src = new FloatVolume(px, rows, pz, slab, Geometry.identity(), false);
        for (int i = 0; i < blocks.size(); i++) {
            Span k = blocks.get(i);
            BSplineCoefficients.band(in, order, boundary, k.from(), k.to(), slab, job);
            SeparableResampler.images(src, 0, k.from(), tx, ty, tz, out, new Interval(0, k.outFrom(), 0, out.nx(), k.outTo() - k.outFrom(), out.nz()), store, job);
            job.report("resample", i + 1, blocks.size());
        }
    }
}
