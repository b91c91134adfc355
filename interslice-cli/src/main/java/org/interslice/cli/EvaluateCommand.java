package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.evaluate.Profile;
import org.interslice.core.evaluate.SliceSampling;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.ops.report.ConfigEvaluateRun;
import org.interslice.ops.report.EvaluateRun;
import org.interslice.ops.report.Evaluation;
import org.interslice.ops.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code interslice evaluate}: the drop-and-reconstruct benchmark, the thick-vs-thin comparison and the
 * self-check. Parses options into a {@link ConfigEvaluateRun} and calls {@link EvaluateRun#run}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Score slice-synthesis methods and write a report (CSV, JSON, Markdown, HTML, plots, montages).",
                "",
                "Drop-and-reconstruct:  --truth IN [--truth IN2 ...] --factor K --methods linear,cubic --out DIR",
                "  keeps every K-th slice of each thin truth, rebuilds the others with each method and scores only those.",
                "Thick against thin:    --thick THICK --compare-to THIN --out DIR",
                "  places the slices of a real thick scan on the grid of a real thin scan of the same exam and scores the overlap.",
                "Self-check:            --self IN --method M --out DIR",
                "  holds out every other real slice of IN and rebuilds it from the rest (a pessimistic estimate for IN)."})
final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", paramLabel = "IN", description = "Thin-slice truth volume (file or DICOM folder); repeat for a cohort.")
    List<Path> truths = new ArrayList<>();

    @Option(names = "--factor", paramLabel = "K", defaultValue = "2", description = "Keep every K-th slice (2..64; default ${DEFAULT-VALUE}).")
    int factor;

    @Option(names = "--methods", paramLabel = "M[,M...]", split = ",", defaultValue = "linear,cubic",
            completionCandidates = ImageMethods.class,
            description = {"Methods to compare: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
                    "cubic is resample's bspline (that name is accepted too).",
                    "Label maps: nearest, linear, shape (scored by Dice)."})
    List<String> methods;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "point",
            description = "Kept slices: point (the thin slice) or slab (mean over K slices centred on it, as a thick-slice scanner; default ${DEFAULT-VALUE}).")
    Profile profile;

    @Option(names = "--mask", paramLabel = "auto|none|FILE", defaultValue = "none", converter = MaskConverter.class,
            description = "Voxels to score: none (all), auto (foreground by Otsu's threshold, reported) or a mask volume (nonzero = scored). Default ${DEFAULT-VALUE}.")
    MaskSpec mask;

    @Option(names = "--window", paramLabel = "LO,HI", converter = WindowConverter.class,
            description = "Clip truth and predictions to [LO, HI] before scoring (e.g. -1000,1500 for CT); the data range becomes HI - LO.")
    Window window;

    @Option(names = "--baseline", paramLabel = "M", defaultValue = "linear", completionCandidates = ImageMethods.class,
            description = "Method the others are tested against (default ${DEFAULT-VALUE}).")
    String baseline;

    @Option(names = "--compare-to", paramLabel = "THIN", description = "Thin scan of the same exam that --thick is scored against.")
    Path compareTo;

    @Option(names = "--thick", paramLabel = "THICK", description = "Thick scan to place on the grid of --compare-to.")
    Path thick;

    @Option(names = "--self", paramLabel = "IN", description = "Scan to self-check (no thin truth needed).")
    Path self;

    @Option(names = "--method", paramLabel = "M", defaultValue = "cubic", completionCandidates = ImageMethods.class,
            description = "Method of the self-check (default ${DEFAULT-VALUE}).")
    String selfMethod;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Report folder (created when missing).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Bootstrap seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "10000", description = "Bootstrap resamples, 100..1000000 (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Mixin
    ReadMixin read;

    @Override
    public Integer call() {
        ConfigEvaluateRun c = config();
        // outputs against inputs and the report folder's place, before any work
        Notices.print(spec.commandLine().getErr(), EvaluateRun.filePlan(c).check(), java.util.List.of());
        Evaluation e;
        try (ConsoleProgress progress = main.progress(spec.commandLine().getErr())) {
            e = EvaluateRun.run(c, Main.job(progress));
        }
        Notices.print(spec.commandLine().getErr(), e.notes(), List.of());
        PrintWriter o = spec.commandLine().getOut();
        o.print(ReportWriter.summaryMarkdown(e));
        if (e.isLabelRun()) o.printf(Locale.ROOT, "Label maps: Dice per label over the held-out slices, background excluded. Report: %s (%.1f s)%n",
                c.out.resolve("report.html"), e.seconds());
        else o.printf(Locale.ROOT, "CI unit: %s. Report: %s (%.1f s)%n", e.volumes().size() > 1 ? "volumes" : "slices of one volume",
                c.out.resolve("report.html"), e.seconds());
        o.flush();
        return 0;
    }

    /** The run's settings; a bad combination is a usage error (exit 2). */
    ConfigEvaluateRun config() {
        int modes = (truths.isEmpty() ? 0 : 1) + (compareTo != null || thick != null ? 1 : 0) + (self != null ? 1 : 0);
        if (modes != 1) throw usage("give exactly one of --truth, --thick with --compare-to, or --self");
        if ((compareTo == null) != (thick == null)) throw usage("--compare-to THIN and --thick THICK go together");
        if (factor < 2 || factor > SliceSampling.MAX_FACTOR) throw usage("--factor " + factor + " must be in [2, " + SliceSampling.MAX_FACTOR + "]");
        if (bootstrap < 100 || bootstrap > 1_000_000) throw usage("--bootstrap " + bootstrap + " must be in [100, 1000000]");
        if (methods.isEmpty()) throw usage("--methods is empty");
        methods = methods.stream().map(EvaluateCommand::alias).toList();
        baseline = alias(baseline);
        selfMethod = alias(selfMethod);
        List<String> known = new ArrayList<>(SynthesisMethods.all().keySet());   // image or label kind is checked once the input is read
        for (String m : methods) if (!known.contains(SynthesisMethods.spec(m).name())) throw usage("--methods: unknown method '" + m + "'; known: " + String.join(", ", known));
        if (!known.contains(baseline)) throw usage("--baseline: unknown method '" + baseline + "'; known: " + String.join(", ", known));
        if (!known.contains(SynthesisMethods.spec(selfMethod).name())) throw usage("--method: unknown method '" + selfMethod + "'; known: " + String.join(", ", known));
        ConfigEvaluateRun c = new ConfigEvaluateRun();
        c.truths = new ArrayList<>(truths);
        c.compareTo = compareTo;
        c.thick = thick;
        c.self = self;
        c.selfMethod = selfMethod;
        c.methods = new ArrayList<>(methods);
        c.baseline = baseline;
        c.engine.factor = factor;
        c.engine.profile = profile;
        if (window != null) {
            c.engine.windowLow = window.lo();
            c.engine.windowHigh = window.hi();
        }
        c.mask = mask.mode;
        c.maskFile = mask.file;
        c.out = out;
        c.seed = seed;
        c.bootstrap = bootstrap;
        c.stackSpacingMm = read.inputSpacing == null ? null : read.inputSpacing.mm.clone();
        c.allowOutsideData = read.allowOutsideData;
        return c;
    }

    /**
     * resample calls the cubic B-spline {@code bspline}; evaluate's method of the same interpolation is
     * {@code cubic}. Both names are accepted here, so the same word works in both commands.
     */
    static String alias(String method) {
        return method.trim().equalsIgnoreCase("bspline") ? "cubic" : method.trim();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A --mask value: a mode and, for FILE, the file. */
    static final class MaskSpec {
        final ConfigEvaluateRun.MaskMode mode;
        final Path file;

        MaskSpec(ConfigEvaluateRun.MaskMode mode, Path file) {
            this.mode = mode;
            this.file = file;
        }
    }

    /** auto / none (any case), else a mask file path. */
    static final class MaskConverter implements ITypeConverter<MaskSpec> {
        @Override
        public MaskSpec convert(String value) {
            String v = value.trim();
            if (v.equalsIgnoreCase("auto")) return new MaskSpec(ConfigEvaluateRun.MaskMode.AUTO, null);
            if (v.equalsIgnoreCase("none")) return new MaskSpec(ConfigEvaluateRun.MaskMode.NONE, null);
            if (v.isEmpty()) throw new TypeConversionException("empty mask");
            return new MaskSpec(ConfigEvaluateRun.MaskMode.FILE, Path.of(v));
        }
    }

    /**
     * A --window value. A record, not a double[]: picocli treats an array-typed option as a list of
     * values and hands each element to the converter, which failed every valid window (issue 20).
     */
    record Window(double lo, double hi) {}

    /** LO,HI: two finite numbers with LO < HI. */
    static final class WindowConverter implements ITypeConverter<Window> {
        @Override
        public Window convert(String value) {
            String[] p = value.split(",");
            if (p.length != 2) throw new TypeConversionException("'" + value + "' is not LO,HI");
            double[] w = new double[2];
            for (int i = 0; i < 2; i++) {
                try {
                    w[i] = Double.parseDouble(p[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + p[i].trim() + "' is not a number");
                }
                if (!Double.isFinite(w[i])) throw new TypeConversionException("window value " + p[i].trim() + " is not finite");
            }
            if (!(w[1] > w[0])) throw new TypeConversionException("window " + value + " needs LO < HI");
            return new Window(w[0], w[1]);
        }
    }
}
