package org.interslice.ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.evaluate.CohortStatistics;
import org.interslice.core.evaluate.ConfigEvaluate;
import org.interslice.core.evaluate.MaskInfo;
import org.interslice.core.evaluate.MethodResult;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.metrics.Metric;
import org.interslice.core.metrics.SliceMetrics;

/**
 * The human-readable report: one list of blocks (headings, paragraphs, tables, images) rendered both
 * as Markdown and as a self-contained HTML page that links the PNGs beside it.
 */
final class Markdown {
    private sealed interface Block permits Heading, Para, Table, Image {}
    private record Heading(int level, String text) implements Block {}
    private record Para(String text) implements Block {}
    private record Table(List<String> head, List<List<String>> rows) implements Block {}
    private record Image(String file, String alt) implements Block {}

    private final List<Block> blocks = new ArrayList<>();

    Markdown(Evaluation e, List<String> plots, List<String> montages) {
        ConfigEvaluateRun c = e.config();
        ConfigEvaluate en = c.engine;
        VolumeResult first = e.volumes().get(0);
        blocks.add(new Heading(1, "Interslice evaluate report"));
        blocks.add(new Para(describe(c, first)));
        String window = en.windowed()
                ? String.format(Locale.ROOT, "Window [%s, %s]: truth and predictions are clipped to it before scoring, and the data range of PSNR and SSIM is its width (%s).",
                Fmt.num(en.windowLow, 1), Fmt.num(en.windowHigh, 1), Fmt.num(en.windowHigh - en.windowLow, 1))
                : "No window: the data range of PSNR and SSIM is max - min of each whole truth volume.";
        blocks.add(new Para(window + " SSIM: Gaussian window sigma 1.5 (11 taps), K1 0.01, K2 0.03, population covariance (scikit-image's "
                + "gaussian_weights=True, use_sample_covariance=False); MS-SSIM: Wang et al. 2003, 5 scales, fewer on small slices. "
                + "Metrics are computed on each scored 2D slice and averaged."));
        blocks.add(new Heading(2, "Inputs"));
        List<List<String>> in = new ArrayList<>();
        for (VolumeResult v : e.volumes()) {
            in.add(List.of(v.name(), v.nx() + "x" + v.ny() + "x" + v.inputSlices(), Fmt.num(v.sliceSpacingMm(), 3),
                    v.mode() == VolumeResult.Mode.COMPARE ? (v.sliceOffset() + ".." + (v.sliceOffset() + v.nz() - 1)) : "0.." + (v.nz() - 1),
                    Integer.toString(v.scored().length), Integer.toString(v.countedSlices()), Fmt.num(v.dataRange(), 1), mask(v.mask())));
        }
        blocks.add(new Table(List.of("volume", "dims", "slice spacing mm", "truth slices used", "scored", "counted", "data range", "mask"), in));
        if (c.mask != ConfigEvaluateRun.MaskMode.NONE)
            blocks.add(new Para("Only voxels inside the mask are scored (SSIM and MS-SSIM average their maps over the mask's pixels too, so "
                    + "they read lower than whole-slice values, which easy background inflates); a slice whose mask holds fewer than " + en.minMaskVoxels
                    + " voxels is listed in metrics.csv but left out of the statistics (\"counted\" above)."));
        blocks.add(new Heading(2, "Summary"));
        blocks.add(new Table(summaryHead(c), summaryRows(e)));
        boolean byVolume = e.volumes().size() > 1;
        blocks.add(new Para(String.format(Locale.ROOT,
                "Means with %d%% percentile-bootstrap confidence intervals (%d resamples, seed %d), resampling %s. "
                        + "p: two-sided paired Wilcoxon signed-rank test against %s, paired by %s. Seconds: synthesis wall time summed over volumes.",
                Math.round(c.level * 100), c.bootstrap, c.seed,
                byVolume ? "volumes (patients): each volume's mean over its counted slices is one unit"
                        : "slices, because there is a single volume (slices of one scan are not independent, so this interval is optimistic)",
                c.baseline, byVolume ? "volume means" : "slice")));
        for (SummaryRow r : e.summary())
            if (r.infinite() > 0 && r.metric() == Metric.PSNR)
                blocks.add(new Para(r.method() + ": " + r.infinite() + " slice(s) were reconstructed exactly (PSNR = +inf), so its mean PSNR is +inf and has no interval."));
        if (byVolume) {
            blocks.add(new Heading(2, "Per volume"));
            List<List<String>> pv = new ArrayList<>();
            for (VolumeResult v : e.volumes()) {
                for (MethodResult m : v.methods()) {
                    List<String> row = new ArrayList<>(List.of(v.name(), m.method()));
                    for (Metric k : ReportWriter.TABLE) row.add(Fmt.num(CohortStatistics.volumeMean(CohortStatistics.counted(v, m.method(), k)), Fmt.decimals(k)));
                    row.add(Fmt.num(m.synthSeconds(), 2));
                    pv.add(row);
                }
            }
            List<String> head = new ArrayList<>(List.of("volume", "method"));
            for (Metric k : ReportWriter.TABLE) head.add(label(k));
            head.add("seconds");
            blocks.add(new Table(head, pv));
        }
        int minScales = 5;
        for (VolumeResult v : e.volumes()) for (SliceMetrics r : v.methods().get(0).rows()) if (r.msSsimScales() > 0) minScales = Math.min(minScales, r.msSsimScales());
        if (minScales < 5) blocks.add(new Para("MS-SSIM used " + minScales + " scale(s) on some slices, which are too small for 5 (see ms_ssim_scales in metrics.csv)."));
        if (negativeSsim(e)) blocks.add(new Para(NEGATIVE_SSIM_NOTE));
        blocks.add(new Heading(2, "Plots"));
        blocks.add(new Para("Per slice: each metric against the slice position (mm along k from the first input slice), one line per method. "
                + "Bars: cohort means with their confidence intervals. Exact slices (PSNR +inf) are not drawn."));
        for (String p : plots) blocks.add(new Image(p, p));
        blocks.add(new Heading(2, "Montages"));
        blocks.add(new Para("The same crops of two planes along the slice axis for the truth and each method, and the absolute error of each method "
                + "(black = 0, white = the error scale printed in the image). A staircase shows as steps along the slice axis"
                + (anyDropped(e) ? "; in drop-and-reconstruct and self-check montages, ticks on the left mark the kept slices" : "") + "."));
        for (String m : montages) blocks.add(new Image(m, m));
        blocks.add(new Para("Files: metrics.csv (one row per volume x method x scored slice), summary.csv, summary.json."));
    }

