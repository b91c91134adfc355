package org.interslice.io.zarr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;

/**
 * An OME-Zarr image (NGFF 0.4 on Zarr v2: {@code .zattrs}; NGFF 0.5 on Zarr v3: {@code zarr.json}
 * {@code attributes.ome}) or a bare Zarr array: its level-0 array, which array axis is x, y and z, and the
 * geometry from the level's {@code scale} and {@code translation} (then the multiscale's own transforms),
 * in mm. NGFF states no anatomical frame: x, y, z are taken as LPS with an identity direction (as ITK
 * reads them), so an image written by {@link OmeZarrFormat} reads back where it was.
 *
 * @param array the level-0 array
 * @param axisOf array axis of x, y, z (-1 when the array has no such axis: a 2D image has no z)
 * @param geometry geometry of level 0
 * @param label true for an image with {@code image-label} metadata
 * @param notes what was assumed (missing units, non-spatial axes reduced to their first index)
 * @param extra the {@value OmeZarrFormat#ATTRIBUTES} attributes object, or null
 */
record OmeImage(ZarrArray array, int[] axisOf, Geometry geometry, boolean label, List<String> notes, Map<String, Object> extra) {

    /** True when {@code folder} looks like a Zarr image or array (metadata present). */
    static boolean isZarr(Path folder) {
        return Files.isRegularFile(folder.resolve(".zattrs")) || Files.isRegularFile(folder.resolve(".zarray"))
                || Files.isRegularFile(folder.resolve("zarr.json"));
    }

    static OmeImage open(Path folder) {
        Map<String, Object> attrs = null;
        Map<String, Object> extra = null;
        Path attrFile = null;
        if (Files.isRegularFile(folder.resolve(".zattrs"))) {
            attrFile = folder.resolve(".zattrs");
            attrs = ZarrArray.readJson(attrFile);
            extra = extra(attrFile, attrs);
        } else if (Files.isRegularFile(folder.resolve("zarr.json"))) {
            attrFile = folder.resolve("zarr.json");
            Map<String, Object> z = ZarrArray.readJson(attrFile);
            if ("group".equals(z.get("node_type"))) {
                Object a = z.get("attributes");
                attrs = a == null ? Map.of() : ZarrArray.map(attrFile, a, "attributes");
                extra = extra(attrFile, attrs);
                if (attrs.get("ome") != null) attrs = ZarrArray.map(attrFile, attrs.get("ome"), "attributes.ome");
            }
        }
        List<String> notes = new ArrayList<>();
        Object ms = attrs == null ? null : attrs.get("multiscales");
        if (ms == null) {
            if (attrs != null && !Files.isRegularFile(folder.resolve(".zarray")) && !isArrayJson(folder))
                throw new IntersliceException(attrFile, "no multiscales metadata and no array: not an OME-Zarr image");
            ZarrArray a = ZarrArray.open(folder);
            notes.add("bare Zarr array without OME metadata: the last axes taken as z, y, x with 1 mm spacing");
            return new OmeImage(a, defaultAxes(a, a.dimensionNames()), Geometry.identity(), false, notes, extra);
        }
        if (!(ms instanceof List<?> msl) || msl.isEmpty()) throw new IntersliceException(attrFile, "multiscales is not a non-empty list");
        Map<String, Object> m = ZarrArray.map(attrFile, msl.get(0), "multiscales[0]");
        if (!(m.get("datasets") instanceof List<?> ds) || ds.isEmpty()) throw new IntersliceException(attrFile, "multiscales[0].datasets is not a non-empty list");
        Map<String, Object> level0 = ZarrArray.map(attrFile, ds.get(0), "datasets[0]");
        if (!(level0.get("path") instanceof String p) || p.isEmpty() || p.contains("..") || p.startsWith("/") || p.contains("\\"))
            throw new IntersliceException(attrFile, "datasets[0].path " + level0.get("path") + " is not a relative path inside the image");
        ZarrArray a = ZarrArray.open(folder.resolve(p));
        int n = a.shape().length;
        List<String> names = new ArrayList<>();
        double[] unitMm = new double[n];
        java.util.Arrays.fill(unitMm, 1);
        if (m.get("axes") instanceof List<?> axes) {
            if (axes.size() != n) throw new IntersliceException(attrFile, axes.size() + " axes for an array of " + n + " dimensions");
            boolean unitless = false;
            for (int d = 0; d < n; d++) {
                Object ax = axes.get(d);
                String name = ax instanceof String s ? s : ax instanceof Map<?, ?> am ? String.valueOf(am.get("name")) : null;
                names.add(name == null ? null : name.toLowerCase(Locale.ROOT));
                Object unit = ax instanceof Map<?, ?> am ? am.get("unit") : null;
                if (isSpatial(name)) {
                    if (unit == null) unitless = true;
                    else unitMm[d] = unitMm(attrFile, String.valueOf(unit));
                }
            }
            if (unitless) notes.add("spatial axes without a unit: taken as millimeter");
        } else {
            names = a.dimensionNames();
            notes.add("multiscales without axes (NGFF 0.3 or older): the last axes taken as z, y, x");
        }
        int[] axisOf = defaultAxes(a, names);
        double[] scale = new double[n], shift = new double[n];
        java.util.Arrays.fill(scale, 1);
        transforms(attrFile, level0.get("coordinateTransformations"), scale, shift);
        if (m.get("coordinateTransformations") != null) {
            double[] s2 = new double[n], t2 = new double[n];
            java.util.Arrays.fill(s2, 1);
            transforms(attrFile, m.get("coordinateTransformations"), s2, t2);
            for (int d = 0; d < n; d++) {
                shift[d] = s2[d] * shift[d] + t2[d];
                scale[d] *= s2[d];
            }
        }
        double[] spacing = {1, 1, 1}, origin = {0, 0, 0};
        for (int k = 0; k < 3; k++) {
            int d = axisOf[k];
            if (d < 0) continue;
            spacing[k] = scale[d] * unitMm[d];
            origin[k] = shift[d] * unitMm[d];
            if (!(spacing[k] > 0) || !Double.isFinite(spacing[k]) || !Double.isFinite(origin[k]))
                throw new IntersliceException(attrFile, "scale " + scale[d] + " / translation " + shift[d] + " of axis " + "xyz".charAt(k) + " is not positive and finite");
        }
        for (int d = 0; d < n; d++) {
            boolean spatial = d == axisOf[0] || d == axisOf[1] || d == axisOf[2];
            if (!spatial && a.shape()[d] > 1) notes.add("axis " + (names == null ? d : names.get(d)) + " of size " + a.shape()[d] + ": only its first index is read");
        }
        boolean label = attrs.get("image-label") != null;
        return new OmeImage(a, axisOf, Geometry.of(spacing, origin, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), label, notes, extra);
    }

