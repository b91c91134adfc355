package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.interslice.core.Decimals;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.GapDiagnostics;
import org.interslice.core.gaps.GapMethod;
import org.interslice.core.register.AffineMetric;
import org.interslice.ops.ConfigGapsFill;
import org.interslice.ops.GapsFillOperation;
import org.interslice.ops.GapsSectionFill;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice gaps fill IN OUT --missing 17,42}: missing or corrupt slices inside one volume,
 * reconstructed by zmorph where the gates pass. Parses the options into a {@link ConfigGapsFill}, calls
 * {@link GapsFillOperation} and prints what happened to every listed slice.
 */
@Command(name = "fill", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Reconstruct missing or corrupt z slices of one volume (--missing): each run of consecutive listed slices is one gap, "
                + "rebuilt from the unlisted slices on both sides (the listed slices' content is never used). zmorph: the best-correlated "
                + "boundary planes, an affine registration of their slabs, and the fractional power of that affine moving both "
                + "surfaces into the gap, cross-faded with a Gaussian feather.",
                "A gap that fails a gate (no_foreground_planes, low_overlap_ncc, registration_exception, reg_did_not_improve, "
                + "affine_determinant_non_positive, affine_power_not_real) is a hard skip: its slices stay as in IN and the reason "
                + "is printed on stderr and written to its JSON. Nothing falls back silently; average and weighted run only when named.",
                "Beside OUT: OUT.slice-NNNN.json (diagnostics) and OUT.slice-NNNN.png (before surface, after surface, reconstruction, "
                + "XZ cut) for every listed slice, and the provenance sidecar OUT.json.",
                "Section mode (--config slice_config.csv --sections DIR --out DIR2, no IN/OUT/--missing): every single gap of the "
                + "sequence (see gaps plan) rebuilt from the last and first planes of its neighbouring sections, written into DIR2 "
                + "named like them with interpolated=true, plus NAME.diagnostics.json, NAME.preview.png and NAME.json; a skipped "
                + "section gets no volume. Then gaps finalise writes slice_config_final.csv.",
                "Exit code 0 when the run completed, even if some slices were skipped. Neighbours already in register gain no NCC "
                + "from registration, so reg_did_not_improve skips them unless --min-ncc-gain is lowered (-1 turns the gate off, e.g. for a CT with "
                + "corrupt slices)."})
final class GapsFillCommand implements Callable<Integer> {
    @ParentCommand
    GapsCommand gaps;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IN", description = "Volume file or folder to read (not with --sections).")
    Path input;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT", description = "File to write (e.g. .nii.gz, .nrrd, .ome.zarr).")
    Path output;

    @Option(names = "--config", paramLabel = "CSV",
            description = "Section mode: slice_config.csv; every single gap of its sequence is reconstructed from the neighbouring sections.")
    Path sliceConfig;

