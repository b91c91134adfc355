package org.interslice.ops.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.evaluate.LabelMethodResult;
import org.interslice.core.evaluate.LabelVolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.metrics.LabelScores;
import org.interslice.io.AtomicFiles;

/**
 * The report folder of a label-map evaluation: {@code metrics.csv} (one row per volume x method x
 * held-out slice: labels in the truth there, how many vanished, mean Dice over them), {@code labels.csv}
 * (Dice of every label), {@code summary.csv}, {@code summary.json}, a per-slice plot per volume
 * ({@code slices-NAME.png}: Dice and vanished labels per held-out slice), {@code report.md} and
 * {@code report.html}. Written atomically, like {@link ReportWriter}.
 */
final class LabelReport {
    /** Labels listed per method in the "lowest Dice" table. */
    private static final int WORST = 5;

    private LabelReport() {
    }

    static void write(Evaluation e, Path dir, Job job) {
        boolean made = ReportWriter.folder(dir), done = false;
        try (AtomicFiles out = new AtomicFiles()) {
            ReportWriter.text(out, dir.resolve("metrics.csv"), metricsCsv(e));
            ReportWriter.text(out, dir.resolve("labels.csv"), labelsCsv(e));
            ReportWriter.text(out, dir.resolve("summary.csv"), summaryCsv(e));
            ReportWriter.bytes(out, dir.resolve("summary.json"), json(e));
            List<String> plots = new ArrayList<>();
            for (LabelVolumeResult v : e.labels()) {
                String p = "slices-" + Fmt.slug(v.name()) + ".png";
                ReportWriter.bytes(out, dir.resolve(p), Charts.perSliceDice(v));
                plots.add(p);
                job.checkCancelled();
            }
            Markdown md = document(e, plots);
            ReportWriter.text(out, dir.resolve("report.md"), md.markdown());
            ReportWriter.text(out, dir.resolve("report.html"), md.html());
            out.commit();
            done = true;
        } finally {
            if (made && !done) ReportWriter.removeEmpty(dir);
        }
    }

    /** The cohort summary as a Markdown table (what the CLI prints). */
    static String summaryMarkdown(Evaluation e) {
        Markdown m = new Markdown();
        m.table(summaryHead(), summaryRows(e));
        return m.markdown();
    }

    /** Cohort values of one method: {mean of volume mean Dice, min of volume min Dice, pooled vanished fraction, seconds}. */
    static double[] cohort(Evaluation e, String method) {
        double sum = 0, min = Double.NaN, seconds = 0;
        long present = 0, vanished = 0;
        int n = 0;
        for (LabelVolumeResult v : e.labels()) {
            LabelMethodResult r = v.method(method);
            LabelScores s = r.scores();
            if (!Double.isNaN(s.meanDice())) {
                sum += s.meanDice();
                n++;
            }
            if (!Double.isNaN(s.minDice()) && (Double.isNaN(min) || s.minDice() < min)) min = s.minDice();
            present += s.presentPairs();
            vanished += s.vanishedPairs();
            seconds += r.synthSeconds();
        }
        return new double[] {n == 0 ? Double.NaN : sum / n, min, present == 0 ? Double.NaN : vanished / (double) present, seconds};
    }

    private static List<String> methods(Evaluation e) {
        List<String> m = new ArrayList<>();
        for (LabelMethodResult r : e.labels().get(0).methods()) m.add(r.method());
        return m;
    }

    private static List<String> summaryHead() {
        return List.of("method", "mean Dice", "min Dice", "vanished fraction", "seconds");
    }

    private static List<List<String>> summaryRows(Evaluation e) {
        List<List<String>> rows = new ArrayList<>();
        for (String m : methods(e)) {
            double[] c = cohort(e, m);
            rows.add(List.of(m, Fmt.num(c[0], 4), Fmt.num(c[1], 4), Fmt.num(c[2], 4), Fmt.num(c[3], 2)));
        }
        return rows;
    }