    private static Map<String, Object> extra(Path f, Map<String, Object> attrs) {
        Object o = attrs.get(OmeZarrFormat.ATTRIBUTES);
        return o == null ? null : ZarrArray.map(f, o, OmeZarrFormat.ATTRIBUTES);
    }

    /**
     * Puts the {@value OmeZarrFormat#ATTRIBUTES} attributes into {@code h}: {@code description} (a string)
     * as the description, every other entry as a note, strings as they are and other values as compact
     * JSON ({@code true}, {@code ["a","b"]}). Keys a note cannot hold are skipped.
     */
    void fill(org.interslice.io.HeaderFields h) {
        if (extra == null) return;
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("description") && v instanceof String s) {
                h.description = s;
                continue;
            }
            String text = v instanceof String s ? s : Json.write(v);
            try {
                org.interslice.io.HeaderFields.checkNote(e.getKey(), text);
                h.notes.put(e.getKey(), text);
            } catch (IllegalArgumentException ignored) {
                // a key with spaces or a multi-line value: not representable as a note
            }
        }
    }

    private static boolean isArrayJson(Path folder) {
        Path f = folder.resolve("zarr.json");
        return Files.isRegularFile(f) && "array".equals(ZarrArray.readJson(f).get("node_type"));
    }

    private static boolean isSpatial(String name) {
        return "x".equalsIgnoreCase(name) || "y".equalsIgnoreCase(name) || "z".equalsIgnoreCase(name);
    }

    /** Array axis of x, y, z: by name when named, else the last three axes (z, y, x order). */
    private static int[] defaultAxes(ZarrArray a, List<String> names) {
        int n = a.shape().length;
        int[] of = {-1, -1, -1};
        if (names != null) {
            for (int d = 0; d < n; d++) {
                String s = names.get(d);
                if (s == null) continue;
                int k = "xyz".indexOf(s.toLowerCase(Locale.ROOT));
                if (s.length() == 1 && k >= 0) of[k] = d;
            }
            if (of[0] >= 0 || of[1] >= 0 || of[2] >= 0) return of;
        }
        for (int k = 0; k < 3 && k < n; k++) of[k] = n - 1 - k;
        return of;
    }

    private static void transforms(Path f, Object o, double[] scale, double[] shift) {
        if (o == null) return;
        if (!(o instanceof List<?> l)) throw new IntersliceException(f, "coordinateTransformations is not a list");
        for (Object t : l) {
            Map<String, Object> tm = ZarrArray.map(f, t, "coordinate transformation");
            Object type = tm.get("type");
            if ("identity".equals(type)) continue;
            String key = "scale".equals(type) ? "scale" : "translation".equals(type) ? "translation" : null;
            if (key == null) throw new IntersliceException(f, "coordinate transformation " + type + " is not supported (scale, translation)");
            if (!(tm.get(key) instanceof List<?> vl) || vl.size() != scale.length)
                throw new IntersliceException(f, key + " needs " + scale.length + " numbers (a path to a transform file is not supported)");
            for (int d = 0; d < scale.length; d++) {
                if (!(vl.get(d) instanceof Double v) || !Double.isFinite(v)) throw new IntersliceException(f, key + " " + vl + " holds a non-number");
                if (key.equals("scale")) { scale[d] *= v; shift[d] *= v; } else shift[d] += v;
            }
        }
    }

    /** mm per unit of the NGFF length units (UDUNITS-2 names). */
    static double unitMm(Path f, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "millimeter": return 1;
            case "micrometer": case "micron": return 1e-3;
            case "nanometer": return 1e-6;
            case "angstrom": return 1e-7;
            case "picometer": return 1e-9;
            case "centimeter": return 10;
            case "decimeter": return 100;
            case "meter": return 1e3;
            default: throw new IntersliceException(f, "unit " + unit + " is not a supported length unit");
        }
    }
}
