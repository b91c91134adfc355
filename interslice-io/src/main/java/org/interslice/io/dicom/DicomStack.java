package org.interslice.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;

/**
 * The slices of one series that share size and orientation, sorted by position along the slice normal
 * (IOP row direction x column direction), with the grid they form. Built from headers only.
 */
final class DicomStack {
    /** Relative tolerance on the slice step under which a stack counts as evenly spaced. */
    static final double EVEN_TOLERANCE = 1e-4;
    /** Slices closer than this along the normal are duplicates, mm. */
    private static final double DUPLICATE_MM = 1e-3;

    final List<DicomHeader> slices;
    final Geometry geometry;
    final List<String> notes = new ArrayList<>();
    final double[] steps;

    private DicomStack(Path where, List<DicomHeader> unsorted) {
        DicomHeader first = unsorted.get(0);
        int nz = unsorted.size();
        if (nz > 1) {
            for (DicomHeader h : unsorted) {
                if (h.ipp == null || h.iop == null || Double.isNaN(h.ipp[0]) || Double.isNaN(h.iop[0]))
                    throw new IntersliceException(h.file, "no ImagePositionPatient/ImageOrientationPatient: cannot place " + h.label() + " among " + nz + " slices");
            }
        }
        double[] iop = first.iop != null && !Double.isNaN(first.iop[0]) ? first.iop : new double[] {1, 0, 0, 0, 1, 0};
        if (first.iop == null) notes.add("no ImageOrientationPatient: axial assumed");
        double[] col0 = {iop[0], iop[1], iop[2]}, col1 = {iop[3], iop[4], iop[5]};
        double[] n = Geometry.cross(col0, col1);
        double nl = Math.sqrt(Geometry.dot(n, n));
        if (!(nl > 1e-3)) throw new IntersliceException(first.file, "ImageOrientationPatient " + Arrays.toString(iop) + " has parallel or zero axes");
        for (int a = 0; a < 3; a++) n[a] /= nl;
        final double[] normal = n;
        List<DicomHeader> sorted = new ArrayList<>(unsorted);
        sorted.sort(Comparator.comparingDouble((DicomHeader h) -> h.ipp == null ? 0 : Geometry.dot(h.ipp, normal)).thenComparing(h -> h.file.getFileName().toString()).thenComparingInt(h -> h.frame));
        double[] origins = new double[3 * nz];
        for (int k = 0; k < nz; k++) {
            double[] p = sorted.get(k).ipp;
            if (p != null && !Double.isNaN(p[0])) System.arraycopy(p, 0, origins, 3 * k, 3);
        }
        if (first.ipp == null) notes.add("no ImagePositionPatient: origin 0");
        steps = new double[Math.max(0, nz - 1)];
        for (int k = 1; k < nz; k++) {
            double along = Geometry.dot(sorted.get(k).ipp, normal) - Geometry.dot(sorted.get(k - 1).ipp, normal);
            if (along < DUPLICATE_MM)
                throw new IntersliceException(where, "slices " + sorted.get(k - 1).label() + " and " + sorted.get(k).label()
                        + " of series " + describe(first) + " share position " + String.format(Locale.ROOT, "%.4f", Geometry.dot(sorted.get(k).ipp, normal))
                        + " mm along the slice normal (duplicates, or several acquisitions in one series: select or split them)");
            double[] d = {origins[3 * k] - origins[3 * k - 3], origins[3 * k + 1] - origins[3 * k - 2], origins[3 * k + 2] - origins[3 * k - 1]};
            steps[k - 1] = Math.sqrt(Geometry.dot(d, d));
        }
        double[] ps = first.pixelSpacing;
        if (ps == null || !(ps[0] > 0) || !(ps[1] > 0)) {
            ps = new double[] {1, 1};
            notes.add("no valid PixelSpacing: 1 mm assumed");
        }
        double thickness = Double.isFinite(first.spacingBetweenSlices) && first.spacingBetweenSlices > 0 ? first.spacingBetweenSlices
                : (Double.isFinite(first.sliceThickness) && first.sliceThickness > 0 ? first.sliceThickness : 1);
        // PixelSpacing = (spacing between rows = along j, spacing between columns = along i), PS3.3 10.7.1.3
        double[] spacingXY = {ps[1], ps[0]};
        try {
            geometry = Geometry.ofSlices(spacingXY, col0, col1, origins, thickness, EVEN_TOLERANCE);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(first.file, "cannot build the slice grid: " + e.getMessage(), e);
        }
        this.slices = sorted;
        if ("MONOCHROME1".equals(first.photometric)) notes.add("MONOCHROME1: stored values kept (low = white), as dcm2niix does");
        if (varyingRescale()) notes.add("rescale slope/intercept differ between slices: each slice rescaled into float32");
        java.util.TreeSet<String> syntaxes = new java.util.TreeSet<>();
        for (DicomHeader h : sorted) if (h.syntax != null) syntaxes.add(h.syntax.describe());
        if (syntaxes.size() > 1) notes.add("slices use " + syntaxes.size() + " transfer syntaxes: " + String.join("; ", syntaxes));
        for (DicomHeader h : sorted) for (String note : h.notes) if (!notes.contains(note)) notes.add(note);
        if (!first.stackKey.isEmpty()) notes.add("one stack of a multi-frame object: " + first.stackKey);
    }

