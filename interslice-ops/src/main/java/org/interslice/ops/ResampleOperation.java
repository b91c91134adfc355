package org.interslice.ops;

import org.interslice.io.AtomicFiles;
import org.interslice.io.FilePlan;
import org.interslice.io.OverlappedWrite;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;
import org.interslice.core.block.Interval;
import org.interslice.core.resample.LabelEvidence;
import org.interslice.core.volume.PixelType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.GridSpec;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.resample.Resampler;
import org.interslice.core.resample.StreamedResample;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;

/**
 * The {@code resample} operation: reads a volume, decides the label policy and the output grid, checks
 * the memory estimate, resamples, writes, and does the same for each mask on the same grid. Never prints.
 *
 * <p>Two steps, so that a caller can show the plan (grids, interpolator, memory estimate) before the
 * work starts, or stop there (a dry run): {@link #plan} reads the input and decides everything;
 * {@link #run(Plan, Job)} does the work. {@link #run(Job)} does both.
 */
public final class ResampleOperation {
    private final ConfigResampleOp config;

    /** @param config checked here; not modified */
    public ResampleOperation(ConfigResampleOp config) {
        config.check();
        this.config = config;
    }

    /** Everything decided before the work. The input volume is held until {@link #run(Plan, Job)} takes it. */
    public static final class Plan {
        private Volume input;
        private final Grid inputGrid, target;
        private final Interp interp;
        private final LabelMaps.Reason reason;
        private final long estimateBytes, limitBytes;
        private final boolean streamed;
        private final Messages messages;
        private final ConfigResample engine;
        private HeaderFields header;
        private final Interval region;
        /** The whole input's range to clamp the output to after resampling a region (else null). */
        private InputRegion.WholeStats clampTo;
        /** The read still going on while the run computes ({@link #readOverlaps}), else null. */
        private BackgroundRead read;
        /** The JIT warm-up's thread, which a run computing while reading waits for (else the kernel's first blocks run cold), or null. */
        private Thread warmingUp;

        Plan(Volume input, Grid inputGrid, Interval region, Grid target, Interp interp, LabelMaps.Reason reason, ConfigResample engine,
             boolean streamed, long estimateBytes, long limitBytes, Messages messages) {
            this.input = input;
            this.streamed = streamed;
            this.inputGrid = inputGrid;
            this.region = region;
            this.target = target;
            this.interp = interp;
            this.reason = reason;
            this.engine = engine;
            this.estimateBytes = estimateBytes;
            this.limitBytes = limitBytes;
            this.messages = messages;
        }

        /** The whole input's grid. */
        public Grid inputGrid() { return inputGrid; }
        /** The resampler's settings (for tests: e.g. the whole input's most common label a region run takes). */
        ConfigResample engine() { return engine; }
        /** The box of the input that was read (only what the cropped output needs), or null when the whole input was read. */
        public Interval region() { return region; }
        /** The output grid. */
        public Grid target() { return target; }
        /** The interpolator that will be used for the input. */
        public Interp interp() { return interp; }
        /** Whether and why the input is treated as a label map. */
        public LabelMaps.Reason reason() { return reason; }
        /** True when the run will stream the output (never whole in memory, {@link StreamedResample}); the estimate is that path's. */
        public boolean streamed() { return streamed; }
        /**
         * True when the input's voxels are still being read on another thread: everything of the plan came from
         * its header and the settings, and the run's blocks each wait for the input slices they read. A read
         * error then surfaces in {@link #run(Plan, Job)}, not in {@link #plan}.
         */
        public boolean readOverlaps() { return read != null; }
        /**
         * Waits for the end of the input's read when it still goes on ({@link #readOverlaps}), so that a dry run
         * reports an unreadable input (cut short, corrupt) as the run would; the run then starts from the whole
         * input. The reader's later notes join {@link #notes}.
         *
         * @throws IntersliceException for an unreadable input
         */
        public void finishRead() {
            if (read == null) return;
            input = read.finish(messages);
            read = null;
        }
        /** Estimated peak memory of resampling the input on the path the run will take ({@link #streamed()} or whole), bytes. */
        public long estimateBytes() { return estimateBytes; }
        /** The memory limit the estimate is checked against, bytes. */
        public long limitBytes() { return limitBytes; }
        /** True when the estimate or the output size exceeds what can be done; {@link #run(Plan, Job)} then refuses. */
        public boolean tooLarge() { return estimateBytes > limitBytes || target.voxelCount() > Volume.MAX_VOXELS; }
        /** Notes decided so far (label policy, de-tilting, assumed spacing). */
        public List<String> notes() { return messages.notes(); }
        /** Warnings so far (large slice gaps, clipping). */
        public List<String> warnings() { return messages.warnings(); }
        /** One line on the input: its grid and type. Null once the plan has run. */
        public String describeInput() {
            if (input == null) return null;
            // appended, not `+`: the first call of a concatenation site bootstraps method handles (the plan is printed cold)
            return new StringBuilder(inputGrid.describe()).append(", ").append(input.type().label()).append(input.isLabel() ? " labels" : "").toString();
        }
    }

