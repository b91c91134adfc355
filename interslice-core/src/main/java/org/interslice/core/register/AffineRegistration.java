package org.interslice.core.register;

import java.util.ArrayList;
import java.util.List;

/**
 * 2D affine registration, coarse to fine: finds the homogeneous affine h (see {@link Affine2D}) with
 * {@code moving(h (x, y)) ~ fixed(x, y)} for the fixed image's pixels, by Levenberg-Marquardt on the mean
 * squared difference ({@link AffineMetric#MSE}) or on the difference after the best gain and offset
 * ({@link AffineMetric#NCC}), over the pixels that map inside the moving image. Levels come from
 * {@link Pyramid#reduce}; the transform found on a coarse level starts the next finer one. The six
 * parameters move pixels: an update (a, b, c, d, e, f) moves (x, y) by (a u + b v + c, d u + e v + f), with
 * (u, v) the pixel's position from the image centre in half-widths, so every parameter is in pixels and
 * the normal equations stay well conditioned.
 *
 * <p>One instance is one thread's work space (levels and gradient images, grown on demand). Images are
 * flat float arrays, x fastest, not modified. A trial step whose transform leaves fewer than
 * {@link ConfigAffine#minOverlap} of the pixels inside the moving image is rejected like a step that raises
 * the cost (the damping grows), so the transform found always keeps that overlap. Failures of the optimiser
 * (no gradient, a start without the overlap, a non-finite step or cost) are thrown as {@link Failure}, which
 * the caller reports; nothing falls back silently.
 */
public final class AffineRegistration {
    private final ConfigAffine config;

    /** The registration's outcome: the transform (fixed pixel to moving pixel) and what the optimiser did. */
    public record Result(double[] matrix, int iterations, double cost, int levels) {
    }

    /** The optimiser could not produce a transform; the message says why. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    public AffineRegistration(ConfigAffine config) {
        this.config = config.copy().check();
    }

    /**
     * Registers {@code moving} to {@code fixed} (both nx x ny), starting from the identity.
     *
     * @return h with moving(h x) ~ fixed(x)
     * @throws Failure when the optimiser fails
     */
    public Result register(float[] fixed, float[] moving, int nx, int ny) {
        if (nx < 4 || ny < 4) throw new Failure("image " + nx + " x " + ny + " is too small to register");
        if (fixed.length < nx * ny || moving.length < nx * ny) throw new IllegalArgumentException("image arrays shorter than " + nx + " x " + ny);
        // the pyramid: level 0 is the full resolution
        List<float[]> fs = new ArrayList<>(), ms = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        fs.add(fixed);
        ms.add(moving);
        sizes.add(new int[] {nx, ny});
        int want = config.levels;
        while (true) {
            int[] s = sizes.get(sizes.size() - 1);
            int mx = Pyramid.reducedSize(s[0]), my = Pyramid.reducedSize(s[1]);
            boolean more = want < 0 ? Math.min(mx, my) >= 32 : sizes.size() <= want;
            if (!more || Math.min(mx, my) < 8) break;
            float[] tmp = new float[s[0] * s[1]], tmp2 = new float[s[0] * s[1]];
            float[] f2 = new float[mx * my], m2 = new float[mx * my];
            Pyramid.reduce(fs.get(fs.size() - 1), s[0], s[1], f2, tmp, tmp2);
            Pyramid.reduce(ms.get(ms.size() - 1), s[0], s[1], m2, tmp, tmp2);
            fs.add(f2);
            ms.add(m2);
            sizes.add(new int[] {mx, my});
        }
        double[] h = Affine2D.identity();   // at full resolution
        int iterations = 0;
        double cost = Double.NaN;
        for (int level = sizes.size() - 1; level >= 0; level--) {
            int lx = sizes.get(level)[0], ly = sizes.get(level)[1];
            // coarse pixel -> fine pixel, pixel edges aligned
            double rx = (double) nx / lx, ry = (double) ny / ly;
            double[] s = {rx, 0, 0.5 * rx - 0.5, 0, ry, 0.5 * ry - 0.5, 0, 0, 1};
            double[] hl = Affine2D.multiply(Affine2D.inverse(s), Affine2D.multiply(h, s));
            Level l = new Level(fs.get(level), ms.get(level), lx, ly);
            hl = l.solve(hl);
            iterations += l.iterations;
            cost = l.cost;
            h = Affine2D.multiply(s, Affine2D.multiply(hl, Affine2D.inverse(s)));
        }
        for (double v : h) if (!Double.isFinite(v)) throw new Failure("non-finite transform");
        return new Result(h, iterations, cost, sizes.size());
    }

