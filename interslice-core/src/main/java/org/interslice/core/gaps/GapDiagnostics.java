package org.interslice.core.gaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ZMorph} did for one gap: the record behind the per-gap diagnostics JSON and the audit trail.
 * Public fields, filled as the work goes; NaN or null means "not reached" (a gate failed before). Plane
 * indices count in the arrays given to {@link ZMorph#reconstruct}: {@link #beforePlane} in the before
 * planes (shallow to deep), {@link #afterPlane} in the after planes. {@link #toMap()} gives the JSON fields
 * (snake_case, as linumpy's diagnostics and the audit CSV name them).
 */
public final class GapDiagnostics {
    /** Method requested ({@link GapMethod#label()}). */
    public String method;
    /** Method that made the planes; null when the gap was skipped. */
    public String methodUsed;
    /** Why the gap was skipped ({@code ZMorph.NO_FOREGROUND_PLANES}, ...); null when it was filled. */
    public String fallbackReason;
    /** Planes reconstructed (asked for). */
    public int planesOut;
    /** The planes were a label map: nearest-neighbour warps and a shape-based blend ({@link ConfigZMorph#labels}). */
    public boolean labels;
    /** Candidate planes with enough foreground, before and after. */
    public int beforeCandidates, afterCandidates;
    /** Foreground threshold used (given or Otsu's). */
    public double foregroundThreshold = Double.NaN;
    /** The chosen boundary planes; -1 when none. */
    public int beforePlane = -1, afterPlane = -1;
    /** NCC of the chosen pair (central region, clipped): the selection score. */
    public double nccPair = Double.NaN;
    /** NCC of the two slabs before and after registration, and the gain. */
    public double nccBeforeRegistration = Double.NaN, nccAfterRegistration = Double.NaN, nccGain = Double.NaN;
    /** The affine (3x3 homogeneous, row-major, pixels: after-surface pixel to before-surface pixel); null when not registered. */
    public double[] affine;
    /** Its translation (pixels) and the determinant of its linear part. */
    public double[] translation;
    public double determinant = Double.NaN;
    /** Largest imaginary part of the fractional powers used, relative to max(|real part|, 1); 0 for a real power. */
    public double maxImaginary = Double.NaN;
    /** Registration iterations, and the optimiser's message when it failed. */
    public int registrationIterations;
    public String registrationMessage;
    /** morph only: the largest residual flow after the affine, pixels; NaN otherwise. */
    public double flowMaxPx = Double.NaN;
    /** Mean absolute difference of the first plane to the before surface and of the last to the after surface. */
    public double residualBefore = Double.NaN, residualAfter = Double.NaN;

    /** True when the gap was skipped. */
    public boolean failed() {
        return fallbackReason != null;
    }

    /** The fields as an ordered map for JSON (NaN as null, arrays as lists). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("method_used", methodUsed);
        m.put("fallback_reason", fallbackReason);
        m.put("interpolated", !failed());
        m.put("interpolation_failed", failed());
        m.put("planes_out", planesOut);
        m.put("labels", labels);
        m.put("before_candidates", beforeCandidates);
        m.put("after_candidates", afterCandidates);
        m.put("foreground_threshold", num(foregroundThreshold));
        m.put("before_plane", beforePlane < 0 ? null : beforePlane);
        m.put("after_plane", afterPlane < 0 ? null : afterPlane);
        m.put("ncc_pair", num(nccPair));
        m.put("ncc_before_registration", num(nccBeforeRegistration));
        m.put("ncc_after_registration", num(nccAfterRegistration));
        m.put("ncc_gain", num(nccGain));
        m.put("affine", affine == null ? null : List.of(row(affine, 0), row(affine, 1), row(affine, 2)));
        m.put("translation", translation == null ? null : List.of(translation[0], translation[1]));
        m.put("determinant", num(determinant));
        m.put("fractional_power_max_imag", num(maxImaginary));
        m.put("registration_iterations", registrationIterations);
        m.put("registration_message", registrationMessage);
        m.put("flow_max_px", num(flowMaxPx));
        m.put("residual_before", num(residualBefore));
        m.put("residual_after", num(residualAfter));
        return m;
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> row(double[] a, int r) {
        List<Double> l = new ArrayList<>(3);
        for (int j = 0; j < 3; j++) l.add(a[3 * r + j]);
        return l;
    }
}