    private static String describe(ConfigEvaluateRun c, VolumeResult v) {
        switch (c.mode()) {
            case DROP:
                return "Drop-and-reconstruct along the slice axis k with factor K = " + c.engine.factor + ", " + c.engine.profile.name().toLowerCase(Locale.ROOT)
                        + " profile: each truth is cut to (n-1)//K*K+1 slices, every K-th slice is kept"
                        + (c.engine.profile == org.interslice.core.evaluate.Profile.SLAB ? " as the mean of a slab K slices thick centred on it (as a thick-slice scanner reconstructs it; truncated and renormalised at the ends)" : "")
                        + ", each method rebuilds the other slices at their true positions, and only those held-out slices are scored.";
            case COMPARE:
                return "Real thick slices against real thin slices: the thick scan's slices are placed at their true positions on the thin scan's grid "
                        + "(factor " + v.factor() + "), each method fills the thin slices between them, and every thin slice between the first and last thick slice "
                        + "centre (the overlap) is scored against the real thin slice. A thick slice averages a slab while the truth is thin, so no method reaches "
                        + "drop-and-reconstruct numbers here.";
            case SELF:
                return "Self-check of a scan without thin truth: every other real slice is held out and rebuilt from the rest at twice the spacing "
                        + "(drop-and-reconstruct with K = 2). The problem is harder than interpolating the scan itself, so these errors are a pessimistic "
                        + "estimate of how " + c.selfMethod + " does on this scan (" + c.baseline + " is shown beside it for reference).";
            default:
                throw new AssertionError();
        }
    }

    private static String mask(MaskInfo m) {
        switch (m.source()) {
            case NONE: return "none";
            case OTSU: return "Otsu > " + Fmt.num(m.threshold(), 2) + " (" + m.voxels() + " vx)";
            case FILE: return m.file() + " (" + m.voxels() + " vx)";
            default: throw new AssertionError();
        }
    }

    /** Said in the report when a slice has negative SSIM, where MS-SSIM reads 0. */
    static final String NEGATIVE_SSIM_NOTE = "Some slices have a negative SSIM (prediction anti-correlated with the truth at some scale); "
            + "MS-SSIM clamps each negative scale term to 0 before the weighted product (as Wang et al. 2003 define it for non-negative terms), "
            + "so those slices show MS-SSIM 0, not a missing value.";

    /** True when some scored slice has SSIM below 0. */
    static boolean negativeSsim(Evaluation e) {
        for (VolumeResult v : e.volumes()) for (MethodResult m : v.methods()) for (SliceMetrics r : m.rows()) if (r.ssim() < 0) return true;
        return false;
    }

