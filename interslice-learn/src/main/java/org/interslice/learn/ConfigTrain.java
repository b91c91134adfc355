package org.interslice.learn;

/** Settings of {@link SliceTrainer}; public fields with their defaults, checked by {@link #check()}. */
public final class ConfigTrain {
    /** Optimiser steps in all (a resumed run continues up to this count). */
    public int steps = 2000;
    /** Samples per step. */
    public int batch = 4;
    /** Patch side in pixels (multiple of 4; at least 28 for the MS-SSIM losses). */
    public int patch = 64;
    /** Largest drop factor K sampled (K in [2, maxFactor]). */
    public int maxFactor = 4;
    /** Network width w (channels at full resolution). */
    public int width = 16;
    /** What the network's output does to morph's slice (see {@link SliceNet.Head}). */
    public SliceNet.Head head = SliceNet.Head.RESIDUAL;
    /** Adam learning rate (cosine decay to a tenth over the run). */
    public float learningRate = 1e-3f;
    public SliceLoss.Kind loss = SliceLoss.Kind.MSSSIM_L1;
    public long seed = 1;
    /** Validate (and checkpoint) every this many steps, and at the end. */
    public int validateEvery = 200;
    /** Validation patches (fixed by the seed, drawn once). */
    public int validationPatches = 64;

    /**
     * 0 (the default): fresh samples every step. N > 0: N samples drawn once and cycled through in order,
     * batch by batch (cheaper, as morph runs once per sample; with N = batch every step sees the same batch,
     * which is how the tests check that training lowers the loss).
     */
    public int pool = 0;

    /** Stop after this step (0: run to {@code steps}); the learning-rate schedule still spans {@code steps}. */
    public int stopAfter = 0;

    /** The last step this run makes. */
    public int lastStep() {
        return stopAfter > 0 ? Math.min(steps, stopAfter) : steps;
    }

    public void check() {
        if (steps < 1) throw new IllegalArgumentException("steps " + steps + " < 1");
        if (batch < 1) throw new IllegalArgumentException("batch " + batch + " < 1");
        if (patch < 8 || patch % 4 != 0) throw new IllegalArgumentException("patch " + patch + " must be a multiple of 4, >= 8");
        if (patch < new SliceLoss(loss).minPatch())
            throw new IllegalArgumentException("patch " + patch + " is below " + new SliceLoss(loss).minPatch() + ", the least loss " + loss.label + " accepts");
        if (maxFactor < 2) throw new IllegalArgumentException("max factor " + maxFactor + " < 2");
        if (width < 1) throw new IllegalArgumentException("width " + width + " < 1");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate " + learningRate + " <= 0");
        if (validateEvery < 1) throw new IllegalArgumentException("validate every " + validateEvery + " < 1");
        if (stopAfter < 0) throw new IllegalArgumentException("stop after " + stopAfter + " < 0");
        if (pool < 0) throw new IllegalArgumentException("pool " + pool + " < 0");
        if (validationPatches < 1) throw new IllegalArgumentException("validation patches " + validationPatches + " < 1");
    }
}
