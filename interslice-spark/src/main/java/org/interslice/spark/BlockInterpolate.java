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
import org.interslice.core.resample.LabelEvidence;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.synth.Interpolator;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;
import org.interslice.io.zarr.ZarrChunkWriter;
import org.interslice.ops.ConfigInterpolateOperation;
import org.interslice.ops.InputRegion;
import org.interslice.ops.InterpolateOperation;

/**
 * {@code interslice batch interpolate IN OUT.ome.zarr --factor K ...}: slice interpolation along z in slabs.
 * The output's slices are cut into slabs of whole gaps ({@code gaps} gaps of K slices each, the output's
 * chunk depth); each slab is one task that reads the measured slices its gaps lie between plus the method's
 * reach on each side ({@code SliceSynthesizer.reach()}: the slices the whole-volume run's windows hold too),
 * interpolates that stack with the same method and factor, and writes its slab's chunks. The driver decides
 * label or image (one streamed pass for label evidence, as block-mode resample) and the method, as
 * {@code interpolate} does. Supported: evenly spaced slices along z, an integer {@code --factor}, an
 * axis-aligned input; no provenance sidecar.
 */
public final class BlockInterpolate {
    private BlockInterpolate() {}

    /**
     * Runs it.
     *
     * @param args the arguments of {@code interslice interpolate} (IN OUT and its options)
     * @param gaps gaps of measured slices per task (the output's chunk depth is gaps * K)
     * @param chunkXY chunk edge in x and y
     * @throws IllegalArgumentException for what block mode cannot do (a usage error)
     */
    public static BlockResample.Result run(JavaSparkContext spark, List<String> args, int gaps, int[] chunkXY, Job job) {
        long t0 = System.nanoTime();
        ConfigInterpolateOperation c = parse(args);
        if (gaps < 1 || chunkXY[0] < 1 || chunkXY[1] < 1) throw new IllegalArgumentException("gaps per task and chunk edges must be positive");
        List<String> notes = new ArrayList<>(new FilePlan().read(c.input).write(c.output).check());
        Setup s;
        try (OpenVolume src = InterpolateOperation.openInput(c, job)) {
            s = setup(c, src, null, job);
        }
        notes.addAll(s.choice.notes());
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        int k = (int) c.synthesis.factor, n = s.plan.size(), depth = gaps * k;
        int[] dims = {s.header.nx(), s.header.ny(), n};
        double[] sp = s.header.geometry().spacing();
        sp[2] = s.plan.spacingMm();
        List<SlabTask> tasks = new ArrayList<>();
        try (AtomicFiles files = new AtomicFiles()) {
            Path root = files.openFolder(c.output);
            ZarrChunkWriter.create(root, c.output.getFileName().toString(), dims, sp, s.header.geometry().origin(), s.header.type(), s.choice.isLabel(),
                    new int[] {chunkXY[0], chunkXY[1], depth}, c.write.compressionLevel);
            for (int z = 0; z < n; z += depth) tasks.add(new SlabTask(List.copyOf(args), s.choice.method(), s.choice.labels().name(), z, Math.min(n, z + depth), root.toString()));
            long read = spark.parallelize(tasks, tasks.size()).map(SlabTask::call).reduce(Long::sum);
            files.commit();
            return new BlockResample.Result(c.output, tasks.size(), dims, read, planSeconds, (System.nanoTime() - t0) / 1e9, notes, List.of());
        }
    }

