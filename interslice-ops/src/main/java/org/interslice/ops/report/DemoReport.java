package org.interslice.ops.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.metrics.Metric;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;

/**
 * The page {@code interslice demo} ends with: the scores of each method against the real thin slices
 * (from an {@link Evaluation} in compare mode) and a side-by-side montage of the thick input, each
 * method's output and the real thin slices on one physical scale ({@code montage.png}), written as
 * {@code report.html} with the montage beside it.
 */
public final class DemoReport {
    /** Metrics in the table, in column order. */
    private static final Metric[] TABLE = {Metric.PSNR, Metric.SSIM, Metric.MS_SSIM, Metric.MAE};

    private DemoReport() {
    }

    /**
     * One column of the montage.
     *
     * @param name   label above it
     * @param volume a volume on the in-plane grid of the others
     */
    public record Column(String name, Volume volume) {
    }

    /**
     * Writes {@code montage.png} and {@code report.html} into dir (created when missing).
     *
     * @param title      page and montage title
     * @param intro      paragraphs before the table (plain text)
     * @param columns    montage columns, left to right; the last one is the reference (crop, window)
     * @param scores     the compare-mode evaluation of the methods, or null for no table
     * @param scoresLink relative link to the full evaluate report, or null
     * @param seconds    wall time of each method's run (e.g. interpolate's), by method name; missing ones show n/a
     * @return the report.html written
     */
    public static Path write(Path dir, String title, List<String> intro, List<Column> columns, Evaluation scores, String scoresLink,
                             java.util.Map<String, Double> seconds) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw AtomicFiles.failed(dir, "cannot create the output folder", e);
        }
        List<Montage.Column> cols = new ArrayList<>();
        for (Column c : columns) cols.add(new Montage.Column(c.name(), c.volume()));
        byte[] png = Montage.png(Montage.sideBySide(title, cols));
        Path html = dir.resolve("report.html");
        try (AtomicFiles out = new AtomicFiles()) {
            bytes(out, dir.resolve("montage.png"), png);
            bytes(out, html, html(title, intro, columns, scores, scoresLink, seconds).getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        return html;
    }

    static String html(String title, List<String> intro, List<Column> columns, Evaluation scores, String scoresLink,
                       java.util.Map<String, Double> seconds) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1300px;margin:2em auto;padding:0 1em;line-height:1.4}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%;box-sizing:border-box;border:1px solid #ddd}</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String p : intro) b.append("<p>").append(esc(p)).append("</p>\n");
        if (scores != null) {
            b.append("<h2>Scores against the real thin slices</h2>\n<table><tr><th>method</th>");
            for (Metric m : TABLE) b.append("<th>").append(esc(Markdown.label(m))).append(m == Metric.PSNR ? " [95% CI]" : "").append("</th>");
            b.append("<th>seconds</th></tr>\n");
            // seconds: the method's own run (the scores may replay its output, which takes no time)
            for (String method : scores.config().methodsToRun()) {
                b.append("<tr><td>").append(esc(method)).append("</td>");
                for (Metric m : TABLE) {
                    SummaryRow r = find(scores, method, m);
                    String cell = r == null ? "n/a" : Fmt.num(r.mean(), Fmt.decimals(m));
                    if (r != null && m == Metric.PSNR) cell += " [" + Fmt.num(r.ciLow(), 2) + ", " + Fmt.num(r.ciHigh(), 2) + "]";
                    b.append("<td>").append(esc(cell)).append("</td>");
                }
                Double sec = seconds.get(method);
                b.append("<td>").append(esc(Fmt.num(sec == null ? Double.NaN : sec, 2))).append("</td></tr>\n");
            }
            b.append("</table>\n<p>Foreground voxels only (Otsu mask of the thin series); confidence intervals resample slices of this one scan.");
            if (scoresLink != null) b.append(" Full report with per-slice plots and error maps: <a href=\"").append(esc(scoresLink)).append("\">").append(esc(scoresLink)).append("</a>.");
            b.append("</p>\n");
        }
        b.append("<h2>Coronal and sagittal views</h2>\n<p>Left to right: ");
        for (int i = 0; i < columns.size(); i++) b.append(i == 0 ? "" : ", ").append(esc(columns.get(i).name()));
        b.append(". Every column is drawn on one physical scale along the slice axis, each showing its own slice nearest to each row, "
                + "so the thick input shows the slabs it measured (the staircase) and the others show what each method made of them.</p>\n");
        b.append("<p><img src=\"montage.png\" alt=\"coronal and sagittal montage\"></p>\n</body></html>\n");
        return b.toString();
    }

    /** The scores table as Markdown (what the demo prints): method, metrics with the PSNR interval, each method's own seconds. */
    public static String summaryMarkdown(Evaluation scores, java.util.Map<String, Double> seconds) {
        StringBuilder b = new StringBuilder("| method |");
        for (Metric m : TABLE) b.append(' ').append(Markdown.label(m)).append(m == Metric.PSNR ? " [95% CI]" : "").append(" |");
        b.append(" seconds |\n|---|");
        for (int i = 0; i <= TABLE.length; i++) b.append("---|");
        b.append('\n');
        for (String method : scores.config().methodsToRun()) {
            b.append("| ").append(method).append(" |");
            for (Metric m : TABLE) {
                SummaryRow r = find(scores, method, m);
                String cell = r == null ? "n/a" : Fmt.num(r.mean(), Fmt.decimals(m));
                if (r != null && m == Metric.PSNR) cell += " [" + Fmt.num(r.ciLow(), 2) + ", " + Fmt.num(r.ciHigh(), 2) + "]";
                b.append(' ').append(cell).append(" |");
            }
            Double sec = seconds.get(method);
            b.append(' ').append(Fmt.num(sec == null ? Double.NaN : sec, 2)).append(" |\n");
        }
        return b.toString();
    }

    private static SummaryRow find(Evaluation e, String method, Metric m) {
        for (SummaryRow r : e.summary()) if (r.method().equals(method) && r.metric() == m) return r;
        return null;
    }

    private static void bytes(AtomicFiles out, Path p, byte[] b) {
        try (OutputStream os = out.open(p)) {
            os.write(b);
        } catch (IOException ex) {
            throw AtomicFiles.cannotWrite(p, ex);
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