    /** What a run wrote (the output first, then the masks in order) and what to tell the user. */
    public record Result(List<Written> written, List<String> notes, List<String> warnings) {}

    /**
     * Reads the input and decides the label policy, the output grid and the memory estimate; writes
     * nothing. Refuses (before reading) outputs that are input files or have no writable extension.
     *
     * @throws IllegalArgumentException for a grid that cannot be made (bad crop, too many voxels per axis)
     * @throws IntersliceException for unreadable inputs
     */
    public Plan plan(Job job) {
        // every file read against every file written, and the output places, before any work
        FilePlan files = new FilePlan().read(config.input).read(config.like).write(config.output, config.write.format);
        for (ConfigResampleOp.Mask m : config.masks) files.read(m.input()).write(m.output(), config.write.format);
        Messages msg = new Messages();
        for (String n : files.check()) msg.note(n);
        HeaderFields header = new HeaderFields();   // carried: the output is in the same world frame
        Plan region = config.crop != null ? planRegion(job, msg, header) : null;
        if (region != null) return region;
        java.util.concurrent.atomic.AtomicReference<Thread> warmingUp = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Consumer<VolumeHeader> onHeader = h -> {
            job.mark("header read");
            warmingUp.set(warmUp(h, job));
        };
        // read on a thread of its own when computing may start before the voxels are in (decided below)
        BackgroundRead bg = mayOverlapRead() ? BackgroundRead.start(config.input, config.read, job, header, onHeader) : null;
        Volume v;
        if (bg == null) {
            v = Inputs.read(config.input, config.read, job, msg, header, onHeader);
            job.mark("input read");
        } else {
            v = bg.await(msg);
            // the label decision must not need the voxels: an image by --image, or a type without label evidence
            if (bg.arriving() == null || v.isLabel() || !(config.forceImage || !LabelMaps.mayLookLikeLabels(v.type()))) {
                v = bg.finish(msg);
                bg = null;
            }
        }
        LabelMaps.Reason reason = config.forceImage ? LabelMaps.Reason.IMAGE : LabelMaps.classify(v, config.forceLabels);
        if (reason != LabelMaps.Reason.IMAGE) v = v.asLabel(true);
        Grid in = Grid.of(v);
        Interp chosen = chooseInterp(reason, msg);
        Grid target = target(in, job, msg);
        checkOutputs(target);
        ConfigResample engine = engine(chosen, config.forceImage);
        boolean clipScan = engine.outputType != null && !chosen.isLabel() && !(v.type().integer && engine.outputType.holds(v.type().min, v.type().max));
        if (bg != null) {
            Resampler resampler = new Resampler(engine);
            if (clipScan || !streams(resampler, v, target, false) || !StreamedResample.startsBeforeVoxels(resampler, v, target)) {
                v = bg.finish(msg);   // something of the plan needs the whole input: computing starts after the read
                bg = null;
            }
        }
        if (engine.outputType != null && !chosen.isLabel()) {
            String clip = ConvertOperation.clipped(v, engine.outputType);
            if (clip != null) msg.warn(config.input + ": input " + clip.replace("were clipped", "will be clipped"));
        }
        Plan plan = newPlan(v, in, null, target, chosen, reason, engine, false, msg, job);
        plan.header = header;
        plan.read = bg;
        plan.warmingUp = warmingUp.get();
        job.mark("planned");
        return plan;
    }