    private static ConfigInterpolateOperation parse(List<String> args) {
        List<String> a = new ArrayList<>();
        a.add("interpolate");
        a.addAll(args);
        ConfigInterpolateOperation c = (ConfigInterpolateOperation) CommandConfigs.parse(a);
        if (!c.output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zarr"))
            throw new IllegalArgumentException("block mode writes OME-Zarr: OUT must end in .ome.zarr or .zarr");
        if (c.positionsFile != null) throw new IllegalArgumentException("--positions is not supported in block mode (evenly spaced slices only)");
        double f = c.synthesis.factor;
        if (f < 1 || f != Math.rint(f)) throw new IllegalArgumentException("block mode needs an integer --factor (output slices on the measured ones)");
        if (c.synthesis.axis >= 0 && c.synthesis.axis != 2) throw new IllegalArgumentException("block mode interpolates along z only");
        return c;
    }

    /** What the driver decides and every task repeats from the header (label evidence given by the driver). */
    private record Setup(VolumeHeader header, Interpolator engine, Interpolator.Choice choice, SlicePlan plan) {}

    /**
     * The method choice and slice plan from the header, through a stand-in of the input's shape along z
     * (1 x 1 x nz, its geometry): the plan reads only sizes and geometry; the stand-in's type and label
     * flag carry the label decision, so {@code choose} does not look at voxels.
     *
     * @param reason the label decision of the driver, or null to make it (one streamed pass when needed)
     */
    private static Setup setup(ConfigInterpolateOperation c, OpenVolume src, LabelMaps.Reason reason, Job job) {
        VolumeHeader h = src.header();
        if (!ZarrChunkWriter.isIdentityDirection(h.geometry()))
            throw new IllegalArgumentException("block mode needs an axis-aligned input with evenly spaced slices (OME-Zarr stores no direction)");
        if (reason == null) {
            boolean evidence = !c.synthesis.forceLabels && !h.label() && h.type().integer && LabelEvidence.supports(h.type());
            reason = c.synthesis.forceLabels ? LabelMaps.Reason.FORCED : h.label() ? LabelMaps.Reason.FLAGGED
                    : evidence && InputRegion.scan(src, true, job).looksLikeLabels() ? LabelMaps.Reason.RECOGNISED : LabelMaps.Reason.IMAGE;
        }
        boolean label = reason != LabelMaps.Reason.IMAGE;
        Volume standIn = Volume.allocate(label ? PixelType.INT16 : PixelType.FLOAT32, 1, 1, h.nz(), h.geometry()).asLabel(label);
        Interpolator engine = new Interpolator(c.synthesis);
        if (engine.sliceAxis(standIn) != 2) throw new IllegalArgumentException("block mode interpolates along z only (give --axis z)");
        Interpolator.Choice chosen = engine.choose(standIn);
        Interpolator.Choice choice = new Interpolator.Choice(chosen.method(), reason, chosen.notes());
        SlicePlan plan = engine.plan(standIn);
        if (!plan.evenInput()) throw new IllegalArgumentException("block mode needs evenly spaced slices");
        return new Setup(h, engine, choice, plan);
    }

    /** One slab of output slices [z0, z1). */
    record SlabTask(List<String> args, String method, String reason, int z0, int z1, String root) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Interpolates the slab from its measured slices and writes its chunks; returns the input voxels read. */
        long call() {
            ConfigInterpolateOperation c = parse(args);
            TaskContext task = TaskContext.get();
            try (Job job = Job.of(task == null ? 1 : Math.max(1, task.cpus()), null); OpenVolume src = InterpolateOperation.openInput(c, job)) {
                Setup s = setup(c, src, LabelMaps.Reason.valueOf(reason), job);
                Interpolator.Choice choice = new Interpolator.Choice(method, s.choice.labels(), List.of());
                int k = (int) c.synthesis.factor, m = s.plan.measuredCount();
                int reach = choice.isLabel() ? SynthesisMethods.label(method).reach() : SynthesisMethods.image(method).reach();
                reach = (int) Math.min(m, Math.max(1, (long) reach));
                int w0 = Math.max(0, z0 / k - reach), w1 = Math.min(m - 1, (z1 - 1 + k - 1) / k + reach);
                Block in = src.readSlab(w0, w1 - w0 + 1);
                Volume stack = in.data();
                if (choice.isLabel()) stack = stack.asLabel(true);
                Volume sub = s.engine.run(stack, choice, job).volume();
                int nx = sub.nx(), ny = sub.ny();
                Volume slab = Block.crop(sub, new Interval(0, 0, z0 - w0 * k, nx, ny, z1 - z0)).data();
                ZarrChunkWriter.writeBlock(Path.of(root), slab, new Interval(0, 0, z0, nx, ny, z1 - z0));
                return (long) nx * ny * (w1 - w0 + 1);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(c.input, e.getMessage(), e);
            }
        }
    }
}
