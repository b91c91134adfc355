package org.interslice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interslice.core.Decimals;
import org.interslice.core.volume.VolumeSummary;
import org.interslice.io.HeaderFields;

/** Prints a {@link VolumeSummary} as aligned text or as one JSON object. Formatting only. */
final class SummaryPrinter {
    /** Tilt below this is rounding noise of stored direction cosines, not a tilted acquisition. */
    static final double TILT_TOLERANCE_DEG = 0.01;

    private SummaryPrinter() {}

    /**
     * The JSON fields, in print order. Numbers are the summary's own doubles (full precision), so a
     * consumer can compare them with what it reads itself.
     */
    static Map<String, Object> json(Path file, String format, VolumeSummary s, double readSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("format", format);
        m.put("dims", s.dims());
        m.put("spacing", s.spacingMm());
        m.put("origin", noNegativeZero(s.originLps()));
        double[][] rows = s.directionRows();
        m.put("direction", new double[][] {noNegativeZero(rows[0]), noNegativeZero(rows[1]), noNegativeZero(rows[2])});
        m.put("orientation", s.orientation());
        m.put("pixelType", s.pixelType().label());
        m.put("min", Double.isNaN(s.min()) ? null : s.min());
        m.put("max", Double.isNaN(s.max()) ? null : s.max());
        m.put("extentMm", s.extentMm());
        m.put("bytes", s.bytes());
        m.put("label", s.isLabel());
        m.put("sliceSpacingUniform", s.sliceSpacingUniform());
        if (!s.sliceSpacingUniform()) {
            m.put("slicePositions", s.slicePositionsMm());
            m.put("sliceSpacings", s.sliceSpacingsMm());
        }
        m.put("gantryTiltDeg", s.gantryTiltDeg());
        m.put("readSeconds", readSeconds);
        return m;
    }

    /** A copy with -0.0 as 0.0 (same value; "-0.0" in JSON only confuses readers). */
    private static double[] noNegativeZero(double[] v) {
        double[] c = v.clone();
        for (int i = 0; i < c.length; i++) c[i] += 0.0;   // -0.0 + 0.0 == +0.0, every other value unchanged
        return c;
    }

