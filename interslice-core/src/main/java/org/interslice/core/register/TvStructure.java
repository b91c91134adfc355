package org.interslice.core.register;

/**
 * The structure part of an image for a structure-texture split (Wedel, Pock, Zach, Bischof, Cremers 2009,
 * "An improved algorithm for TV-L1 optical flow"): the ROF total-variation denoised image u minimising
 * {@code TV(u) + |u - f|^2 / (2 weight)}, by Chambolle's (2004) dual projection with step 1/4 and a fixed
 * number of iterations (scikit-image's {@code denoise_tv_chambolle} with the same weight, {@code eps = 0}
 * and {@code max_num_iter} equal, to float precision: {@code TvStructureTest}). The structure keeps edges and
 * flat regions' slow brightness ramps; {@code f - alpha u} keeps the texture, which is what a flow should
 * match when the brightness drifts between the two images.
 */
public final class TvStructure {
    private TvStructure() {
    }

    /**
     * Writes the structure of f (nx x ny, x fastest) into u. px, py and div are work space of at least
     * nx * ny values; u may not be f.
     */
    public static void of(float[] f, int nx, int ny, float weight, int iterations, float[] u, float[] px, float[] py, float[] div) {
        if (!(weight > 0)) throw new IllegalArgumentException("weight = " + weight + " must be > 0");
        if (iterations < 0) throw new IllegalArgumentException("iterations = " + iterations + " must be >= 0");
        if (u == f) throw new IllegalArgumentException("u must not be f");
        final int n = nx * ny;
        final float tau = 0.25f, step = tau / weight;
        java.util.Arrays.fill(px, 0, n, 0f);
        java.util.Arrays.fill(py, 0, n, 0f);
        java.util.Arrays.fill(div, 0, n, 0f);
        for (int k = 0; k < iterations; k++) {
            // the current estimate u = f - weight div p into u, then p <- (p - step grad u) / (1 + step |grad u|)
            for (int i = 0; i < n; i++) u[i] = f[i] - div[i];
            for (int y = 0; y < ny; y++) {
                final int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    final int i = row + x;
                    float gx = x < nx - 1 ? u[i + 1] - u[i] : 0f;
                    float gy = y < ny - 1 ? u[i + nx] - u[i] : 0f;
                    float norm = 1f + step * (float) Math.sqrt(gx * gx + gy * gy);
                    px[i] = (px[i] - tau * gx) / norm;
                    py[i] = (py[i] - tau * gy) / norm;
                }
            }
            // div p by backward differences (the adjoint of the forward-difference gradient)
            for (int y = 0; y < ny; y++) {
                final int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    final int i = row + x;
                    float d = (x < nx - 1 ? px[i] : 0f) - (x > 0 ? px[i - 1] : 0f);
                    d += (y < ny - 1 ? py[i] : 0f) - (y > 0 ? py[i - nx] : 0f);
                    div[i] = d;
                }
            }
        }
        for (int i = 0; i < n; i++) u[i] = f[i] - div[i];
    }
}
