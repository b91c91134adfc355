package org.interslice.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.GapDiagnostics;
import org.interslice.core.gaps.ZMorph;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.WriteOptions;
import org.interslice.ops.report.GapPreview;

/**
 * The file-level work of the in-volume {@code gaps fill}: missing or corrupt slices of one 3D volume (z
 * slices), each run of consecutive listed slices one gap, reconstructed by {@link ZMorph} from the unlisted
 * slices on both sides (the listed slices' content is never read into it). A gap that passes the gates is
 * filled; one that fails keeps the input's slices and says why. Beside OUT: one diagnostics JSON and one PNG
 * preview per listed slice ({@link #diagnosticsOf}, {@link #previewOf}) and the provenance sidecar
 * ({@link Provenance#sidecarOf}), all renamed into place in one {@link AtomicFiles} commit with the volume.
 */
public final class GapsFillOperation {
    private GapsFillOperation() {
    }

    /**
     * What happened to one listed slice.
     *
     * @param slice       the slice index
     * @param gapFirst    first slice of its gap (run of consecutive listed slices)
     * @param gapLast     last slice of its gap
     * @param filled      true when it was reconstructed
     * @param reason      why it was not (a {@link ZMorph} reason), null when filled
     * @param diagnostics the gap's diagnostics
     * @param json        its diagnostics JSON
     * @param preview     its PNG preview
     */
    public record SliceResult(int slice, int gapFirst, int gapLast, boolean filled, String reason, GapDiagnostics diagnostics, Path json, Path preview) {
    }

    /**
     * What was written.
     *
     * @param output  the volume
     * @param sidecar the provenance sidecar
     * @param slices  one entry per listed slice, in slice order
     * @param notes   notes for the user (file checks, reader)
     * @param seconds wall time
     */
    public record Result(Path output, Path sidecar, List<SliceResult> slices, List<String> notes, double seconds) {
        /** Listed slices that were filled. */
        public long filledCount() {
            return slices.stream().filter(SliceResult::filled).count();
        }
    }

    /** The diagnostics JSON of a listed slice: OUT's name + ".slice-NNNN.json". */
    public static Path diagnosticsOf(Path output, int slice) {
        return beside(output, String.format(Locale.ROOT, ".slice-%04d.json", slice));
    }

    /** The PNG preview of a listed slice: OUT's name + ".slice-NNNN.png". */
    public static Path previewOf(Path output, int slice) {
        return beside(output, String.format(Locale.ROOT, ".slice-%04d.png", slice));
    }

