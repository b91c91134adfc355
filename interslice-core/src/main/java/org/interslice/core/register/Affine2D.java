package org.interslice.core.register;

/**
 * 2D affine transforms as 3x3 homogeneous matrices (row-major {@code double[9]}, last row 0 0 1), acting on
 * pixel coordinates (x, y): {@code (x', y', 1) = H (x, y, 1)}. Holds the real matrix logarithm and
 * exponential of a 3x3 matrix and the Log-Euclidean fractional power {@code H^alpha = expm(alpha logm(H))}
 * built from them, so the translation is carried exactly by the same power (no separate formula for it
 * and no singular {@code (I - M)^-1} near a pure translation).
 *
 * <p>Logarithm: inverse scaling and squaring (Higham, "Functions of Matrices", 2008, ch. 11): square roots
 * by the Denman-Beavers iteration until the matrix is within 0.25 of the identity, then the Gregory series
 * {@code log A = 2 atanh((A - I)(A + I)^-1)}, scaled back by 2^k. Exponential: scaling and squaring with a
 * Taylor series. Both are exact to a few ulps on the transforms registration gives; they are checked
 * against scipy.linalg.logm, expm and fractional_matrix_power ({@code tools/reference/affine_power_expected.py}).
 * The real logarithm exists when no eigenvalue of the 2x2 linear part lies on the closed negative real axis
 * ({@link #hasRealLogarithm}); every allocation is a small array, nothing is per pixel.
 */
public final class Affine2D {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private Affine2D() {
    }

    /** A new identity matrix. */
    public static double[] identity() {
        return IDENTITY.clone();
    }

    /** The homogeneous matrix of {@code x' = m (x - c) + c + t} (m row-major 2x2, c the centre, t the shift). */
    public static double[] about(double[] m, double cx, double cy, double tx, double ty) {
        return new double[] {m[0], m[1], cx + tx - m[0] * cx - m[1] * cy,
                             m[2], m[3], cy + ty - m[2] * cx - m[3] * cy, 0, 0, 1};
    }