    /** Levenberg-Marquardt on one level. */
    private final class Level {
        final float[] f, m, gx, gy;
        final int nx, ny;
        final double cx, cy, r;
        int iterations;
        double cost;
        double gain = 1, offset = 0;
        double overlap = 1;   // fraction of the pixels inside at the last evaluation

        Level(float[] f, float[] m, int nx, int ny) {
            this.f = f;
            this.m = m;
            this.nx = nx;
            this.ny = ny;
            cx = (nx - 1) / 2.0;
            cy = (ny - 1) / 2.0;
            r = Math.max(nx, ny) / 2.0;
            gx = new float[nx * ny];
            gy = new float[nx * ny];
            for (int y = 0; y < ny; y++) {
                int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    int xa = Math.max(0, x - 1), xb = Math.min(nx - 1, x + 1), ya = Math.max(0, y - 1), yb = Math.min(ny - 1, y + 1);
                    gx[row + x] = (m[row + xb] - m[row + xa]) / (xb - xa);
                    gy[row + x] = (m[yb * nx + x] - m[ya * nx + x]) / (yb - ya);
                }
            }
        }

        double[] solve(double[] h0) {
            double[] h = h0.clone();
            double[] a = new double[36], b = new double[6];
            double lambda = 1e-3;
            double current = evaluate(h, null, null);
            if (current == Double.POSITIVE_INFINITY) throw new Failure(overlapMessage());
            for (int it = 0; it < config.maxIterations; it++) {
                iterations++;
                evaluate(h, a, b);
                double[] damped = a.clone();
                for (int i = 0; i < 6; i++) damped[7 * i] += lambda * Math.max(a[7 * i], 1e-12);
                double[] step = solve6(damped, b);
                if (step == null) throw new Failure("registration: singular normal equations (no image gradient)");
                double[] trial = h.clone();
                trial[0] += step[0] / r;
                trial[1] += step[1] / r;
                trial[2] += step[2] - step[0] * cx / r - step[1] * cy / r;
                trial[3] += step[3] / r;
                trial[4] += step[4] / r;
                trial[5] += step[5] - step[3] * cx / r - step[4] * cy / r;
                double next = evaluate(trial, null, null);   // +infinity when the trial loses the overlap: rejected
                double move = Math.max(Math.abs(step[0]) + Math.abs(step[1]) + Math.abs(step[2]), Math.abs(step[3]) + Math.abs(step[4]) + Math.abs(step[5]));
                if (!Double.isFinite(move)) throw new Failure("registration: non-finite step");
                if (next < current) {
                    h = trial;
                    current = next;
                    lambda = Math.max(lambda / 3, 1e-9);
                    if (move < config.tolerancePx) break;
                } else {
                    lambda *= 4;
                    if (lambda > 1e9 || move < config.tolerancePx) break;   // no step improves: at the minimum
                }
            }
            cost = current;
            return h;
        }

        String overlapMessage() {
            return String.format(java.util.Locale.ROOT, "registration: only %.0f%% of the image overlaps (minimum %.0f%%)", 100 * overlap,
                    100 * config.minOverlap);
        }