    /** Groups image headers by series UID, then by size and orientation within a series. */
    static List<DicomStack> group(Path where, List<DicomHeader> images) {
        Map<String, List<DicomHeader>> byKey = new LinkedHashMap<>();
        List<DicomHeader> ordered = new ArrayList<>(images);
        ordered.sort(Comparator.comparing(h -> h.file.getFileName().toString()));
        for (DicomHeader h : ordered) {
            String key = (h.seriesUid == null ? "" : h.seriesUid) + "|" + h.rows + "x" + h.columns + "|" + orientationKey(h.iop) + "|" + h.stackKey;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
        }
        List<DicomStack> out = new ArrayList<>();
        for (List<DicomHeader> l : byKey.values()) out.add(new DicomStack(where, l));
        return out;
    }

    /** The stacks of one file: one slice, or the frames of a multi-frame object. */
    static List<DicomStack> single(DicomHeader h) {
        return group(h.file, DicomFrames.expand(h));
    }

    private static String orientationKey(double[] iop) {
        if (iop == null) return "-";
        StringBuilder sb = new StringBuilder();
        for (double v : iop) sb.append(String.format(Locale.ROOT, "%.4f,", v + 0.0));
        return sb.toString();
    }

    boolean varyingRescale() {
        DicomHeader f = slices.get(0);
        for (DicomHeader h : slices) if (h.slopeOr1() != f.slopeOr1() || h.interceptOr0() != f.interceptOr0()) return true;
        return false;
    }

    DicomSeriesInfo info() {
        DicomHeader f = slices.get(0);
        List<Double> st = new ArrayList<>();
        if (!geometry.uniformSlices()) for (double s : steps) st.add(s);
        int frames = 0;
        for (DicomHeader h : slices) if (h.source != null) frames = Math.max(frames, Math.max(1, h.source.numberOfFrames));
        return new DicomSeriesInfo(orEmpty(f.seriesUid), orEmpty(f.seriesNumber), orEmpty(f.seriesDescription), orEmpty(f.modality),
                slices.size(), f.columns, f.rows, f.syntax == null ? "" : f.syntax.describe(), frames, f.stackKey, geometry,
                geometry.gantryTiltDegrees(), f.gantryTilt, geometry.uniformSlices(), List.copyOf(st), List.copyOf(notes));
    }

    /** True when {@code selector} is this stack's series UID or series number. */
    boolean matches(String selector) {
        DicomHeader f = slices.get(0);
        return selector.equals(f.seriesUid) || selector.equals(f.seriesNumber);
    }

    static String describe(DicomHeader f) {
        return (f.seriesNumber == null ? "?" : f.seriesNumber) + " '" + orEmpty(f.seriesDescription) + "'";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
