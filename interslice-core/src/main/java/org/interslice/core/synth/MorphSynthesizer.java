package org.interslice.core.synth;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.interslice.core.exec.Job;
import org.interslice.core.register.IntensityWindow;
import org.interslice.core.register.TvL1Flow;
import org.interslice.core.register.TvStructure;
import org.interslice.core.register.Warp;
import org.interslice.core.volume.FloatVolume;

/**
 * Registration-based slice interpolation (Penney et al. 2004; Ehrhardt et al. 2007): for each gap
 * between neighbouring measured slices a and b, a dense flow is estimated in both directions
 * ({@link TvL1Flow} on the pair's intensities mapped to [0, 1] by robust percentiles), and a slice at
 * fraction t of the gap is {@code (1 - t) a(p + t f_ba(p)) + t b(p + (1 - t) f_ab(p))}: both neighbours
 * moved partway along the motion and blended by distance. Where the two moved neighbours still disagree
 * (residual above {@link ConfigMorph#residualTrusted}), the motion is not trusted and the value moves
 * toward the linear blend {@code (1 - t) a + t b}, fully at {@link ConfigMorph#residualUntrusted}: a
 * structure that appears or vanishes between slices fades instead of being invented. Optionally
 * ({@link ConfigMorph#curvature}) the in-place cubic B-spline curvature along the slice axis
 * ({@code cubic - linear}, from four measured slices) is added where the slice barely moves and the motion is
 * trusted: there it is the term that makes cubic beat linear on finely sampled data. By default
 * ({@link ConfigMorph#curvatureLimit}) the term cannot push a value outside the range of the pair's
 * samples at the pixel (in place and moved), so it sharpens smooth profiles without ringing at edges.
 *
 * <p>Every gap is registered once and all its targets are made from that; gaps run in parallel on the
 * job, each with a work space taken from a pool (at most one per thread, reused across calls). The
 * result is symmetric: swapping a and b (and t with 1 - t) gives the same slice. Targets on a measured
 * slice, or outside the measured range, copy the measured (edge) slice.
 */
public final class MorphSynthesizer implements SliceSynthesizer {
    private final ConfigMorph config;
    private final ConcurrentLinkedQueue<Workspace> pool = new ConcurrentLinkedQueue<>();

    /** One thread's buffers for one gap: the flow solver and the pair's normalised slices and flows. */
    private static final class Workspace {
        final TvL1Flow flow;
        final int[] hist = new int[IntensityWindow.BINS];
        final double[] window = new double[2];
        float[] a01 = new float[0], b01, abU, abV, baU, baV, sa, sb, px, py, dv;

        Workspace(ConfigMorph config) {
            flow = new TvL1Flow(config.flow);
        }

        void ensure(int n) {
            if (a01.length >= n) return;
            a01 = new float[n]; b01 = new float[n];
            abU = new float[n]; abV = new float[n]; baU = new float[n]; baV = new float[n];
            sa = new float[n]; sb = new float[n]; px = new float[n]; py = new float[n]; dv = new float[n];
        }
    }

    /** With the given settings (copied). */
    public MorphSynthesizer(ConfigMorph config) {
        config.check();
        this.config = config.copy();
    }

    /** With the default settings. */
    public MorphSynthesizer() {
        this(new ConfigMorph());
    }

    @Override
    public String name() {
        return "morph";
    }

    /**
     * One measured slice on each side (a gap is registered from its two slices), or the cubic spline's
     * reach when the curvature term is on.
     */
    @Override
    public int reach() {
        return config.curvature > 0 ? CubicSynthesizer.REACH : 1;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final float[] src = kept.data(), dst = out.data();
        // each target: a measured slice to copy, or a gap and its fraction
        final int[] gapOf = new int[targets.length];
        final double[] frac = new double[targets.length];
        int[] gapTargets = new int[m - 1];
        for (int s = 0; s < targets.length; s++) {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = Math.min((int) Math.floor(u), m - 2);
            double t = u - i;
            if (t == 0 || t == 1) {
                int k = t == 0 ? i : i + 1;
                System.arraycopy(src, k * plane, dst, s * plane, plane);
                gapOf[s] = -1;
            } else {
                gapOf[s] = i;
                frac[s] = t;
                gapTargets[i]++;
            }
        }
        int gaps = 0;
        for (int i = 0; i < m - 1; i++) if (gapTargets[i] > 0) gaps++;
        final int[] gapList = new int[gaps];
        for (int i = 0, g = 0; i < m - 1; i++) if (gapTargets[i] > 0) gapList[g++] = i;
        FloatVolume curv = null;
        if (config.curvature > 0 && m >= 3) {
            // cubic minus linear at every target, computed in place along the slice axis
            curv = FloatVolume.allocate(nx, ny, targets.length, out.geometry());
            FloatVolume lin = FloatVolume.allocate(nx, ny, targets.length, out.geometry());
            new CubicSynthesizer().synthesize(kept, keptPositions, targets, curv, job);
            new LinearSynthesizer().synthesize(kept, keptPositions, targets, lin, job);
            float[] c = curv.data(), l = lin.data();
            for (int i = 0; i < c.length; i++) c[i] -= l[i];
            final int r = config.curvatureBlur;
            if (r > 0) job.forEachSlab(targets.length, t -> boxBlur(c, t * plane, nx, ny, r, l));
        }
        final float[] curvature = curv == null ? null : curv.data();
        job.forEachSlab("morph", gaps, g -> {
            Workspace ws = pool.poll();
            if (ws == null) ws = new Workspace(config);
            try {
                int gap = gapList[g];
                register(ws, src, gap * plane, (gap + 1) * plane, nx, ny);
                for (int s = 0; s < targets.length; s++)
                    if (gapOf[s] == gap) {
                        blend(ws, src, gap * plane, (gap + 1) * plane, nx, ny, frac[s], dst, s * plane, curvature);
                    }
            } finally {
                pool.offer(ws);
            }
        });
    }

