package org.interslice.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.loss.Loss;
import java.util.Locale;

/**
 * Training losses on normalised intensities (data range 1): {@code l1}, {@code mse}, {@code ssim},
 * {@code msssim}, {@code msssim+l1} (0.84 (1 - MS-SSIM) + 0.16 L1, the mix of Zhao et al., "Loss
 * Functions for Image Restoration with Neural Networks", IEEE TCI 2017).
 *
 * <p>SSIM with a 7x7 uniform window (average pooling, valid part only), constants C1 = 0.01^2 and
 * C2 = 0.03^2 (comfortably above float32 rounding of the moments); variances computed as E[x^2] - E[x]^2
 * are clamped at 0, so float cancellation can never make them negative. MS-SSIM over three scales (2x2
 * average pooling between them) with Wang et al.'s first three weights renormalised; each scale's term is
 * clamped to at least 1e-4 before the power, so the product never takes a power of a negative or zero
 * value (where the gradient is NaN or infinite).
 */
public final class SliceLoss extends Loss {
    /** The loss kinds, by their command-line names. */
    public enum Kind {
        L1("l1"), MSE("mse"), SSIM("ssim"), MSSSIM("msssim"), MSSSIM_L1("msssim+l1");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.label.equals(s.toLowerCase(Locale.ROOT))) return k;
            throw new IllegalArgumentException("unknown loss '" + s + "'; known: l1, mse, ssim, msssim, msssim+l1");
        }
    }

    static final float C1 = 0.01f * 0.01f, C2 = 0.03f * 0.03f;
    private static final float[] WEIGHTS = {0.0448f, 0.2856f, 0.3001f};
    private static final int WINDOW = 7;

    private final Kind kind;

    public SliceLoss(Kind kind) {
        super(kind.label);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Smallest patch side this loss accepts (MS-SSIM's coarsest scale must hold one window). */
    public int minPatch() {
        return kind == Kind.MSSSIM || kind == Kind.MSSSIM_L1 ? WINDOW * 4 : WINDOW;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray y = labels.singletonOrThrow(), p = predictions.singletonOrThrow();
        switch (kind) {
            case L1: return p.sub(y).abs().mean();
            case MSE: return p.sub(y).square().mean();
            case SSIM: return ssimTerms(p, y)[0].mean().neg().add(1f);
            case MSSSIM: return msssim(p, y).neg().add(1f);
            default:
                NDArray ms = msssim(p, y).neg().add(1f);
                return ms.mul(0.84f).add(p.sub(y).abs().mean().mul(0.16f));
        }
    }

    /** Mean SSIM of one batch, for reports. */
    static NDArray ssim(NDArray p, NDArray y) {
        return ssimTerms(p, y)[0].mean();
    }

    private static NDArray blur(NDArray x) {
        return Pool.avgPool2d(x, new Shape(WINDOW, WINDOW), new Shape(1, 1), new Shape(0, 0), false, true);
    }

    /** {ssim map, contrast-structure map}. */
    private static NDArray[] ssimTerms(NDArray p, NDArray y) {
        NDArray mp = blur(p), my = blur(y);
        NDArray vp = blur(p.mul(p)).sub(mp.mul(mp)).maximum(0f);
        NDArray vy = blur(y.mul(y)).sub(my.mul(my)).maximum(0f);
        NDArray cov = blur(p.mul(y)).sub(mp.mul(my));
        NDArray cs = cov.mul(2f).add(C2).div(vp.add(vy).add(C2));
        NDArray lum = mp.mul(my).mul(2f).add(C1).div(mp.square().add(my.square()).add(C1));
        return new NDArray[] {lum.mul(cs), cs};
    }

    static NDArray msssim(NDArray p, NDArray y) {
        NDArray result = null;
        float total = 0;
        for (float w : WEIGHTS) total += w;
        for (int s = 0; s < WEIGHTS.length; s++) {
            NDArray[] t = ssimTerms(p, y);
            NDArray term = (s == WEIGHTS.length - 1 ? t[0] : t[1]).mean().maximum(1e-4f).pow(WEIGHTS[s] / total);
            result = result == null ? term : result.mul(term);
            if (s < WEIGHTS.length - 1) {
                p = Pool.avgPool2d(p, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
                y = Pool.avgPool2d(y, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
            }
        }
        return result;
    }
}
