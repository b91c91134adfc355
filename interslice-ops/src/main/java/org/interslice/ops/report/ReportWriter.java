package org.interslice.ops.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interslice.core.evaluate.CohortStatistics;
import org.interslice.core.evaluate.MethodResult;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.metrics.Metric;
import org.interslice.core.metrics.SliceMetrics;
import org.interslice.io.AtomicFiles;

/**
 * Writes the report folder of an {@link Evaluation}: {@code metrics.csv} (one row per volume x method x
 * scored slice), {@code summary.csv} (cohort and per-volume means), {@code summary.json} (the same plus
 * the run settings), {@code report.md} and {@code report.html} (tables, {@link Charts plots},
 * {@link Montage montages}). Every file goes through {@link AtomicFiles}: the folder never holds a
 * half-written file under a final name.
 */
public final class ReportWriter {
    /** Metrics in the report tables, in column order. */
    static final Metric[] TABLE = {Metric.PSNR, Metric.SSIM, Metric.MS_SSIM, Metric.MAE, Metric.NCC};

    /** Report files whose names do not depend on the inputs (plots and montages add one per volume). */
    public static final List<String> FIXED_NAMES = List.of("metrics.csv", "summary.csv", "summary.json", "summary-bars.png", "report.md", "report.html");

    private ReportWriter() {
    }

    /** Writes every file of the report into dir (created when missing). */
    public static void write(Evaluation e, Path dir, Job job) {
        if (e.isLabelRun()) {
            LabelReport.write(e, dir, job);
            return;
        }
        boolean made = folder(dir), done = false;
        List<String> plots = new ArrayList<>(), montages = new ArrayList<>();
        try (AtomicFiles out = new AtomicFiles()) {
            text(out, dir.resolve("metrics.csv"), metricsCsv(e));
            text(out, dir.resolve("summary.csv"), summaryCsv(e));
            bytes(out, dir.resolve("summary.json"), json(e));
            String bars = "summary-bars.png";
            bytes(out, dir.resolve(bars), Charts.summaryBars(e));
            plots.add(bars);
            for (VolumeResult v : e.volumes()) {
                String p = "slices-" + Fmt.slug(v.name()) + ".png";
                bytes(out, dir.resolve(p), Charts.perSlice(v));
                plots.add(p);
                String m = "montage-" + Fmt.slug(v.name()) + ".png";
                bytes(out, dir.resolve(m), Montage.png(v, e.config().engine, e.config().baseline));
                montages.add(m);
                job.checkCancelled();
            }
            Markdown md = new Markdown(e, plots, montages);
            text(out, dir.resolve("report.md"), md.markdown());
            text(out, dir.resolve("report.html"), md.html());
            out.commit();
            done = true;
        } finally {
            if (made && !done) removeEmpty(dir);
        }
    }

