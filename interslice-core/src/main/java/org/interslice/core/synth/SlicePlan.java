package org.interslice.core.synth;

import java.util.Arrays;

/**
 * Where the output slices of {@code interpolate} go and what each one is made from. Positions are in mm
 * along the slice axis, measured from the first measured slice (so {@code measuredMm[0] = 0}); along the
 * k axis they are heights along the slice normal, so on a sheared (gantry-tilted) grid they are the
 * distances between slice planes, as {@code info} reports them.
 *
 * <p>Output slice j sits at {@code j * spacingMm}: the output starts at the first measured slice and
 * steps by the new spacing up to the last measured slice (the same extent; with a spacing that does not
 * divide it, the last output slice stops short of the last measured one by less than one step). An
 * output slice within {@link #SNAP} (relative to the gap) of a measured one <em>is</em> that slice
 * ({@link #measured(int)} >= 0), so with evenly spaced input and {@code factor K} every measured slice
 * is output slice {@code K k}; every other output slice is synthesized in gap {@link #gap(int)} (between
 * measured slices g and g + 1) at fraction {@link #t(int)} in (0, 1).
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class SlicePlan {
    /** Relative distance (fraction of the gap) under which an output slice is the measured slice. */
    public static final double SNAP = 1e-6;

    private final int axis;
    private final double[] measuredMm;
    private final double spacingMm;
    private final int[] measured;   // per output slice: measured index, or -1
    private final int[] gap;        // per output slice: lower measured index of its gap (also set for measured ones)
    private final double[] t;       // per output slice: fraction in its gap (0 for measured ones)

    private SlicePlan(int axis, double[] measuredMm, double spacingMm) {
        this.axis = axis;
        this.measuredMm = measuredMm;
        this.spacingMm = spacingMm;
        int m = measuredMm.length;
        double extent = measuredMm[m - 1];
        // floor with a tolerance, so that old/K steps that should land on the last slice do
        int n = (int) Math.floor(extent / spacingMm * (1 + 1e-12) + SNAP) + 1;
        measured = new int[n];
        gap = new int[n];
        t = new double[n];
        int g = 0;
        for (int j = 0; j < n; j++) {
            double p = j * spacingMm;
            while (g < m - 2 && p >= measuredMm[g + 1]) g++;
            double f = (p - measuredMm[g]) / (measuredMm[g + 1] - measuredMm[g]);
            if (f < SNAP) {
                measured[j] = g;
                f = 0;
            } else if (f > 1 - SNAP) {
                measured[j] = g + 1;
                f = 0;
                if (g < m - 2) g++;
            } else {
                measured[j] = -1;
            }
            gap[j] = measured[j] >= 0 ? Math.min(measured[j], m - 2) : g;
            t[j] = f;
        }
    }

    /**
     * The plan for measured slices at the given positions and an output spacing.
     *
     * @param axis       slice axis 0, 1 or 2 (x, y, z index axis); recorded, not used for the positions
     * @param positionsMm positions of the measured slices along the axis, mm, strictly increasing, at least 2; not modified
     * @param spacingMm  output slice spacing, mm, positive
     */
    public static SlicePlan of(int axis, double[] positionsMm, double spacingMm) {
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis " + axis + " is not 0, 1 or 2");
        int m = positionsMm.length;
        if (m < 2) throw new IllegalArgumentException(m + " measured slice(s) along the slice axis; at least 2 are needed");
        double[] p = new double[m];
        for (int k = 0; k < m; k++) {
            if (!Double.isFinite(positionsMm[k])) throw new IllegalArgumentException("slice position " + k + " = " + positionsMm[k] + " is not finite");
            p[k] = positionsMm[k] - positionsMm[0];
            if (k > 0 && !(p[k] > p[k - 1]))
                throw new IllegalArgumentException("slice position " + k + " (" + positionsMm[k] + " mm) does not increase from " + positionsMm[k - 1] + " mm");
        }
        if (!(spacingMm > 0) || Double.isInfinite(spacingMm)) throw new IllegalArgumentException("spacing " + spacingMm + " mm must be positive and finite");
        if (p[m - 1] / spacingMm > 1_000_000) throw new IllegalArgumentException("spacing " + spacingMm + " mm over " + p[m - 1] + " mm makes more than 1000000 slices");
        return new SlicePlan(axis, p, spacingMm);
    }

    /**
     * The plan for a factor: the new spacing is the mean measured step (extent / (m - 1)) divided by K, so
     * evenly spaced input gives (m - 1) K + 1 output slices with measured slice k at output slice K k.
     */
    public static SlicePlan ofFactor(int axis, double[] positionsMm, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("factor " + factor + " must be positive and finite");
        int m = positionsMm.length;
        if (m < 2) throw new IllegalArgumentException(m + " measured slice(s) along the slice axis; at least 2 are needed");
        double mean = (positionsMm[m - 1] - positionsMm[0]) / (m - 1);
        return of(axis, positionsMm, mean / factor);
    }

    /** Slice axis (0 x, 1 y, 2 z of the index grid). */
    public int axis() { return axis; }

    /** Number of measured slices. */
    public int measuredCount() { return measuredMm.length; }

    /** Measured positions, mm from the first measured slice. */
    public double[] measuredMm() { return measuredMm.clone(); }

    /** Output slice spacing, mm. */
    public double spacingMm() { return spacingMm; }

    /** Number of output slices. */
    public int size() { return measured.length; }

    /** Position of output slice j, mm from the first measured slice. */
    public double positionMm(int j) { return j * spacingMm; }

    /** The measured slice output slice j copies, or -1 when it is synthesized. */
    public int measured(int j) { return measured[j]; }

    /** Lower measured slice of the gap output slice j lies in (for measured slices: that slice, at most m - 2). */
    public int gap(int j) { return gap[j]; }

    /** Fraction of the gap (0 at measured slice gap(j), 1 at gap(j) + 1); 0 for measured slices. */
    public double t(int j) { return t[j]; }

    /** Number of synthesized output slices. */
    public int synthesizedCount() {
        int n = 0;
        for (int s : measured) if (s < 0) n++;
        return n;
    }

    /** Position of output slice j as a fractional measured index (gap + t): where the input geometry puts it. */
    public double fractionalIndex(int j) {
        return measured[j] >= 0 ? measured[j] : gap[j] + t[j];
    }

    /** True when the measured slices are evenly spaced (every step within 1e-6 of the mean, relative). */
    public boolean evenInput() {
        int m = measuredMm.length;
        double mean = measuredMm[m - 1] / (m - 1);
        for (int k = 1; k < m; k++) if (Math.abs(measuredMm[k] - measuredMm[k - 1] - mean) > 1e-6 * mean) return false;
        return true;
    }

    @Override
    public String toString() {
        return "SlicePlan[axis=" + axis + ", measured=" + measuredMm.length + ", output=" + size() + " at " + spacingMm
                + " mm, synthesized=" + synthesizedCount() + ", positions=" + Arrays.toString(measuredMm) + "]";
    }
}