    private static Path beside(Path output, String suffix) {
        Path abs = output.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + suffix);
    }

    /**
     * Reads, reconstructs every gap and writes. Throws IntersliceException naming the input for listed slices
     * outside the volume or without a neighbour on one side; a gap that fails a gate is not an error (see
     * {@link SliceResult#filled}).
     */
    public static Result run(ConfigGapsFill config, Job job) {
        long t0 = System.nanoTime();
        config.check();
        if (config.sectionMode()) throw new IllegalArgumentException("a section-mode config: run GapsSectionFill");
        int[] missing = config.missing.clone();
        Arrays.sort(missing);
        Path in = config.input, out = config.output;
        Path sidecar = Provenance.sidecarOf(out);
        FilePlan plan = new FilePlan().read(in).write(out, config.write.format).writeFile(sidecar);
        for (int s : missing) plan.writeFile(diagnosticsOf(out, s)).writeFile(previewOf(out, s));
        Messages msg = new Messages();
        for (String n : plan.check()) msg.note(n);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IntersliceException(out, "output folder does not exist");
        String format = Formats.forReading(in).name();
        HeaderFields header = new HeaderFields();
        Volume v = Inputs.read(in, config.read, job.quiet(), msg, header);
        config.write.checkGrid(out, v.dims(), v.geometry());   // before reconstructing
        final int nx = v.nx(), ny = v.ny(), nz = v.nz(), n = nx * ny;
        boolean[] listed = new boolean[nz];
        for (int s : missing) {
            if (s >= nz) throw new IntersliceException(in, "--missing " + s + ": the volume has " + nz + " slices (0-" + (nz - 1) + ")");
            listed[s] = true;
        }
        if (listed[0]) throw new IntersliceException(in, "--missing 0: the first slice has no slice before it to reconstruct from");
        if (listed[nz - 1]) throw new IntersliceException(in, "--missing " + (nz - 1) + ": the last slice has no slice after it to reconstruct from");
        FloatVolume f = v.toFloat();
        Volume result = v.convert(v.type());
        ConfigZMorph zc = config.zmorph.copy();
        LabelMaps.Reason kind = LabelMaps.classify(v, config.forceLabels);
        zc.labels = kind != LabelMaps.Reason.IMAGE;   // labels stay labels: nearest-neighbour warps, shape-based blend
        if (zc.labels) refuseBlending(in, kind.name().toLowerCase(Locale.ROOT), zc);
        if (zc.labels) msg.note(in + ": a label map (" + kind.name().toLowerCase(Locale.ROOT) + "): filled slices hold only labels of their neighbours");
        zc.check();
        int reach = zc.searchWindow + zc.slabPlanes / 2;
        List<SliceResult> slices = new ArrayList<>();
        Map<Integer, float[][]> filledPlanes = new LinkedHashMap<>();
        Map<Integer, int[][]> context = new LinkedHashMap<>();   // the slices each gap read, by its first slice
        for (int i = 0; i < missing.length; ) {
            int first = missing[i], last = first;
            while (i + 1 < missing.length && missing[i + 1] == last + 1) last = missing[++i];
            i++;
            int len = last - first + 1;
            // unlisted slices next to the gap, at most `reach` on each side, stopping at another listed slice
            List<Integer> below = new ArrayList<>(), above = new ArrayList<>();
            for (int k = first - 1; k >= 0 && !listed[k] && below.size() < reach; k--) below.add(0, k);
            for (int k = last + 1; k < nz && !listed[k] && above.size() < reach; k++) above.add(k);
            float[][] before = planes(f, below, n), after = planes(f, above, n);
            // a label map's surfaces also as exact int labels: the float planes hold integers only up to 2^24
            int[] lb = zc.labels && !below.isEmpty() ? Inputs.labelPlane(v, below.get(below.size() - 1)) : null;
            int[] la = zc.labels && !above.isEmpty() ? Inputs.labelPlane(v, above.get(0)) : null;
            ZMorph.Outcome o = ZMorph.reconstruct(before, after, lb, la, nx, ny, len + 2, zc, job);
            if (o.ok()) {
                float[][] inner = Arrays.copyOfRange(o.planes(), 1, len + 1);
                filledPlanes.put(first, inner);
                boolean unsigned = v.type() == org.interslice.core.volume.PixelType.UINT32;
                for (int p = 0; p < len; p++) {
                    int off = (first + p) * n;
                    int[] labels = o.labelPlanes() != null ? o.labelPlanes()[p + 1] : null;
                    if (labels != null) for (int q = 0; q < n; q++) result.set(off + q, unsigned ? Integer.toUnsignedLong(labels[q]) : labels[q]);
                    else for (int q = 0; q < n; q++) result.set(off + q, inner[p][q]);
                }
            }
            for (int s = first; s <= last; s++)
                slices.add(new SliceResult(s, first, last, o.ok(), o.failureReason(), o.diagnostics(), diagnosticsOf(out, s), previewOf(out, s)));
            context.put(first, new int[][] {toArray(below), toArray(above)});
        }
        HeaderFields mark = new HeaderFields();
        List<Integer> filled = new ArrayList<>();
        for (SliceResult r : slices) if (r.filled()) filled.add(r.slice());
        mark.description = String.format(Locale.ROOT, "interslice %s gaps fill: %d of %d listed slices reconstructed (%s)", Provenance.VERSION,
                filled.size(), slices.size(), zc.method.label());
        mark.note("interslice_synthesized", filled.isEmpty() ? "none" : ranges(filled));
        WriteOptions wo = config.write.options(job.quiet(), header.mergedWith(mark));
        try (AtomicFiles files = new AtomicFiles()) {
            Formats.forWriting(out, wo.format).write(result, out, files, wo.check());
            for (SliceResult r : slices) {
                int[][] ctx = context.get(r.gapFirst());
                GapsJson.write(files, r.json(), GapsJson.bytes(GapsJson.slice(config, format, r, ctx[0], ctx[1], nz), true));
                GapsJson.write(files, r.preview(), preview(f, result, r, ctx[0], ctx[1], filledPlanes.get(r.gapFirst())));
            }
            GapsJson.write(files, sidecar, GapsJson.bytes(GapsJson.provenance(config, format, v, slices), true));
            files.commit();
        }
        List<String> notes = new ArrayList<>(msg.notes());
        notes.addAll(msg.warnings());
        return new Result(out.toAbsolutePath(), sidecar, slices, notes, (System.nanoTime() - t0) / 1e9);
    }

    private static float[][] planes(FloatVolume f, List<Integer> ks, int n) {
        float[][] p = new float[ks.size()][];
        for (int i = 0; i < p.length; i++) p[i] = Arrays.copyOfRange(f.data(), ks.get(i) * n, (ks.get(i) + 1) * n);
        return p;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** Index ranges, e.g. "3-4,17". */
    static String ranges(List<Integer> sorted) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int s = sorted.get(i), e = s;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == e + 1) e = sorted.get(++i);
            if (b.length() > 0) b.append(',');
            b.append(s);
            if (e > s) b.append('-').append(e);
        }
        return b.toString();
    }

    /** The preview: before surface, after surface, the reconstructed slice (or nothing), the XZ cut of the output. */
    private static byte[] preview(FloatVolume in, Volume result, SliceResult r, int[] below, int[] above, float[][] inner) {
        int nx = in.nx(), ny = in.ny(), n = nx * ny;
        int b = below[below.length - 1], a = above[0];
        List<GapPreview.Panel> panels = new ArrayList<>();
        Geometry g = in.geometry();   // panels in the radiological display, edges marked
        panels.add(GapPreview.oriented("before surface (slice " + b + ")", Arrays.copyOfRange(in.data(), b * n, (b + 1) * n), nx, ny, aspect(in, 1), g, 0, 1));
        panels.add(GapPreview.oriented("after surface (slice " + a + ")", Arrays.copyOfRange(in.data(), a * n, (a + 1) * n), nx, ny, aspect(in, 1), g, 0, 1));
        panels.add(GapPreview.oriented(r.filled() ? "reconstructed slice " + r.slice() : "slice " + r.slice() + ": skipped",
                inner == null ? null : inner[r.slice() - r.gapFirst()], nx, ny, aspect(in, 1), g, 0, 1));
        // the XZ cut through the middle row over the slices read; z stretched when the few slices would draw too thin
        int z0 = below[0], z1 = above[above.length - 1], rows = z1 - z0 + 1, y = ny / 2;
        float[] xz = new float[nx * rows];
        for (int k = z0; k <= z1; k++) for (int x = 0; x < nx; x++) xz[(k - z0) * nx + x] = (float) result.get(result.index(x, y, k));
        double aspect = aspect(in, 2), minAspect = 0.5 * nx / rows;   // at least half as tall as wide
        double stretch = aspect < minAspect ? minAspect / aspect : 1;
        panels.add(GapPreview.oriented(String.format(Locale.ROOT, "XZ y=%d, z %d-%d%s", y, z0, z1,
                stretch > 1 ? String.format(Locale.ROOT, " (z x%.1f)", stretch) : ""), xz, nx, rows, aspect * stretch, g, 0, 2));
        String title = String.format(Locale.ROOT, "slice %d: %s", r.slice(), r.filled() ? "filled by " + r.diagnostics().methodUsed : "skipped (" + r.reason() + ")");
        return GapPreview.png(title, panels);
    }

    /** Pixel height over width of a panel whose rows step along axis {@code rowAxis}. */
    private static double aspect(Volume v, int rowAxis) {
        return v.geometry().spacing(rowAxis) / v.geometry().spacing(0);
    }

    /**
     * A label map with a method that blends values (average, weighted, morph) is bad input, not a bug: one
     * line naming the volume (exit 1) before any work, instead of the settings' IllegalArgumentException.
     *
     * @param why how it is known to be a label map (flagged, recognised, forced)
     */
    static void refuseBlending(Path volume, String why, ConfigZMorph zc) {
        if (zc.method != org.interslice.core.gaps.GapMethod.ZMORPH)
            throw new IntersliceException(volume, "a label map (" + why + "): --method " + zc.method.label()
                    + " would blend labels into values that are no label; zmorph (the default) fills label maps with their neighbours' labels");
    }
}
