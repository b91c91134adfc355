package org.interslice.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.gaps.GapDiagnostics;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.ZMorph;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;
import org.interslice.ops.gaps.GapPlan;
import org.interslice.ops.gaps.SectionOutcome;
import org.interslice.ops.gaps.Sections;
import org.interslice.ops.gaps.SliceConfig;
import org.interslice.ops.report.GapPreview;

/**
 * The section mode of {@code gaps fill}: every single gap of {@code slice_config.csv} (see {@link GapPlan})
 * reconstructed by {@link ZMorph} from the two neighbouring section volumes, reading only the planes the
 * engine can use: the last {@code searchWindow + slabPlanes / 2} planes of the section before and the first
 * as many of the section after (region reads). Per gap, into the output folder, in one atomic commit:
 * <ul>
 *   <li>the reconstructed section (only when every gate passed), named like its neighbours with the missing
 *       id ({@code slice_z05.ome.zarr} between {@code slice_z04.ome.zarr} and {@code slice_z06.ome.zarr}), in
 *       the neighbours' format (NIfTI {@code .nii.gz} when it cannot be written), the in-plane grid of the
 *       section before, the header notes {@code interpolated=true}, {@code method}, {@code source} (the
 *       {@code .zattrs} {@code interslice} attributes of an OME-Zarr output);</li>
 *   <li>{@code NAME.diagnostics.json}: {@code slice_id} and the engine's diagnostics (what
 *       {@code gaps finalise} reads, {@link SectionOutcome}); {@code NAME.preview.png};</li>
 *   <li>the provenance sidecar {@code NAME.json} of a written section.</li>
 * </ul>
 * Runs of two or more missing sections and gaps at an end are never filled (warnings). A failed gate
 * writes no volume (an older volume of the same name is removed) and the diagnostics say why.
 */
public final class GapsSectionFill {
    private GapsSectionFill() {
    }

    /**
     * One single gap.
     *
     * @param id      the missing section's slice_id
     * @param filled  true when the section was written
     * @param reason  why not (a {@link ZMorph} reason, or {@link #GRIDS_DIFFER}); null when filled
     * @param volume  the section written, or where it would have been
     */
    public record SectionResult(String id, boolean filled, String reason, GapDiagnostics diagnostics, int planes, Path volume, Path json,
            Path preview, Path sidecar) {
    }

    /** What a run did: one result per single gap, notes and warnings (runs and edges never filled). */
    public record Result(List<SectionResult> sections, List<String> notes, List<String> warnings, double seconds) {
        /** Sections written. */
        public long filledCount() {
            return sections.stream().filter(SectionResult::filled).count();
        }
    }

    /** The neighbours' in-plane grids (size, spacing, direction) differ: the engine compares pixel by pixel. */
    public static final String GRIDS_DIFFER = "neighbour_grids_differ";

    /** The diagnostics of a section volume {@code volume}: its name + ".diagnostics.json". */
    public static Path diagnosticsOf(Path volume) {
        return volume.resolveSibling(volume.getFileName() + ".diagnostics.json");
    }

    /** The PNG preview: the name + ".preview.png". */
    public static Path previewOf(Path volume) {
        return volume.resolveSibling(volume.getFileName() + ".preview.png");
    }

