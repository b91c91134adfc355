package org.interslice.spark;

import java.io.IOException;
import java.io.OutputStream;
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
import org.interslice.core.resample.LabelEvidence;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.synth.Interpolator;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;
import org.interslice.io.zarr.ZarrChunkWriter;
import org.interslice.ops.ConfigInterpolateOperation;
import org.interslice.ops.InputRegion;
import org.interslice.ops.InterpolateOperation;
import org.interslice.ops.Provenance;

/**
 * {@code interslice batch interpolate IN OUT.ome.zarr --factor K ...}: slice interpolation along z in slabs.
 * The driver plans the whole run from the header as {@code interpolate} does (label or image from one
 * streamed pass for label evidence, the method, the {@link SlicePlan} of output slices from the measured
 * positions: the geometry's, uneven ones included, or {@code --positions}) and cuts the output's slices
 * into slabs of about {@code gaps} measured gaps (the output's chunk depth). Each slab is one task that
 * reads the measured slices its output slices lie between plus the method's reach on each side
 * ({@code SliceSynthesizer.reach()}: the slices the whole-volume run's windows hold too) and computes
 * exactly those output slices of the whole plan ({@link Interpolator#runSlices}), then writes its slab's
 * chunks. The driver writes the provenance sidecar {@code interpolate} writes (unless {@code --no-sidecar})
 * with the output, in one commit. OME-Zarr stores no direction: an axis-flipped or permuted grid (a LAS
 * NIfTI) is stored along L, P, S as the command line's writer stores it ({@link BlockResample.StorageOrder}),
 * the slabs cut along the stored axis that holds the slices, so that each task writes whole chunks; an
 * oblique or unevenly sliced output is refused.
 */
public final class BlockInterpolate {
    private BlockInterpolate() {}

    /**
     * Runs it.
     *
     * @param args the arguments of {@code interslice interpolate} (IN OUT and its options)
     * @param gaps measured gaps per task, about (the output's chunk depth is that many gaps' output slices)
     * @param chunkXY chunk edge in x and y
     * @throws IllegalArgumentException for what block mode cannot do (a usage error)
     */
    public static BlockResample.Result run(JavaSparkContext spark, List<String> args, int gaps, int[] chunkXY, Job job) {
        long t0 = System.nanoTime();
        ConfigInterpolateOperation c = parse(args);
        if (gaps < 1 || chunkXY[0] < 1 || chunkXY[1] < 1) throw new IllegalArgumentException("gaps per task and chunk edges must be positive");
        FilePlan check = new FilePlan().read(c.input).readFile(c.positionsFile).write(c.output);
        if (c.sidecar) check.writeFile(Provenance.sidecarOf(c.output));
        List<String> notes = new ArrayList<>(check.check());
        Setup s;
        try (OpenVolume src = InterpolateOperation.openInput(c, job)) {
            s = setup(c, src, null, job);
        }
        notes.addAll(s.choice.notes());
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        int n = s.plan.size(), m = s.plan.measuredCount();
        int depth = (int) Math.max(1, Math.min(n, Math.round(gaps * (n - 1) / (double) (m - 1))));
        int[] dims = {s.header.nx(), s.header.ny(), n};
        Geometry og = s.outputGeometry;
        // by its direction (uneven output slices are stored at their mean step, as before)
        Geometry axes = og.sliceOrigins() == null ? og : Geometry.of(og.spacing(), og.origin(), og.direction());
        BlockResample.StorageOrder order = BlockResample.StorageOrder.of(new Grid(dims[0], dims[1], dims[2], axes));
        if (order == null)
            throw new IllegalArgumentException("block mode writes OME-Zarr, which stores no direction, and this output grid is "
                    + og.orientationCode() + " and oblique: resample the input onto an axis-aligned grid first");
        // stored along L, P, S: the slabs (and the chunks' depth) run along the stored axis that holds the grid's z
        int[] stored = order.storedDims(), chunk = new int[3];
        int sz = 0;
        for (int a = 0; a < 3; a++) {
            int k = order.axis()[a];
            chunk[a] = k == 2 ? depth : chunkXY[k];
            if (k == 2) sz = a;
        }
        List<SlabTask> tasks = new ArrayList<>();
        try (AtomicFiles files = new AtomicFiles()) {
            Path root = files.openFolder(c.output);
            ZarrChunkWriter.create(root, c.output.getFileName().toString(), stored, order.spacing(), order.origin(), s.header.type(), s.choice.isLabel(),
                    chunk, c.write.compressionLevel);
            for (int from = 0; from < stored[sz]; from += depth) {
                int[] box = {0, 0, 0, stored[0], stored[1], stored[2]};
                box[sz] = from;
                box[3 + sz] = Math.min(depth, stored[sz] - from);
                Interval g = order.gridBox(box);   // the grid's slices [z0, z0 + nz) that stored box holds
                tasks.add(new SlabTask(List.copyOf(args), s.choice.method(), s.choice.labels().name(), g.z0(), g.z0() + g.nz(), box, order, root.toString()));
            }
            long read = BlockResample.TaskResult.total(spark.parallelize(tasks, tasks.size()).map(t -> BlockResample.TaskResult.of(t::call)).collect());
            if (c.sidecar) {
                String grid = og.isOrthogonal() ? "input's" : "input's, sheared (kept)";
                byte[] json = Provenance.json(c, Formats.forReading(c.input).name(), new int[] {s.header.nx(), s.header.ny(), s.header.nz()}, s.plan,
                        s.choice.method(), s.choice.labels(), s.choice.notes(), grid, dims, og);
                try (OutputStream os = files.open(Provenance.sidecarOf(c.output))) {
                    os.write(json);
                } catch (IOException e) {
                    throw org.interslice.io.AtomicFiles.cannotWrite(Provenance.sidecarOf(c.output), e);
                }
            }
            files.commit();
            return new BlockResample.Result(c.output, tasks.size(), stored, read, planSeconds, (System.nanoTime() - t0) / 1e9, notes, List.of());
        }
    }

