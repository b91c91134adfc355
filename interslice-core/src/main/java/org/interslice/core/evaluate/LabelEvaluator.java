package org.interslice.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.metrics.LabelMetrics;
import org.interslice.core.metrics.LabelScores;
import org.interslice.core.synth.LabelSynthesizer;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;

/**
 * Drop-and-reconstruct for label maps, the counterpart of {@link Evaluator} for images: the same cut
 * ({@link SliceSampling}: n slices cut to (n-1)//K*K+1, every K-th kept as it is), every held-out slice
 * rebuilt by each {@link LabelSynthesizer} at its true position, and the held-out slices scored with
 * {@link LabelMetrics#score}: Dice per label pooled over the held-out slices, its mean and minimum over
 * labels (background 0 excluded), and the vanished fraction. Only the point profile exists for labels
 * (a slab mean of labels is not a label map). Inputs are never modified.
 */
public final class LabelEvaluator {
    /** The value left out of the scored labels. */
    public static final int BACKGROUND = 0;
    private final int factor;

    /** @param factor K, in [2, {@link SliceSampling#MAX_FACTOR}] */
    public LabelEvaluator(int factor) {
        if (factor < 2 || factor > SliceSampling.MAX_FACTOR)
            throw new IllegalArgumentException("factor K = " + factor + " must be in [2, " + SliceSampling.MAX_FACTOR + "]");
        this.factor = factor;
    }

    /**
     * Drop-and-reconstruct on one label map.
     *
     * @param name       label for the report
     * @param truth      the label map as int (see {@link #asInt}), at least K + 1 slices; not modified
     * @param methods    methods to run, in report order
     * @param methodDone called after each method finished (progress), may be null
     * @param job        threads and cancellation
     */
    public LabelVolumeResult dropAndReconstruct(String name, IntVolume truth, List<LabelSynthesizer> methods, Runnable methodDone, Job job) {
        return drop(name, VolumeResult.Mode.DROP, factor, truth, methods, methodDone, job);
    }

    /** Self-check (K = 2): every other real slice held out. Arguments as {@link #dropAndReconstruct}. */
    public LabelVolumeResult selfCheck(String name, IntVolume scan, List<LabelSynthesizer> methods, Runnable methodDone, Job job) {
        return drop(name, VolumeResult.Mode.SELF, 2, scan, methods, methodDone, job);
    }

    /** A label map as an int32 volume: itself when it already is one, else a converted copy (the label flag is kept). */
    public static IntVolume asInt(org.interslice.core.volume.Volume v) {
        if (v instanceof IntVolume iv && v.type() == PixelType.INT32) return iv;
        return (IntVolume) v.convert(PixelType.INT32);
    }

    private static LabelVolumeResult drop(String name, VolumeResult.Mode mode, int k, IntVolume truth, List<LabelSynthesizer> methods,
                                          Runnable methodDone, Job job) {
        final int n = truth.nz(), cut = SliceSampling.cutLength(n, k), nx = truth.nx(), ny = truth.ny(), plane = nx * ny;
        final int[] keptIdx = SliceSampling.kept(n, k), held = SliceSampling.heldOut(n, k);
        Geometry g = truth.geometry().affineOnly();
        int[] keptData = new int[keptIdx.length * plane];
        for (int i = 0; i < keptIdx.length; i++) System.arraycopy(truth.data(), keptIdx[i] * plane, keptData, i * plane, plane);
        IntVolume kept = new IntVolume(nx, ny, keptIdx.length, PixelType.INT32, keptData, g, true);
        double[] keptPos = new double[keptIdx.length], targets = new double[cut];
        for (int i = 0; i < keptIdx.length; i++) keptPos[i] = keptIdx[i];
        for (int s = 0; s < cut; s++) targets[s] = s;
        int[] truthCut = truth.data().length == cut * plane ? truth.data() : Arrays.copyOf(truth.data(), cut * plane);
        IntVolume pred = new IntVolume(nx, ny, cut, PixelType.INT32, new int[cut * plane], g, true);   // reused across methods
        Job inner = job.quiet();
        List<LabelMethodResult> results = new ArrayList<>();
        for (LabelSynthesizer m : methods) {
            job.checkCancelled();
            long t0 = System.nanoTime();
            m.synthesize(kept, keptPos, targets, pred, inner);
            long t1 = System.nanoTime();
            LabelScores s = LabelMetrics.score(truthCut, pred.data(), plane, held, BACKGROUND, inner);
            long t2 = System.nanoTime();
            results.add(new LabelMethodResult(m.name(), s, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
            if (methodDone != null) methodDone.run();
        }
        return new LabelVolumeResult(name, mode, k, nx, ny, cut, n, truth.geometry().spacing(2), held, List.copyOf(results));
    }
}
