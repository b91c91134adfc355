package org.interslice.core.gaps;

/** How {@link ZMorph} fills a gap. Only {@link #ZMORPH} is gated; the others run only when asked for by name. */
public enum GapMethod {
    /**
     * The default: the best boundary planes by NCC, an affine registration of their slabs, and the
     * Log-Euclidean fractional power of that affine moving both surfaces into the gap, cross-faded with a
     * Gaussian feather; any failed gate skips the gap.
     */
    ZMORPH,
    /** Baseline: every plane is the mean of the two surfaces. Never used unless asked for. */
    AVERAGE,
    /**
     * Baseline: a z-smoothed blend: every plane is the Gaussian-weighted mean (along z, sigma
     * {@link ConfigZMorph#weightedSigmaPlanes}) of the neighbours' planes nearest the gap. Never used unless asked for.
     */
    WEIGHTED;

    /** The lower-case name used on the command line and in the audit trail. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