    private static ConfigInterpolateOperation parse(List<String> args) {
        List<String> a = new ArrayList<>();
        a.add("interpolate");
        a.addAll(args);
        ConfigInterpolateOperation c = (ConfigInterpolateOperation) CommandConfigs.parse(a);
        if (!c.output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zarr"))
            throw new IllegalArgumentException("block mode writes OME-Zarr: OUT must end in .ome.zarr or .zarr");
        if (c.synthesis.axis >= 0 && c.synthesis.axis != 2) throw new IllegalArgumentException("block mode interpolates along z only");
        if (c.positionsFile != null) c.synthesis.positionsMm = InterpolateOperation.readPositions(c.positionsFile);   // read again by each task
        return c;
    }

    /** What the driver decides and every task repeats from the header (label evidence given by the driver). */
    private record Setup(VolumeHeader header, Interpolator engine, Interpolator.Choice choice, SlicePlan plan, Geometry outputGeometry) {}

    /**
     * The method choice and slice plan from the header, through a stand-in of the input's shape along z
     * (1 x 1 x nz, its geometry, uneven slice positions included): the plan reads only sizes and geometry.
     *
     * @param reason the label decision of the driver, or null to make it (one streamed pass when needed)
     */
    private static Setup setup(ConfigInterpolateOperation c, OpenVolume src, LabelMaps.Reason reason, Job job) {
        VolumeHeader h = src.header();
        if (reason == null) {
            boolean evidence = !c.synthesis.forceLabels && !h.label() && h.type().integer && LabelEvidence.supports(h.type());
            reason = c.synthesis.forceLabels ? LabelMaps.Reason.FORCED : h.label() ? LabelMaps.Reason.FLAGGED
                    : evidence && InputRegion.scan(src, true, job).looksLikeLabels() ? LabelMaps.Reason.RECOGNISED : LabelMaps.Reason.IMAGE;
        }
        Volume standIn = Volume.allocate(PixelType.UINT8, 1, 1, h.nz(), h.geometry());
        Interpolator engine = new Interpolator(c.synthesis);
        if (engine.sliceAxis(standIn) != 2) throw new IllegalArgumentException("block mode interpolates along z only (give --axis z)");
        Interpolator.Choice choice = engine.choose(reason);
        SlicePlan plan;
        try {
            plan = engine.plan(standIn);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(c.positionsFile != null && e.getMessage().contains("position") ? c.positionsFile : c.input, e.getMessage());
        }
        return new Setup(h, engine, choice, plan, engine.outputGeometry(standIn, plan));
    }

    /**
     * One slab of output slices [z0, z1) of the grid.
     *
     * @param box x0 y0 z0 nx ny nz of the stored output (in {@code order}) those slices are
     */
    record SlabTask(List<String> args, String method, String reason, int z0, int z1, int[] box, BlockResample.StorageOrder order, String root)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Interpolates the slab from its measured slices and writes its chunks; returns the input voxels read. */
        long call() {
            ConfigInterpolateOperation c = parse(args);
            TaskContext task = TaskContext.get();
            try (Job job = Job.of(task == null ? 1 : Math.max(1, task.cpus()), null); OpenVolume src = InterpolateOperation.openInput(c, job)) {
                Setup s = setup(c, src, LabelMaps.Reason.valueOf(reason), job);
                Interpolator.Choice choice = new Interpolator.Choice(method, s.choice.labels(), List.of());
                SlicePlan plan = s.plan;
                int m = plan.measuredCount();
                int reach = choice.isLabel() ? SynthesisMethods.label(method).reach() : SynthesisMethods.image(method).reach();
                reach = (int) Math.min(m, Math.max(1, (long) reach));
                // the measured slices the whole run's windows hold around these output slices' gaps
                int w0 = Math.max(0, plan.gap(z0) - reach), w1 = Math.min(m - 1, plan.gap(z1 - 1) + 1 + reach);
                Block in = src.readSlab(w0, w1 - w0 + 1);
                Volume stack = in.data();
                if (choice.isLabel()) stack = stack.asLabel(true);
                Volume slab = s.engine.runSlices(stack, w0, plan, z0, z1, choice, job);
                ZarrChunkWriter.writeBlock(Path.of(root), order.stored(slab), new Interval(box[0], box[1], box[2], box[3], box[4], box[5]));
                return (long) slab.nx() * slab.ny() * (w1 - w0 + 1);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(c.input, e.getMessage(), e);
            }
        }
    }
}
