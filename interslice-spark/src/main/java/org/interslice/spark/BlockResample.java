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
import org.interslice.core.volume.Geometry;
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
     * @param outputDims size of the output as stored (along L, P, S: the grid's dims, permuted for a permuted grid)
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
        // OME-Zarr stores no direction: the output is stored with its axes along L, P, S (as the command line's
        // writer stores any axis-permuted or flipped grid); blocks and chunks are cut in that storage order
        StorageOrder order = StorageOrder.of(target);
        if (order == null)
            throw new IntersliceException(config.input, "block mode writes OME-Zarr, which stores no direction, and this output grid is "
                    + target.geometry().orientationCode() + " and oblique (or unevenly sliced): resample it onto an axis-aligned grid first");
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
        int[] dims = order.storedDims();
        int[] c = chunk == null ? OmeZarrFormat.chunkShape(dims, plan.outputType())
                : new int[] {Math.min(chunk[0], dims[0]), Math.min(chunk[1], dims[1]), Math.min(chunk[2], dims[2])};
        int[] b = new int[3];
        for (int a = 0; a < 3; a++) b[a] = (int) Math.min(dims[a], ((long) block[a] + c[a] - 1) / c[a] * c[a]);
        List<BlockTask> tasks = new ArrayList<>();
        try (AtomicFiles files = new AtomicFiles()) {
            for (int i = -1; i < config.masks.size(); i++) {
                Path out = i < 0 ? config.output : config.masks.get(i).output();
                Path root = files.openFolder(out);
                ZarrChunkWriter.create(root, out.getFileName().toString(), dims, order.spacing(), order.origin(),
                        i < 0 ? plan.outputType() : maskTypes.get(i), i < 0 ? plan.label() : true, c, config.write.compressionLevel);
                Stats own = i < 0 ? main : maskStats.get(i);
                for (int z = 0; z < dims[2]; z += b[2]) for (int y = 0; y < dims[1]; y += b[1]) for (int x = 0; x < dims[0]; x += b[0])
                    tasks.add(new BlockTask(List.copyOf(resampleArgs), main, i, own,
                            new int[] {x, y, z, Math.min(b[0], dims[0] - x), Math.min(b[1], dims[1] - y), Math.min(b[2], dims[2] - z)}, order, root.toString()));
            }
            long read = TaskResult.total(spark.parallelize(tasks, tasks.size()).map(t -> TaskResult.of(t::call)).collect());
            files.commit();
            return new Result(config.output, tasks.size(), dims, read, planSeconds, (System.nanoTime() - t0) / 1e9, notes, plan.warnings());
        }
    }

    /**
     * What a block or slab task returns: the input voxels it read, or the bad input that stopped it (file and
     * reason of an {@link IntersliceException}). Bad input is returned, not thrown: thrown, Spark logs the
     * task's stack trace, retries a task that can only fail again, and the driver sees a SparkException
     * (printed as an internal error, exit 3) instead of one line naming the file (exit 1).
     */
    record TaskResult(long read, String file, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Runs a task body; other exceptions (bugs) still fail the task as Spark does. */
        static TaskResult of(java.util.function.LongSupplier body) {
            try {
                return new TaskResult(body.getAsLong(), null, null);
            } catch (IntersliceException e) {
                return new TaskResult(0, e.file() == null ? null : e.file().toString(), e.reason());
            }
        }

        /** The voxels all tasks read; throws the first task's bad input (in task order) when there is one. */
        static long total(List<TaskResult> results) {
            long sum = 0;
            for (TaskResult r : results) {
                if (r.reason != null) throw new IntersliceException(r.file == null ? null : Path.of(r.file), r.reason);
                sum += r.read;
            }
            return sum;
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
     * How the output grid is stored: stored axis a (along L, P, S) is the grid's index axis {@code axis[a]},
     * reversed when {@code flip[a]} (the layout of the command line's OME-Zarr writer). Identity for an LPS grid.
     */
    public record StorageOrder(int[] axis, boolean[] flip, int[] dims, double[] spacingMm, double[] originLps) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The order of an axis-permuted or flipped grid, or null for an oblique or unevenly sliced one. */
        public static StorageOrder of(Grid g) {
            Geometry geo = g.geometry();
            if (geo.sliceOrigins() != null) return null;
            double[] d = geo.direction();   // row a: world axis a; column k: index axis k
            int[] axis = new int[3], from = new int[3];
            boolean[] flip = new boolean[3], used = new boolean[3];
            for (int a = 0; a < 3; a++) {
                int found = -1;
                for (int k = 0; k < 3; k++) {
                    double c = d[3 * a + k];
                    if (Math.abs(Math.abs(c) - 1) < 1e-6) found = k;
                    else if (Math.abs(c) > 1e-6) return null;
                }
                if (found < 0 || used[found]) return null;
                used[found] = true;
                axis[a] = found;
                flip[a] = d[3 * a + found] < 0;
                from[found] = flip[a] ? g.dims()[found] - 1 : 0;
            }
            return new StorageOrder(axis, flip, g.dims(), geo.spacing(), geo.indexToWorld(from[0], from[1], from[2]));
        }

        int[] storedDims() {
            return new int[] {dims[axis[0]], dims[axis[1]], dims[axis[2]]};
        }

        double[] spacing() {
            return new double[] {spacingMm[axis[0]], spacingMm[axis[1]], spacingMm[axis[2]]};
        }

        double[] origin() {
            return originLps.clone();
        }

        boolean identity() {
            return axis[0] == 0 && axis[1] == 1 && axis[2] == 2 && !flip[0] && !flip[1] && !flip[2];
        }

        /** The box of the grid that stored box {@code s} (x0 y0 z0 nx ny nz) holds. */
        Interval gridBox(int[] s) {
            int[] o = new int[3], n = new int[3];
            for (int a = 0; a < 3; a++) {
                int k = axis[a];
                n[k] = s[3 + a];
                o[k] = flip[a] ? dims[k] - s[a] - s[3 + a] : s[a];
            }
            return new Interval(o[0], o[1], o[2], n[0], n[1], n[2]);
        }

        /**
         * The voxels of a grid box ({@link #gridBox}) in stored order: a copy, or {@code v} itself for the identity.
         * Stored voxel (x, y, z) is grid-box index {@code base + x step0 + y step1 + z step2} (a negative step
         * runs a flipped axis backwards). Copied array to array: whole runs by {@link System#arraycopy} where
         * stored x is the box's x unflipped (whole planes when y is kept too), else a strided gather per row.
         */
        public Volume stored(Volume v) {
            if (identity()) return v;
            int[] vn = v.dims(), sn = {vn[axis[0]], vn[axis[1]], vn[axis[2]]};
            int[] stride = {1, vn[0], vn[0] * vn[1]};   // a volume holds fewer than 2^31 voxels
            int base = 0;
            int[] step = new int[3];
            for (int a = 0; a < 3; a++) {
                int k = axis[a];
                step[a] = flip[a] ? -stride[k] : stride[k];
                if (flip[a]) base += (vn[k] - 1) * stride[k];
            }
            Volume out = Volume.allocate(v.type(), sn[0], sn[1], sn[2], Geometry.identity());
            copy(v.array(), base, step, sn, out.array());
            return out;
        }

        /** dst[x + n0 (y + n1 z)] = src[base + x step0 + y step1 + z step2] for the n0 x n1 x n2 box; same array types. */
        static void copy(Object src, int base, int[] step, int[] n, Object dst) {
            int nx = n[0], ny = n[1], nz = n[2];
            if (step[0] == 1) {
                // the fastest axis kept: contiguous runs of nx (or of whole planes when y follows x in memory)
                boolean planes = step[1] == nx;
                int run = planes ? nx * ny : nx, rows = planes ? 1 : ny, i = 0;
                for (int z = 0; z < nz; z++)
                    for (int y = 0, row = base + z * step[2]; y < rows; y++, row += step[1], i += run) System.arraycopy(src, row, dst, i, run);
                return;
            }
            int sx = step[0], i = 0;
            for (int z = 0; z < nz; z++)
                for (int y = 0, row = base + z * step[2]; y < ny; y++, row += step[1], i += nx) gather(src, row, sx, dst, i, nx);
        }

        /** dst[to + k] = src[from + k step] for k < n; the array type is tested once per row, never per voxel. */
        private static void gather(Object src, int from, int step, Object dst, int to, int n) {
            if (src instanceof float[] s) {
                float[] d = (float[]) dst;
                for (int k = 0, j = from; k < n; k++, j += step) d[to + k] = s[j];
            } else if (src instanceof short[] s) {
                short[] d = (short[]) dst;
                for (int k = 0, j = from; k < n; k++, j += step) d[to + k] = s[j];
            } else if (src instanceof byte[] s) {
                byte[] d = (byte[]) dst;
                for (int k = 0, j = from; k < n; k++, j += step) d[to + k] = s[j];
            } else if (src instanceof int[] s) {
                int[] d = (int[]) dst;
                for (int k = 0, j = from; k < n; k++, j += step) d[to + k] = s[j];
            } else {
                double[] s = (double[]) src, d = (double[]) dst;
                for (int k = 0, j = from; k < n; k++, j += step) d[to + k] = s[j];
            }
        }
    }

    /**
     * One block of the output ({@code mask} -1) or of a mask's output: the arguments (re-parsed on the
     * executor), the driver's whole-input values of the input (which fix the grid) and of what this task
     * resamples, and the box.
     *
     * @param box x0 y0 z0 nx ny nz of the stored output (in {@code order})
     * @param order how the output grid is stored
     * @param root the output's temporary folder
     */
    record BlockTask(List<String> args, Stats main, int mask, Stats own, int[] box, StorageOrder order, String root) implements Serializable {
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
                Interval out = order.gridBox(box);
                Interval need;
                Block in;
                try (OpenVolume src = mask < 0 ? op.openInput(job) : op.openMask(mask, job)) {
                    VolumeHeader h = src.header();
                    need = r.inputInterval(mask < 0 ? plan.inputGrid() : new Grid(h.nx(), h.ny(), h.nz(), h.geometry()), plan.target(), out);
                    in = src.read(need);
                }
                if (mask >= 0 || plan.label()) in = relabel(in);
                Block part = r.resample(in, plan.target(), out, own.input(), job);
                ZarrChunkWriter.writeBlock(Path.of(root), order.stored(part.data()), new Interval(box[0], box[1], box[2], box[3], box[4], box[5]));
                return (long) need.nx() * need.ny() * need.nz();
            }
        }

        private static Block relabel(Block b) {
            Volume v = b.data().asLabel(true);
            return new Block(v, b.interval(), b.wholeNx(), b.wholeNy(), b.wholeNz(), b.wholeGeometry());
        }
    }
}
