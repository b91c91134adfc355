package org.interslice.core.resample.impl;

import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * The general path, for any output grid (oblique, rotated reference, uneven slices): every output voxel
 * centre is mapped to a continuous input index and interpolated there. With evenly spaced input slices
 * the map is affine, so per output row it is computed once ({@link Geometry#indexToWorld} then the
 * inverse input affine) and advanced by a constant increment per x step; with uneven input slices
 * {@link Geometry#worldToIndex} is called per voxel (into a reused array). Output rows are split into
 * chunks on the {@link Job}; results do not depend on the thread count.
 */
public final class AffineResampler {
    private AffineResampler() {}

    /** Maps output voxel indices to input continuous indices. Immutable. */
    public static final class IndexMap {
        private final Geometry in, out;
        private final boolean perVoxel;
        private final double[] inv, originIn, step;

        public IndexMap(Geometry in, Geometry out) {
            this.in = in;
            this.out = out;
            this.perVoxel = !in.uniformSlices();
            this.inv = Geometry.inverse3(in.affine3());
            this.originIn = in.origin();
            double[] a = out.affine3();
            double[] col0 = {a[0], a[3], a[6]};
            step = new double[3];
            for (int r = 0; r < 3; r++) step[r] = inv[3 * r] * col0[0] + inv[3 * r + 1] * col0[1] + inv[3 * r + 2] * col0[2];
        }

        /** Input index increment per output x step (valid for evenly spaced input slices). */
        public double[] step() {
            return step.clone();
        }

        /** Continuous input index of output voxel (0, yo, zo) into c; w is scratch of 3. */
        void rowStart(int yo, int zo, double[] w, double[] c) {
            out.indexToWorld(0, yo, zo, w);
            double dx = w[0] - originIn[0], dy = w[1] - originIn[1], dz = w[2] - originIn[2];
            for (int r = 0; r < 3; r++) c[r] = inv[3 * r] * dx + inv[3 * r + 1] * dy + inv[3 * r + 2] * dz;
        }

        /**
         * Bounds of the continuous input index over the voxel centres of output box b: {min, max} per
         * axis in {i0, i1, j0, j1, k0, k1} (a superset: bounds of the continuous box). With evenly spaced
         * input slices the map is affine, so the 8 corners bound it; with uneven ones it is piecewise
         * affine with kinks on the input slice planes, so per output slice the rectangle's corners and the
         * points where its edges cross an input slice plane are mapped too.
         */
        public double[] bounds(Interval b) {
            double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            double[] w = new double[3], c = new double[3];
            int x1 = b.x0() + b.nx() - 1, y1 = b.y0() + b.ny() - 1, z1 = b.z0() + b.nz() - 1;
            if (!perVoxel && out.uniformSlices()) {
                for (int corner = 0; corner < 8; corner++) {
                    int x = (corner & 1) == 0 ? b.x0() : x1, y = (corner & 2) == 0 ? b.y0() : y1, z = (corner & 4) == 0 ? b.z0() : z1;
                    rowStart(y, z, w, c);
                    for (int a = 0; a < 3; a++) include(r, a, c[a] + x * step[a]);
                }
                return r;
            }
            double[] so = in.sliceOrigins();
            double[] nrm = in.normal();
            double[][] p = new double[4][];
            for (int z = b.z0(); z <= z1; z++) {
                p[0] = out.indexToWorld(b.x0(), b.y0(), z);
                p[1] = out.indexToWorld(x1, b.y0(), z);
                p[2] = out.indexToWorld(x1, y1, z);
                p[3] = out.indexToWorld(b.x0(), y1, z);
                for (int e = 0; e < 4; e++) {
                    double[] p0 = p[e], p1 = p[(e + 1) % 4];
                    map(p0, c, r);
                    if (so == null) continue;
                    double h0 = Geometry.dot(p0, nrm), h1 = Geometry.dot(p1, nrm);
                    for (int k = 0; k < so.length / 3; k++) {
                        double hk = so[3 * k] * nrm[0] + so[3 * k + 1] * nrm[1] + so[3 * k + 2] * nrm[2];
                        if ((hk - h0) * (hk - h1) >= 0 || h0 == h1) continue;
                        double t = (hk - h0) / (h1 - h0);
                        for (int a = 0; a < 3; a++) w[a] = p0[a] + t * (p1[a] - p0[a]);
                        map(w, c, r);
                    }
                }
            }
            return r;
        }

        private void map(double[] world, double[] c, double[] r) {
            in.worldToIndex(world[0], world[1], world[2], c);
            for (int a = 0; a < 3; a++) include(r, a, c[a]);
        }

        private static void include(double[] r, int a, double v) {
            r[2 * a] = Math.min(r[2 * a], v);
            r[2 * a + 1] = Math.max(r[2 * a + 1], v);
        }

        /**
         * Largest input-voxel step per output step along each input axis: row a of
         * inverse(A_in) * A_out, max over columns of the absolute value. Drives the anti-aliasing sigma.
         */
        public double[] ratios() {
            double[] a = out.affine3();
            double[] r = new double[3];
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    double m = inv[3 * row] * a[col] + inv[3 * row + 1] * a[3 + col] + inv[3 * row + 2] * a[6 + col];
                    r[row] = Math.max(r[row], Math.abs(m));
                }
            }
            return r;
        }
    }

    /**
     * Resamples an image: the output voxels of box b (indices of the whole output grid; the whole grid for
     * a whole volume) from the sampler's source, written into out (the box's size). Outside voxels get the
     * store's default value; with its clamp, values are limited to [lo, hi]. The same arithmetic per voxel
     * whatever the box, so a box's values equal the whole result's bit for bit.
     */
    public static void images(VoxelSampler sampler, IndexMap map, Interval b, Volume out, Store store, Job job) {
        final float defaultValue = store.defaultValue(), lo = store.lo(), hi = store.hi();
        final boolean clamp = store.clamp();
        final int nxo = out.nx(), nyo = out.ny(), rows = nyo * out.nz(), bx = b.x0(), by = b.y0(), bz = b.z0();
        job.forEachChunk("resample", rows, CHUNKS_PER_THREAD, () -> new ImageWork(sampler.copy(), nxo), (r0, r1, work) -> {
            final VoxelSampler s = work.sampler;
            final float[] row = work.row;
            final double[] w = work.w, c = work.c;
            for (int r = r0; r < r1; r++) {
                int yo = by + r % nyo, zo = bz + r / nyo;
                if (map.perVoxel) {
                    for (int x = 0; x < nxo; x++) {
                        map.out.indexToWorld(bx + x, yo, zo, w);
                        map.in.worldToIndex(w[0], w[1], w[2], c);
                        row[x] = s.sample(c[0], c[1], c[2]);
                    }
                } else {
                    map.rowStart(yo, zo, w, c);
                    double sx = map.step[0], sy = map.step[1], sz = map.step[2];
                    for (int x = 0; x < nxo; x++) {
                        int xo = bx + x;
                        row[x] = s.sample(c[0] + xo * sx, c[1] + xo * sy, c[2] + xo * sz);
                    }
                }
                for (int x = 0; x < nxo; x++) {
                    float v = row[x];
                    if (v != v) v = defaultValue; // NaN: outside the input box
                    else if (clamp) v = v < lo ? lo : (v > hi ? hi : v);
                    row[x] = v;
                }
                Voxels.storeRow(out, r * nxo, row, 0, nxo);
            }
        });
    }

    /** Resamples a label map by voting; outside voxels get defaultLabel. */
    public static void labels(LabelSampler sampler, IndexMap map, Volume out, int defaultLabel, Job job) {
        labels(sampler, map, Interval.whole(out.nx(), out.ny(), out.nz()), out, defaultLabel, job);
    }

    /** As above for the output voxels of box b only, written into out (the box's size). */
    public static void labels(LabelSampler sampler, IndexMap map, Interval b, Volume out, int defaultLabel, Job job) {
        final int nxo = out.nx(), nyo = out.ny(), rows = nyo * out.nz(), bx = b.x0(), by = b.y0(), bz = b.z0();
        job.forEachChunk("resample", rows, CHUNKS_PER_THREAD, () -> new LabelWork(sampler.copy(), nxo), (r0, r1, work) -> {
            final LabelSampler s = work.sampler;
            final int[] row = work.row;
            final double[] w = work.w, c = work.c;
            for (int r = r0; r < r1; r++) {
                int yo = by + r % nyo, zo = bz + r / nyo;
                if (!map.perVoxel) map.rowStart(yo, zo, w, c);
                double c0 = c[0], c1 = c[1], c2 = c[2];
                for (int x = 0; x < nxo; x++) {
                    int xo = bx + x;
                    double ci, cj, ck;
                    if (map.perVoxel) {
                        map.out.indexToWorld(xo, yo, zo, w);
                        map.in.worldToIndex(w[0], w[1], w[2], c);
                        ci = c[0]; cj = c[1]; ck = c[2];
                    } else {
                        ci = c0 + xo * map.step[0]; cj = c1 + xo * map.step[1]; ck = c2 + xo * map.step[2];
                    }
                    row[x] = s.inside(ci, cj, ck) ? s.sample(ci, cj, ck) : defaultLabel;
                }
                Voxels.storeRowInt(out, r * nxo, row, 0, nxo);
            }
        });
    }

    /** Chunks per thread over output rows: rows cost unevenly (inside/outside the input), so many. */
    private static final int CHUNKS_PER_THREAD = 8;

    /** Scratch of one thread: its sampler, one output row, two 3-vectors. */
    private static final class ImageWork {
        final VoxelSampler sampler;
        final float[] row;
        final double[] w = new double[3], c = new double[3];

        ImageWork(VoxelSampler sampler, int nxo) {
            this.sampler = sampler;
            this.row = new float[nxo];
        }
    }

    /** Scratch of one thread of the label path. */
    private static final class LabelWork {
        final LabelSampler sampler;
        final int[] row;
        final double[] w = new double[3], c = new double[3];

        LabelWork(LabelSampler sampler, int nxo) {
            this.sampler = sampler;
            this.row = new int[nxo];
        }
    }
}
