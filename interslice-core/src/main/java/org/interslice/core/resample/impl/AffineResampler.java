package org.interslice.core.resample.impl;

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
     * Resamples an image: out (all voxels written) from the sampler's source. Outside voxels get
     * defaultValue; with clamp, values are limited to [lo, hi].
     */
    public static void images(VoxelSampler sampler, IndexMap map, Volume out, float defaultValue, boolean clamp, float lo, float hi, Job job) {
        final int nxo = out.nx(), nyo = out.ny(), rows = nyo * out.nz();
        job.forEachChunk("resample", rows, CHUNKS_PER_THREAD, () -> new ImageWork(sampler.copy(), nxo), (r0, r1, work) -> {
            final VoxelSampler s = work.sampler;
            final float[] row = work.row;
            final double[] w = work.w, c = work.c;
            for (int r = r0; r < r1; r++) {
                int yo = r % nyo, zo = r / nyo;
                if (map.perVoxel) {
                    for (int x = 0; x < nxo; x++) {
                        map.out.indexToWorld(x, yo, zo, w);
                        map.in.worldToIndex(w[0], w[1], w[2], c);
                        row[x] = s.sample(c[0], c[1], c[2]);
                    }
                } else {
                    map.rowStart(yo, zo, w, c);
                    double sx = map.step[0], sy = map.step[1], sz = map.step[2];
                    for (int x = 0; x < nxo; x++) row[x] = s.sample(c[0] + x * sx, c[1] + x * sy, c[2] + x * sz);
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
        final int nxo = out.nx(), nyo = out.ny(), rows = nyo * out.nz();
        job.forEachChunk("resample", rows, CHUNKS_PER_THREAD, () -> new LabelWork(sampler.copy(), nxo), (r0, r1, work) -> {
            final LabelSampler s = work.sampler;
            final int[] row = work.row;
            final double[] w = work.w, c = work.c;
            for (int r = r0; r < r1; r++) {
                int yo = r % nyo, zo = r / nyo;
                if (!map.perVoxel) map.rowStart(yo, zo, w, c);
                double bx = c[0], by = c[1], bz = c[2];
                for (int x = 0; x < nxo; x++) {
                    double ci, cj, ck;
                    if (map.perVoxel) {
                        map.out.indexToWorld(x, yo, zo, w);
                        map.in.worldToIndex(w[0], w[1], w[2], c);
                        ci = c[0]; cj = c[1]; ck = c[2];
                    } else {
                        ci = bx + x * map.step[0]; cj = by + x * map.step[1]; ck = bz + x * map.step[2];
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