    /** Flows of the pair (a at offset ao, b at bo of src) in both directions into the work space. */
    private void register(Workspace ws, float[] src, int ao, int bo, int nx, int ny) {
        final int n = nx * ny;
        ws.ensure(n);
        float[] a = ws.a01, b = ws.b01;
        IntensityWindow.of(src, ao, src, bo, n, config.lowPercentile, config.highPercentile, ws.hist, ws.window);
        IntensityWindow.normalise(src, ao, n, ws.window[0], ws.window[1], a);
        IntensityWindow.normalise(src, bo, n, ws.window[0], ws.window[1], b);
        if (config.flowTexture > 0) {
            // the flow matches the texture (each slice minus part of its edge-preserving structure), so a
            // brightness ramp that differs between the slices is not read as motion; the blend below still
            // moves the real intensities
            final float w = (float) config.flowStructureWeight, al = (float) config.flowTexture;
            TvStructure.of(a, nx, ny, w, config.flowStructureIterations, ws.sa, ws.px, ws.py, ws.dv);
            TvStructure.of(b, nx, ny, w, config.flowStructureIterations, ws.sb, ws.px, ws.py, ws.dv);
            for (int i = 0; i < n; i++) {
                ws.sa[i] = a[i] - al * ws.sa[i];
                ws.sb[i] = b[i] - al * ws.sb[i];
            }
            a = ws.sa;
            b = ws.sb;
        }
        ws.flow.estimate(a, b, nx, ny, ws.abU, ws.abV);   // a(p) ~ b(p + f_ab(p))
        ws.flow.estimate(b, a, nx, ny, ws.baU, ws.baV);   // b(p) ~ a(p + f_ba(p))
    }

    /**
     * The flows of one pair as the synthesis estimates them, {u, v} of a to b then of b to a
     * (a(p) ~ b(p + f_ab(p))); for tests.
     */
    float[][] flows(float[] a, float[] b, int nx, int ny) {
        final int n = nx * ny;
        float[] src = new float[2 * n];
        System.arraycopy(a, 0, src, 0, n);
        System.arraycopy(b, 0, src, n, n);
        Workspace ws = new Workspace(config);
        register(ws, src, 0, n, nx, ny);
        return new float[][] {
            java.util.Arrays.copyOf(ws.abU, n), java.util.Arrays.copyOf(ws.abV, n),
            java.util.Arrays.copyOf(ws.baU, n), java.util.Arrays.copyOf(ws.baV, n)};
    }