    /**
     * Whether the settings alone allow computing while the input is still read (issue 22 item 3): a
     * streamed output (single-file NIfTI, no masks), no --crop (region reads), no --like (another file to
     * read first), no --labels (label maps are not streamed), and a NIfTI name (the reader that hands out its
     * volume while filling it, {@link org.interslice.io.ReadOptions#onVoxels}; other readers keep the main
     * thread). The header then decides ({@link #plan}).
     */
    private boolean mayOverlapRead() {
        String n = Formats.lowerName(config.input);
        boolean nifti = new org.interslice.io.nifti.NiftiFormat().extensions().stream().anyMatch(n::endsWith);
        return nifti && config.crop == null && config.like == null && !config.forceLabels && overlaps(false);
    }

    /** A plan whose memory estimate is that of the path {@link #run(Plan, Job)} will take ({@link #streams}). */
    private Plan newPlan(Volume v, Grid in, Interval box, Grid target, Interp chosen, LabelMaps.Reason reason, ConfigResample engine,
                         boolean clampAfter, Messages msg, Job job) {
        Resampler r = new Resampler(engine);
        boolean streamed = streams(r, v, target, clampAfter);
        long estimate = streamed ? StreamedResample.estimatePeakBytes(r, v, target, job.threads(), OverlappedWrite.RING) : r.estimatePeakBytes(v, target);
        return new Plan(v, in, box, target, chosen, reason, engine, streamed, estimate, r.memoryLimit(), msg);
    }

    /**
     * Whether the output is written while it is computed ({@link OverlappedWrite}: single-file NIfTI, no masks,
     * no clamp after a region read); otherwise it is written whole once computed.
     */
    private boolean overlaps(boolean clampAfter) {
        return !clampAfter && config.masks.isEmpty() && OverlappedWrite.streams(config.output, config.write.format);
    }

    /**
     * The one place that decides whether the output is streamed (computed block by block into the writer's
     * ring, never whole in memory): an overlapped write of a resample {@link StreamedResample} can do. The
     * plan's memory estimate and {@link #run(Plan, Job)} both follow it.
     */
    private boolean streams(Resampler r, Volume v, Grid target, boolean clampAfter) {
        return overlaps(clampAfter) && StreamedResample.applies(r, v, target);
    }

    /** Outputs of at least this many voxels get their kernel warmed up while the input is read. */
    static final long WARM_UP_VOXELS = 16L << 20;

