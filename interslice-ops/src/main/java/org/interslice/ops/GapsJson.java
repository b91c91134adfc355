package org.interslice.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.GapDiagnostics;
import org.interslice.core.volume.Volume;

/**
 * The JSON trees of {@code gaps fill}: the diagnostics of one listed slice and the provenance sidecar of the
 * output (the fields of the interpolate sidecar, {@link Provenance}, where they apply). Field names are in
 * README ("gaps fill").
 */
final class GapsJson {
    private GapsJson() {
    }

    /** Every setting of the reconstruction, by its option's meaning. */
    static Map<String, Object> parameters(ConfigZMorph c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", c.method.label());
        p.put("search_window", c.searchWindow);
        p.put("margin_fraction", c.marginFraction);
        p.put("min_foreground_fraction", c.minForegroundFraction);
        p.put("foreground_threshold", Double.isNaN(c.foregroundThreshold) ? "otsu" : c.foregroundThreshold);
        p.put("clip_percentiles", List.of(c.clipLowPercentile, c.clipHighPercentile));
        p.put("min_overlap_ncc", c.minOverlapNcc);
        p.put("slab_planes", c.slabPlanes);
        p.put("min_ncc_gain", c.minNccGain);
        p.put("window_percentiles", List.of(c.windowLowPercentile, c.windowHighPercentile));
        p.put("registration_metric", c.registration.metric.name());
        p.put("registration_levels", c.registration.levels < 0 ? "auto" : c.registration.levels);
        p.put("registration_max_iterations", c.registration.maxIterations);
        p.put("feather_sigma_px", c.featherSigmaPx);
        p.put("weighted_sigma_planes", c.weightedSigmaPlanes);
        return p;
    }

    /** The diagnostics file of one listed slice. */
    static Map<String, Object> slice(ConfigGapsFill c, String format, GapsFillOperation.SliceResult r, int[] below, int[] above, int nz) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "interslice gaps fill");
        m.put("version", Provenance.VERSION);
        m.put("input", c.input.toAbsolutePath().normalize().toString());
        m.put("input_format", format);
        m.put("output", c.output.toAbsolutePath().normalize().toString());
        m.put("preview", r.preview().toString());
        m.put("slice", r.slice());
        m.put("gap", List.of(r.gapFirst(), r.gapLast()));
        int len = r.gapLast() - r.gapFirst() + 1;
        m.put("alpha", (double) (r.slice() - r.gapFirst() + 1) / (len + 1));
        m.put("status", r.filled() ? "filled" : "skipped (left as in the input)");
        m.put("before_slices", list(below));
        m.put("after_slices", list(above));
        GapDiagnostics d = r.diagnostics();
        // the engine's plane indices, as slices of the volume
        m.put("chosen_before_slice", d.beforePlane < 0 ? null : below[d.beforePlane]);
        m.put("chosen_after_slice", d.afterPlane < 0 ? null : above[d.afterPlane]);
        m.putAll(d.toMap());
        m.put("parameters", parameters(c.zmorph));
        return m;
    }

    /** The provenance sidecar of the output volume. */
    static Map<String, Object> provenance(ConfigGapsFill c, String format, Volume input, List<GapsFillOperation.SliceResult> slices) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "interslice gaps fill");
        root.put("version", Provenance.VERSION);
        root.put("sidecarFormat", Provenance.FORMAT);
        root.put("input", c.input.toAbsolutePath().normalize().toString());
        root.put("inputFormat", format);
        root.put("output", c.output.toAbsolutePath().normalize().toString());
        root.put("method", c.zmorph.method.label());
        root.put("parameters", parameters(c.zmorph));
        root.put("dims", List.of(input.nx(), input.ny(), input.nz()));
        List<Integer> filled = new ArrayList<>();
        List<Object> listed = new ArrayList<>();
        for (GapsFillOperation.SliceResult r : slices) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("slice", r.slice());
            s.put("interpolated", r.filled());
            s.put("interpolation_failed", !r.filled());
            s.put("interpolation_method_used", r.diagnostics().methodUsed);
            s.put("interpolation_fallback_reason", r.reason());
            s.put("diagnostics", r.json().toString());
            listed.add(s);
            if (r.filled()) filled.add(r.slice());
        }
        root.put("interpolatedSlices", filled);
        root.put("listedSlices", listed);
        root.put("notes", List.of("every slice not in listedSlices is the input's, copied; a listed slice with interpolated=false is the input's "
                + "slice too (kept: its gap failed a gate)"));
        return root;
    }

    private static List<Integer> list(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) l.add(v);
        return l;
    }

    /** The bytes of a JSON tree of maps, lists and values (indented when {@code pretty}). */
    static byte[] bytes(Object tree, boolean pretty) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
            if (pretty) om.enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
            return om.writeValueAsBytes(tree);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} as {@code p} through {@code files} (it appears at commit); IntersliceException naming p. */
    static void write(org.interslice.io.AtomicFiles files, java.nio.file.Path p, byte[] bytes) {
        try (java.io.OutputStream os = files.open(p)) {
            os.write(bytes);
        } catch (java.io.IOException e) {
            throw org.interslice.io.AtomicFiles.cannotWrite(p, e);
        }
    }
}
