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
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.Resampler;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;
import org.interslice.io.zarr.OmeZarrFormat;
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
     * @param planSeconds wall time of the driver's planning: the header and the streamed pass over the whole input
     * @param seconds wall time on the driver, planning included
     */
    public record Result(Path output, int blocks, int[] outputDims, long inputVoxelsRead, double planSeconds, double seconds, List<String> notes,
                         List<String> warnings) {}

    /**
     * Runs it.
     *
     * @param resampleArgs the arguments of {@code interslice resample} (IN OUT and its options), parsed by
     *        its own parser; OUT and every --mask output must be OME-Zarr folders ({@code .ome.zarr}, {@code .zarr})
     * @param block block edge in output voxels, x y z (rounded up to whole chunks)
     * @param chunk chunk edge of the output, x y z; null for the shape the command line's OME-Zarr writer
     *              uses ({@link OmeZarrFormat#chunkShape}: 16 planes deep, 1-2 MiB)
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
        for (ConfigResampleOp.Mask m : config.masks)
            if (!m.output().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zarr"))
                throw new IllegalArgumentException("block mode writes OME-Zarr: the mask output " + m.output() + " must end in .ome.zarr or .zarr");
        for (int a = 0; a < 3; a++)
            if (block[a] < 1 || (chunk != null && chunk[a] < 1)) throw new IllegalArgumentException("block and chunk edges must be positive");
        FilePlan check = new FilePlan().read(config.input).read(config.like).write(config.output);
        for (ConfigResampleOp.Mask m : config.masks) check.read(m.input()).write(m.output());
        List<String> notes = new ArrayList<>(check.check());
        ResampleOperation op = new ResampleOperation(config);
        ResampleOperation.BlockPlan plan = op.planBlocks(null, job);
        notes.addAll(plan.notes());
        Grid target = plan.target();
        if (!ZarrChunkWriter.isIdentityDirection(target.geometry()))
            throw new IntersliceException(config.input, "block mode writes OME-Zarr, which stores no direction, and this output grid is "
                    + target.geometry().orientationCode() + ": give an axis-aligned (LPS) input");
        Stats main = Stats.of(plan.stats());
        // each mask: its range (its minimum is the default value) and, for label-gaussian, its most common label
        List<Stats> maskStats = new ArrayList<>();
        List<PixelType> maskTypes = new ArrayList<>();
        boolean gaussianMasks = op.maskEngine().interp == Interp.LABEL_GAUSSIAN;
        for (int i = 0; i < config.masks.size(); i++) {
            try (OpenVolume m = op.openMask(i, job)) {
                maskTypes.add(m.header().type());
                maskStats.add(Stats.of(InputRegion.scan(m, false, gaussianMasks, job)));
            }
        }
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        int[] dims = target.dims();
        int[] c = chunk == null ? OmeZarrFormat.chunkShape(dims, plan.outputType())
                : new int[] {Math.min(chunk[0], dims[0]), Math.min(chunk[1], dims[1]), Math.min(chunk[2], dims[2])};
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) b[a] = (int) Math.min(dims[a], ((long) block[a] + c[a] - 1) / c[a] * c[a]);
        List<BlockTask> tasks = new ArrayList<>();
        try (AtomicFiles files = new AtomicFiles()) {
            for (int i = -1; i < config.masks.size(); i++) {
                Path out = i < 0 ? config.output : config.masks.get(i).output();
                Path root = files.openFolder(out);
                ZarrChunkWriter.create(root, out.getFileName().toString(), dims, target.geometry().spacing(), target.geometry().origin(),
                        i < 0 ? plan.outputType() : maskTypes.get(i), i < 0 ? plan.label() : true, c, config.write.compressionLevel);
                Stats own = i < 0 ? main : maskStats.get(i);
                for (int z = 0; z < dims[2]; z += b[2]) for (int y = 0; y < dims[1]; y += b[1]) for (int x = 0; x < dims[0]; x += b[0])
                    tasks.add(new BlockTask(List.copyOf(resampleArgs), main, i, own,
                            new int[] {x, y, z, Math.min(b[0], dims[0] - x), Math.min(b[1], dims[1] - y), Math.min(b[2], dims[2] - z)}, root.toString()));
            }
            long read = spark.parallelize(tasks, tasks.size()).map(BlockTask::call).reduce(Long::sum);
            files.commit();
            return new Result(config.output, tasks.size(), dims, read, planSeconds, (System.nanoTime() - t0) / 1e9, notes, plan.warnings());
        }
    }

    /** The whole-input values of {@link InputRegion.WholeStats}, serializable for the tasks. */
    record Stats(double min, double max, Boolean looksLikeLabels, Integer background) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Stats of(InputRegion.WholeStats s) {
            return new Stats(s.min(), s.max(), s.looksLikeLabels(), s.background());
        }

        InputRegion.WholeStats whole() {
            return new InputRegion.WholeStats(min, max, looksLikeLabels, background);
        }

        InputStats input() {
            return new InputStats(min, max, background == null ? 0 : background);
        }
    }

    /**
     * One block of the output ({@code mask} -1) or of a mask's output: the arguments (re-parsed on the
     * executor), the driver's whole-input values of the input (which fix the grid) and of what this task
     * resamples, and the box.
     *
     * @param box x0 y0 z0 nx ny nz of the output grid
     * @param root the output's temporary folder
     */
    record BlockTask(List<String> args, Stats main, int mask, Stats own, int[] box, String root) implements Serializable {
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
                ResampleOperation.BlockPlan plan = op.planBlocks(main.whole(), job);
                Resampler r = new Resampler(mask < 0 ? plan.engine() : op.maskEngine());
                Interval out = new Interval(box[0], box[1], box[2], box[3], box[4], box[5]);
                Interval need;
                Block in;
                try (OpenVolume src = mask < 0 ? op.openInput(job) : op.openMask(mask, job)) {
                    VolumeHeader h = src.header();
                    need = r.inputInterval(mask < 0 ? plan.inputGrid() : new Grid(h.nx(), h.ny(), h.nz(), h.geometry()), plan.target(), out);
                    in = src.read(need);
                }
                if (mask >= 0 || plan.label()) in = relabel(in);
                Block part = r.resample(in, plan.target(), out, own.input(), job);
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