    private static Markdown document(Evaluation e, List<String> plots) {
        ConfigEvaluateRun c = e.config();
        LabelVolumeResult first = e.labels().get(0);
        Markdown md = new Markdown();
        md.heading(1, "Interslice evaluate report: label maps");
        md.para((first.mode() == org.interslice.core.evaluate.VolumeResult.Mode.SELF
                ? "Self-check of a label map: every other real slice is held out and rebuilt from the rest (K = 2). "
                : "Drop-and-reconstruct along the slice axis k with factor K = " + first.factor() + ": each label map is cut to (n-1)//K*K+1 slices, "
                + "every K-th slice is kept as it is, ")
                + "each method rebuilds the held-out slices at their true positions, and only those are scored. "
                + "Dice of a label: 2|T & P| / (|T| + |P|) over all held-out slices together. Mean and min Dice: over the labels that occur in the "
                + "truth on the held-out slices, background (0) excluded. Vanished fraction: share of (label, held-out slice) pairs where the label "
                + "is in the truth but predicted nowhere on that slice.");
        md.heading(2, "Inputs");
        List<List<String>> in = new ArrayList<>();
        for (LabelVolumeResult v : e.labels())
            in.add(List.of(v.name(), v.nx() + "x" + v.ny() + "x" + v.inputSlices(), Fmt.num(v.sliceSpacingMm(), 3), Integer.toString(v.factor()),
                    Integer.toString(v.scored().length), Integer.toString(v.methods().get(0).scores().labels().length)));
        md.table(List.of("volume", "dims", "slice spacing mm", "K", "held-out slices", "labels scored"), in);
        md.heading(2, "Summary");
        md.table(summaryHead(), summaryRows(e));
        if (e.labels().size() > 1) {
            md.para("Cohort: mean Dice is the mean of the volumes' mean Dice, min Dice the smallest over volumes, the vanished fraction is pooled "
                    + "over all (label, slice) pairs, seconds are summed.");
            md.heading(2, "Per volume");
            List<List<String>> pv = new ArrayList<>();
            for (LabelVolumeResult v : e.labels())
                for (LabelMethodResult r : v.methods()) {
                    LabelScores s = r.scores();
                    pv.add(List.of(v.name(), r.method(), Fmt.num(s.meanDice(), 4), Fmt.num(s.minDice(), 4), Fmt.num(s.vanishedFraction(), 4),
                            Fmt.num(r.synthSeconds(), 2)));
                }
            md.table(List.of("volume", "method", "mean Dice", "min Dice", "vanished fraction", "seconds"), pv);
        }
        md.heading(2, "Per slice");
        md.para("Mean Dice of the labels on each held-out slice, and how many of them vanished there, against the slice position (metrics.csv holds the numbers).");
        for (String p : plots) md.image(p, p);
        md.heading(2, "Lowest Dice");
        List<List<String>> worst = new ArrayList<>();
        for (LabelVolumeResult v : e.labels())
            for (LabelMethodResult r : v.methods()) worst.add(List.of(v.name(), r.method(), worstLabels(r.scores())));
        md.table(List.of("volume", "method", "labels with the lowest Dice (label: Dice)"), worst);
        md.para("Files: metrics.csv (one row per volume x method x held-out slice), labels.csv (Dice per label), summary.csv, summary.json. "
                + "Baseline: " + c.baseline + ".");
        return md;
    }