    /** True when some volume kept slices of itself (drop-and-reconstruct or self-check), whose montages carry ticks. */
    private static boolean anyDropped(Evaluation e) {
        for (VolumeResult v : e.volumes()) if (v.mode() != VolumeResult.Mode.COMPARE) return true;
        return false;
    }

    static String label(Metric k) {
        return k == Metric.PSNR ? "PSNR dB" : k == Metric.MS_SSIM ? "MS-SSIM" : k.name();
    }

    private static List<String> summaryHead(ConfigEvaluateRun c) {
        List<String> h = new ArrayList<>(List.of("method"));
        for (Metric k : ReportWriter.TABLE) h.add(label(k) + (k == Metric.MAE || k == Metric.NCC ? "" : " [95% CI]"));
        h.add("p PSNR vs " + c.baseline);
        h.add("p SSIM vs " + c.baseline);
        h.add("seconds");
        return h;
    }

    private static List<List<String>> summaryRows(Evaluation e) {
        List<String> methods = new ArrayList<>();
        for (SummaryRow r : e.summary()) if (!methods.contains(r.method())) methods.add(r.method());
        List<List<String>> rows = new ArrayList<>();
        for (String m : methods) {
            List<String> row = new ArrayList<>(List.of(m));
            for (Metric k : ReportWriter.TABLE) {
                SummaryRow r = find(e, m, k);
                int d = Fmt.decimals(k);
                String cell = Fmt.num(r.mean(), d);
                if (k != Metric.MAE && k != Metric.NCC && !Double.isNaN(r.ciLow()))
                    cell += " [" + Fmt.num(r.ciLow(), d) + ", " + Fmt.num(r.ciHigh(), d) + "]";
                row.add(cell);
            }
            row.add(Fmt.p(find(e, m, Metric.PSNR).pVsBaseline()));
            row.add(Fmt.p(find(e, m, Metric.SSIM).pVsBaseline()));
            row.add(Fmt.num(find(e, m, Metric.PSNR).seconds(), 2));
            rows.add(row);
        }
        return rows;
    }

    private static SummaryRow find(Evaluation e, String method, Metric metric) {
        for (SummaryRow r : e.summary()) if (r.method().equals(method) && r.metric() == metric) return r;
        throw new IllegalStateException("no summary row for " + method + " " + metric);
    }

    static String summaryTable(Evaluation e) {
        Markdown m = new Markdown();
        m.blocks.add(new Table(summaryHead(e.config()), summaryRows(e)));
        return m.markdown();
    }

    /** An empty document (the label report fills it through {@link #heading}, {@link #para}, {@link #table}, {@link #image}). */
    Markdown() {
    }

    void heading(int level, String text) {
        blocks.add(new Heading(level, text));
    }

    void para(String text) {
        blocks.add(new Para(text));
    }

    void table(List<String> head, List<List<String>> rows) {
        blocks.add(new Table(head, rows));
    }

    /** An image beside the report ({@code file} relative to it). */
    void image(String file, String alt) {
        blocks.add(new Image(file, alt));
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        for (Block k : blocks) {
            if (k instanceof Heading h) b.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            else if (k instanceof Para p) b.append(p.text()).append("\n\n");
            else if (k instanceof Image i) b.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
            else if (k instanceof Table t) {
                b.append("| ").append(String.join(" | ", t.head())).append(" |\n|");
                for (int i = 0; i < t.head().size(); i++) b.append("---|");
                b.append('\n');
                for (List<String> r : t.rows()) b.append("| ").append(String.join(" | ", r)).append(" |\n");
                b.append('\n');
            }
        }
        return b.toString();
    }

    String html() {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Interslice evaluate report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.4}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}img{max-width:100%;box-sizing:border-box;border:1px solid #ddd}</style></head><body>\n");
        for (Block k : blocks) {
            if (k instanceof Heading h) b.append("<h").append(h.level()).append('>').append(esc(h.text())).append("</h").append(h.level()).append(">\n");
            else if (k instanceof Para p) b.append("<p>").append(esc(p.text())).append("</p>\n");
            else if (k instanceof Image i) b.append("<p><img src=\"").append(esc(i.file())).append("\" alt=\"").append(esc(i.alt())).append("\"></p>\n");
            else if (k instanceof Table t) {
                b.append("<table><tr>");
                for (String s : t.head()) b.append("<th>").append(esc(s)).append("</th>");
                b.append("</tr>\n");
                for (List<String> r : t.rows()) {
                    b.append("<tr>");
                    for (String s : r) b.append("<td>").append(esc(s)).append("</td>");
                    b.append("</tr>\n");
                }
                b.append("</table>\n");
            }
        }
        return b.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