    static void printJson(PrintWriter out, Map<String, Object> fields) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode summary as JSON", e);
        }
        out.flush();
    }

    /** Aligned {@code name  value} lines. */
    static void printText(PrintWriter out, Path file, String format, VolumeSummary s, double readSeconds) {
        int[] d = s.dims();
        double[] sp = s.spacingMm();
        line(out, "file", file + " (" + format + ")");
        line(out, "dims", d[0] + " x " + d[1] + " x " + d[2] + " voxels");
        line(out, "spacing", num(sp[0]) + " x " + num(sp[1]) + " x " + num(sp[2]) + " mm"
                + (s.sliceSpacingUniform() ? "" : " (z: mean step)"));
        line(out, "origin", vec(s.originLps()) + " mm (LPS, centre of voxel 0,0,0)");
        double[][] r = s.directionRows();
        line(out, "direction", vec(r[0]));
        line(out, "", vec(r[1]));
        line(out, "", vec(r[2]));
        line(out, "orientation", s.orientation());
        line(out, "pixel type", s.pixelType().label());
        line(out, "values", num(s.min()) + " .. " + num(s.max()));
        double[] e = s.extentMm();
        line(out, "extent", num(e[0]) + " x " + num(e[1]) + " x " + num(e[2]) + " mm");
        line(out, "memory", megabytes(s.bytes()) + " (" + s.bytes() + " bytes)");
        line(out, "label map", s.isLabel() ? "yes" : "no");
        if (s.sliceSpacingUniform()) {
            line(out, "slices", "evenly spaced, " + num(sp[2]) + " mm");
        } else {
            line(out, "slices", "NOT evenly spaced");
            line(out, "positions", list(s.slicePositionsMm()) + " mm along the normal");
            line(out, "spacings", runs(s.sliceSpacingsMm()) + " mm");
        }
        line(out, "gantry tilt", s.isTilted(TILT_TOLERANCE_DEG) ? num(s.gantryTiltDeg()) + " degrees" : "none");
        line(out, "read in", Decimals.fixed(readSeconds, 2) + " s");
        out.flush();
    }

    /** {@code "  %-12s %s%n"} without the Formatter (its first use costs 20-40 ms; numbers by {@link Decimals}). */
    static void line(PrintWriter out, String name, String value) {
        StringBuilder b = new StringBuilder("  ").append(name);
        while (b.length() < 14) b.append(' ');
        out.println(b.append(' ').append(value));
    }

    /** A number with up to 7 significant digits, no trailing zeros, no exponent for usual sizes. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    static String vec(double[] v) {
        List<String> l = new ArrayList<>();
        for (double x : v) l.add(num(x == 0 ? 0 : x));   // no "-0"
        return String.join(", ", l);
    }

    private static String list(double[] v) {
        return vec(v);
    }

    /** Values with repeats folded: {@code 5, 5, 5, 10, 5} prints as {@code 5 (x3), 10, 5}. */
    static String runs(double[] v) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < v.length; ) {
            String n = num(v[i]);
            int j = i + 1;
            // equal as printed: steps that differ only in rounding noise fold together
            while (j < v.length && num(v[j]).equals(n)) j++;
            l.add(j - i > 1 ? n + " (x" + (j - i) + ")" : n);
            i = j;
        }
        return String.join(", ", l);
    }

    /** Adds the header fields a file states (NIfTI codes, intent, aux_file, units, description, notes) under "header"; nothing when none. */
    static void putHeader(Map<String, Object> m, HeaderFields h) {
        if (h == null || h.isEmpty()) return;
        Map<String, Object> f = new LinkedHashMap<>();
        if (h.sformCode != null) f.put("sformCode", h.sformCode);
        if (h.qformCode != null) f.put("qformCode", h.qformCode);
        if (h.intentCode != null) f.put("intentCode", h.intentCode);
        if (h.intentParams != null) f.put("intentParams", h.intentParams);
        if (h.intentName != null) f.put("intentName", h.intentName);
        if (h.auxFile != null) f.put("auxFile", h.auxFile);
        if (h.xyztUnits != null) f.put("xyztUnits", h.xyztUnits);
        if (h.description != null) f.put("description", h.description);
        if (!h.notes.isEmpty()) f.put("notes", new LinkedHashMap<>(h.notes));
        m.put("header", f);
    }

    /** The header fields as aligned lines; nothing when none. */
    static void printHeader(PrintWriter out, HeaderFields h) {
        if (h == null || h.isEmpty()) return;
        if (h.sformCode != null || h.qformCode != null)
            line(out, "xform codes", "sform " + code(h.sformCode) + ", qform " + code(h.qformCode));
        if (h.intentCode != null && h.intentCode != 0) line(out, "intent", h.intentCode + (h.intentName == null || h.intentName.isEmpty() ? "" : " (" + h.intentName + ")"));
        if (h.auxFile != null && !h.auxFile.isEmpty()) line(out, "aux file", h.auxFile);
        if (h.xyztUnits != null) line(out, "xyzt units", String.valueOf(h.xyztUnits));
        if (h.description != null && !h.description.isEmpty()) line(out, "description", h.description);
        for (Map.Entry<String, String> e : h.notes.entrySet()) line(out, "note", e.getKey() + " = " + e.getValue());
        out.flush();
    }

    private static final String[] XFORM_NAMES = {"unknown", "scanner", "aligned", "talairach", "mni", "template"};

    private static String code(Integer c) {
        if (c == null) return "-";
        return c + (c >= 0 && c < XFORM_NAMES.length ? " (" + XFORM_NAMES[c] + ")" : "");
    }

    static String megabytes(long bytes) {
        return Decimals.fixed(bytes / 1e6, 1) + " MB";
    }
}