    private static String worstLabels(LabelScores s) {
        Integer[] order = new Integer[s.labels().length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(s.dice()[a], s.dice()[b]));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(WORST, order.length); i++) {
            if (i > 0) b.append(", ");
            b.append(s.labels()[order[i]]).append(": ").append(Fmt.num(s.dice()[order[i]], 3));
        }
        return b.toString();
    }

    static String metricsCsv(Evaluation e) {
        StringBuilder b = new StringBuilder("volume,mode,method,slice,position_mm,labels,vanished,mean_dice\n");
        for (LabelVolumeResult v : e.labels())
            for (LabelMethodResult r : v.methods()) {
                LabelScores s = r.scores();
                for (int i = 0; i < s.slices().length; i++)
                    b.append(ReportWriter.csvText(v.name())).append(',').append(v.mode().name().toLowerCase(Locale.ROOT)).append(',').append(r.method())
                            .append(',').append(s.slices()[i]).append(',').append(Fmt.csv(s.slices()[i] * v.sliceSpacingMm())).append(',')
                            .append(s.sliceLabels()[i]).append(',').append(s.sliceVanished()[i]).append(',').append(Fmt.csv(s.sliceDice()[i])).append('\n');
            }
        return b.toString();
    }

    static String labelsCsv(Evaluation e) {
        StringBuilder b = new StringBuilder("volume,method,label,dice\n");
        for (LabelVolumeResult v : e.labels())
            for (LabelMethodResult r : v.methods()) {
                LabelScores s = r.scores();
                for (int i = 0; i < s.labels().length; i++)
                    b.append(ReportWriter.csvText(v.name())).append(',').append(r.method()).append(',').append(s.labels()[i]).append(',')
                            .append(Fmt.csv(s.dice()[i])).append('\n');
            }
        return b.toString();
    }

    static String summaryCsv(Evaluation e) {
        StringBuilder b = new StringBuilder("scope,method,mean_dice,min_dice,vanished_fraction,vanished_pairs,present_pairs,seconds\n");
        for (String m : methods(e)) {
            double[] c = cohort(e, m);
            long present = 0, vanished = 0;
            for (LabelVolumeResult v : e.labels()) {
                present += v.method(m).scores().presentPairs();
                vanished += v.method(m).scores().vanishedPairs();
            }
            b.append("cohort,").append(m).append(',').append(Fmt.csv(c[0])).append(',').append(Fmt.csv(c[1])).append(',').append(Fmt.csv(c[2]))
                    .append(',').append(vanished).append(',').append(present).append(',').append(Fmt.csv(c[3])).append('\n');
        }
        for (LabelVolumeResult v : e.labels())
            for (LabelMethodResult r : v.methods()) {
                LabelScores s = r.scores();
                b.append("volume:").append(ReportWriter.csvText(v.name()).replace("\"", "")).append(',').append(r.method()).append(',')
                        .append(Fmt.csv(s.meanDice())).append(',').append(Fmt.csv(s.minDice())).append(',').append(Fmt.csv(s.vanishedFraction()))
                        .append(',').append(s.vanishedPairs()).append(',').append(s.presentPairs()).append(',').append(Fmt.csv(r.synthSeconds())).append('\n');
            }
        return b.toString();
    }

    static byte[] json(Evaluation e) {
        ConfigEvaluateRun c = e.config();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "interslice evaluate");
        root.put("kind", "labels");
        root.put("mode", c.mode().name().toLowerCase(Locale.ROOT));
        root.put("factor", e.labels().get(0).factor());
        root.put("baseline", c.baseline);
        root.put("background", org.interslice.core.evaluate.LabelEvaluator.BACKGROUND);
        List<Object> vols = new ArrayList<>();
        for (LabelVolumeResult v : e.labels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("dims", List.of(v.nx(), v.ny(), v.inputSlices()));
            m.put("cutSlices", v.nz());
            m.put("sliceSpacingMm", v.sliceSpacingMm());
            m.put("heldOutSlices", v.scored().length);
            List<Object> ms = new ArrayList<>();
            for (LabelMethodResult r : v.methods()) {
                LabelScores s = r.scores();
                Map<String, Object> mm = new LinkedHashMap<>();
                mm.put("method", r.method());
                mm.put("meanDice", s.meanDice());
                mm.put("minDice", s.minDice());
                mm.put("vanishedFraction", s.vanishedFraction());
                mm.put("vanishedPairs", s.vanishedPairs());
                mm.put("presentPairs", s.presentPairs());
                mm.put("synthSeconds", r.synthSeconds());
                mm.put("metricSeconds", r.metricSeconds());
                Map<String, Object> dice = new LinkedHashMap<>();
                for (int i = 0; i < s.labels().length; i++) dice.put(Integer.toString(s.labels()[i]), s.dice()[i]);
                mm.put("dice", dice);
                ms.add(mm);
            }
            m.put("methods", ms);
            vols.add(m);
        }
        root.put("volumes", vols);
        List<Object> rows = new ArrayList<>();
        for (String m : methods(e)) {
            double[] cc = cohort(e, m);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("method", m);
            r.put("meanDice", cc[0]);
            r.put("minDice", cc[1]);
            r.put("vanishedFraction", cc[2]);
            r.put("seconds", cc[3]);
            rows.add(r);
        }
        root.put("summary", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
