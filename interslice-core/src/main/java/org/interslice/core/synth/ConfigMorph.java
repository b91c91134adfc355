package org.interslice.core.synth;

import org.interslice.core.register.ConfigFlow;

/**
 * Settings of {@link MorphSynthesizer}. Intensities are mapped to [0, 1] per pair of slices by robust
 * percentiles before the flow is estimated, so CT (HU), MR (arbitrary units) and microscopy need no
 * user-given window.
 */
public final class ConfigMorph {
    /** The optical flow (TV-L1) between neighbouring slices; see {@link ConfigFlow} for its defaults. */
    public ConfigFlow flow = defaultFlow();
    /** Lower percentile of the pair's intensities mapped to 0 for the flow (values below are clipped). */
    public double lowPercentile = 0.5;
    /** Upper percentile of the pair's intensities mapped to 1 for the flow (values above are clipped). */
    public double highPercentile = 99.5;
    /**
     * Residual (|a warped - b warped| on the [0, 1] scale) below which the motion-compensated value is
     * trusted fully.
     */
    public double residualTrusted = 0.2;
    /**
     * Residual at and above which the linear blend of the unwarped slices is used instead (structure that
     * appears or vanishes between the slices, or a failed match); in between the two are mixed linearly.
     * {@code Double.POSITIVE_INFINITY} turns the fallback off.
     */
    public double residualUntrusted = 1.0;

    /**
     * Weight of the cubic B-spline curvature term along the slice axis ({@code cubic - linear}, measured in
     * place) added to the motion-compensated slice: 0 is pure two-slice morphing, 1 adds the full
     * four-slice curvature that makes cubic beat linear on smooth data.
     */
    public double curvature = 1.0;
    /**
     * The curvature term is measured in place, which is right only where nothing moves: its weight falls
     * linearly from {@link #curvature} where the motion-compensated and the linear slice agree to 0 where
     * they differ by this much (on the [0, 1] scale of the pair).
     */
    public double curvatureMotion = 0.04;

    /**
     * Limit the curvature term so the value stays within the range of the pair's four samples at the pixel
     * (a and b in place and moved along the flow): the cubic term then cannot overshoot at sharp edges
     * (the phantom's inserts), where it cost a few tenths of a dB, and can be given full weight elsewhere.
     */
    public boolean curvatureLimit = true;

    /**
     * Radius (pixels) of an in-plane box mean applied to the curvature term first, against the pixel noise
     * the four-slice term carries. Default 0: measured, radius 1-4 raised phantom K=4 by 0.1-0.2 dB but
     * cost 0.15-0.45 dB on MR K=2.
     */
    public int curvatureBlur = 0;

    /**
     * Fixed-point steps that follow the flow to where a target pixel's trajectory meets each measured
     * slice; 0 reads the flow at the target pixel itself (the TV-L1 peer's approximation, good for small
     * motion).
     */
    public int trajectorySteps = 0;

    /**
     * The flow is estimated on {@code I - flowTexture * S(I)} of each [0, 1]-scaled slice, S being its
     * edge-preserving structure ({@link org.interslice.core.register.TvStructure}; Wedel et al. 2009), so a
     * brightness ramp that differs from slice to slice is less often read as motion (between thick slices it
     * made 40-80 px flows in flat regions, which dragged edges into false specks). Only the flow: the blend
     * moves the real intensities. 0 turns it off. Measured in {@code bench/results/morph-spots.md}: 0.3 cut the
     * false specks by a third; larger values cut more but cost the phantom's drop-K rows.
     */
    public double flowTexture = 0.3;
    /** ROF weight of the structure S in {@link #flowTexture} (on the [0, 1] scale; larger is smoother). */
    public double flowStructureWeight = 0.4;
    /** Iterations of Chambolle's projection for the structure S in {@link #flowTexture}. */
    public int flowStructureIterations = 100;

    static ConfigFlow defaultFlow() {
        return new ConfigFlow();
    }

    /** Throws IllegalArgumentException naming the first setting out of range. */
    public void check() {
        if (flow == null) throw new IllegalArgumentException("flow settings are null");
        flow.check();
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100))
            throw new IllegalArgumentException("percentiles " + lowPercentile + ", " + highPercentile + " must satisfy 0 <= low < high <= 100");
        if (!(residualTrusted >= 0 && residualTrusted < residualUntrusted))
            throw new IllegalArgumentException("residualTrusted = " + residualTrusted + " must be >= 0 and below residualUntrusted = " + residualUntrusted);
        if (!(curvature >= 0 && curvature <= 1)) throw new IllegalArgumentException("curvature = " + curvature + " must be in [0, 1]");
        if (curvatureBlur < 0 || curvatureBlur > 50) throw new IllegalArgumentException("curvatureBlur = " + curvatureBlur + " must be in [0, 50]");
        if (trajectorySteps < 0 || trajectorySteps > 10) throw new IllegalArgumentException("trajectorySteps = " + trajectorySteps + " must be in [0, 10]");
        if (!(flowTexture >= 0 && flowTexture < 1)) throw new IllegalArgumentException("flowTexture = " + flowTexture + " must be in [0, 1)");
        if (!(flowStructureWeight > 0)) throw new IllegalArgumentException("flowStructureWeight = " + flowStructureWeight + " must be > 0");
        if (flowStructureIterations < 1 || flowStructureIterations > 10000)
            throw new IllegalArgumentException("flowStructureIterations = " + flowStructureIterations + " must be in [1, 10000]");
        if (!(curvatureMotion > 0)) throw new IllegalArgumentException("curvatureMotion = " + curvatureMotion + " must be > 0");
    }

    /** A deep copy. */
    public ConfigMorph copy() {
        ConfigMorph c = new ConfigMorph();
        c.flow = flow.copy();
        c.lowPercentile = lowPercentile;
        c.highPercentile = highPercentile;
        c.residualTrusted = residualTrusted;
        c.residualUntrusted = residualUntrusted;
        c.curvature = curvature;
        c.curvatureMotion = curvatureMotion;
        c.curvatureLimit = curvatureLimit;
        c.trajectorySteps = trajectorySteps;
        c.curvatureBlur = curvatureBlur;
        c.flowTexture = flowTexture;
        c.flowStructureWeight = flowStructureWeight;
        c.flowStructureIterations = flowStructureIterations;
        return c;
    }
}
