package org.interslice.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.cli.CommandConfigs;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.InputStats;
import org.interslice.core.resample.Resampler;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.OpenVolume;
import org.interslice.io.zarr.ZarrChunkWriter;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.InputRegion;
import org.interslice.ops.ResampleOperation;

/**
 * {@code interslice batch resample IN OUT.ome.zarr ...}: one resampling too large for one machine's
 * memory, done block by block. The driver plans it as {@code resample} would ({@link ResampleOperation#planBlocks}:
 * header, one streamed pass for the whole input's range and label evidence), writes the output's
 * metadata into a temporary folder, and cuts the output grid into chunk-aligned blocks; each block is one
 * task that re-plans from the header with the driver's whole-input values, reads only the input region
 * its block needs ({@link Resampler#inputInterval}: halos included), resamples it
 * ({@link Resampler#resample(Block, Grid, Interval, InputStats, Job)}) and writes its own chunks
 * ({@link ZarrChunkWriter#writeBlock}, each chunk renamed into place, so a retried task rewrites the same
 * bytes). When every block is in, the driver renames the folder into place. A task holds its input region
 * and its block, never the volume.
 */
public final class BlockResample {
    /** Default block edge in output voxels (rounded up to whole chunks): 256 x 256 x 64 float voxels are 16 MB. */
    public static final int[] DEFAULT_BLOCK = {256, 256, 64};

    private BlockResample() {}

    /**
     * What a run did.
     *
     * @param blocks tasks run
     * @param outputDims size of the output grid
     * @param inputVoxelsRead voxels all tasks read together (halos counted once per block)
     * @param seconds wall time on the driver, planning included
     */
    public record Result(Path output, int blocks, int[] outputDims, long inputVoxelsRead, double seconds, List<String> notes, List<String> warnings) {}

    /**
     * Runs it.
     *
     * @param resampleArgs the arguments of {@code interslice resample} (IN OUT and its options), parsed by
     *        its own parser; OUT must be an OME-Zarr folder ({@code .ome.zarr}, {@code .zarr}); no masks
     * @param block block edge in output voxels, x y z (rounded up to whole chunks)
     * @param chunk chunk edge of the output, x y z
     * @throws IllegalArgumentException for bad arguments (a usage error)
     * @throws IntersliceException for unreadable input or a failed write (the output is then not created)
     */
    public static Result run(JavaSparkContext spark, List<String> resampleArgs, int[] block, int[] chunk, Job job) {
        long t0 = System.nanoTime();
        List<String> args = new ArrayList<>();
        args.add("resample");
        args.addAll(resampleArgs);
        ConfigResampleOp config = (ConfigResampleOp) CommandConfigs.parse(args);
        String name = config.output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".zarr")) throw new IllegalArgumentException("block mode writes OME-Zarr: OUT must end in .ome.zarr or .zarr");
        if (!config.masks.isEmpty()) throw new IllegalArgumentException("--mask is not supported in block mode (run one block job per mask)");
        for (int a = 0; a < 3; a++)
            if (block[a] < 1 || chunk[a] < 1) throw new IllegalArgumentException("block and chunk edges must be positive");
        List<String> notes = new ArrayList<>(new FilePlan().read(config.input).read(config.like).write(config.output).check());
        ResampleOperation.BlockPlan plan = new ResampleOperation(config).planBlocks(null, job);
        notes.addAll(plan.notes());
        Grid target = plan.target();
        if (!ZarrChunkWriter.isIdentityDirection(target.geometry()))
            throw new IntersliceException(config.input, "block mode writes OME-Zarr, which stores no direction, and this output grid is "
                    + target.geometry().orientationCode() + ": give an axis-aligned (LPS) input");
        int[] dims = target.dims();
        int[] c = {Math.min(chunk[0], dims[0]), Math.min(chunk[1], dims[1]), Math.min(chunk[2], dims[2])};
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) b[a] = (int) Math.min(dims[a], ((long) block[a] + c[a] - 1) / c[a] * c[a]);
        InputRegion.WholeStats s = plan.stats();
        List<BlockTask> tasks = new ArrayList<>();
        try (AtomicFiles files = new AtomicFiles()) {
            Path root = files.openFolder(config.output);
            ZarrChunkWriter.create(root, config.output.getFileName().toString(), dims, target.geometry().spacing(), target.geometry().origin(),
                    plan.outputType(), plan.label(), c, config.write.compressionLevel);
            for (int z = 0; z < dims[2]; z += b[2]) for (int y = 0; y < dims[1]; y += b[1]) for (int x = 0; x < dims[0]; x += b[0])
                tasks.add(new BlockTask(List.copyOf(resampleArgs), s.min(), s.max(), s.looksLikeLabels(),
                        new int[] {x, y, z, Math.min(b[0], dims[0] - x), Math.min(b[1], dims[1] - y), Math.min(b[2], dims[2] - z)}, root.toString()));
            long read = spark.parallelize(tasks, tasks.size()).map(BlockTask::call).reduce(Long::sum);
            files.commit();
            return new Result(config.output, tasks.size(), dims, read, (System.nanoTime() - t0) / 1e9, notes, plan.warnings());
        }
    }

    /**
     * One block: the arguments (re-parsed on the executor), the driver's whole-input values and the box.
     *
     * @param box x0 y0 z0 nx ny nz of the output grid
     * @param root the output's temporary folder
     */
    record BlockTask(List<String> args, double min, double max, Boolean looksLikeLabels, int[] box, String root) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Computes and writes the block; returns the input voxels read. */
        long call() {
            List<String> a = new ArrayList<>();
            a.add("resample");
            a.addAll(args);
            ConfigResampleOp config = (ConfigResampleOp) CommandConfigs.parse(a);
            TaskContext task = TaskContext.get();
            try (Job job = Job.of(task == null ? 1 : Math.max(1, task.cpus()), null)) {
                ResampleOperation op = new ResampleOperation(config);
                ResampleOperation.BlockPlan plan = op.planBlocks(new InputRegion.WholeStats(min, max, looksLikeLabels), job);
                Resampler r = new Resampler(plan.engine());
                Interval out = new Interval(box[0], box[1], box[2], box[3], box[4], box[5]);
                Interval need = r.inputInterval(plan.inputGrid(), plan.target(), out);
                Block in;
                try (OpenVolume src = op.openInput(job)) {
                    in = src.read(need);
                }
                if (plan.label()) in = relabel(in);
                Block part = r.resample(in, plan.target(), out, new InputStats(min, max, 0), job);
                ZarrChunkWriter.writeBlock(Path.of(root), part.data(), out);
                return (long) need.nx() * need.ny() * need.nz();
            }
        }

        private static Block relabel(Block b) {
            Volume v = b.data().asLabel(true);
            return new Block(v, b.interval(), b.wholeNx(), b.wholeNy(), b.wholeNz(), b.wholeGeometry());
        }
    }
}
