package org.interslice.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.core.IntersliceException;
import org.interslice.io.AtomicFiles;

/**
 * {@code interslice batch MANIFEST --out-report REPORT}: every manifest row as one Spark task
 * ({@link RowTask}), the outcomes collected on the driver and written as the report (CSV, atomically).
 *
 * <p>Re-runs: the report of the last run is the record of finished work. A row is skipped (status
 * {@code skipped}) when that report lists the same work (input, output, operation and options) as
 * {@code ok} or {@code skipped} and the output is there with the SHA-256 recorded then, so an output
 * changed, removed or written by other options since is made again; {@code force} runs every row. Outputs
 * are written atomically by the operations, so an output that exists is whole; the digest is what tells
 * it is the one this work made. Without the report every row runs again.
 */
public final class BatchRun {
    private BatchRun() {}

    /**
     * Runs the manifest's rows on {@code spark} and writes the report.
     *
     * @param manifest the CSV manifest ({@link Manifest})
     * @param report the report to write (replaced atomically; read first for skipping)
     * @param force run rows whose output is complete
     * @return the outcomes by row number
     * @throws IntersliceException for an unreadable manifest or report, or a report that cannot be written
     */
    public static List<Outcome> run(JavaSparkContext spark, Path manifest, Path report, boolean force) {
        List<Manifest.Row> rows = Manifest.read(manifest);
        if (rows.isEmpty()) throw new IntersliceException(manifest, "no rows");
        Map<String, String> done = force ? Map.of() : finished(report);
        List<RowTask> tasks = new ArrayList<>();
        List<Outcome> refused = new ArrayList<>();
        Map<String, Integer> writers = new HashMap<>();
        Path reportAbs = report.toAbsolutePath().normalize();
        for (Manifest.Row r : rows) {
            // two rows writing one file would race; the report is no row's output either
            Integer first = writers.putIfAbsent(r.output(), r.number());
            String clash = r.problem() != null ? r.problem() : first != null ? r.output() + ": output also written by row " + first
                    : !r.output().isEmpty() && Path.of(r.output()).equals(reportAbs) ? r.output() + ": output is the report" : null;
            if (clash != null) refused.add(new Outcome(r.number(), Outcome.FAILED, clash, 0, r.output(), "", r.input(), r.operation(), r.options()));
            else tasks.add(new RowTask(r, done.get(r.key()), force));
        }
        List<Outcome> out = new ArrayList<>(refused);
        if (!tasks.isEmpty()) out.addAll(spark.parallelize(tasks, tasks.size()).map(RowTask::call).collect());
        out.sort(Comparator.comparingInt(Outcome::row));
        write(report, out);
        return out;
    }

    /** Work the report lists as done: row key to output digest. Empty when there is no report. */
    static Map<String, String> finished(Path report) {
        Map<String, String> m = new HashMap<>();
        if (!Files.exists(report)) return m;
        List<String> lines;
        try {
            lines = Files.readAllLines(report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IntersliceException(report, "cannot read the last report: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !Csv.parse(lines.get(0)).equals(Outcome.HEADER))
            throw new IntersliceException(report, "not a batch report (header " + String.join(",", Outcome.HEADER) + "): give another --out-report");
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = Csv.parse(line);
            if (f.size() != Outcome.HEADER.size()) continue;
            boolean ok = f.get(1).equals(Outcome.OK) || f.get(1).equals(Outcome.SKIPPED);
            if (ok && !f.get(5).isEmpty()) m.put(new Manifest.Row(0, f.get(6), f.get(4), f.get(7), f.get(8), null).key(), f.get(5));
        }
        return m;
    }

    private static void write(Path report, List<Outcome> outcomes) {
        try (AtomicFiles files = new AtomicFiles()) {
            try (OutputStream os = files.open(report)) {
                StringBuilder b = new StringBuilder(Csv.line(Outcome.HEADER)).append('\n');
                for (Outcome o : outcomes) b.append(Csv.line(o.fields())).append('\n');
                os.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
            files.commit();
        } catch (IOException e) {
            throw AtomicFiles.failed(report, "cannot write the report", e);
        }
    }
}