    /** Runs every single gap; IntersliceException for a bad config, folder or neighbour volume. */
    public static Result run(ConfigGapsFill c, Job job) {
        long t0 = System.nanoTime();
        c.check();
        if (!c.sectionMode()) throw new IllegalArgumentException("not a section-mode config: run GapsFillOperation");
        Messages msg = new Messages();
        SliceConfig cfg = SliceConfig.read(c.sliceConfig);
        Sections found = Sections.find(c.sections);
        GapPlan plan = GapPlan.of(cfg, found);
        for (String n : plan.notes()) msg.note(n);
        for (String w : plan.warnings()) msg.warn(w);
        Path outDir = c.outFolder.toAbsolutePath().normalize();
        if (insideSections(outDir, c.sections))
            throw new IntersliceException(c.outFolder, "is (inside) the sections folder: a reconstructed section there would be taken for a measured one; choose another --out");
        FilePlan files = new FilePlan().readFile(c.sliceConfig);
        List<Path> names = new ArrayList<>();
        for (GapPlan.Gap g : plan.singles()) {
            Path vol = outDir.resolve(outputName(found.get(g.before()), g.missing().get(0).id()));
            files.read(found.get(g.before()).path()).read(found.get(g.after()).path());
            names.add(vol);
        }
        List<String> planned = new ArrayList<>();
        for (Path v : names) {
            planned.add(diagnosticsOf(v).getFileName().toString());
            planned.add(previewOf(v).getFileName().toString());
            planned.add(Provenance.sidecarOf(v).getFileName().toString());
        }
        files.writeFolder(outDir, planned);
        for (Path v : names) files.write(v);
        for (String n : files.check()) msg.note(n);
        // every section's output grid against its format before any work (e.g. --pyramid deeper than a section
        // halves): refused with one line and nothing written, not after the sections before it were filled
        for (int i = 0; i < names.size(); i++) {
            GapPlan.Gap g = plan.singles().get(i);
            checkOutput(c, found.get(g.before()), found.get(g.after()), names.get(i), job);
        }
        boolean created = !Files.exists(outDir);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IntersliceException(outDir, "cannot create the output folder: " + org.interslice.io.AtomicFiles.plainReason(e, outDir.resolve("x")), e);
        }
        List<SectionResult> results = new ArrayList<>();
        int k = 0;
        try {
            for (GapPlan.Gap g : plan.singles()) {
                results.add(one(c, cfg, found.get(g.before()), found.get(g.after()), g.missing().get(0), names.get(k++), job, msg));
            }
        } catch (RuntimeException e) {
            // each section is written whole or not at all; a folder this run made and left empty goes too
            if (created) removeIfEmpty(outDir);
            throw e;
        }
        if (plan.singles().isEmpty()) msg.note("no single gap in " + c.sliceConfig + ": nothing to fill");
        return new Result(results, msg.notes(), msg.warnings(), (System.nanoTime() - t0) / 1e9);
    }

    /** Deletes {@code dir} when it holds nothing; a folder that cannot be listed or deleted is left as it is. */
    private static void removeIfEmpty(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isEmpty()) Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left behind: an empty folder is harmless
        }
    }

    /** True when {@code out} is {@code sections} or lies below it (links resolved as far as the folders exist). */
    private static boolean insideSections(Path out, Path sections) {
        try {
            Path s = sections.toRealPath();
            Path o = out.toAbsolutePath().normalize(), existing = o;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing == null) return false;
            Path real = existing.toRealPath().resolve(existing.relativize(o));
            return real.normalize().startsWith(s);
        } catch (IOException e) {
            return false;
        }
    }

    /** The output name: the neighbour's naming with the missing id; NIfTI when the neighbour's format cannot be written. */
    static String outputName(Sections.Section before, String id) {
        String name = before.nameFor(id);
        try {
            if (!before.suffix().isEmpty()) {
                Formats.forWriting(Path.of(name));
                return name;
            }
        } catch (IntersliceException e) {
            // a DICOM series or a stack folder: written as NIfTI below
        }
        String stem = before.suffix().isEmpty() ? name : before.prefix() + id;
        return stem + ".nii.gz";
    }

    private static SectionResult one(ConfigGapsFill c, SliceConfig cfg, Sections.Section b, Sections.Section a, GapPlan.Missing m, Path vol,
            Job job, Messages msg) {
        int reach = c.zmorph.searchWindow + c.zmorph.slabPlanes / 2;
        try (OpenVolume ob = Formats.open(b.path(), Inputs.options(c.read, job.quiet(), null));
             OpenVolume oa = Formats.open(a.path(), Inputs.options(c.read, job.quiet(), null))) {
            VolumeHeader hb = ob.header(), ha = oa.header();
            int nx = hb.nx(), ny = hb.ny(), n = nx * ny;
            int rb = Math.min(reach, hb.nz()), ra = Math.min(reach, ha.nz());
            GapDiagnostics d;
            float[][] before = null, after = null, inner = null;
            int[][] innerLabels = null;
            int planes = hb.nz();
            String rule = "the thickness of the section before (" + hb.nz() + " planes): the neighbours' positions leave no whole number of planes between them";
            String reason;
            if (!sameInPlane(hb, ha)) {
                d = new GapDiagnostics();
                d.method = c.zmorph.method.label();
                d.fallbackReason = GRIDS_DIFFER;
                reason = GRIDS_DIFFER;
            } else {
                Volume vb = ob.read(new Interval(0, 0, hb.nz() - rb, nx, ny, rb)).data(), va = oa.read(new Interval(0, 0, 0, nx, ny, ra)).data();
                before = planes(vb, rb, n);
                after = planes(va, ra, n);
                int fit = planesBetween(hb, ha);
                if (fit > 0) {
                    planes = fit;
                    rule = "from the neighbours' positions: " + planes + " planes fit between them";
                }
                ConfigZMorph zc = c.zmorph.copy();
                zc.labels = c.forceLabels || hb.label();   // a label map: labels stay labels (zmorph's label path)
                // a label map's surfaces also as exact int labels: the float planes hold integers only up to 2^24
                int[] lb = zc.labels ? Inputs.labelPlane(vb, rb - 1) : null, la = zc.labels ? Inputs.labelPlane(va, 0) : null;
                ZMorph.Outcome o = ZMorph.reconstruct(before, after, lb, la, nx, ny, planes + 2, zc, job);
                d = o.diagnostics();
                reason = o.ok() ? null : o.failureReason();
                if (o.ok()) inner = Arrays.copyOfRange(o.planes(), 1, planes + 1);
                if (o.ok() && o.labelPlanes() != null) innerLabels = Arrays.copyOfRange(o.labelPlanes(), 1, planes + 1);
            }
            Path json = diagnosticsOf(vol), png = previewOf(vol), sidecar = Provenance.sidecarOf(vol);
            SectionResult r = new SectionResult(m.id(), inner != null, reason, d, planes, vol, json, png, inner != null ? sidecar : null);
            try (AtomicFiles out = new AtomicFiles()) {
                if (inner != null) {
                    Volume section = section(hb, inner, innerLabels, planes);
                    HeaderFields mark = new HeaderFields();
                    mark.description = String.format(Locale.ROOT, "interslice %s gaps fill: section %s reconstructed by %s from %s and %s",
                            Provenance.VERSION, m.id(), d.methodUsed, b.path().getFileName(), a.path().getFileName());
                    mark.note("interpolated", "true").note("method", d.methodUsed).note("slice_id", m.id())
                            .note("source", compactJson(List.of(b.path().getFileName().toString(), a.path().getFileName().toString())));
                    org.interslice.io.WriteOptions wo = c.write.options(job.quiet(), mark).check();
                    (wo.format == null ? Formats.forWriting(vol) : Formats.forWriting(vol, wo.format)).write(section, vol, out, wo);
                    GapsJson.write(out, sidecar, GapsJson.bytes(provenance(c, b, a, m, vol, section, d), true));
                }
                GapsJson.write(out, json, GapsJson.bytes(diagnostics(c, b, a, m, r, hb, rb, ra, rule), true));
                GapsJson.write(out, png, preview(m, r, before, after, inner, nx, ny, hb));
                out.commit();
            }
            if (inner == null) removeStale(vol, sidecar, msg);
            return r;
        }
    }

    /** An older reconstruction of a section this run skipped would contradict its diagnostics: removed. */
    private static void removeStale(Path vol, Path sidecar, Messages msg) {
        try {
            for (Path p : List.of(sidecar, vol)) {
                if (!Files.exists(p)) continue;
                if (Files.isDirectory(p)) {
                    try (java.util.stream.Stream<Path> w = Files.walk(p)) {
                        for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
                    }
                } else {
                    Files.delete(p);
                }
                msg.note(p + ": removed (a reconstruction of an earlier run; this run skipped the section)");
            }
        } catch (IOException e) {
            throw new IntersliceException(vol, "cannot remove the earlier reconstruction: " + e.getMessage(), e);
        }
    }

    /** Same plane size, in-plane spacing and direction (1e-6 relative), so pixels correspond. */
    private static boolean sameInPlane(VolumeHeader b, VolumeHeader a) {
        if (b.nx() != a.nx() || b.ny() != a.ny()) return false;
        Geometry gb = b.geometry(), ga = a.geometry();
        for (int i = 0; i < 2; i++) if (Math.abs(gb.spacing(i) - ga.spacing(i)) > 1e-6 * gb.spacing(i)) return false;
        double[] db = gb.direction(), da = ga.direction();
        for (int i = 0; i < 9; i++) if (Math.abs(db[i] - da[i]) > 1e-6) return false;
        return true;
    }

    private static float[][] planes(Volume v, int count, int n) {
        float[] f = v.toFloat().data();
        float[][] p = new float[count][];
        for (int z = 0; z < count; z++) p[z] = Arrays.copyOfRange(f, z * n, (z + 1) * n);
        return p;
    }

    /** The reconstructed planes as a volume right after the section before (its grid, its type). */
    private static Volume section(VolumeHeader hb, float[][] inner, int[][] labels, int planes) {
        int n = hb.nx() * hb.ny();
        if (labels != null) return Inputs.labelVolume(hb.type(), hb.nx(), hb.ny(), labels, sectionGeometry(hb));
        float[] data = new float[n * planes];
        for (int z = 0; z < planes; z++) System.arraycopy(inner[z], 0, data, z * n, n);
        return new FloatVolume(hb.nx(), hb.ny(), planes, data, sectionGeometry(hb), hb.label()).convert(hb.type());
    }

    /** A reconstructed section's geometry: the section before's grid, continued past its last plane. */
    private static Geometry sectionGeometry(VolumeHeader hb) {
        Geometry g = hb.geometry().affineOnly();
        return Geometry.of(g.spacing(), g.indexToWorld(0, 0, hb.nz()), g.direction());
    }

    /**
     * The planes that fit between the neighbours by their slice positions (a whole number within 0.01 of a
     * plane, at most 4 times the thicker neighbour), or 0 when none does (the section before's thickness is used).
     */
    private static int planesBetween(VolumeHeader hb, VolumeHeader ha) {
        double[] pb = hb.slicePositionsMm(), pa = ha.slicePositionsMm();
        double step = hb.geometry().spacing(2), between = (pa[0] - pb[pb.length - 1]) / step - 1;
        long whole = Math.round(between);
        return whole >= 1 && Math.abs(between - whole) < 0.01 && whole <= 4L * Math.max(hb.nz(), ha.nz()) ? (int) whole : 0;
    }

    /**
     * Refuses (IntersliceException naming {@code vol}) a section output its format would refuse at write time,
     * from the neighbours' headers alone; a pair whose grids differ writes no volume and is not checked.
     */
    private static void checkOutput(ConfigGapsFill c, Sections.Section b, Sections.Section a, Path vol, Job job) {
        try (OpenVolume ob = Formats.open(b.path(), Inputs.options(c.read, job.quiet(), null));
             OpenVolume oa = Formats.open(a.path(), Inputs.options(c.read, job.quiet(), null))) {
            VolumeHeader hb = ob.header(), ha = oa.header();
            if (c.forceLabels || hb.label()) GapsFillOperation.refuseBlending(b.path(), c.forceLabels ? "forced" : "flagged", c.zmorph);
            if (!sameInPlane(hb, ha)) return;
            int fit = planesBetween(hb, ha);
            c.write.checkGrid(vol, new int[] {hb.nx(), hb.ny(), fit > 0 ? fit : hb.nz()}, sectionGeometry(hb));
        }
    }

    private static Map<String, Object> neighbour(Sections.Section s, int first, int count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slice_id", s.id());
        m.put("volume", s.path().toAbsolutePath().normalize().toString());
        List<Integer> read = new ArrayList<>();
        for (int z = first; z < first + count; z++) read.add(z);
        m.put("planes_read", read);
        return m;
    }

    private static Map<String, Object> diagnostics(ConfigGapsFill c, Sections.Section b, Sections.Section a, GapPlan.Missing m, SectionResult r,
            VolumeHeader hb, int rb, int ra, String rule) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("tool", "interslice gaps fill");
        j.put("version", Provenance.VERSION);
        j.put("mode", "sections");
        j.put(SectionOutcome.SLICE_ID, m.id());
        j.put("section", m.number());
        j.put("missing_because", m.reason());
        j.put("config", c.sliceConfig.toAbsolutePath().normalize().toString());
        j.put("before", neighbour(b, hb.nz() - rb, rb));
        j.put("after", neighbour(a, 0, ra));
        j.put("output", r.filled() ? r.volume().toString() : null);
        j.put("sidecar", r.filled() ? r.sidecar().toString() : null);
        j.put("preview", r.preview().toString());
        j.put("status", r.filled() ? "filled" : "skipped (no volume written)");
        j.put("planes", r.planes());
        j.put("planes_rule", rule);
        GapDiagnostics d = r.diagnostics();
        j.put("chosen_before_plane", d.beforePlane < 0 ? null : hb.nz() - rb + d.beforePlane);
        j.put("chosen_after_plane", d.afterPlane < 0 ? null : d.afterPlane);
        j.putAll(d.toMap());
        j.put("parameters", GapsJson.parameters(c.zmorph));
        return j;
    }

    private static Map<String, Object> provenance(ConfigGapsFill c, Sections.Section b, Sections.Section a, GapPlan.Missing m, Path vol,
            Volume section, GapDiagnostics d) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "interslice gaps fill");
        root.put("version", Provenance.VERSION);
        root.put("sidecarFormat", Provenance.FORMAT);
        root.put("section", m.id());   // not slice_id: finalise reads only the diagnostics
        root.put("interpolated", true);
        root.put("inputs", List.of(b.path().toAbsolutePath().normalize().toString(), a.path().toAbsolutePath().normalize().toString()));
        root.put("inputFormat", Formats.forReading(b.path()).name());
        root.put("output", vol.toString());
        root.put("method", d.methodUsed);
        root.put("parameters", GapsJson.parameters(c.zmorph));
        root.put("dims", List.of(section.nx(), section.ny(), section.nz()));
        root.put("outputAffineLps", section.geometry().affine());
        root.put("diagnostics", diagnosticsOf(vol).toString());
        root.put("notes", List.of("every voxel of this volume is synthesized from the two neighbouring sections; none was measured"));
        return root;
    }

    /** Before surface, after surface, the middle reconstructed plane, and an XZ cut through the planes read and made. */
    private static byte[] preview(GapPlan.Missing m, SectionResult r, float[][] before, float[][] after, float[][] inner, int nx, int ny, VolumeHeader hb) {
        double aspectXz = hb.geometry().spacing(2) / hb.geometry().spacing(0), aspect = hb.geometry().spacing(1) / hb.geometry().spacing(0);
        List<GapPreview.Panel> panels = new ArrayList<>();
        Geometry g = hb.geometry();   // panels in the radiological display, edges marked
        panels.add(GapPreview.oriented("before surface", before == null ? null : before[before.length - 1], nx, ny, aspect, g, 0, 1));
        panels.add(GapPreview.oriented("after surface", after == null ? null : after[0], nx, ny, aspect, g, 0, 1));
        panels.add(GapPreview.oriented(inner != null ? "section " + m.id() + " (middle plane)" : "section " + m.id() + ": skipped",
                inner == null ? null : inner[inner.length / 2], nx, ny, aspect, g, 0, 1));
        if (before != null) {
            // the XZ cut through the middle row over the middle third of x, so the few planes around the gap stay visible
            List<float[]> rows = new ArrayList<>(Arrays.asList(before));
            if (inner != null) rows.addAll(Arrays.asList(inner));
            rows.addAll(Arrays.asList(after));
            int y = ny / 2, x0 = nx / 3, w = Math.max(1, nx - 2 * (nx / 3));
            float[] xz = new float[w * rows.size()];
            for (int k = 0; k < rows.size(); k++) System.arraycopy(rows.get(k), y * nx + x0, xz, k * w, w);
            panels.add(GapPreview.oriented("XZ y=" + y + ": " + before.length + "+" + (inner == null ? 0 : inner.length) + "+" + after.length
                    + " planes", xz, w, rows.size(), aspectXz, g, 0, 2));
        }
        String title = String.format(Locale.ROOT, "section %s: %s", m.id(), r.filled() ? "filled by " + r.diagnostics().methodUsed : "skipped (" + r.reason() + ")");
        return GapPreview.png(title, panels);
    }

    private static String compactJson(Object tree) {
        return new String(GapsJson.bytes(tree, false), java.nio.charset.StandardCharsets.UTF_8);
    }
}
