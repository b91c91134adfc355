package org.interslice.ops.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.evaluate.MethodResult;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.metrics.Metric;
import org.interslice.core.metrics.SliceMetrics;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The report's plots, drawn with JFreeChart as PNG bytes: metrics per slice, and means with CIs. */
final class Charts {
    /** Metrics that get a panel, top to bottom. */
    static final Metric[] PANELS = {Metric.PSNR, Metric.SSIM, Metric.MS_SSIM};
    /** Distinguishable series colours (Okabe-Ito palette, safe for colour-blind readers). */
    static final Color[] COLOURS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
            new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Each metric against the slice position, one line per method, counted finite values only. */
    static byte[] perSlice(VolumeResult v) {
        NumberAxis x = new NumberAxis("slice position along k (mm from the first input slice)");
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        org.jfree.chart.LegendItemCollection legend = null;
        for (Metric m : PANELS) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (MethodResult r : v.methods()) {
                XYSeries s = new XYSeries(r.method(), true, false);
                SliceMetrics[] rows = r.rows();
                for (int i = 0; i < rows.length; i++) {
                    double y = rows[i].get(m);
                    if (v.counted()[i] && Double.isFinite(y)) s.add(ReportWriter.positionMm(v, rows[i].slice()), y);
                }
                data.addSeries(s);
            }
            NumberAxis y = new NumberAxis(Markdown.label(m));
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer(true, true);
            style(rr, v.methods().size());
            XYPlot p = new XYPlot(data, null, y, rr);
            grid(p);
            plot.add(p, 1);
            if (legend == null) legend = p.getLegendItems();
        }
        // one legend entry per method, not one per panel
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(v.name() + ": metrics of the scored slices", new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 1000, 820);
    }

    /**
     * The label report's per-slice plot, as {@link #perSlice} draws the image metrics: mean Dice over the labels
     * present in the truth on each held-out slice, and how many of them vanished there, against the slice
     * position, one line per method (slices without labels are left out of the Dice panel).
     */
    static byte[] perSliceDice(org.interslice.core.evaluate.LabelVolumeResult v) {
        NumberAxis x = new NumberAxis("slice position along k (mm from the first input slice)");
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        org.jfree.chart.LegendItemCollection legend = null;
        for (int panel = 0; panel < 2; panel++) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (org.interslice.core.evaluate.LabelMethodResult r : v.methods()) {
                XYSeries s = new XYSeries(r.method(), true, false);
                org.interslice.core.metrics.LabelScores sc = r.scores();
                for (int i = 0; i < sc.slices().length; i++) {
                    double y = panel == 0 ? sc.sliceDice()[i] : sc.sliceVanished()[i];
                    if (Double.isFinite(y) && (panel == 0 || sc.sliceLabels()[i] > 0)) s.add(sc.slices()[i] * v.sliceSpacingMm(), y);
                }
                data.addSeries(s);
            }
            NumberAxis y = new NumberAxis(panel == 0 ? "mean Dice of the slice's labels" : "labels vanished on the slice");
            if (panel == 0) y.setRange(0, 1.02);
            else y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            XYLineAndShapeRenderer rr = new XYLineAndShapeRenderer(true, true);
            style(rr, v.methods().size());
            XYPlot p = new XYPlot(data, null, y, rr);
            grid(p);
            plot.add(p, panel == 0 ? 2 : 1);
            if (legend == null) legend = p.getLegendItems();
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(v.name() + ": Dice of the held-out slices", new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 1000, 640);
    }

    /**
     * The value axis of a bar panel whose bars and whiskers span [lo, hi]: it always includes 0, so bars
     * start at zero and their lengths compare honestly (the CI whiskers show the differences).
     */
    static double[] barRange(double lo, double hi) {
        double bottom = Math.min(0, lo), top = Math.max(0, hi);
        double pad = Math.max((top - bottom) * 0.08, 1e-6);
        return new double[] {bottom < 0 ? bottom - pad : 0, top > 0 ? top + pad : pad};
    }

    /** Cohort means as bars with their confidence intervals as error bars, one panel per metric. */
    static byte[] summaryBars(Evaluation e) {
        List<String> methods = new ArrayList<>();
        for (SummaryRow r : e.summary()) if (!methods.contains(r.method())) methods.add(r.method());
        SymbolAxis x = new SymbolAxis("method", methods.toArray(new String[0]));
        x.setGridBandsVisible(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        for (Metric m : PANELS) {
            YIntervalSeriesCollection ci = new YIntervalSeriesCollection();
            XYSeriesCollection bars = new XYSeriesCollection();
            YIntervalSeries cs = new YIntervalSeries("95% CI");
            XYSeries bs = new XYSeries("mean");
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (SummaryRow r : e.summary()) {
                if (r.metric() != m || !Double.isFinite(r.mean())) continue;
                int i = methods.indexOf(r.method());
                double l = Double.isFinite(r.ciLow()) ? r.ciLow() : r.mean(), h = Double.isFinite(r.ciHigh()) ? r.ciHigh() : r.mean();
                cs.add(i, r.mean(), l, h);
                bs.add(i, r.mean());
                lo = Math.min(lo, l);
                hi = Math.max(hi, h);
            }
            ci.addSeries(cs);
            bars.addSeries(bs);
            NumberAxis y = new NumberAxis(Markdown.label(m));
            if (lo <= hi) {
                double[] r = barRange(lo, hi);
                y.setRange(r[0], r[1]);
            }
            XYErrorRenderer err = new XYErrorRenderer();
            err.setDrawXError(false);
            err.setErrorPaint(Color.BLACK);
            err.setErrorStroke(new BasicStroke(1.6f));
            err.setCapLength(10);
            err.setDefaultLinesVisible(false);
            err.setSeriesPaint(0, Color.BLACK);
            XYBarRenderer bar = new XYBarRenderer(0.45);
            bar.setBarPainter(new StandardXYBarPainter());
            bar.setShadowVisible(false);
            bar.setSeriesPaint(0, new Color(0, 114, 178, 170));
            bar.setBase(0);
            XYPlot p = new XYPlot(ci, null, y, err);
            p.setDataset(1, bars);
            p.setRenderer(1, bar);
            // bars drawn first, the CI whiskers on top
            p.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
            grid(p);
            plot.add(p, 1);
        }
        String unit = e.volumes().size() > 1 ? "volumes" : "slices of one volume";
        JFreeChart chart = new JFreeChart("Means with 95% bootstrap CIs (resampling " + unit + ")",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 760, 820);
    }

    private static void style(XYLineAndShapeRenderer r, int n) {
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            r.setSeriesStroke(i, new BasicStroke(1.5f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
    }

    private static void grid(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
    }

    private static byte[] png(JFreeChart chart, int w, int h) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(b, chart, w, h);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return b.toByteArray();
    }
}
