package org.interslice.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.synth.ConfigInterpolate;
import org.interslice.core.synth.Interpolation;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * The JSON sidecar written beside every {@code interpolate} output: what was run (tool, version, method,
 * parameters, input file), where the measured slices were, and for every output slice whether it is a
 * measured slice (and which input slice) or synthesized (from which two input slices, at which fraction
 * t). Field names are listed in README ("interpolate", sidecar format).
 */
public final class Provenance {
    /** Version written into sidecars; the command line reports the same. */
    public static final String VERSION = "0.1.0";
    /** Format version of the sidecar itself. */
    public static final int FORMAT = 1;

    private Provenance() {
    }

    /** The sidecar of an output: the output's name with ".json" appended (out.nii.gz -> out.nii.gz.json). */
    public static Path sidecarOf(Path output) {
        Path abs = output.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".json");
    }

    /**
     * The one-line note for the output header (formats with a text field): the text of {@code "interslice %s
     * interpolate: %d of %d slices synthesized (%s)"}, without the Formatter (20-40 ms at its first use in a process).
     */
    public static String headerNote(Interpolation r) {
        SlicePlan p = r.plan();
        return "interslice " + VERSION + " interpolate: " + p.synthesizedCount() + " of " + p.size() + " slices synthesized (" + r.method() + ")";
    }

    /** Synthesized output slices as index ranges, e.g. "1-4,6-9" (for a header note). */
    public static String synthesizedList(SlicePlan p) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < p.size(); j++) {
            if (p.measured(j) >= 0) continue;
            int e = j;
            while (e + 1 < p.size() && p.measured(e + 1) < 0) e++;
            if (b.length() > 0) b.append(',');
            b.append(j);
            if (e > j) b.append('-').append(e);
            j = e;
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    /**
     * The sidecar as pretty-printed JSON bytes.
     *
     * @param written the volume written (the interpolation, or its de-tilted copy)
     */
    static byte[] json(ConfigInterpolateOperation c, String inputFormat, Volume input, Interpolation r, Volume written) {
        String grid = written == r.volume() ? (written.geometry().isOrthogonal() ? "input's" : "input's, sheared (kept)")
                : "orthogonal (de-tilted from the sheared input, in-plane linear)";
        return json(c, inputFormat, input.dims(), r.plan(), r.method(), r.labels(), r.notes(), grid, written.dims(), written.geometry());
    }

    /**
     * The sidecar of a run that never held whole volumes (block mode), from what decided the output: the
     * same bytes as {@code interpolate} writes for the same input, plan, method and output grid.
     *
     * @param grid how the output grid relates to the input's ("input's" for an orthogonal input grid kept)
     * @param outputDims the output's size, og its geometry
     */
    public static byte[] json(ConfigInterpolateOperation c, String inputFormat, int[] inputDims, SlicePlan p, String method, LabelMaps.Reason labels,
                              List<String> notes, String grid, int[] outputDims, Geometry og) {
        ConfigInterpolate s = c.synthesis;
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "interslice interpolate");
        root.put("version", VERSION);
        root.put("sidecarFormat", FORMAT);
        root.put("input", c.input.toAbsolutePath().normalize().toString());
        root.put("inputFormat", inputFormat);
        root.put("output", c.output.toAbsolutePath().normalize().toString());
        root.put("method", method);
        root.put("labels", labels.name().toLowerCase(Locale.ROOT));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("methodRequested", s.method);
        params.put("factor", s.factor != 0 ? s.factor : null);
        params.put("spacingMm", s.spacingMm != 0 ? s.spacingMm : null);
        params.put("axisRequested", s.axis < 0 ? "auto" : axisName(s.axis));
        params.put("positionsFile", c.positionsFile == null ? null : c.positionsFile.toAbsolutePath().normalize().toString());
        params.put("forceLabels", s.forceLabels);
        params.put("keepShear", c.keepShear);
        root.put("parameters", params);
        root.put("notes", notes);
        root.put("grid", grid);
        root.put("sliceAxis", axisName(p.axis()));
        root.put("outputSpacingMm", p.spacingMm());
        root.put("inputDims", List.of(inputDims[0], inputDims[1], inputDims[2]));
        root.put("outputDims", List.of(outputDims[0], outputDims[1], outputDims[2]));
        root.put("outputAffineLps", rows(og.affine()));
        root.put("measuredPositionsMm", p.measuredMm());
        root.put("measuredCount", p.measuredCount());
        root.put("synthesizedCount", p.synthesizedCount());
        List<Object> slices = new ArrayList<>(p.size());
        double[] w = new double[3];
        for (int j = 0; j < p.size(); j++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", j);
            m.put("positionMm", round(p.positionMm(j)));
            int[] idx = {0, 0, 0};
            idx[p.axis()] = j;
            og.indexToWorld(idx[0], idx[1], idx[2], w);
            m.put("originLps", List.of(round(w[0]), round(w[1]), round(w[2])));
            if (p.measured(j) >= 0) {
                m.put("kind", "measured");
                m.put("inputSlice", p.measured(j));
            } else {
                m.put("kind", "synthesized");
                m.put("from", List.of(p.gap(j), p.gap(j) + 1));
                m.put("t", round(p.t(j)));
            }
            slices.add(m);
        }
        root.put("slices", slices);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(double v) {
        return Math.rint(v * 1e9) / 1e9;   // keeps the JSON readable: 0.2, not 0.20000000000000018
    }

    private static List<List<Double>> rows(double[] a) {
        List<List<Double>> r = new ArrayList<>();
        for (int i = 0; i < 4; i++) r.add(List.of(a[4 * i], a[4 * i + 1], a[4 * i + 2], a[4 * i + 3]));
        return r;
    }

    static String axisName(int a) {
        return a == 0 ? "x" : a == 1 ? "y" : "z";
    }
}