    /** Writes the slice at fraction t of the gap into dst at offset o. */
    private void blend(Workspace ws, float[] src, int ao, int bo, int nx, int ny, double t, float[] dst, int o, float[] curvature) {
        final float cw = curvature == null ? 0f : (float) config.curvature;
        final float cinv = (float) (1 / config.curvatureMotion);
        final boolean limit = config.curvatureLimit;
        final int steps = config.trajectorySteps;
        final float wa = (float) (1 - t), wb = (float) t;
        final float ta = (float) t, tb = (float) (1 - t);
        final float maxX = nx - 1, maxY = ny - 1;
        final float scale = (float) (1 / (ws.window[1] - ws.window[0]));
        final float r0 = (float) config.residualTrusted, r1 = (float) config.residualUntrusted;
        final float inv = Float.isInfinite(r1) ? 0f : 1f / (r1 - r0);
        final float[] abU = ws.abU, abV = ws.abV, baU = ws.baU, baV = ws.baV;
        for (int y = 0; y < ny; y++) {
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                final int i = row + x;
                // the trajectory through p at t meets b at q with q + (1 - t) f_ba(q) = p (and a at r with
                // r + t f_ab(r) = p); a few fixed-point steps find q and r, 0 steps take q = r = p
                float fax = baU[i], fay = baV[i], fbx = abU[i], fby = abV[i];
                for (int k = 0; k < steps; k++) {
                    float qx = x - tb * fax, qy = y - tb * fay, rx = x - ta * fbx, ry = y - ta * fby;
                    fax = sampleAt(baU, 0, nx, ny, maxX, maxY, qx, qy);
                    fay = sampleAt(baV, 0, nx, ny, maxX, maxY, qx, qy);
                    fbx = sampleAt(abU, 0, nx, ny, maxX, maxY, rx, ry);
                    fby = sampleAt(abV, 0, nx, ny, maxX, maxY, rx, ry);
                }
                float pa = sampleAt(src, ao, nx, ny, maxX, maxY, x + ta * fax, y + ta * fay);
                float pb = sampleAt(src, bo, nx, ny, maxX, maxY, x + tb * fbx, y + tb * fby);
                float lin = wa * src[ao + i] + wb * src[bo + i];
                float morph = wa * pa + wb * pb;
                // trust in the motion: 1 while the moved neighbours agree, 0 once they differ by r1
                float r = Math.abs(pa - pb) * scale;
                float trust = r <= r0 ? 1f : Math.max(0f, 1f - (r - r0) * inv);
                float value = lin + trust * (morph - lin);
                if (cw > 0) {
                    // the in-place curvature only where the slice barely moves and the motion estimate is trusted
                    float moved = Math.abs(morph - lin) * scale * cinv;
                    if (moved < 1f) {
                        value += cw * trust * (1f - moved) * curvature[o + i];
                        if (limit) {
                            // no overshoot: the term may bend the value only within the range of the pair's
                            // samples at this pixel (a, b in place and moved), so sharp edges do not ring
                            float lo = Math.min(Math.min(pa, pb), Math.min(src[ao + i], src[bo + i]));
                            float hi = Math.max(Math.max(pa, pb), Math.max(src[ao + i], src[bo + i]));
                            value = value < lo ? lo : value > hi ? hi : value;
                        }
                    }
                }
                dst[o + i] = value == value ? value : finiteBlend(pa, pb, src[ao + i], src[bo + i], wa, wb);
            }
        }
    }

    /**
     * Box mean of radius r over the slice at offset off, in place (rows then columns, edges averaged over
     * the pixels inside); {@code scratch} rows of the same slice offset are used as work space.
     */
    private static void boxBlur(float[] d, int off, int nx, int ny, int r, float[] scratch) {
        for (int y = 0; y < ny; y++) {
            int row = off + y * nx;
            for (int x = 0; x < nx; x++) {
                int x0 = Math.max(0, x - r), x1 = Math.min(nx - 1, x + r);
                float sum = 0;
                for (int k = x0; k <= x1; k++) sum += d[row + k];
                scratch[row + x] = sum / (x1 - x0 + 1);
            }
        }
        for (int y = 0; y < ny; y++) {
            int y0 = Math.max(0, y - r), y1 = Math.min(ny - 1, y + r), row = off + y * nx;
            for (int x = 0; x < nx; x++) {
                float sum = 0;
                for (int k = y0; k <= y1; k++) sum += scratch[off + k * nx + x];
                d[row + x] = sum / (y1 - y0 + 1);
            }
        }
    }

    /**
     * The rare path for a NaN result (a NaN voxel in a measured slice): the distance-weighted mean of the
     * finite candidates, 0 when there is none. Symmetric in (a, b), so mirroring still holds.
     */
    private static float finiteBlend(float pa, float pb, float a, float b, float wa, float wb) {
        float sum = 0, w = 0;
        if (Float.isFinite(pa)) { sum += wa * pa; w += wa; }
        if (Float.isFinite(pb)) { sum += wb * pb; w += wb; }
        if (w > 0) return sum / w;
        if (Float.isFinite(a)) { sum += wa * a; w += wa; }
        if (Float.isFinite(b)) { sum += wb * b; w += wb; }
        return w > 0 ? sum / w : 0f;
    }

    /** Bilinear sample of the slice at offset off of src, clamped to the slice. */
    private static float sampleAt(float[] src, int off, int nx, int ny, float maxX, float maxY, float cx, float cy) {
        if (!(cx > 0)) cx = 0; else if (cx > maxX) cx = maxX;
        if (!(cy > 0)) cy = 0; else if (cy > maxY) cy = maxY;
        int x0 = (int) cx, y0 = (int) cy;
        float fx = cx - x0, fy = cy - y0;
        int x1 = x0 < nx - 1 ? x0 + 1 : x0, y1 = y0 < ny - 1 ? y0 + 1 : y0;
        int r0 = off + y0 * nx, r1 = off + y1 * nx;
        float top = src[r0 + x0] + fx * (src[r0 + x1] - src[r0 + x0]);
        float bottom = src[r1 + x0] + fx * (src[r1 + x1] - src[r1 + x0]);
        return top + fy * (bottom - top);
    }
}