    @Option(names = "--sections", paramLabel = "DIR", description = "Section mode: the folder with one volume per section (as for gaps plan).")
    Path sections;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Section mode: folder for the reconstructed sections (named like their neighbours), NAME.diagnostics.json, "
                    + "NAME.preview.png and NAME.json (created when missing; not the sections folder).")
    Path outFolder;

    @Option(names = "--missing", split = ",", paramLabel = "Z,Z,...",
            description = "Slice indices (z, from 0) to reconstruct, e.g. 17,42.")
    int[] missing;

    @Option(names = "--method", paramLabel = "M", converter = MethodConverter.class,
            description = "zmorph (default, gated); morph (zmorph plus a dense TV-L1 correction, same gates); or the baselines average, weighted (ungated, only when named).")
    GapMethod method = GapMethod.ZMORPH;

    @Option(names = "--search-window", paramLabel = "W", description = "Boundary planes searched on each side (default 5).")
    int searchWindow = 5;

    @Option(names = "--margin", paramLabel = "F", description = "Margin cut from each side before the NCC, fraction of the smaller side (default 0.25).")
    double margin = 0.25;

    @Option(names = "--min-foreground", paramLabel = "F", description = "Foreground fraction a candidate plane needs (default 0.1).")
    double minForeground = 0.1;

    @Option(names = "--foreground-threshold", paramLabel = "V",
            description = "Values above V are foreground (default: Otsu's threshold of the candidate planes).")
    Double foregroundThreshold;

    @Option(names = "--clip", paramLabel = "LO,HI", split = ",", description = "Percentiles the NCC clips each plane to (default 5,95).")
    double[] clip;

    @Option(names = "--min-ncc", paramLabel = "R", description = "Gate low_overlap_ncc: the best pair's NCC must reach R (default 0.3).")
    double minNcc = 0.3;

    @Option(names = "--slab", paramLabel = "N", description = "Planes averaged around each chosen plane for the registration (default 3).")
    int slab = 3;

    @Option(names = "--min-ncc-gain", paramLabel = "G", description = "Gate reg_did_not_improve: registration must raise the NCC by G (default 0.05).")
    double minNccGain = 0.05;

    @Option(names = "--window", paramLabel = "LO,HI", split = ",",
            description = "Percentiles of the intensity window both slabs are put on for the registration (default 1,99).")
    double[] window;

    @Option(names = "--metric", paramLabel = "mse|ncc", converter = MetricConverter.class, description = "Registration metric (default mse).")
    AffineMetric metric = AffineMetric.MSE;

    @Option(names = "--levels", paramLabel = "N", description = "Registration pyramid levels below full resolution (default: coarsest at least 32 pixels).")
    Integer levels;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Registration iterations per level (default 100).")
    int maxIterations = 100;

    @Option(names = "--feather-sigma", paramLabel = "PX", description = "Gaussian sigma of the feather, pixels (default 2).")
    double featherSigma = 2;

    @Option(names = "--weighted-sigma", paramLabel = "PLANES", description = "Sigma along z of the weighted baseline, planes (default 2).")
    double weightedSigma = 2;

    @Option(names = "--labels",
            description = "Treat the input (every section) as a label map whatever it holds; a label map (flagged, --labels, or in one volume "
                    + "recognised as resample does) is warped by nearest neighbour and blended shape-based, so filled slices hold only labels.")
    boolean labels;

    @Mixin
    ReadMixin read;

    @Mixin
    WriteMixin write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigGapsFill c = config();
        if (c.sectionMode()) return sections(c, out, err);
        GapsFillOperation.Result r;
        try (ConsoleProgress progress = gaps.main.progress(err)) {
            r = GapsFillOperation.run(c, Main.job(progress));
        }
        for (String n : r.notes()) err.println("interslice: note: " + n);
        for (GapsFillOperation.SliceResult s : r.slices()) {
            GapDiagnostics d = s.diagnostics();
            if (s.filled()) {
                out.println("slice " + s.slice() + ": filled by " + d.methodUsed + registration(d));
            } else {
                err.println("interslice: slice " + s.slice() + " skipped (left as in the input): " + s.reason() + detail(d, c.zmorph));
            }
        }
        err.flush();
        out.println("wrote " + r.output() + ": " + r.filledCount() + " of " + r.slices().size() + " listed slices filled, in "
                + Decimals.fixed(r.seconds(), 2) + " s");
        out.println("diagnostics: " + GapsFillOperation.diagnosticsOf(r.output(), r.slices().get(0).slice()).getFileName()
                + (r.slices().size() > 1 ? " ... (one JSON and one PNG per listed slice)" : " and its PNG"));
        out.println("provenance: " + r.sidecar());
        out.flush();
        return 0;
    }

    /** The section mode: one line per single gap, skips on stderr with their reason. */
    private int sections(ConfigGapsFill c, PrintWriter out, PrintWriter err) {
        GapsSectionFill.Result r;
        try (ConsoleProgress progress = gaps.main.progress(err)) {
            r = GapsSectionFill.run(c, Main.job(progress));
        }
        Notices.print(err, r.notes(), r.warnings());
        for (GapsSectionFill.SectionResult s : r.sections()) {
            GapDiagnostics d = s.diagnostics();
            if (s.filled()) {
                out.println("section " + s.id() + ": filled by " + d.methodUsed + ", " + s.planes() + " planes" + registration(d) + " -> " + s.volume());
            } else {
                err.println("interslice: section " + s.id() + " skipped (no volume written): " + s.reason()
                        + (s.reason().equals(GapsSectionFill.GRIDS_DIFFER) ? "" : detail(d, c.zmorph)));
            }
        }
        err.flush();
        out.println(r.filledCount() + " of " + r.sections().size() + " single gaps filled into " + c.outFolder + " in " + Decimals.fixed(r.seconds(), 2)
                + " s (per gap NAME.diagnostics.json and NAME.preview.png; then: interslice gaps finalise --outcomes " + c.outFolder + ")");
        out.flush();
        return 0;
    }

    /**
     * The registration's numbers of a filled gap ({@code " (pair NCC %.3f; registration NCC %.3f -> %.3f; determinant %.4f)"}),
     * empty without an affine. Numbers by {@link Decimals}, the same text without the Formatter (20-40 ms at its first use).
     */
    static String registration(GapDiagnostics d) {
        if (d.affine == null) return "";
        return " (pair NCC " + Decimals.fixed(d.nccPair, 3) + "; registration NCC " + Decimals.fixed(d.nccBeforeRegistration, 3) + " -> "
                + Decimals.fixed(d.nccAfterRegistration, 3) + "; determinant " + Decimals.fixed(d.determinant, 4) + ")";
    }

    /** The numbers behind a skip, for its stderr line. */
    static String detail(GapDiagnostics d, ConfigZMorph c) {
        switch (d.fallbackReason) {
            case "low_overlap_ncc":
                return " (best pair NCC " + Decimals.fixed(d.nccPair, 3) + " < " + Decimals.general(c.minOverlapNcc, 3) + ")";
            case "reg_did_not_improve":
                return " (NCC " + Decimals.fixed(d.nccBeforeRegistration, 3) + " -> " + Decimals.fixed(d.nccAfterRegistration, 3) + ", gain "
                        + Decimals.fixed(d.nccGain, 3) + " < " + Decimals.general(c.minNccGain, 3) + ")";
            case "registration_exception":
                return " (" + d.registrationMessage + ")";
            case "affine_determinant_non_positive":
                return " (determinant " + Decimals.general(d.determinant, 4) + ")";
            case "no_foreground_planes":
                return " (" + d.beforeCandidates + " before and " + d.afterCandidates + " after candidate planes with foreground)";
            default:
                return "";
        }
    }

    /** The run's settings; bad values are usage errors (exit 2). */
    ConfigGapsFill config() {
        ConfigGapsFill c = new ConfigGapsFill();
        c.input = input;
        c.output = output;
        c.missing = missing;
        c.sliceConfig = sliceConfig;
        c.sections = sections;
        c.outFolder = outFolder;
        ConfigZMorph z = c.zmorph;
        z.method = method;
        z.searchWindow = searchWindow;
        z.marginFraction = margin;
        z.minForegroundFraction = minForeground;
        if (foregroundThreshold != null) z.foregroundThreshold = foregroundThreshold;
        if (clip != null) {
            if (clip.length != 2) throw usage("--clip needs two percentiles LO,HI");
            z.clipLowPercentile = clip[0];
            z.clipHighPercentile = clip[1];
        }
        z.minOverlapNcc = minNcc;
        z.slabPlanes = slab;
        z.minNccGain = minNccGain;
        if (window != null) {
            if (window.length != 2) throw usage("--window needs two percentiles LO,HI");
            z.windowLowPercentile = window[0];
            z.windowHighPercentile = window[1];
        }
        z.registration.metric = metric;
        if (levels != null) z.registration.levels = levels;
        z.registration.maxIterations = maxIterations;
        z.featherSigmaPx = featherSigma;
        z.weightedSigmaPlanes = weightedSigma;
        c.forceLabels = labels;
        c.read = read.config();
        try {
            c.write = write.config(output);
            c.check();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return c;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** zmorph, morph, average, weighted in any case. */
    static final class MethodConverter implements ITypeConverter<GapMethod> {
        @Override
        public GapMethod convert(String s) {
            for (GapMethod m : GapMethod.values()) if (m.label().equalsIgnoreCase(s.trim())) return m;
            throw new picocli.CommandLine.TypeConversionException("'" + s + "' is not zmorph, morph, average or weighted");
        }
    }

    /** mse or ncc in any case. */
    static final class MetricConverter implements ITypeConverter<AffineMetric> {
        @Override
        public AffineMetric convert(String s) {
            for (AffineMetric m : AffineMetric.values()) if (m.name().equalsIgnoreCase(s.trim())) return m;
            throw new picocli.CommandLine.TypeConversionException("'" + s + "' is not mse or ncc");
        }
    }
}
