package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.interslice.core.Decimals;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.core.volume.PixelType;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.Interps;
import org.interslice.ops.ResampleOperation;
import org.interslice.ops.Written;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice resample IN OUT}: resamples a volume (and optionally its masks) onto a new grid.
 * Parses options into a {@link ConfigResampleOp}, then plans and runs the {@link ResampleOperation}, printing the plan first.
 */
@Command(name = "resample", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Resample a volume onto a new grid given by exactly one of --spacing, --size, --like, --isotropic. "
                + "By default the output covers the same physical box as the input (voxel edges aligned, so both overlay "
                + "exactly); --keep-origin keeps the first voxel centre instead (SimpleITK's convention). The chosen grid is "
                + "printed before work starts.",
                "A label map (flagged in its file, given --labels, or recognised: integer type, at most 256 values, "
                + "piecewise constant) never gets a blending interpolator: it gets --label-interp (nearest is honoured), with a note.",
                "A sheared (gantry-tilted) input is resampled onto an orthogonal grid unless --keep-shear is given."})
final class ResampleCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Volume file or folder to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (e.g. .nii, .nii.gz, .nrrd, .mha).")
    Path output;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Output grid (exactly one):%n")
    GridChoice grid;

    /** The four ways to give the output grid; picocli enforces exactly one (else exit 2). */
    static final class GridChoice {
        @Option(names = "--spacing", paramLabel = "S|X,Y,Z", converter = Numbers.Spacing.class,
                description = "Output spacing in mm: one value for all axes or three.")
        Numbers.Mm spacing;

        @Option(names = "--size", paramLabel = "X,Y,Z", converter = Numbers.Size.class,
                description = "Output size in voxels (each 1..65536) over the same box.")
        Numbers.Counts size;

        @Option(names = "--like", paramLabel = "REF", description = "Copy the grid (size, spacing, origin, direction) of this volume (read with the same read options as the input: --series, --input-spacing, --allow-outside-data).")
        Path like;

        @Option(names = "--isotropic", description = "Every axis gets the smallest input spacing (times --spacing-scale).")
        boolean isotropic;
    }

    @Option(names = "--spacing-scale", paramLabel = "F", description = "With --isotropic: multiply the spacing by F (default 1).")
    Double spacingScale;

    @Option(names = "--keep-origin", description = "Keep the first voxel centre instead of the box centre.")
    boolean keepOrigin;

    @Option(names = "--crop", paramLabel = "x0:x1,y0:y1,z0:z1", converter = Numbers.Box.class,
            description = "Limit the output to this box of output voxel indices (lo inclusive, hi exclusive; an empty bound is the edge); "
                    + "with --crop-mm, a box in world LPS millimetres.")
    Numbers.Bounds cropBox;

    @Option(names = "--crop-mm", description = "Read --crop as world LPS millimetres.")
    boolean cropMm;

    @Option(names = "--interp", paramLabel = "I", converter = Numbers.InterpName.class,
            description = "Interpolator: nearest, linear (default), bspline, lanczos, gaussian, label-nearest, label-gaussian, label-linear. "
                    + "On a label map, nearest is honoured; other image interpolators are replaced by --label-interp (with a note).")
    Interp interp;

    @Option(names = "--order", paramLabel = "N", description = "B-spline order 1..5 (default 3).")
    int order = 3;

    @Option(names = "--radius", paramLabel = "R", description = "Lanczos radius in lobes, 1..8 (default 3).")
    int radius = 3;

    @Option(names = "--label-sigma", paramLabel = "S",
            description = "Gaussian sigma of label-gaussian, in input voxels (default 0.5; SimpleITK's sitkLabelGaussian uses 1).")
    double labelSigma = 0.5;

    @Option(names = "--label-interp", paramLabel = "I", converter = Numbers.InterpName.class,
            description = "Interpolator for label maps and masks: label-nearest, label-linear (default), label-gaussian.")
    Interp labelInterp = Interp.LABEL_LINEAR;

    @Option(names = "--labels", description = "Treat the input as a label map whatever it holds.")
    boolean labels;

    @Option(names = "--image", description = "Treat the input as an image even if it looks like a label map.")
    boolean image;

    @Option(names = "--mask", arity = "2", paramLabel = "FILE OUT", hideParamSyntax = true,
            description = "Also resample this mask or label map onto the same output grid with --label-interp (repeatable).")
    List<Path> masks = new ArrayList<>();

    @Option(names = "--no-antialias", description = "No Gaussian prefilter on downsampled axes.")
    boolean noAntialias;

    @Option(names = "--no-clamp", description = "Keep B-spline and Lanczos overshoot beyond the input's value range.")
    boolean noClamp;

    @Option(names = "--type", paramLabel = "T", converter = PixelTypeConverter.class,
            description = "Output pixel type (default: the input's); integer types round and saturate.")
    PixelType type;

    @Option(names = "--default-value", paramLabel = "V", description = "Value outside the input (default: the input's minimum).")
    Double defaultValue;

    @Option(names = "--dry-run", description = "Print the grids and the memory estimate, write nothing.")
    boolean dryRun;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = Numbers.Bytes.class,
            description = "Refuse work whose estimated peak memory exceeds this (e.g. 2G, 500M; default: the Java heap limit).")
    long maxMemory;

    @Option(names = "--keep-shear",
            description = "Keep the shear of a sheared (gantry-tilted) input; by default such an input is resampled onto an orthogonal grid "
                    + "(de-tilted, as dcm2niix does), which ITK-based tools and nibabel place the same; ITK refuses a sheared NIfTI.")
    boolean keepShear;

    @Mixin
    ReadMixin read;

    @Mixin
    WriteMixin write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigResampleOp c = config();
        ResampleOperation op = new ResampleOperation(c);
        try (ConsoleProgress progress = main.progress(err)) {
            Job job = Main.job(progress);
            ResampleOperation.Plan plan;
            try {
                plan = op.plan(job);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());   // a grid that cannot be made from these options
            }
            // a dry run validates the whole input (a real run reads it to the end while computing)
            if (dryRun) plan.finishRead();
            progress.close();
            Notices.print(err, plan.notes(), plan.warnings());
            printPlan(out, plan);
            job.mark("plan printed");
            if (dryRun) return 0;
            ResampleOperation.Result r = op.run(plan, job);
            progress.close();
            List<String> newNotes = new ArrayList<>(r.notes()), newWarnings = new ArrayList<>(r.warnings());
            newNotes.removeAll(plan.notes());
            newWarnings.removeAll(plan.warnings());
            Notices.print(err, newNotes, newWarnings);
            for (Written w : r.written()) {
                String what = w.role().equals("mask") ? "mask, " + Interps.name(c.labelInterp) + ", " : "";
                // "wrote %s (%s%d x %d x %d %s%s) in %.2f s" without the Formatter, appended (no `+` site to bootstrap)
                out.println(new StringBuilder("wrote ").append(w.path()).append(" (").append(what).append(w.dims()[0]).append(" x ").append(w.dims()[1])
                        .append(" x ").append(w.dims()[2]).append(' ').append(w.type().label()).append(w.label() && what.isEmpty() ? " labels" : "")
                        .append(") in ").append(Decimals.fixed(w.seconds(), 2)).append(" s"));
            }
        }
        out.flush();
        return 0;
    }

    /** The operation's settings; a bad combination is a usage error (exit 2). */
    ConfigResampleOp config() {
        if (spacingScale != null && !grid.isotropic) throw usage("--spacing-scale needs --isotropic");
        if (spacingScale != null && !(spacingScale > 0 && !spacingScale.isInfinite())) throw usage("--spacing-scale " + spacingScale + " must be positive");
        if (cropMm && cropBox == null) throw usage("--crop-mm needs --crop");
        if (labels && image) throw usage("--labels and --image exclude each other");
        if (!labelInterp.isLabel()) throw usage("--label-interp must be label-nearest, label-linear or label-gaussian");
        if (keepOrigin && grid.like != null) throw usage("--keep-origin has no effect with --like (the reference grid is copied)");
        if (defaultValue != null && !Double.isFinite(defaultValue)) throw usage("--default-value must be finite");
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = input;
        c.output = output;
        c.read = read.config();
        c.read.maxBytes = maxMemory;   // the readers count their buffers against the same limit
        c.spacingMm = grid.spacing == null ? null : grid.spacing.v();
        c.size = grid.size == null ? null : grid.size.v();
        c.like = grid.like;
        c.isotropic = grid.isotropic;
        c.spacingScale = spacingScale == null ? 1 : spacingScale;
        c.keepOrigin = keepOrigin;
        c.keepShear = keepShear;
        c.crop = cropBox == null ? null : cropBox.v();
        c.cropMm = cropMm;
        c.interp = interp;
        c.labelInterp = labelInterp;
        c.forceLabels = labels;
        c.forceImage = image;
        for (int m = 0; m < masks.size(); m += 2) c.masks.add(new ConfigResampleOp.Mask(masks.get(m), masks.get(m + 1)));
        ConfigResample e = c.resample;
        e.order = order;
        e.lanczosRadius = radius;
        e.labelSigmaVoxels = labelSigma;
        e.antialias = !noAntialias;
        e.clamp = !noClamp;
        e.outputType = type;
        e.defaultValue = defaultValue == null ? Double.NaN : defaultValue;
        e.maxMemoryBytes = maxMemory;
        try {
            c.write = write.config(output);
            return c.check();
        } catch (IllegalArgumentException ex) {
            throw usage(ex.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The chosen grid and memory figures, printed before any work (numbers by {@link Decimals}: no Formatter on the way to the work). */
    static void printPlan(PrintWriter out, ResampleOperation.Plan plan) {
        // printed piece by piece: a `+` site bootstraps method handles on its first call, 5-20 ms cold for these lines
        Grid in = plan.inputGrid(), target = plan.target();
        out.print("input   ");
        out.println(plan.describeInput());
        if (plan.region() != null) {
            out.print("region  ");
            out.print(plan.region());
            out.println(" of the input read (the cropped grid needs no more)");
        }
        out.print("output  ");
        out.print(target.describe());
        out.print(", ");
        out.println(Interps.name(plan.interp()));
        out.print("memory  output/input voxels ");
        out.print(Decimals.fixed(target.voxelCount() / (double) in.voxelCount(), 3));
        out.print(", estimated peak ");
        out.print(Interps.mib(plan.estimateBytes()));
        out.print(" (limit ");
        out.print(Interps.mib(plan.limitBytes()));
        out.print(")");
        out.println(plan.tooLarge() ? ": too large, a run would be refused" : "");
        out.flush();
    }
}