        /**
         * Mean squared residual of h over the pixels mapping inside the moving image (+infinity when fewer
         * than {@link ConfigAffine#minOverlap} of the pixels do: such a transform is never accepted); with a and b not null
         * also the normal equations (J^T J, -J^T r) of the six pixel parameters. The NCC metric refits the
         * gain and offset first.
         */
        double evaluate(double[] h, double[] a, double[] b) {
            final float maxX = nx - 1, maxY = ny - 1;
            if (config.metric == AffineMetric.NCC) fitGain(h);
            final double g = gain, o = offset;
            if (a != null) {
                java.util.Arrays.fill(a, 0);
                java.util.Arrays.fill(b, 0);
            }
            double sum = 0;
            long n = 0;
            double[] j = new double[6];
            for (int y = 0; y < ny; y++) {
                double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
                int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    double px = sx + h[0] * x, py = sy + h[3] * x;
                    if (!(px >= 0 && px <= maxX && py >= 0 && py <= maxY)) continue;
                    double res = g * Warp.sample(m, nx, ny, maxX, maxY, (float) px, (float) py) + o - f[row + x];
                    sum += res * res;
                    n++;
                    if (a == null) continue;
                    double ix = g * Warp.sample(gx, nx, ny, maxX, maxY, (float) px, (float) py);
                    double iy = g * Warp.sample(gy, nx, ny, maxX, maxY, (float) px, (float) py);
                    double u = (x - cx) / r, v = (y - cy) / r;
                    j[0] = ix * u;
                    j[1] = ix * v;
                    j[2] = ix;
                    j[3] = iy * u;
                    j[4] = iy * v;
                    j[5] = iy;
                    for (int p = 0; p < 6; p++) {
                        b[p] -= j[p] * res;
                        for (int q = p; q < 6; q++) a[6 * p + q] += j[p] * j[q];
                    }
                }
            }
            overlap = n / ((double) nx * ny);
            if (n < config.minOverlap * nx * ny) return Double.POSITIVE_INFINITY;
            if (a != null) for (int p = 0; p < 6; p++) for (int q = 0; q < p; q++) a[6 * p + q] = a[6 * q + p];
            double c = sum / n;
            if (!Double.isFinite(c)) throw new Failure("registration: non-finite cost");
            return c;
        }

        /** Least-squares gain and offset of the warped moving image onto the fixed one (NCC metric). */
        void fitGain(double[] h) {
            final float maxX = nx - 1, maxY = ny - 1;
            double sm = 0, sf = 0, smm = 0, smf = 0;
            long n = 0;
            for (int y = 0; y < ny; y++) {
                double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
                int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    double px = sx + h[0] * x, py = sy + h[3] * x;
                    if (!(px >= 0 && px <= maxX && py >= 0 && py <= maxY)) continue;
                    double mv = Warp.sample(m, nx, ny, maxX, maxY, (float) px, (float) py), fv = f[row + x];
                    sm += mv;
                    sf += fv;
                    smm += mv * mv;
                    smf += mv * fv;
                    n++;
                }
            }
            if (n == 0) return;   // evaluate reports the lost overlap
            double var = smm - sm * sm / n, cov = smf - sm * sf / n;
            gain = var > 1e-12 * Math.max(1, smm) ? cov / var : 1;
            offset = (sf - gain * sm) / n;
        }
    }

    /** Solves the 6x6 system a x = b by Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve6(double[] a, double[] b) {
        double[] m = a.clone(), x = b.clone();
        for (int c = 0; c < 6; c++) {
            int p = c;
            for (int r = c + 1; r < 6; r++) if (Math.abs(m[6 * r + c]) > Math.abs(m[6 * p + c])) p = r;
            if (!(Math.abs(m[6 * p + c]) > 1e-300)) return null;
            if (p != c) {
                for (int k = 0; k < 6; k++) {
                    double t = m[6 * c + k];
                    m[6 * c + k] = m[6 * p + k];
                    m[6 * p + k] = t;
                }
                double t = x[c];
                x[c] = x[p];
                x[p] = t;
            }
            for (int r = c + 1; r < 6; r++) {
                double f = m[6 * r + c] / m[6 * c + c];
                if (f == 0) continue;
                for (int k = c; k < 6; k++) m[6 * r + k] -= f * m[6 * c + k];
                x[r] -= f * x[c];
            }
        }
        for (int c = 5; c >= 0; c--) {
            double s = x[c];
            for (int k = c + 1; k < 6; k++) s -= m[6 * c + k] * x[k];
            x[c] = s / m[6 * c + c];
            if (!Double.isFinite(x[c])) return null;
        }
        return x;
    }
}
