package org.interslice.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.interslice.cli.CommandConfigs;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.ops.ConfigConvertOp;
import org.interslice.ops.ConfigInterpolateOperation;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.ConvertOperation;
import org.interslice.ops.InterpolateOperation;
import org.interslice.ops.ResampleOperation;
import org.interslice.ops.report.ConfigEvaluateRun;
import org.interslice.ops.report.EvaluateRun;

/**
 * One manifest row run as one Spark task: its options parsed by the command line's own parser
 * ({@link CommandConfigs}), then the operation class the command calls, on a job with the task's cores.
 * The task reopens its input by path and the operation writes its output atomically, so a retried task
 * only rewrites it. Every failure becomes a {@code failed} outcome with its one-line reason; nothing is
 * thrown to Spark (which would retry a bad row and then stop the whole job).
 *
 * @param row the manifest row
 * @param previousSha the output digest a report of an earlier run recorded for the same work, or null
 * @param force run even when the output is complete
 */
record RowTask(Manifest.Row row, String previousSha, boolean force) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs the row on an executor (or anywhere: outside a Spark task it uses one thread). */
    Outcome call() {
        long t0 = System.nanoTime();
        try {
            if (row.output().isEmpty()) throw new IllegalArgumentException("no output");
            Object config = CommandConfigs.parse(arguments(row));
            Path out = Path.of(row.output());
            if (!force && previousSha != null && Files.exists(out) && previousSha.equals(Digests.of(out)))
                return outcome(Outcome.SKIPPED, "", t0, previousSha);
            // the output's folder is made here: a manifest names many outputs, often in folders of their own
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent);
                } catch (java.io.IOException e) {
                    throw new IntersliceException(out, "cannot create its folder: " + e.getMessage(), e);
                }
            }
            TaskContext task = TaskContext.get();
            try (Job job = Job.of(task == null ? 1 : Math.max(1, task.cpus()), null)) {
                run(config, job);
            }
            return outcome(Outcome.OK, "", t0, Digests.of(out));
        } catch (IntersliceException e) {
            return outcome(Outcome.FAILED, oneLine(e.getMessage()), t0, "");
        } catch (IllegalArgumentException e) {
            return outcome(Outcome.FAILED, oneLine("bad request: " + e.getMessage()), t0, "");
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return outcome(Outcome.FAILED, oneLine("internal error: " + e), t0, "");
        }
    }

    /** The command line a row stands for: {@code operation input output options...}; evaluate gets --truth and --out. */
    static List<String> arguments(Manifest.Row row) {
        List<String> a = new ArrayList<>();
        a.add(row.operation());
        if (row.operation().equals("evaluate")) {
            if (!row.input().isEmpty()) a.addAll(List.of("--truth", row.input()));
            a.addAll(List.of("--out", row.output()));
        } else {
            if (row.input().isEmpty()) throw new IllegalArgumentException("no input");
            a.add(row.input());
            a.add(row.output());
        }
        a.addAll(Csv.words(row.options()));
        return a;
    }

    /** The operation class the command line calls for this config, without its printing. */
    private static void run(Object config, Job job) {
        if (config instanceof ConfigResampleOp c) new ResampleOperation(c).run(job);
        else if (config instanceof ConfigInterpolateOperation c) InterpolateOperation.run(c, job);
        else if (config instanceof ConfigConvertOp c) new ConvertOperation(c).run(job);
        else if (config instanceof ConfigEvaluateRun c) {
            EvaluateRun.filePlan(c).check();
            EvaluateRun.run(c, job);
        } else throw new IllegalStateException("no operation for " + config.getClass().getName());
    }

    private Outcome outcome(String status, String error, long t0, String sha) {
        return new Outcome(row.number(), status, error, (System.nanoTime() - t0) / 1e9, row.output(), sha, row.input(), row.operation(), row.options());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