    /** a * b (3x3, row-major); a new array. */
    public static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return r;
    }

    /** Determinant of a 3x3 matrix. */
    public static double det3(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /** Determinant of the 2x2 linear part of a homogeneous affine. */
    public static double det2(double[] h) {
        return h[0] * h[4] - h[1] * h[3];
    }

    /** Inverse of a 3x3 matrix; IllegalArgumentException when it is singular. */
    public static double[] inverse(double[] a) {
        double d = det3(a);
        if (!(Math.abs(d) > 1e-300)) throw new IllegalArgumentException("singular matrix (determinant " + d + ")");
        double[] r = {
            a[4] * a[8] - a[5] * a[7], a[2] * a[7] - a[1] * a[8], a[1] * a[5] - a[2] * a[4],
            a[5] * a[6] - a[3] * a[8], a[0] * a[8] - a[2] * a[6], a[2] * a[3] - a[0] * a[5],
            a[3] * a[7] - a[4] * a[6], a[1] * a[6] - a[0] * a[7], a[0] * a[4] - a[1] * a[3]};
        for (int i = 0; i < 9; i++) r[i] /= d;
        return r;
    }

    /**
     * True when the real principal logarithm of the homogeneous affine exists: no eigenvalue of its 2x2 linear
     * part is real and non-positive (the third eigenvalue is 1).
     */
    public static boolean hasRealLogarithm(double[] h) {
        double tr = h[0] + h[4], det = det2(h);
        double disc = tr * tr / 4 - det;
        if (disc < 0) return true;                       // complex pair: never on the real axis
        double s = Math.sqrt(disc);
        return tr / 2 - s > 0;                          // the smaller real eigenvalue is positive
    }

    /**
     * The largest imaginary part of the principal power {@code h^alpha}, relative to max(|real part|, 1), from
     * the eigenvalues of the linear part: 0 when {@link #hasRealLogarithm} holds; otherwise the imaginary part
     * {@code |lambda|^alpha |sin(pi alpha)|} a negative real eigenvalue lambda gives (scipy's
     * fractional_matrix_power then returns a complex matrix).
     */
    public static double imaginaryPart(double[] h, double alpha) {
        if (hasRealLogarithm(h)) return 0;
        double tr = h[0] + h[4], det = det2(h);
        double disc = Math.max(0, tr * tr / 4 - det);
        double worst = 0;
        for (double lambda : new double[] {tr / 2 - Math.sqrt(disc), tr / 2 + Math.sqrt(disc)}) {
            if (lambda > 0) continue;
            double mag = Math.pow(Math.abs(lambda), alpha);
            double im = mag * Math.abs(Math.sin(Math.PI * alpha)), re = Math.abs(mag * Math.cos(Math.PI * alpha));
            worst = Math.max(worst, im / Math.max(re, 1));
        }
        return worst;
    }

    /**
     * Real principal matrix logarithm of a 3x3 matrix (any 3x3 with no eigenvalue on the closed negative real
     * axis; for a homogeneous affine see {@link #hasRealLogarithm}). IllegalArgumentException when the square
     * roots do not converge (an eigenvalue on or near the negative axis).
     */
    public static double[] log(double[] h) {
        double[] a = h.clone();
        int k = 0;
        // inverse scaling: square roots until A is near I (the series then converges fast)
        while (normDiffIdentity(a) > 0.25) {
            if (k == 64) throw new IllegalArgumentException("matrix logarithm: square roots do not approach the identity");
            a = sqrt(a);
            k++;
        }
        // Gregory series: log A = 2 sum_{j>=0} Z^(2j+1) / (2j+1), Z = (A - I)(A + I)^-1, ||Z|| <= ~0.13
        double[] am = a.clone(), ap = a.clone();
        for (int i = 0; i < 9; i += 4) {
            am[i] -= 1;
            ap[i] += 1;
        }
        double[] z = multiply(am, inverse(ap));
        double[] z2 = multiply(z, z);
        double[] term = z.clone(), sum = z.clone();
        for (int j = 1; j < 40; j++) {
            term = multiply(term, z2);
            double max = 0;
            for (int i = 0; i < 9; i++) {
                double t = term[i] / (2 * j + 1);
                sum[i] += t;
                max = Math.max(max, Math.abs(t));
            }
            if (max < 1e-19) break;
        }
        double scale = 2.0 * Math.pow(2, k);
        for (int i = 0; i < 9; i++) sum[i] *= scale;
        return sum;
    }

    /** Matrix exponential of a 3x3 matrix (scaling and squaring, Taylor series). */
    public static double[] exp(double[] l) {
        double norm = 0;
        for (int i = 0; i < 3; i++) norm = Math.max(norm, Math.abs(l[3 * i]) + Math.abs(l[3 * i + 1]) + Math.abs(l[3 * i + 2]));
        if (!Double.isFinite(norm)) throw new IllegalArgumentException("matrix exponential of a non-finite matrix");
        int s = norm > 0.5 ? (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2)) : 0;
        double f = Math.pow(2, -s);
        double[] x = new double[9];
        for (int i = 0; i < 9; i++) x[i] = l[i] * f;
        double[] sum = identity(), term = identity();
        for (int j = 1; j < 30; j++) {
            term = multiply(term, x);
            double max = 0;
            for (int i = 0; i < 9; i++) {
                term[i] /= j;
                sum[i] += term[i];
                max = Math.max(max, Math.abs(term[i]));
            }
            if (max < 1e-19) break;
        }
        for (int i = 0; i < s; i++) sum = multiply(sum, sum);
        return sum;
    }

    /**
     * The Log-Euclidean fractional power {@code expm(alpha logm(h))} of a homogeneous affine; alpha 0 gives the
     * identity and alpha 1 gives h exactly (no round trip through the logarithm). The last row is set to
     * 0 0 1. IllegalArgumentException when the real logarithm does not exist ({@link #hasRealLogarithm}).
     */
    public static double[] power(double[] h, double alpha) {
        if (alpha == 0) return identity();
        if (alpha == 1) return h.clone();
        if (!hasRealLogarithm(h)) throw new IllegalArgumentException("the affine has a negative real eigenvalue: no real fractional power");
        double[] l = log(h);
        for (int i = 0; i < 9; i++) l[i] *= alpha;
        double[] r = exp(l);
        r[6] = 0;
        r[7] = 0;
        r[8] = 1;
        return r;
    }

    /** Principal square root by the scaled Denman-Beavers iteration (product form). */
    static double[] sqrt(double[] a) {
        double[] y = a.clone(), z = identity();
        double change = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 100; it++) {
            // determinant scaling speeds up the first steps (Higham 2008, eq. 6.28)
            double g = Math.pow(Math.abs(det3(y) * det3(z)), -1.0 / 6.0);
            if (!Double.isFinite(g) || g <= 0) g = 1;
            double[] yi = inverse(y), zi = inverse(z);
            double[] yn = new double[9], zn = new double[9];
            change = 0;
            for (int i = 0; i < 9; i++) {
                yn[i] = 0.5 * (g * y[i] + zi[i] / g);
                zn[i] = 0.5 * (g * z[i] + yi[i] / g);
                change = Math.max(change, Math.abs(yn[i] - y[i]));
            }
            y = yn;
            z = zn;
            double size = 0;
            for (double v : y) size = Math.max(size, Math.abs(v));
            if (change <= 1e-14 * Math.max(1, size)) return y;
        }
        if (change < 1e-10) return y;   // stalled at rounding level
        throw new IllegalArgumentException("matrix square root did not converge");
    }

    private static double normDiffIdentity(double[] a) {
        double norm = 0;
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) s += Math.abs(a[3 * i + j] - (i == j ? 1 : 0));
            norm = Math.max(norm, s);
        }
        return norm;
    }

    /** Maps (x, y) by h into out[0..1]. */
    public static void apply(double[] h, double x, double y, double[] out) {
        out[0] = h[0] * x + h[1] * y + h[2];
        out[1] = h[3] * x + h[4] * y + h[5];
    }
}
