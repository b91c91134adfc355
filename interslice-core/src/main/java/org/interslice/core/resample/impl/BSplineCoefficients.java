package org.interslice.core.resample.impl;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * B-spline interpolation coefficients of a volume: the exact recursive prefilter of Unser, Aldroubi and
 * Eden ("Fast B-spline transforms for continuous image representation and interpolation", IEEE PAMI
 * 13(3), 1991; causal and anti-causal first-order passes per pole, mirror initialisation as in Unser,
 * "Splines: a perfect fit for signal and image processing", IEEE SPM 16(6), 1999, Box 2).
 *
 * <p>The result is padded by {@link #PAD} samples at each end of every axis, enough for any tap of an
 * order-5 kernel at a position inside the input box, so interpolation never needs a boundary test.
 * With {@link Boundary#NEAREST} each line is first extended by {@link #NEAREST_PAD} edge copies and
 * filtered with mirror boundaries, which is what scipy.ndimage does for {@code mode='nearest'}
 * ({@code _prepad_for_spline_filter}), so values match {@code map_coordinates(mode='nearest')}.
 * Filtering runs in double per line; coefficients are stored as float.
 */
public final class BSplineCoefficients {
    /** Coefficients kept beyond each edge. */
    public static final int PAD = 3;
    /** Edge copies added before filtering in NEAREST mode (scipy uses 12). */
    static final int NEAREST_PAD = 12;

    private BSplineCoefficients() {}

    /** Poles of the B-spline prefilter of the given order (none for orders 0 and 1). */
    public static double[] poles(int order) {
        switch (order) {
            case 0: case 1: return new double[0];
            case 2: return new double[] {Math.sqrt(8.0) - 3.0};
            case 3: return new double[] {Math.sqrt(3.0) - 2.0};
            case 4: return new double[] {
                Math.sqrt(664.0 - Math.sqrt(438976.0)) + Math.sqrt(304.0) - 19.0,
                Math.sqrt(664.0 + Math.sqrt(438976.0)) - Math.sqrt(304.0) - 19.0};
            case 5: return new double[] {
                Math.sqrt(135.0 / 2.0 - Math.sqrt(17745.0 / 4.0)) + Math.sqrt(105.0 / 4.0) - 13.0 / 2.0,
                Math.sqrt(135.0 / 2.0 + Math.sqrt(17745.0 / 4.0)) - Math.sqrt(105.0 / 4.0) - 13.0 / 2.0};
            default: throw new IllegalArgumentException("B-spline order = " + order + " must be in 0..5");
        }
    }

    /**
     * Coefficients of {@code in} (not modified) as a float volume of size (nx + 2 PAD, ny + 2 PAD,
     * nz + 2 PAD) with identity geometry; sample (x, y, z) of the input is coefficient
     * (x + PAD, y + PAD, z + PAD).
     */
    public static FloatVolume compute(Volume in, int order, Boundary boundary, Job job) {
        final int nx = in.nx(), ny = in.ny(), nz = in.nz();
        final int px = nx + 2 * PAD, py = ny + 2 * PAD, pz = nz + 2 * PAD;
        Volume.checkedVoxels(px, py, pz);
        final float[] c = new float[px * py * pz];
        // fill with the input, margins extended by the boundary rule
        job.forEachSlab(pz, zp -> {
            int z = ext(zp - PAD, nz, boundary);
            for (int yp = 0; yp < py; yp++) {
                int y = ext(yp - PAD, ny, boundary);
                int row = (zp * py + yp) * px;
                Voxels.toFloat(in, (z * ny + y) * nx, c, row + PAD, nx);
                for (int p = 0; p < PAD; p++) {
                    c[row + p] = c[row + PAD + ext(p - PAD, nx, boundary)];
                    c[row + PAD + nx + p] = c[row + PAD + ext(nx + p, nx, boundary)];
                }
            }
        });
        final double[] poles = poles(order);
        if (poles.length == 0) return new FloatVolume(px, py, pz, c, Geometry.identity(), false);
        // x lines one by one; y and z lines a whole plane of x at a time (row-wise recursion: memory order,
        // no strided column walks)
        // buffers per chunk of slabs, not per slab: per-slab buffers were ~100 MB of garbage on a 35 MB
        // input, which the collector let grow the heap (peak RSS) instead of reclaiming
        job.forEachChunk(pz, 4, () -> new Lines(lineBuffer(nx), lineBuffer(ny) * px, px), (z0, z1, w) -> {
            for (int zp = z0; zp < z1; zp++) {
                for (int yp = 0; yp < py; yp++) filterLine(c, (zp * py + yp) * px, 1, nx, poles, boundary, w.buf);
                filterRows(c, zp * py * px, px, ny, px, poles, boundary, w.plane, w.init);
            }
        });
        job.forEachChunk(py, 4, () -> new Lines(0, lineBuffer(nz) * px, px), (y0, y1, w) -> {
            for (int yp = y0; yp < y1; yp++) filterRows(c, yp * px, px * py, nz, px, poles, boundary, w.plane, w.init);
        });
        return new FloatVolume(px, py, pz, c, Geometry.identity(), false);
    }

    /**
     * Samples of warm-up a windowed z prefilter needs on each side: the slowest pole's |z|^k falls
     * below 1e-7 (cubic: 13), under the 6e-8 relative precision of the float coefficients.
     */
    public static int warmup(int order) {
        double zmax = 0;
        for (double z : poles(order)) zmax = Math.max(zmax, Math.abs(z));
        return zmax == 0 ? 0 : (int) Math.ceil(Math.log(1e-7) / Math.log(zmax));
    }

    /** Samples the exact causal start at a line's first sample reads (|z|^k below 1e-16). */
    static int horizon(int order) {
        double zmax = 0;
        for (double z : poles(order)) zmax = Math.max(zmax, Math.abs(z));
        return zmax == 0 ? 0 : (int) Math.ceil(Math.log(1e-16) / Math.log(zmax));
    }

    /**
     * The window of the extended z line that {@link #slab} filters for padded slices a..b-1:
     * {first, end} in extended-line indices (NEAREST: the line with {@link #NEAREST_PAD} edge copies each
     * side; MIRROR: the input's slices).
     */
    static int[] window(int nz, int order, Boundary boundary, int a, int b) {
        boolean nearest = boundary == Boundary.NEAREST;
        int m = nearest ? nz + 2 * NEAREST_PAD : nz, lead = nearest ? NEAREST_PAD : 0;
        int emin = Integer.MAX_VALUE, emax = -1;
        for (int zp = a; zp < b; zp++) {
            int e = nearest ? zp - PAD + lead : ext(zp - PAD, nz, Boundary.MIRROR);
            emin = Math.min(emin, e);
            emax = Math.max(emax, e);
        }
        int h = warmup(order);
        int w0 = Math.max(0, emin - h), w1 = Math.min(m, emax + 1 + h);
        // the exact start at the line's first sample sums |z|^k terms over `horizon` samples
        if (w0 == 0) w1 = Math.max(w1, Math.min(m, horizon(order) + 1));
        return new int[] {w0, w1};
    }

    /** Slices {@link #slab} needs in its buffer for padded slices a..b-1. */
    public static int slabSlices(int nz, int order, Boundary boundary, int a, int b) {
        int[] w = window(nz, order, boundary, a, b);
        int[] p = planes(nz, boundary, w);
        return Math.max(p[1] - p[0], b - a);
    }

    /**
     * Input slices [first, end) under the window w of the extended z line. In NEAREST mode the edge
     * copies are one input slice repeated, so the slab keeps each plane once (on a thin volume the
     * copies were most of the slab: 52 slices instead of 34 for 28 cubic).
     */
    static int[] planes(int nz, Boundary boundary, int[] w) {
        if (boundary != Boundary.NEAREST) return w;
        return new int[] {clampZ(w[0] - NEAREST_PAD, nz), clampZ(w[1] - 1 - NEAREST_PAD, nz) + 1};
    }

    private static int clampZ(int z, int nz) {
        return Math.min(nz - 1, Math.max(0, z));
    }

    /**
     * Coefficients of padded z slices a..b-1 (0 <= a < b <= nz + 2 PAD) without the whole coefficient
     * volume: the in-plane prefilter is exact per slice, the z prefilter runs on a window of the z line
     * reaching {@link #warmup} slices past the needed ones (exact where the window reaches the volume's
     * ends), so values equal {@link #compute}'s to about 1e-7 of the data range. Slice zp ends up at
     * {@code slab[(zp - a) * (nx + 2 PAD) * (ny + 2 PAD)]}; slab must hold {@link #slabSlices} slices.
     */
    public static void slab(Volume in, int order, Boundary boundary, int a, int b, float[] slab, Job job) {
        if (order < 2) throw new IllegalArgumentException("order = " + order + ": slabs are for orders 2..5");
        final int nx = in.nx(), ny = in.ny(), nz = in.nz();
        final int px = nx + 2 * PAD, py = ny + 2 * PAD, slice = px * py;
        final int[] w = window(nz, order, boundary, a, b);
        final int[] pl = planes(nz, boundary, w);
        final int z0 = pl[0], np = pl[1] - pl[0];
        final double[] poles = poles(order);
        // input slices under the window, each once, filtered in plane (slot z - z0)
        // one chunk per thread, buffers per chunk: slabs are made many times, and per-slice or per-band
        // buffers were hundreds of MB of garbage that the collector let grow the heap
        job.forEachChunk(np, 1, () -> new Lines(lineBuffer(nx), lineBuffer(ny) * px, px), (i0, i1, lines) -> {
            for (int i = i0; i < i1; i++) plane(in, z0 + i, boundary, poles, slab, i * slice, lines.buf, lines.plane, lines.init);
        });
        zFilter(slab, px, py, nz, boundary, w, z0, a, b, poles, job);
    }

    /**
     * Input indices {first, end} along an axis of n samples that {@link #region} reads to make the
     * coefficients of padded indices a..b-1: the needed ones plus {@link #warmup} on each side (the B-spline
     * prefilter's halo: it is recursive, an infinite response cut where it falls below 1e-7), more near
     * the volume's start where the exact causal start reads {@link #horizon} samples.
     */
    public static int[] reads(int n, int order, Boundary boundary, int a, int b) {
        return planes(n, boundary, window(n, order, boundary, a, b));
    }

    /**
     * Coefficients of the padded box a[axis]..b[axis]-1 of an input of size n (0 <= a < b <= n + 2 PAD per
     * axis), made from a region of the input only: data holds input voxels dataOff[axis] ..
     * dataOff[axis] + size - 1 and must cover {@link #reads} on every axis. Each axis is prefiltered on a
     * window with warm-up (exact where the window reaches the volume's ends), as {@link #slab} does along
     * z, so values equal {@link #compute}'s to about 1e-7 of the data range, not bit for bit: the
     * prefilter is recursive, and a window cuts its infinite response. Coefficient (x, y, z) of the result
     * is padded index (a[0] + x, a[1] + y, a[2] + z); identity geometry.
     */
    public static FloatVolume region(Volume data, int[] dataOff, int[] n, int order, Boundary boundary, int[] a, int[] b) {
        if (order < 2) throw new IllegalArgumentException("order = " + order + ": regions are for orders 2..5");
        final boolean nearest = boundary == Boundary.NEAREST;
        final double[] poles = poles(order);
        int[] dims = data.dims();
        float[] cur = new float[data.voxelCount()];
        Voxels.toFloat(data, 0, cur, 0, cur.length);
        for (int axis = 0; axis < 3; axis++) {
            int[] r = reads(n[axis], order, boundary, a[axis], b[axis]);
            if (r[0] < dataOff[axis] || r[1] > dataOff[axis] + dims[axis])
                throw new IllegalArgumentException("axis " + axis + ": the region holds input " + dataOff[axis] + ".." + (dataOff[axis] + dims[axis])
                        + ", coefficients " + a[axis] + ".." + b[axis] + " need " + r[0] + ".." + r[1]);
            int[] nd = dims.clone();
            nd[axis] = b[axis] - a[axis];
            float[] next = new float[Math.multiplyExact(Math.multiplyExact(nd[0], nd[1]), nd[2])];
            int[] w = window(n[axis], order, boundary, a[axis], b[axis]);
            int len = w[1] - w[0], off = dataOff[axis], full = n[axis];
            double[] line = new double[len], init = new double[1];
            int sOld = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
            int sNew = axis == 0 ? 1 : axis == 1 ? nd[0] : nd[0] * nd[1];
            for (int z = 0; z < (axis == 2 ? 1 : dims[2]); z++) {
                for (int y = 0; y < (axis == 1 ? 1 : dims[1]); y++) {
                    for (int x = 0; x < (axis == 0 ? 1 : dims[0]); x++) {
                        int baseOld = (z * dims[1] + y) * dims[0] + x, baseNew = (z * nd[1] + y) * nd[0] + x;
                        for (int k = 0; k < len; k++) {
                            int e = w[0] + k, i = nearest ? clampZ(e - NEAREST_PAD, full) : e;
                            line[k] = cur[baseOld + (i - off) * sOld];
                        }
                        filterWindowRows(line, len, 1, poles, w[0] == 0, init);
                        for (int q = a[axis]; q < b[axis]; q++) {
                            int e = nearest ? q - PAD + NEAREST_PAD : ext(q - PAD, full, Boundary.MIRROR);
                            next[baseNew + (q - a[axis]) * sNew] = (float) line[e - w[0]];
                        }
                    }
                }
            }
            cur = next;
            dims = nd;
        }
        return new FloatVolume(dims[0], dims[1], dims[2], cur, Geometry.identity(), false);
    }

    /**
     * Coefficients of padded rows ya..yb-1 (0 <= ya < yb <= ny + 2 PAD) of every padded slice, for thin
     * volumes where a z slab would be the whole coefficient volume: x prefilter exact per row, y
     * prefilter on a window with {@link #warmup} (as {@link #slab} does along z), z exact. Row yp of
     * padded slice zp ends up at {@code slab[(zp * (yb - ya) + yp - ya) * (nx + 2 PAD)]}; slab must hold
     * {@code max(nz, nz + 2 PAD) * (yb - ya) * (nx + 2 PAD)} floats.
     */
    public static void band(Volume in, int order, Boundary boundary, int ya, int yb, float[] slab, Job job) {
        if (order < 2) throw new IllegalArgumentException("order = " + order + ": bands are for orders 2..5");
        final int nx = in.nx(), ny = in.ny(), nz = in.nz();
        final int px = nx + 2 * PAD, rows = yb - ya, slice = px * rows;
        final boolean nearest = boundary == Boundary.NEAREST;
        final int lead = nearest ? NEAREST_PAD : 0;
        final int[] wy = window(ny, order, boundary, ya, yb);
        final int ly = wy[1] - wy[0];
        final double[] poles = poles(order);
        job.forEachChunk(nz, 1, () -> new Lines(lineBuffer(nx), ly * px, px), (zFirst, zEnd, w) -> {
            final float[] row = new float[px];
            final double[] buf = w.buf, s = w.plane, init = w.init;
            for (int z = zFirst; z < zEnd; z++) {
                // x-filtered rows of the y window (float, as plane() stores them), then the windowed y filter
                for (int i = 0; i < ly; i++) {
                    int e = wy[0] + i, y = nearest ? clampZ(e - lead, ny) : e;
                    Voxels.toFloat(in, (z * ny + y) * nx, row, PAD, nx);
                    filterLine(row, 0, 1, nx, poles, boundary, buf);
                    for (int x = 0; x < px; x++) s[i * px + x] = row[x];
                }
                filterWindowRows(s, ly, px, poles, wy[0] == 0, init);
                for (int yp = ya; yp < yb; yp++) {
                    int e = nearest ? yp - PAD + lead : ext(yp - PAD, ny, Boundary.MIRROR);
                    int src = (e - wy[0]) * px, dst = z * slice + (yp - ya) * px;
                    for (int x = 0; x < px; x++) slab[dst + x] = (float) s[src + x];
                }
            }
        });
        int pz = nz + 2 * PAD;
        zFilter(slab, px, rows, nz, boundary, window(nz, order, boundary, 0, pz), 0, 0, pz, poles, job);
    }

    /**
     * z prefilter of planes of px * py floats held once per input slice (slot z - z0) over the window w
     * of the extended z line, written back as padded slices a..b-1 at slots zp - a.
     */
    private static void zFilter(float[] slab, int px, int py, int nz, Boundary boundary, int[] w, int z0, int a, int b,
                                double[] poles, Job job) {
        final boolean nearest = boundary == Boundary.NEAREST;
        final int lead = nearest ? NEAREST_PAD : 0, slice = px * py;
        final int w0 = w[0], len = w[1] - w[0];
        // z prefilter on bands of rows: a band's window rows are read into a double buffer, filtered,
        // and the needed slices written back (in place: each band owns its offsets in every slice)
        final int band = Math.max(1, Math.min(py, (1 << 17) / Math.max(1, len * px)));
        final int bands = (py + band - 1) / band;
        final boolean exactStart = w0 == 0;
        job.forEachChunk(bands, 1, () -> new Lines(0, len * band * px, band * px), (bFirst, bEnd, lines) -> {
            final double[] s = lines.plane, init = lines.init;
            for (int bi = bFirst; bi < bEnd; bi++) {
                int y0 = bi * band, y1 = Math.min(py, y0 + band), bw = (y1 - y0) * px, off = y0 * px;
                for (int i = 0; i < len; i++) {
                    int e = w0 + i, z = nearest ? clampZ(e - lead, nz) : e;
                    int src = (z - z0) * slice + off, dst = i * bw;
                    for (int x = 0; x < bw; x++) s[dst + x] = slab[src + x];
                }
                filterWindowRows(s, len, bw, poles, exactStart, init);
                for (int zp = a; zp < b; zp++) {
                    int e = nearest ? zp - PAD + lead : ext(zp - PAD, nz, Boundary.MIRROR);
                    int src = (e - w0) * bw, dst = (zp - a) * slice + off;
                    for (int x = 0; x < bw; x++) slab[dst + x] = (float) s[src + x];
                }
            }
        });
    }

    /** Input slice z, padded in plane by the boundary rule and prefiltered along x and y, into c at off. */
    private static void plane(Volume in, int z, Boundary boundary, double[] poles, float[] c, int off,
                              double[] buf, double[] plane, double[] init) {
        final int nx = in.nx(), ny = in.ny(), px = nx + 2 * PAD, py = ny + 2 * PAD;
        for (int yp = 0; yp < py; yp++) {
            int y = ext(yp - PAD, ny, boundary);
            int row = off + yp * px;
            Voxels.toFloat(in, (z * ny + y) * nx, c, row + PAD, nx);
            for (int p = 0; p < PAD; p++) {
                c[row + p] = c[row + PAD + ext(p - PAD, nx, boundary)];
                c[row + PAD + nx + p] = c[row + PAD + ext(nx + p, nx, boundary)];
            }
        }
        if (poles.length == 0) return;
        for (int yp = 0; yp < py; yp++) filterLine(c, off + yp * px, 1, nx, poles, boundary, buf);
        filterRows(c, off, px, ny, px, poles, boundary, plane, init);
    }

    /** Per-thread scratch of the prefilter loops: one line, a plane of interleaved lines, their starts. */
    private static final class Lines {
        final double[] buf, plane, init;

        Lines(int line, int plane, int init) {
            this.buf = new double[line];
            this.plane = new double[plane];
            this.init = new double[init];
        }
    }

    private static int lineBuffer(int n) {
        return n + 2 * NEAREST_PAD;
    }

    /** Source index of padded position q on an axis of n samples. */
    private static int ext(int q, int n, Boundary b) {
        if (q >= 0 && q < n) return q;
        if (b == Boundary.NEAREST || n == 1) return q < 0 ? 0 : n - 1;
        return WeightTable.mirror(q, n);
    }

    /**
     * Filters one padded line of c: PAD + n + PAD samples starting at off with the given stride; only
     * the n inner samples are read, all are written.
     */
    static void filterLine(float[] c, int off, int stride, int n, double[] poles, Boundary b, double[] buf) {
        int first = off + PAD * stride;
        if (b == Boundary.NEAREST) {
            int m = n + 2 * NEAREST_PAD;
            float left = c[first], right = c[first + (n - 1) * stride];
            for (int i = 0; i < NEAREST_PAD; i++) {
                buf[i] = left;
                buf[NEAREST_PAD + n + i] = right;
            }
            for (int i = 0; i < n; i++) buf[NEAREST_PAD + i] = c[first + i * stride];
            filterMirror(buf, m, poles);
            for (int q = -PAD; q < n + PAD; q++) c[first + q * stride] = (float) buf[NEAREST_PAD + q];
        } else {
            for (int i = 0; i < n; i++) buf[i] = c[first + i * stride];
            filterMirror(buf, n, poles);
            for (int q = -PAD; q < n + PAD; q++) c[first + q * stride] = (float) buf[ext(q, n, Boundary.MIRROR)];
        }
    }

    /**
     * Filters w parallel lines at once: line element q (input index, -PAD..n+PAD-1) of all lines is the
     * contiguous row of w values at {@code base + (q + PAD) * rowStride}. Same result as
     * {@link #filterLine} per line.
     */
    static void filterRows(float[] c, int base, int rowStride, int n, int w, double[] poles, Boundary b, double[] buf, double[] init) {
        int m, lead;
        if (b == Boundary.NEAREST) {
            m = n + 2 * NEAREST_PAD;
            lead = NEAREST_PAD;
            for (int i = 0; i < m; i++) {
                int q = Math.min(n - 1, Math.max(0, i - NEAREST_PAD));
                int src = base + (q + PAD) * rowStride;
                for (int x = 0; x < w; x++) buf[i * w + x] = c[src + x];
            }
        } else {
            m = n;
            lead = 0;
            for (int i = 0; i < n; i++) {
                int src = base + (i + PAD) * rowStride;
                for (int x = 0; x < w; x++) buf[i * w + x] = c[src + x];
            }
        }
        filterMirrorRows(buf, m, w, poles, init);
        for (int q = -PAD; q < n + PAD; q++) {
            int row = b == Boundary.NEAREST ? q + lead : ext(q, n, Boundary.MIRROR);
            int dst = base + (q + PAD) * rowStride;
            for (int x = 0; x < w; x++) c[dst + x] = (float) buf[row * w + x];
        }
    }

    /** {@link #filterMirror} of w interleaved lines: element k of line x at s[k * w + x]. */
    static void filterMirrorRows(double[] s, int n, int w, double[] poles, double[] init) {
        filterWindowRows(s, n, w, poles, true, init);
    }

    /**
     * {@link #filterMirrorRows}, or with {@code exactStart} false the same on a window cut out of a longer
     * line: the causal pass then starts from the window's first sample (zero state before it), an error
     * that decays as |pole|^k, below 1e-7 after {@link #warmup} samples. The anti-causal start keeps the
     * mirror formula, which at a window end is the same kind of warm-up.
     */
    static void filterWindowRows(double[] s, int n, int w, double[] poles, boolean exactStart, double[] init) {
        if (n == 1) return;
        double gain = 1;
        for (double z : poles) gain *= (1 - z) * (1 - 1 / z);
        for (int i = 0, e = n * w; i < e; i++) s[i] *= gain;
        double[] line = null;
        for (double z : poles) {
            int horizon = (int) Math.ceil(Math.log(1e-16) / Math.log(Math.abs(z)));
            if (!exactStart) {
                System.arraycopy(s, 0, init, 0, w);
            } else if (horizon < n) {
                java.util.Arrays.fill(init, 0, w, 0);
                double zk = 1;
                for (int k = 0; k < horizon; k++) {
                    for (int x = 0; x < w; x++) init[x] += zk * s[k * w + x];
                    zk *= z;
                }
            } else {
                // short lines: the exact closed form, column by column
                if (line == null) line = new double[n];
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < n; k++) line[k] = s[k * w + x];
                    init[x] = causalInit(line, n, z);
                }
            }
            System.arraycopy(init, 0, s, 0, w);
            for (int k = 1; k < n; k++) {
                int r = k * w, p = r - w;
                for (int x = 0; x < w; x++) s[r + x] += z * s[p + x];
            }
            double f = z / (z * z - 1);
            int last = (n - 1) * w, prev = last - w;
            for (int x = 0; x < w; x++) s[last + x] = f * (z * s[prev + x] + s[last + x]);
            for (int k = n - 2; k >= 0; k--) {
                int r = k * w, q = r + w;
                for (int x = 0; x < w; x++) s[r + x] = z * (s[q + x] - s[r + x]);
            }
        }
    }

    /** In-place prefilter of s[0..n) with whole-sample mirror boundaries. */
    public static void filterMirror(double[] s, int n, double[] poles) {
        if (n == 1) return;
        double gain = 1;
        for (double z : poles) gain *= (1 - z) * (1 - 1 / z);
        for (int k = 0; k < n; k++) s[k] *= gain;
        for (double z : poles) {
            s[0] = causalInit(s, n, z);
            for (int k = 1; k < n; k++) s[k] += z * s[k - 1];
            s[n - 1] = (z / (z * z - 1)) * (z * s[n - 2] + s[n - 1]);
            for (int k = n - 2; k >= 0; k--) s[k] = z * (s[k + 1] - s[k]);
        }
    }

    /** Causal initial value for a mirror-extended signal: sum_k z^|k| s(k) over the mirrored line. */
    private static double causalInit(double[] s, int n, double z) {
        // terms below 1e-16 of the first do not change a double
        int horizon = (int) Math.ceil(Math.log(1e-16) / Math.log(Math.abs(z)));
        if (horizon < n) {
            double zn = z, sum = s[0];
            for (int k = 1; k < horizon; k++) {
                sum += zn * s[k];
                zn *= z;
            }
            return sum;
        }
        // exact closed form over one mirror period (Unser 1999, Box 2)
        double zn = z, iz = 1 / z;
        double z2n = Math.pow(z, n - 1);
        double sum = s[0] + z2n * s[n - 1];
        z2n *= z2n * iz;
        for (int k = 1; k < n - 1; k++) {
            sum += (zn + z2n) * s[k];
            zn *= z;
            z2n *= iz;
        }
        return sum / (1 - zn * zn);
    }
}
