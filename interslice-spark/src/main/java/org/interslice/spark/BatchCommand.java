package org.interslice.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code interslice batch MANIFEST.csv --out-report results.csv}: many operations as Spark tasks
 * ({@link BatchRun}); {@code interslice batch resample IN OUT.ome.zarr ...}: one resampling in blocks
 * ({@link BlockResample}). Parses, calls the library, prints a summary.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        subcommands = {BatchCommand.BlockResampleCommand.class, BatchCommand.BlockInterpolateCommand.class},
        description = {"Run the operations of a manifest on Apache Spark, one task per row (local mode by default).",
                "MANIFEST is a CSV file with the header input,output,operation,options: operation is resample, interpolate, convert or "
                        + "evaluate, options are that command's options (quote the field when it holds commas). Relative input and output "
                        + "paths are taken from the manifest's folder. evaluate rows run --truth INPUT --out OUTPUT plus the options.",
                "The report has one line per row: row,status,error,seconds,output,sha256 (and the row's input, operation, options). "
                        + "A re-run skips rows the last report lists as done whose output still has the recorded SHA-256, unless --force.",
                "Block mode: interslice batch resample IN OUT.ome.zarr [resample options] resamples one large volume block by block; "
                        + "interslice batch interpolate IN OUT.ome.zarr --factor K [options] interpolates along z in slabs."})
public final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MANIFEST", description = "CSV manifest (input,output,operation,options).")
    Path manifest;

    @Option(names = "--out-report", paramLabel = "FILE", description = "Results CSV to write (read first: rows done there are skipped).")
    Path report;

    @Mixin
    MasterOption master = new MasterOption();

    @Option(names = "--force", description = "Run every row, even those whose output is complete.")
    boolean force;

    @Override
    public Integer call() {
        if (manifest == null) throw new ParameterException(spec.commandLine(), "give MANIFEST (or the block mode: batch resample IN OUT ...)");
        if (report == null) throw new ParameterException(spec.commandLine(), "--out-report FILE is required");
        long t0 = System.nanoTime();
        List<Outcome> outcomes;
        double startup;
        try (JavaSparkContext sc = Sparks.context(master.url)) {
            startup = (System.nanoTime() - t0) / 1e9;
            outcomes = BatchRun.run(sc, manifest, report, force);
        }
        int ok = 0, skipped = 0, failed = 0;
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        for (Outcome o : outcomes) {
            if (o.status().equals(Outcome.OK)) ok++;
            else if (o.status().equals(Outcome.SKIPPED)) skipped++;
            else {
                failed++;
                err.println("interslice: row " + o.row() + ": " + o.error());
            }
        }
        err.flush();
        out.printf(Locale.ROOT, "%d rows: %d written, %d skipped (complete), %d failed; report %s (%.1f s, %.1f s of it starting Spark)%n",
                outcomes.size(), ok, skipped, failed, report, (System.nanoTime() - t0) / 1e9, startup);
        out.flush();
        if (failed > 0) throw new IntersliceException(manifest, failed + " of " + outcomes.size() + " rows failed (see " + report + ")");
        return 0;
    }

    /** {@code --master URL}, shared by the manifest and the block commands. */
    static final class MasterOption {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master: local[*] (default; every core here), local[N], spark://HOST:PORT. spark-submit's --master also works.")
        String url;
    }

    /** {@code batch resample IN OUT.ome.zarr [resample options]}. */
    @Command(name = "resample", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
            description = {"Resample one volume block by block on Spark: IN OUT.ome.zarr and every option of the resample command "
                    + "(--mask outputs must be OME-Zarr too); the output grid is cut into chunk-aligned blocks, each a task that reads only the input region it "
                    + "needs and writes its own chunks. The result equals resample's (bit for bit but for B-splines, within 1e-6 of the range)."})
    static final class BlockResampleCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        MasterOption master = new MasterOption();

        @Option(names = "--block", paramLabel = "X,Y,Z", split = ",", description = "Block edge in output voxels (default 256,256,64; rounded up to chunks).")
        int[] block;

        @Option(names = "--chunk", paramLabel = "X,Y,Z", split = ",", description = "Chunk edge of the output (default: as interslice writes OME-Zarr, 16 planes deep and 1-2 MiB, e.g. 256,256,16 for 8- and 16-bit voxels).")
        int[] chunk;

        @Unmatched
        List<String> resampleArgs = new ArrayList<>();

        @Override
        public Integer call() {
            int[] b = three(block, BlockResample.DEFAULT_BLOCK, "--block"), c = chunk == null ? null : three(chunk, null, "--chunk");
            BlockResample.Result r;
            try (JavaSparkContext sc = Sparks.context(master.url); Job job = Job.of(Runtime.getRuntime().availableProcessors(), null)) {
                r = BlockResample.run(sc, resampleArgs, b, c, job);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            for (String n : r.notes()) err.println("interslice: note: " + n);
            for (String w : r.warnings()) err.println("interslice: warning: " + w);
            err.flush();
            int[] d = r.outputDims();
            out.printf(Locale.ROOT, "wrote %s (%d x %d x %d) in %d blocks, %d input voxels read, in %.2f s (%.2f s planning and scanning the input)%n",
                    r.output(), d[0], d[1], d[2], r.blocks(), r.inputVoxelsRead(), r.seconds(), r.planSeconds());
            out.flush();
            return 0;
        }

        private int[] three(int[] given, int[] dflt, String name) {
            if (given == null) return dflt.clone();
            if (given.length != 3) throw new ParameterException(spec.commandLine(), name + " needs X,Y,Z");
            return given;
        }
    }

    /** {@code batch interpolate IN OUT.ome.zarr --factor K [interpolate options]}. */
    @Command(name = "interpolate", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
            description = {"Interpolate one volume along z in slabs on Spark: IN OUT.ome.zarr and the options of the interpolate command; "
                    + "each task computes its slab's output slices from the measured slices around them plus the method's reach and "
                    + "writes its slab's chunks. The result and its provenance sidecar equal interpolate's."})
    static final class BlockInterpolateCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        MasterOption master = new MasterOption();

        @Option(names = "--gaps", paramLabel = "G", description = "Gaps between measured slices per task, about (default 8); also the output's chunk depth in gaps.")
        int gaps = 8;

        @Option(names = "--chunk", paramLabel = "X,Y", split = ",", description = "Chunk edge of the output in x and y (default 64,64).")
        int[] chunk = {64, 64};

        @Unmatched
        List<String> interpolateArgs = new ArrayList<>();

        @Override
        public Integer call() {
            if (chunk.length != 2) throw new ParameterException(spec.commandLine(), "--chunk needs X,Y");
            BlockResample.Result r;
            try (JavaSparkContext sc = Sparks.context(master.url); Job job = Job.of(Runtime.getRuntime().availableProcessors(), null)) {
                r = BlockInterpolate.run(sc, interpolateArgs, gaps, chunk, job);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            for (String n : r.notes()) err.println("interslice: note: " + n);
            err.flush();
            int[] d = r.outputDims();
            out.printf(Locale.ROOT, "wrote %s (%d x %d x %d) in %d slabs, %d input voxels read, in %.2f s%n", r.output(), d[0], d[1], d[2], r.blocks(),
                    r.inputVoxelsRead(), r.seconds());
            out.flush();
            return 0;
        }
    }
}