    /**
     * Once the input's header is known and before its voxels are read: when the output will be large and
     * streamed (linear and the like, {@link StreamedResample}), runs the kernel on a small synthetic input
     * of the same type and spacings on a background thread ({@link StreamedResample#warmUp}), so that the
     * JIT compiles it while this thread reads (issue 22: the first 27 slices of ch2 to 0.3 mm took 160 ms
     * more than later blocks, in the interpreter and the JIT's first tiers). Only for an image of a type
     * and a grid known from the header alone (no --like, --crop, label map); anything unexpected skips it:
     * the warm-up changes no value, only when the JIT compiles.
     */
    private Thread warmUp(VolumeHeader h, Job job) {
        Interp interp = config.interp != null ? config.interp : Interp.LINEAR;   // an image's default
        if (h.label() || config.like != null || config.crop != null || config.forceLabels || interp.isLabel()) return null;
        Grid in = new Grid(h.nx(), h.ny(), h.nz(), h.geometry()), target;
        try {
            target = resolve(gridSpec(job, new Messages()), in);
        } catch (IllegalArgumentException e) {
            return null;   // the plan says why, after the read
        }
        if (target.voxelCount() < WARM_UP_VOXELS) return null;
        Resampler r = new Resampler(engine(interp, config.forceImage));
        Thread t = new Thread(() -> {
            job.mark("warm-up starts");
            try {
                StreamedResample.warmUp(r, h.type(), in, target);
            } catch (RuntimeException e) {
                // nothing of the result depends on it: the real run reports its own errors
            }
            job.mark("warm-up done");
        }, "interslice-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Every output (volume, masks) on {@code target} checked against its format before any work (pyramid depth, obliquity). */
    private void checkOutputs(Grid target) {
        config.write.checkGrid(config.output, target);
        for (ConfigResampleOp.Mask m : config.masks) config.write.checkGrid(m.output(), target);
    }

    /** The output grid for an input grid: de-tilting said in a note, large slice gaps warned. */
    private Grid target(Grid in, Job job, Messages msg) {
        String gap = Inputs.largeGap(in.geometry(), in.nz());
        if (gap != null) msg.warn(config.input + ": " + gap);
        GridSpec spec = gridSpec(job, msg);
        if (spec.deshears(in))
            msg.note(String.format(Locale.ROOT, "%s: sheared grid (gantry tilt %.1f degrees): resampled onto an orthogonal grid, as dcm2niix "
                    + "does for tilted CT (--keep-shear keeps the shear)", config.input, in.geometry().gantryTiltDegrees()));
        return resolve(spec, in);
    }

    /**
     * With a crop, when the input's format reads regions: reads only the input box the cropped grid reaches
     * ({@link InputRegion#needed}), taking what depends on the whole input (its minimum as the default value,
     * its label evidence) from one streamed pass in constant memory. Null when the format reads whole (the
     * caller then reads everything). B-spline and Lanczos overshoot is clamped after resampling to the whole
     * input's range from that pass, so the values are those of a whole read.
     */
    private Plan planRegion(Job job, Messages msg, HeaderFields header) {
        try (OpenVolume src = Formats.open(config.input, Inputs.options(config.read, job.quiet(), header))) {
            VolumeHeader h = src.header();
            boolean evidence = !config.forceImage && !config.forceLabels && !h.label() && h.type().integer && h.type() != PixelType.UINT32;
            if (!src.readsRegions() || !src.typeMatchesWholeRead() || (evidence && !LabelEvidence.supports(h.type()))) return null;
            Grid in = new Grid(h.nx(), h.ny(), h.nz(), h.geometry());
            // the labels are counted in the same pass when label-gaussian can be the outcome (as planBlocks does)
            InputRegion.WholeStats stats = InputRegion.scan(src, evidence, mayUseLabelGaussian(h, evidence), job);
            LabelMaps.Reason reason = config.forceImage ? LabelMaps.Reason.IMAGE : config.forceLabels ? LabelMaps.Reason.FORCED
                    : h.label() ? LabelMaps.Reason.FLAGGED : evidence && stats.looksLikeLabels() ? LabelMaps.Reason.RECOGNISED : LabelMaps.Reason.IMAGE;
            Interp chosen = chooseInterp(reason, msg);
            Grid target = target(in, job, msg);
            checkOutputs(target);
            ConfigResample engine = engine(chosen, config.forceImage);
            // label-gaussian takes the whole input's most common label, not the region's (as block mode does)
            if (engine.interp == Interp.LABEL_GAUSSIAN) engine.backgroundLabel = stats.background();
            // the whole input's minimum, not the region's: the values outside the input stay as they were
            if (Double.isNaN(engine.defaultValue)) engine.defaultValue = Double.isNaN(stats.min()) ? 0 : stats.min();
            // and its range for the overshoot clamp, applied after resampling (the region's range may be narrower)
            boolean clampAfter = InputRegion.clampsAfter(engine, stats);
            if (clampAfter) engine.clamp = false;
            Interval box = InputRegion.needed(in, target, InputRegion.halo(engine, in, target));
            Volume v = src.read(box).data();
            if (reason != LabelMaps.Reason.IMAGE) v = v.asLabel(true);
            Plan plan = newPlan(v, in, box, target, chosen, reason, engine, clampAfter, msg, job);
            plan.header = header;
            plan.clampTo = clampAfter ? stats : null;
            return plan;
        }
    }

    /**
     * The decisions of {@link #plan} for work done block by block elsewhere (a Spark job): from the input's
     * header and, unless {@code known} is given, one streamed pass over the input for what comes from the
     * whole of it (range, label evidence, and the most common label when label-gaussian may be chosen);
     * reads no other voxels, checks no files and writes nothing. Masks are planned by the caller
     * ({@link #openMask}, {@link #maskEngine}).
     *
     * @param known the whole-input values of an earlier call (the driver's), or null to scan the input
     * @throws IllegalArgumentException for a grid that cannot be made, or label-gaussian with {@code known}
     *         values that lack the most common label
     */
    public BlockPlan planBlocks(InputRegion.WholeStats known, Job job) {
        Messages msg = new Messages();
        try (OpenVolume src = openInput(job)) {
            VolumeHeader h = src.header();
            boolean evidence = !config.forceImage && !config.forceLabels && !h.label() && h.type().integer && h.type() != PixelType.UINT32;
            if (evidence && !LabelEvidence.supports(h.type()))
                throw new IllegalArgumentException(h.type() + " input: give --labels or --image (label evidence needs the whole volume)");
            Grid in = new Grid(h.nx(), h.ny(), h.nz(), h.geometry());
            // the labels are counted in the same pass only when label-gaussian can be the outcome
            InputRegion.WholeStats stats = known != null ? known : InputRegion.scan(src, evidence, mayUseLabelGaussian(h, evidence), job);
            LabelMaps.Reason reason = config.forceImage ? LabelMaps.Reason.IMAGE : config.forceLabels ? LabelMaps.Reason.FORCED
                    : h.label() ? LabelMaps.Reason.FLAGGED : evidence && stats.looksLikeLabels() ? LabelMaps.Reason.RECOGNISED : LabelMaps.Reason.IMAGE;
            Interp chosen = chooseInterp(reason, msg);
            if (chosen == Interp.LABEL_GAUSSIAN && stats.background() == null)
                throw new IllegalArgumentException("label-gaussian needs the whole input's most common label: the given input values lack it");
            Grid target = target(in, job, msg);
            ConfigResample engine = engine(chosen, config.forceImage);
            PixelType out = engine.outputType != null ? engine.outputType : h.type();   // as the resampler chooses it
            return new BlockPlan(in, target, chosen, reason, engine, stats, out, msg.notes(), msg.warnings());
        }
    }

    /** Whether label-gaussian can be the interpolator of an input with this header (then its labels are counted). */
    private boolean mayUseLabelGaussian(VolumeHeader h, boolean evidence) {
        return config.interp == Interp.LABEL_GAUSSIAN
                || (config.labelInterp == Interp.LABEL_GAUSSIAN && !config.forceImage && (config.forceLabels || h.label() || evidence));
    }

    /**
     * What {@link #planBlocks} decided.
     *
     * @param stats the whole input's range (and label evidence) every block uses
     * @param outputType the voxel type of the output
     */
    public record BlockPlan(Grid inputGrid, Grid target, Interp interp, LabelMaps.Reason reason, ConfigResample engine,
                            InputRegion.WholeStats stats, PixelType outputType, List<String> notes, List<String> warnings) {
        /** True when the input is resampled as a label map. */
        public boolean label() { return reason != LabelMaps.Reason.IMAGE; }
    }

    /** The input opened for region reads, with this operation's read settings. */
    public OpenVolume openInput(Job job) {
        return Formats.open(config.input, Inputs.options(config.read, job.quiet(), new HeaderFields()));
    }

    /** Mask {@code i} of the configuration opened for region reads, read as the input is. */
    public OpenVolume openMask(int i, Job job) {
        return Formats.open(config.masks.get(i).input(), Inputs.options(config.read, job.quiet(), new HeaderFields()));
    }

    /** How masks are resampled: the label interpolator, each mask's own type, the default value its minimum. */
    public ConfigResample maskEngine() {
        ConfigResample c = engine(config.labelInterp, false);
        c.outputType = null;        // a mask keeps its own type
        c.defaultValue = Double.NaN;
        return c;
    }

    /** Reads, plans and runs. */
    public Result run(Job job) {
        return run(plan(job), job);
    }

    /**
     * Resamples and writes the planned input, then each mask.
     *
     * @param plan from {@link #plan} of this operation; its input volume is released here
     * @throws IntersliceException when the output is too large (with what to do), or a read or write fails
     */
    public Result run(Plan plan, Job job) {
        long t0 = System.nanoTime();
        Volume v = plan.input;
        if (v == null) throw new IllegalStateException("this plan has already run");
        plan.input = null;
        refuseTooLarge(config.input, plan.target, plan.estimateBytes, plan.limitBytes, v.sizeBytes(), v.voxelCount());
        Messages msg = new Messages();
        msg.addAll(plan.messages);
        List<Written> written = new ArrayList<>();
        org.interslice.io.WriteOptions options = config.write.options(job, plan.header);
        if (Derivations.dicom(config.output, options.format))
            options.derivation = Derivations.resample(v, plan.header, Interps.name(plan.interp) + " onto " + plan.target);
        Resampler resampler = new Resampler(plan.engine);
        if (plan.streamed) {
            // the output never whole in memory: blocks computed into the writer's ring of buffers (nearest, linear and the like)
            Grid g = plan.target;
            VolumeHeader shape = new VolumeHeader(g.nx(), g.ny(), g.nz(), StreamedResample.outputType(resampler, v), g.geometry(), false);
            try (OverlappedWrite w = new OverlappedWrite(config.output, options, shape)) {
                if (plan.read != null && plan.warmingUp != null) {
                    // computing while reading: the kernel starts compiled, as it did after a whole read (the warm-up ends early in the read)
                    try {
                        plan.warmingUp.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.CancellationException("interrupted");
                    }
                }
                job.mark(plan.read != null ? "resampling (streamed, while reading)" : "resampling (streamed)");
                StreamedResample.run(resampler, v, g, w, job, plan.read != null ? plan.read.arriving() : null);
                v = null;
                // the whole read must have succeeded (a cut gzip, a bad trailer) before the output is committed
                if (plan.read != null) plan.read.finish(msg);
                w.finish();
                written.add(Inputs.written(shape, config.output, options.format, "output", t0, msg));
            }
            return new Result(List.copyOf(written), msg.notes(), msg.warnings());
        }
        if (overlaps(plan.clampTo != null)) {
            // slabs are written while later ones are computed (single-file NIfTI); same bytes as a whole write
            try (OverlappedWrite w = new OverlappedWrite(config.output, options)) {
                Volume r = new Resampler(plan.engine).resample(v, plan.target, w, job);
                v = null;
                w.finish();
                written.add(Inputs.written(r, config.output, options.format, "output", t0, msg));
            }
            return new Result(List.copyOf(written), msg.notes(), msg.warnings());
        }
        // the output and every mask appear together, or none of them (a mask that cannot be read leaves nothing)
        try (AtomicFiles files = new AtomicFiles()) {
            Volume r = new Resampler(plan.engine).resample(v, plan.target, job);
            job.mark("computed");
            if (plan.clampTo != null) InputRegion.clamp(r, plan.clampTo);   // clamping and rounding commute
            v = null;   // let the input go before writing: peak memory is input + output, not more
            written.add(write(r, config.output, "output", options, files, t0, msg));
            r = null;   // in its temporary file now
            for (ConfigResampleOp.Mask m : config.masks) written.add(resampleMask(m, plan.target, files, job, msg));
            files.commit();
            job.mark("committed");
        }
        List<Written> done = new ArrayList<>();
        for (Written w : written) done.add(w.onDisk());
        return new Result(List.copyOf(done), msg.notes(), msg.warnings());
    }

    /**
     * The interpolator for the input: an image keeps the asked one (linear when none); a label map keeps
     * an asked label interpolator, gets label-nearest for an asked nearest, and the label interpolator
     * otherwise (with a note when an image interpolator was asked for).
     */
    private Interp chooseInterp(LabelMaps.Reason reason, Messages msg) {
        Interp asked = config.interp;
        if (reason == LabelMaps.Reason.IMAGE) return asked != null ? asked : Interp.LINEAR;
        if (asked == null) {
            msg.note(config.input + " is a label map (" + reason.name().toLowerCase(Locale.ROOT) + "); using " + Interps.name(config.labelInterp)
                    + " (--label-interp chooses the label interpolator; --image treats the input as an image)");
            return config.labelInterp;
        }
        if (asked.isLabel()) return asked;
        if (asked == Interp.NEAREST) return Interp.LABEL_NEAREST;   // nearest never makes new values: honoured
        Interp chosen = LabelMaps.choose(reason, asked, config.labelInterp);
        msg.note(config.input + " is a label map (" + reason.name().toLowerCase(Locale.ROOT) + "); using " + Interps.name(chosen)
                + " instead of " + Interps.name(asked) + ", which would blend labels (choose it with --label-interp; --image treats the input as an image)");
        return chosen;
    }

    private GridSpec gridSpec(Job job, Messages msg) {
        GridSpec g;
        if (config.spacingMm != null) g = GridSpec.spacing(config.spacingMm);
        else if (config.size != null) g = GridSpec.size(config.size);
        else if (config.like != null) g = GridSpec.like(Grid.of(Inputs.read(config.like, config.read, job.quiet(), msg)));
        else g = GridSpec.isotropic(config.spacingScale);
        return g.keepOrigin(config.keepOrigin).keepShear(config.keepShear);
    }

    /** The output grid; IllegalArgumentException for a bad size, spacing or crop. */
    private Grid resolve(GridSpec g, Grid in) {
        double[] crop = config.crop;
        if (crop != null && config.cropMm) {
            for (double c : crop) if (Double.isNaN(c)) throw new IllegalArgumentException("a crop in mm needs every bound");
            g = g.cropMm(new double[] {crop[0], crop[2], crop[4]}, new double[] {crop[1], crop[3], crop[5]});
        } else if (crop != null) {
            // index bounds apply to the uncropped output grid; NaN is an open bound
            for (double c : crop)
                if (!Double.isNaN(c) && c != Math.rint(c)) throw new IllegalArgumentException("crop index " + c + " is not a whole number (use --crop-mm for millimetres)");
            Grid full = g.resolve(in);
            int[] lo = new int[3], hi = new int[3];
            for (int a = 0; a < 3; a++) {
                lo[a] = Double.isNaN(crop[2 * a]) ? 0 : (int) crop[2 * a];
                hi[a] = Double.isNaN(crop[2 * a + 1]) ? full.size(a) : (int) crop[2 * a + 1];
            }
            g = g.cropIndex(lo, hi);
        }
        return g.resolve(in);
    }

    private ConfigResample engine(Interp chosen, boolean allowImage) {
        ConfigResample c = config.resample.copy();
        c.interp = chosen;
        c.allowImageInterpOnLabels = allowImage;
        c.check();
        return c;
    }

    /**
     * Refuses an output grid larger than one array can hold, or work above the memory limit, with one
     * line saying the size and what to do.
     */
    static void refuseTooLarge(Path file, Grid target, long estimate, long limit, long inputBytes, long inputVoxels) {
        if (target.voxelCount() > Volume.MAX_VOXELS)
            throw new IntersliceException(file, String.format(Locale.ROOT,
                    "refused: the output grid %dx%dx%d has %d voxels, more than one volume holds (%d); use a larger spacing or --crop a smaller box",
                    target.nx(), target.ny(), target.nz(), target.voxelCount(), Volume.MAX_VOXELS));
        if (estimate > limit)
            throw new IntersliceException(file, String.format(Locale.ROOT,
                    "refused: estimated peak memory %s exceeds the limit of %s (input %s, output %d voxels, %.2f x the input's); "
                            + "use a larger spacing, --crop, or raise --max-memory and the Java heap (INTERSLICE_JAVA_OPTS=-Xmx...)",
                    Interps.mib(estimate), Interps.mib(limit), Interps.mib(inputBytes), target.voxelCount(), target.voxelCount() / (double) inputVoxels));
    }

    /** Writes {@code v} through {@code files} (renamed into place by their commit) and describes it as {@link Inputs#write} does. */
    private static Written write(Volume v, Path to, String role, org.interslice.io.WriteOptions options, AtomicFiles files, long t0, Messages msg) {
        Formats.forWriting(to, options.format).write(v, to, files, options.check());
        return Inputs.describe(v, to, options.format, role, t0, msg);
    }

    private Written resampleMask(ConfigResampleOp.Mask mask, Grid target, AtomicFiles files, Job job, Messages msg) {
        long t0 = System.nanoTime();
        HeaderFields header = new HeaderFields();
        Volume m = Inputs.read(mask.input(), config.read, job, msg, header).asLabel(true);
        Resampler r = new Resampler(maskEngine());
        refuseTooLarge(mask.input(), target, r.estimatePeakBytes(m, target), r.memoryLimit(), m.sizeBytes(), m.voxelCount());
        Volume res = r.resample(m, target, job);
        m = null;
        return write(res, mask.output(), "mask", config.write.options(job, header), files, t0, msg);
    }
}
