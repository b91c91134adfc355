package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Interval;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.GridSpec;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.LabelEvidence;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.resample.Resampler;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeHeader;
import org.interslice.io.WriteOptions;
import org.interslice.ops.InputRegion;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice resample IN OUT}: resamples a volume (and optionally its masks) onto a new grid.
 * Parses options into a {@link GridSpec} and a {@link ConfigResample}, then calls {@link Resampler}.
 */
@Command(name = "resample", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Resample a volume onto a new grid given by exactly one of --spacing, --size, --like, --isotropic. "
                + "By default the output covers the same physical box as the input (voxel edges aligned, so both overlay "
                + "exactly); --keep-origin keeps the first voxel centre instead (SimpleITK's convention). The chosen grid is "
                + "printed before work starts.",
                "A label map (flagged in its file, given --labels, or recognised: integer type, at most 256 values, "
                + "piecewise constant) never gets an image interpolator: it is switched to --label-interp, with a note."})
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

        @Option(names = "--like", paramLabel = "REF", description = "Copy the grid (size, spacing, origin, direction) of this volume.")
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
            description = "Interpolator: nearest, linear (default), bspline, lanczos, gaussian, label-nearest, label-gaussian, label-linear.")
    Interp interp = Interp.LINEAR;

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

    @Option(names = "--mask", arity = "2", paramLabel = "FILE OUT",
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

    @Option(names = "--input-spacing", paramLabel = "X,Y,Z", converter = ReadMixin.SpacingConverter.class,
            description = "Voxel spacing in mm for image stacks, which store none (default 1,1,1).")
    ReadMixin.Spacing inputSpacing;

    @Option(names = "--series", paramLabel = "UID|NUMBER", description = "Which series of a DICOM folder to read (default: the largest).")
    String series;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkUsage();
        Formats.refuseOverwrite(input, output);
        Formats.forWriting(output);
        for (int m = 0; m < masks.size(); m += 2) {
            Formats.refuseOverwrite(masks.get(m), masks.get(m + 1));
            Formats.refuseOverwrite(input, masks.get(m + 1));
            Formats.forWriting(masks.get(m + 1));
        }
        long t0 = System.nanoTime();
        try (ConsoleProgress progress = main.progress(err)) {
            Input in = readInput(progress);
            Volume v = in.volume;
            Grid target = in.target;
            LabelMaps.Reason reason = in.reason;
            Interp chosen = LabelMaps.choose(reason, interp, labelInterp);
            if (chosen != interp) {
                progress.close();
                err.println("interslice: note: " + input + " is a label map (" + reason.name().toLowerCase(Locale.ROOT)
                        + "); using " + Numbers.InterpName.name(chosen) + " instead of " + Numbers.InterpName.name(interp)
                        + " (--image to override)");
                err.flush();
            }
            Resampler resampler = new Resampler(in.config);
            if (in.region != null) {
                out.println("region  " + in.region + " of the input " + in.whole.describe() + " read (the cropped grid needs no more)");
            }
            long estimate = resampler.estimatePeakBytes(v, target);
            printPlan(out, v, target, estimate, resampler.memoryLimit());
            if (dryRun) return 0;
            if (estimate > resampler.memoryLimit()) {
                throw new IntersliceException(input, String.format(Locale.ROOT,
                        "refused: estimated peak memory %s exceeds the limit of %s (input %s, output %d voxels, %.2f x the input's)",
                        SummaryPrinter.megabytes(estimate), SummaryPrinter.megabytes(resampler.memoryLimit()),
                        SummaryPrinter.megabytes(v.sizeBytes()), target.voxelCount(), target.voxelCount() / (double) v.voxelCount()));
            }
            Volume r = resampler.resample(v, target, Main.job(progress));
            if (in.clampTo != null) InputRegion.clamp(r, in.clampTo);
            v = null;   // let the input go before writing: peak memory is input + output, not more
            in = null;
            write(r, output, progress);
            progress.close();
            out.printf(Locale.ROOT, "wrote %s (%d x %d x %d %s%s) in %.2f s%n", output, r.nx(), r.ny(), r.nz(),
                    r.type().label(), r.isLabel() ? " labels" : "", (System.nanoTime() - t0) / 1e9);
            r = null;
            for (int m = 0; m < masks.size(); m += 2) resampleMask(masks.get(m), masks.get(m + 1), target, progress, out);
        }
        out.flush();
        return 0;
    }

    /**
     * The input as resampling needs it. With {@code --crop}, when the input's format reads regions, only
     * the input box the cropped grid reaches is read ({@link InputRegion#needed}); the values taken from
     * the whole input (its minimum as the default value, its label evidence) come from one streamed pass
     * over it in constant memory. Otherwise the whole input is read.
     */
    private Input readInput(ConsoleProgress progress) {
        if (cropBox != null) {
            try (OpenVolume src = Formats.open(input, readOptions(progress))) {
                VolumeHeader h = src.header();
                boolean evidence = !image && !labels && !h.label() && h.type().integer && h.type() != PixelType.UINT32;
                if (src.readsRegions() && src.typeMatchesWholeRead() && (!evidence || LabelEvidence.supports(h.type()))) {
                    Grid whole = new Grid(h.nx(), h.ny(), h.nz(), h.geometry());
                    Grid target = resolve(whole);
                    InputRegion.WholeStats stats = InputRegion.scan(src, evidence, Main.job(progress));
                    LabelMaps.Reason reason = image ? LabelMaps.Reason.IMAGE : labels ? LabelMaps.Reason.FORCED
                            : h.label() ? LabelMaps.Reason.FLAGGED : evidence && stats.looksLikeLabels() ? LabelMaps.Reason.RECOGNISED : LabelMaps.Reason.IMAGE;
                    ConfigResample c = config(LabelMaps.choose(reason, interp, labelInterp), image);
                    // the whole input's minimum, not the region's: the values outside the input stay as they were
                    if (Double.isNaN(c.defaultValue)) c.defaultValue = Double.isNaN(stats.min()) ? 0 : stats.min();
                    // and its range for the overshoot clamp, applied after resampling (the region's range may be narrower)
                    boolean clampAfter = InputRegion.clampsAfter(c, stats);
                    if (clampAfter) c.clamp = false;
                    Interval box = InputRegion.needed(whole, target, InputRegion.halo(c, whole, target));
                    Volume v = src.read(box).data();
                    return new Input(reason == LabelMaps.Reason.IMAGE ? v : v.asLabel(true), whole, target, reason, c, box, clampAfter ? stats : null);
                }
            }
        }
        Volume v = Formats.read(input, readOptions(progress));
        Grid target = resolve(Grid.of(v));
        LabelMaps.Reason reason = image ? LabelMaps.Reason.IMAGE : LabelMaps.classify(v, labels);
        if (reason != LabelMaps.Reason.IMAGE) v = v.asLabel(true);
        return new Input(v, Grid.of(v), target, reason, config(LabelMaps.choose(reason, interp, labelInterp), image), null, null);
    }

    /**
     * What {@link #readInput} gives: the volume (the whole input, or the region {@code region} of it), and
     * the whole input's range when the output is to be clamped to it after resampling (else null).
     */
    private record Input(Volume volume, Grid whole, Grid target, LabelMaps.Reason reason, ConfigResample config, Interval region,
                         InputRegion.WholeStats clampTo) {}

    /** Option combinations picocli cannot express; a violation is a usage error (exit 2). */
    private void checkUsage() {
        if (spacingScale != null && !grid.isotropic) throw usage("--spacing-scale needs --isotropic");
        if (spacingScale != null && !(spacingScale > 0 && !spacingScale.isInfinite())) throw usage("--spacing-scale " + spacingScale + " must be positive");
        if (cropMm && cropBox == null) throw usage("--crop-mm needs --crop");
        if (labels && image) throw usage("--labels and --image exclude each other");
        if (!labelInterp.isLabel()) throw usage("--label-interp must be label-nearest, label-linear or label-gaussian");
        if (keepOrigin && grid.like != null) throw usage("--keep-origin has no effect with --like (the reference grid is copied)");
        if (defaultValue != null && !Double.isFinite(defaultValue)) throw usage("--default-value must be finite");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private ReadOptions readOptions(ConsoleProgress progress) {
        ReadOptions o = ReadOptions.defaults();
        o.spacingMm = inputSpacing == null ? null : inputSpacing.mm.clone();
        o.series = series;
        o.job = Main.job(progress);
        return o;
    }

    /** The output grid; a bad size, spacing or crop is a usage error. */
    private Grid resolve(Grid input) {
        GridSpec g;
        if (grid.spacing != null) g = GridSpec.spacing(grid.spacing.v());
        else if (grid.size != null) g = GridSpec.size(grid.size.v());
        else if (grid.like != null) g = GridSpec.like(Grid.of(Formats.read(grid.like)));
        else g = GridSpec.isotropic(spacingScale == null ? 1 : spacingScale);
        g = g.keepOrigin(keepOrigin);
        double[] crop = cropBox == null ? null : cropBox.v();
        try {
            if (crop != null && cropMm) {
                for (double c : crop) if (Double.isNaN(c)) throw usage("--crop-mm needs every bound");
                g = g.cropMm(new double[] {crop[0], crop[2], crop[4]}, new double[] {crop[1], crop[3], crop[5]});
            } else if (crop != null) {
                // index bounds apply to the uncropped output grid; NaN is an open bound
                for (double c : crop) if (!Double.isNaN(c) && c != Math.rint(c)) throw usage("--crop index " + c + " is not a whole number (use --crop-mm for millimetres)");
                Grid full = g.resolve(input);
                int[] lo = new int[3], hi = new int[3];
                for (int a = 0; a < 3; a++) {
                    lo[a] = Double.isNaN(crop[2 * a]) ? 0 : (int) crop[2 * a];
                    hi[a] = Double.isNaN(crop[2 * a + 1]) ? full.size(a) : (int) crop[2 * a + 1];
                }
                g = g.cropIndex(lo, hi);
            }
            return g.resolve(input);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ConfigResample config(Interp chosen, boolean allowImage) {
        ConfigResample c = new ConfigResample(chosen);
        c.order = order;
        c.lanczosRadius = radius;
        c.labelSigmaVoxels = labelSigma;
        c.antialias = !noAntialias;
        c.clamp = !noClamp;
        c.outputType = type;
        c.defaultValue = defaultValue == null ? Double.NaN : defaultValue;
        c.allowImageInterpOnLabels = allowImage;
        c.maxMemoryBytes = maxMemory;
        try {
            c.check();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return c;
    }

    /** The chosen grid and memory figures, printed before any work. */
    private static void printPlan(PrintWriter out, Volume v, Grid target, long estimate, long limit) {
        out.println("input   " + Grid.of(v).describe() + ", " + v.type().label() + (v.isLabel() ? " labels" : ""));
        out.println("output  " + target.describe());
        out.printf(Locale.ROOT, "memory  output/input voxels %.3f, estimated peak %s (limit %s)%n",
                target.voxelCount() / (double) v.voxelCount(), SummaryPrinter.megabytes(estimate), SummaryPrinter.megabytes(limit));
        out.flush();
    }

    private void resampleMask(Path file, Path to, Grid target, ConsoleProgress progress, PrintWriter out) {
        long t0 = System.nanoTime();
        Volume m = Formats.read(file, readOptions(progress)).asLabel(true);
        ConfigResample c = config(labelInterp, false);
        c.outputType = null;        // a mask keeps its own type
        c.defaultValue = Double.NaN;
        Resampler r = new Resampler(c);
        try {
            r.checkMemory(m, target);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(file, "refused: " + e.getMessage());
        }
        Volume res = r.resample(m, target, Main.job(progress));
        write(res, to, progress);
        progress.close();
        out.printf(Locale.ROOT, "wrote %s (mask, %s, %d x %d x %d %s) in %.2f s%n", to, Numbers.InterpName.name(labelInterp),
                res.nx(), res.ny(), res.nz(), res.type().label(), (System.nanoTime() - t0) / 1e9);
    }

    private static void write(Volume v, Path to, ConsoleProgress progress) {
        WriteOptions wo = WriteOptions.defaults();
        wo.job = Main.job(progress);
        Formats.write(v, to, wo);
    }
}
