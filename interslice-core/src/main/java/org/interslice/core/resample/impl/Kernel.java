package org.interslice.core.resample.impl;

/**
 * One-dimensional interpolation kernel: for a continuous index {@code c} it gives the first input index
 * {@code j0} and the weights of the {@link #taps} samples {@code j0 .. j0 + taps - 1}. Boundaries are not
 * handled here (indices may fall outside the input). Immutable, thread-safe. Internal to the resampler.
 */
public final class Kernel {
    /** Kernel shapes. */
    public enum Shape { NEAREST, LINEAR, BSPLINE, LANCZOS, GAUSSIAN }

    /** Continuous indices closer than this to an integer are snapped, so grid-aligned samples are exact. */
    public static final double SNAP = 1e-6;

    public final Shape shape;
    /** B-spline order (BSPLINE only). */
    public final int order;
    /** Lanczos lobes (LANCZOS) or half support in voxels (GAUSSIAN). */
    public final int radius;
    /** Gaussian sigma in input voxels (GAUSSIAN only). */
    public final double sigma;
    /** Number of weights per sample. */
    public final int taps;
    private final double inv2s2;

    private Kernel(Shape shape, int order, int radius, double sigma, int taps) {
        this.shape = shape;
        this.order = order;
        this.radius = radius;
        this.sigma = sigma;
        this.taps = taps;
        this.inv2s2 = sigma > 0 ? 1 / (2 * sigma * sigma) : 0;
    }

    public static Kernel nearest() { return new Kernel(Shape.NEAREST, 0, 0, 0, 1); }

    public static Kernel linear() { return new Kernel(Shape.LINEAR, 1, 1, 0, 2); }

    /** B-spline basis of the given order 1..5 (order 1 is the linear hat). */
    public static Kernel bspline(int order) { return new Kernel(Shape.BSPLINE, order, 0, 0, order + 1); }

    public static Kernel lanczos(int radius) { return new Kernel(Shape.LANCZOS, 0, radius, 0, 2 * radius); }

    /** Gaussian of sigma (input voxels) truncated at 3 sigma (at least 1 voxel), weights normalised. */
    public static Kernel gaussian(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        return new Kernel(Shape.GAUSSIAN, 0, r, sigma, 2 * r + 1);
    }

    /**
     * The kernel's halo: input voxels it reads beyond a sample position on each side, i.e. the largest
     * |j - c| of a tap j, rounded up (nearest and linear 1, B-spline ceil((order + 1) / 2), Lanczos its
     * radius, Gaussian its radius + 1). Boundary extension can fold taps back inside the input.
     */
    public int halo() {
        switch (shape) {
            case NEAREST: case LINEAR: return 1;
            case BSPLINE: return (order + 2) / 2;
            case LANCZOS: return radius;
            case GAUSSIAN: return radius + 1;
            default: throw new AssertionError(shape);
        }
    }

    /** Snaps c to the nearest integer when within {@link #SNAP}. */
    public static double snap(double c) {
        double r = Math.rint(c);
        return Math.abs(c - r) < SNAP ? r : c;
    }

    /**
     * Writes the weights of sample position c (snapped first) into w[0..taps) and returns j0, the input
     * index of w[0]. Weights sum to 1.
     */
    public int weights(double c, double[] w) {
        c = snap(c);
        switch (shape) {
            case NEAREST: {
                w[0] = 1;
                return (int) Math.floor(c + 0.5);
            }
            case LINEAR: {
                int j = (int) Math.floor(c);
                double f = c - j;
                w[0] = 1 - f;
                w[1] = f;
                return j;
            }
            case BSPLINE: {
                int j0 = (int) Math.floor(c - (order + 1) / 2.0) + 1;
                for (int t = 0; t < taps; t++) w[t] = bsplineBasis(order, c - (j0 + t));
                return j0;
            }
            case LANCZOS: {
                int j0 = (int) Math.floor(c) - radius + 1;
                double sum = 0;
                for (int t = 0; t < taps; t++) {
                    double d = c - (j0 + t);
                    double v = Math.abs(d) >= radius ? 0 : sinc(d) * sinc(d / radius);
                    w[t] = v;
                    sum += v;
                }
                for (int t = 0; t < taps; t++) w[t] /= sum;
                return j0;
            }
            case GAUSSIAN: {
                int j0 = (int) Math.floor(c + 0.5) - radius;
                double sum = 0;
                for (int t = 0; t < taps; t++) {
                    double d = c - (j0 + t);
                    double v = Math.exp(-d * d * inv2s2);
                    w[t] = v;
                    sum += v;
                }
                for (int t = 0; t < taps; t++) w[t] /= sum;
                return j0;
            }
            default:
                throw new AssertionError(shape);
        }
    }

    /** sin(pi x) / (pi x), exactly 0 at nonzero integers and 1 at 0. */
    static double sinc(double x) {
        if (x == 0) return 1;
        if (x == Math.rint(x)) return 0;
        double p = Math.PI * x;
        return Math.sin(p) / p;
    }

    /**
     * Centred B-spline basis of order n at x: the (n+1)-fold convolution of the unit box, evaluated by
     * the truncated-power formula (1/n!) sum_k (-1)^k C(n+1,k) (x + (n+1)/2 - k)_+^n (Unser 1999,
     * "Splines: a perfect fit", eq. 2). Exact enough in double for n <= 5.
     */
    public static double bsplineBasis(int n, double x) {
        double ax = Math.abs(x);
        double half = (n + 1) / 2.0;
        if (ax >= half) return 0;
        if (n == 3) { // the common cubic, closed form
            if (ax < 1) return 2.0 / 3.0 - ax * ax + 0.5 * ax * ax * ax;
            double u = 2 - ax;
            return u * u * u / 6.0;
        }
        double sum = 0, binom = 1;
        double fact = 1;
        for (int i = 2; i <= n; i++) fact *= i;
        for (int k = 0; k <= n + 1; k++) {
            double u = ax + half - k;
            if (u > 0) {
                double p = u;
                for (int i = 1; i < n; i++) p *= u;
                sum += ((k & 1) == 0 ? binom : -binom) * p;
            }
            binom = binom * (n + 1 - k) / (k + 1);
        }
        return sum / fact;
    }

    /**
     * Discrete normalised Gaussian of the given sigma (samples), radius ceil(3 sigma) at least 1:
     * g[m + radius] for m in -radius..radius.
     */
    public static double[] discreteGaussian(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] g = new double[2 * r + 1];
        double sum = 0;
        for (int m = -r; m <= r; m++) {
            double v = Math.exp(-m * (double) m / (2 * sigma * sigma));
            g[m + r] = v;
            sum += v;
        }
        for (int i = 0; i < g.length; i++) g[i] /= sum;
        return g;
    }
}