    /** Creates the report folder when missing; true when this call created it (a failed report then removes it again, {@link #removeEmpty}). */
    static boolean folder(Path dir) {
        if (Files.isDirectory(dir)) return false;
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException ex) {
            throw AtomicFiles.failed(dir, "cannot create the output folder", ex);
        }
    }

    /** Deletes the folder a failed report created, when nothing else is in it (its temporaries are gone by then), best effort. */
    static void removeEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // not empty or not removable: left as it is
        }
    }

    static void text(AtomicFiles out, Path p, String s) {
        bytes(out, p, s.getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(AtomicFiles out, Path p, byte[] b) {
        try (OutputStream os = out.open(p)) {
            os.write(b);
        } catch (IOException ex) {
            throw AtomicFiles.cannotWrite(p, ex);
        }
    }

    /** The cohort summary as a Markdown table (what the CLI prints and README quotes). */
    public static String summaryMarkdown(Evaluation e) {
        if (e.isLabelRun()) return LabelReport.summaryMarkdown(e);
        return Markdown.summaryTable(e);
    }

    /** Position of a scored slice along the input's k axis, mm from its first slice. */
    static double positionMm(VolumeResult v, int slice) {
        return (slice + v.sliceOffset()) * v.sliceSpacingMm();
    }

    static String metricsCsv(Evaluation e) {
        StringBuilder b = new StringBuilder("volume,mode,method,slice,position_mm,counted,voxels");
        for (Metric m : Metric.values()) b.append(',').append(m.key());
        b.append(",ms_ssim_scales\n");
        for (VolumeResult v : e.volumes()) {
            for (MethodResult m : v.methods()) {
                SliceMetrics[] rows = m.rows();
                for (int i = 0; i < rows.length; i++) {
                    SliceMetrics r = rows[i];
                    b.append(csvText(v.name())).append(',').append(v.mode().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                            .append(m.method()).append(',').append(r.slice() + v.sliceOffset()).append(',')
                            .append(Fmt.csv(positionMm(v, r.slice()))).append(',').append(v.counted()[i]).append(',').append(r.voxels());
                    for (Metric k : Metric.values()) b.append(',').append(Fmt.csv(r.get(k)));
                    b.append(',').append(r.msSsimScales()).append('\n');
                }
            }
        }
        return b.toString();
    }

    static String summaryCsv(Evaluation e) {
        StringBuilder b = new StringBuilder("scope,method,metric,mean,ci_low,ci_high,n,unit,infinite_slices,p_vs_baseline,mean_diff_vs_baseline,seconds\n");
        for (SummaryRow r : e.summary()) {
            b.append("cohort,").append(r.method()).append(',').append(r.metric().key()).append(',').append(Fmt.csv(r.mean())).append(',')
                    .append(Fmt.csv(r.ciLow())).append(',').append(Fmt.csv(r.ciHigh())).append(',').append(r.n()).append(',')
                    .append(r.unit().name().toLowerCase(java.util.Locale.ROOT)).append(',').append(r.infinite()).append(',')
                    .append(Fmt.csv(r.pVsBaseline())).append(',').append(Fmt.csv(r.meanDiff())).append(',').append(Fmt.csv(r.seconds())).append('\n');
        }
        for (VolumeResult v : e.volumes()) {
            for (MethodResult m : v.methods()) {
                for (Metric k : Metric.values()) {
                    double mean = CohortStatistics.volumeMean(CohortStatistics.counted(v, m.method(), k));
                    b.append("volume:").append(csvText(v.name()).replace("\"", "")).append(',').append(m.method()).append(',').append(k.key())
                            .append(',').append(Fmt.csv(mean)).append(",,,").append(v.countedSlices()).append(",slice,,,,")
                            .append(Fmt.csv(m.synthSeconds())).append('\n');
                }
            }
        }
        return b.toString();
    }

    static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static byte[] json(Evaluation e) {
        ConfigEvaluateRun c = e.config();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "interslice evaluate");
        root.put("mode", c.mode().name().toLowerCase(java.util.Locale.ROOT));
        root.put("factor", c.mode() == ConfigEvaluateRun.Mode.DROP ? c.engine.factor : e.volumes().get(0).factor());
        root.put("profile", e.volumes().get(0).profile().name().toLowerCase(java.util.Locale.ROOT));
        root.put("window", c.engine.windowed() ? List.of(c.engine.windowLow, c.engine.windowHigh) : null);
        root.put("mask", c.mask.name().toLowerCase(java.util.Locale.ROOT));
        root.put("baseline", c.baseline);
        root.put("bootstrap", Map.of("resamples", c.bootstrap, "level", c.level, "seed", c.seed,
                "unit", e.volumes().size() > 1 ? "volume" : "slice"));
        root.put("minMaskVoxels", c.engine.minMaskVoxels);
        List<Object> vols = new ArrayList<>();
        for (VolumeResult v : e.volumes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("mode", v.mode().name().toLowerCase(java.util.Locale.ROOT));
            m.put("dims", List.of(v.nx(), v.ny(), v.inputSlices()));
            m.put("scoredTruthSlices", v.nz());
            m.put("sliceOffset", v.sliceOffset());
            m.put("sliceSpacingMm", v.sliceSpacingMm());
            m.put("dataRange", v.dataRange());
            Map<String, Object> mask = new LinkedHashMap<>();
            mask.put("source", v.mask().source().name().toLowerCase(java.util.Locale.ROOT));
            mask.put("threshold", v.mask().threshold());
            mask.put("voxels", v.mask().voxels());
            mask.put("file", v.mask().file());
            m.put("mask", mask);
            m.put("scoredSlices", v.scored().length);
            m.put("countedSlices", v.countedSlices());
            List<Object> ms = new ArrayList<>();
            for (MethodResult r : v.methods()) {
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("method", r.method());
                mm.put("synthSeconds", r.synthSeconds());
                mm.put("metricSeconds", r.metricSeconds());
                for (Metric k : Metric.values()) mm.put(k.key(), CohortStatistics.volumeMean(CohortStatistics.counted(v, r.method(), k)));
                ms.add(mm);
            }
            m.put("methods", ms);
            vols.add(m);
        }
        root.put("volumes", vols);
        List<Object> rows = new ArrayList<>();
        for (SummaryRow r : e.summary()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("metric", r.metric().key());
            m.put("mean", r.mean());
            m.put("ciLow", r.ciLow());
            m.put("ciHigh", r.ciHigh());
            m.put("n", r.n());
            m.put("unit", r.unit().name().toLowerCase(java.util.Locale.ROOT));
            m.put("infiniteSlices", r.infinite());
            m.put("pVsBaseline", r.pVsBaseline());
            m.put("meanDiffVsBaseline", r.meanDiff());
            m.put("seconds", r.seconds());
            rows.add(m);
        }
        root.put("summary", rows);
        try {
            // NaN and infinities are written as the strings "NaN" and "Infinity" (Jackson's default)
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
