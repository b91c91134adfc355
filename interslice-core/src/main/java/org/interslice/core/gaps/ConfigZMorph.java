package org.interslice.core.gaps;

import org.interslice.core.register.ConfigAffine;

/**
 * Settings of {@link ZMorph}: public fields with documented defaults (those of linumpy's {@code zmorph},
 * {@code linumpy/mosaic/interpolation.py}), checked by {@link #check()}. Every gate threshold is here.
 */
public final class ConfigZMorph {
    /** The method. Default {@link GapMethod#ZMORPH}; the baselines only on explicit request. */
    public GapMethod method = GapMethod.ZMORPH;
    /** Boundary planes searched on each side: the last W of the section before, the first W of the one after. Default 5. */
    public int searchWindow = 5;
    /** Margin cut from each side of a plane before the NCC, as a fraction of its smaller side (central region). Default 0.25. */
    public double marginFraction = 0.25;
    /** A candidate plane needs at least this fraction of foreground pixels. Default 0.10. */
    public double minForegroundFraction = 0.10;
    /**
     * Values above this are foreground (the foreground fraction and the feather). NaN (default): Otsu's
     * threshold of all candidate planes of both neighbours together.
     */
    public double foregroundThreshold = Double.NaN;
    /** Before the NCC each central region is clipped to these percentiles of its foreground values. Defaults 5 and 95. */
    public double clipLowPercentile = 5, clipHighPercentile = 95;
    /** Gate: the best pair's NCC must reach this, else {@code low_overlap_ncc}. Default 0.3. */
    public double minOverlapNcc = 0.3;
    /** Planes averaged around each chosen plane for the registration (the slab). Default 3. */
    public int slabPlanes = 3;
    /** Gate: registration must raise the slabs' NCC by at least this, else {@code reg_did_not_improve}. Default 0.05. */
    public double minNccGain = 0.05;
    /** Intensity window of the slab pair for the registration (both put on [0, 1]): percentiles. Defaults 1 and 99. */
    public double windowLowPercentile = 1, windowHighPercentile = 99;
    /** The affine registration (metric MSE or NCC, levels, iterations). */
    public ConfigAffine registration = new ConfigAffine();
    /** Gaussian sigma of the feather (smoothed distance to the foreground edge), pixels. Default 2. */
    public double featherSigmaPx = 2;
    /** The {@code weighted} baseline's Gaussian sigma along z, planes. Default 2. */
    public double weightedSigmaPlanes = 2;
    /**
     * The planes are a label map (zmorph only). The gates and the registration see the label values as they
     * are, foreground being every value above 0 unless {@link #foregroundThreshold} is given; each output plane is the two surfaces warped by the affine's powers with nearest neighbour and
     * combined by shape-based interpolation ({@code core.synth.ShapeBasedLabels}, distances in pixels), so
     * every value is a label of the surfaces. Default false.
     */
    public boolean labels;

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigZMorph check() {
        if (method == null) throw new IllegalArgumentException("no gap method");
        if (searchWindow < 1 || searchWindow > 1000) throw new IllegalArgumentException("searchWindow " + searchWindow + " outside [1, 1000]");
        if (!(marginFraction >= 0 && marginFraction < 0.5)) throw new IllegalArgumentException("marginFraction " + marginFraction + " outside [0, 0.5)");
        if (!(minForegroundFraction >= 0 && minForegroundFraction <= 1))
            throw new IllegalArgumentException("minForegroundFraction " + minForegroundFraction + " outside [0, 1]");
        if (Double.isInfinite(foregroundThreshold)) throw new IllegalArgumentException("foregroundThreshold must be finite (or NaN: automatic)");
        if (!(clipLowPercentile >= 0 && clipLowPercentile < clipHighPercentile && clipHighPercentile <= 100))
            throw new IllegalArgumentException("clip percentiles " + clipLowPercentile + ", " + clipHighPercentile + ": need 0 <= low < high <= 100");
        if (!(minOverlapNcc >= -1 && minOverlapNcc <= 1)) throw new IllegalArgumentException("minOverlapNcc " + minOverlapNcc + " outside [-1, 1]");
        if (slabPlanes < 1 || slabPlanes > 101) throw new IllegalArgumentException("slabPlanes " + slabPlanes + " outside [1, 101]");
        if (!(minNccGain >= -2 && minNccGain <= 2)) throw new IllegalArgumentException("minNccGain " + minNccGain + " outside [-2, 2]");
        if (!(windowLowPercentile >= 0 && windowLowPercentile < windowHighPercentile && windowHighPercentile <= 100))
            throw new IllegalArgumentException("window percentiles " + windowLowPercentile + ", " + windowHighPercentile + ": need 0 <= low < high <= 100");
        if (registration == null) throw new IllegalArgumentException("no registration settings");
        registration.check();
        if (!(featherSigmaPx >= 0 && featherSigmaPx <= 1000)) throw new IllegalArgumentException("featherSigmaPx " + featherSigmaPx + " outside [0, 1000]");
        if (!(weightedSigmaPlanes > 0 && weightedSigmaPlanes <= 1000))
            throw new IllegalArgumentException("weightedSigmaPlanes " + weightedSigmaPlanes + " outside (0, 1000]");
        if (labels && method != GapMethod.ZMORPH)
            throw new IllegalArgumentException("a label map is reconstructed by zmorph only, not " + method.label() + " (it would blend labels)");
        return this;
    }

    /** A deep copy. */
    public ConfigZMorph copy() {
        ConfigZMorph c = new ConfigZMorph();
        c.method = method;
        c.searchWindow = searchWindow;
        c.marginFraction = marginFraction;
        c.minForegroundFraction = minForegroundFraction;
        c.foregroundThreshold = foregroundThreshold;
        c.clipLowPercentile = clipLowPercentile;
        c.clipHighPercentile = clipHighPercentile;
        c.minOverlapNcc = minOverlapNcc;
        c.slabPlanes = slabPlanes;
        c.minNccGain = minNccGain;
        c.windowLowPercentile = windowLowPercentile;
        c.windowHighPercentile = windowHighPercentile;
        c.registration = registration.copy();
        c.featherSigmaPx = featherSigmaPx;
        c.weightedSigmaPlanes = weightedSigmaPlanes;
        c.labels = labels;
        return c;
    }
}
