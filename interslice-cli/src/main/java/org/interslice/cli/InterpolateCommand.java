package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.Decimals;
import org.interslice.core.synth.ConfigInterpolate;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.Volume;
import org.interslice.ops.ConfigInterpolateOperation;
import org.interslice.ops.InterpolateOperation;
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
 * {@code interslice interpolate IN OUT}: more slices along the slice axis by slice synthesis. Parses the
 * options into a {@link ConfigInterpolateOperation}, calls {@link InterpolateOperation} and prints the
 * plan and the result.
 */
@Command(name = "interpolate", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Synthesize slices between the measured ones along the slice axis (the axis with the largest spacing, "
                + "or the DICOM stacking axis). Output slices start at the first measured slice and step by the new spacing; "
                + "every measured slice that falls on the output grid is copied bit for bit, the in-plane grid is untouched.",
                "A label map (flagged, --labels, or recognised as resample does) gets a label method. Beside OUT a JSON sidecar "
                + "(OUT.json) records the method, parameters and, for every output slice, whether it was measured or synthesized."})
final class InterpolateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Volume file or folder to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (e.g. .nii.gz, .nrrd, .mha), or a folder ending in .dcm for a DICOM series that marks every synthesized slice (see --format).")
    Path output;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "New slice spacing (exactly one):%n")
    Step step;

    /** Factor or spacing; picocli enforces exactly one (else exit 2). */
    static final class Step {
        @Option(names = "--factor", paramLabel = "K", description = "New spacing = measured spacing / K (e.g. 5 turns 5 mm slices into 1 mm ones).")
        Double factor;

        @Option(names = "--spacing", paramLabel = "S", description = "New slice spacing in mm.")
        Double spacing;
    }

    @Option(names = "--method", paramLabel = "M", completionCandidates = AllMethods.class,
            description = "Synthesis method: ${COMPLETION-CANDIDATES} (default: morph for images, shape for label maps); "
                    + "NAME:KEY=VALUE[:KEY=VALUE...] passes options to methods that take them (e.g. learned:self-train=200).")
    String method;

    @Option(names = "--axis", paramLabel = "x|y|z", description = "Slice axis (default: the one with the largest spacing; z for DICOM).")
    String axis;

    @Option(names = "--positions", paramLabel = "FILE",
            description = "Slice positions in mm, one per slice in order (serial sections with uneven gaps).")
    Path positions;

    @Option(names = "--labels", description = "Treat the input as a label map whatever it holds.")
    boolean labels;

    @Option(names = "--dry-run", description = "Print the plan and the memory estimate, write nothing.")
    boolean dryRun;

    @Option(names = "--no-sidecar", description = "Do not write the provenance sidecar OUT.json.")
    boolean noSidecar;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = Numbers.Bytes.class,
            description = "Refuse work whose estimated peak memory exceeds this (e.g. 2G; default: the Java heap limit).")
    long maxMemory;

    @Option(names = "--keep-shear",
            description = "Keep the shear of a gantry-tilted input; by default the result is moved onto an orthogonal grid of the same "
                    + "slice planes (de-tilted, in-plane linear), as resample does.")
    boolean keepShear;

    @Mixin
    ReadMixin read;

    @Mixin
    WriteMixin write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigInterpolateOperation c = config();
        try (ConsoleProgress progress = main.progress(err)) {
            InterpolateOperation.Prepared p = InterpolateOperation.prepare(c, Main.job(progress));
            progress.close();
            for (String n : p.notes()) err.println("interslice: note: " + n);
            for (String n : p.choice().notes()) err.println("interslice: note: " + n);
            err.flush();
            printPlan(out, p);
            if (dryRun) {
                out.flush();
                return 0;
            }
            InterpolateOperation.Result r = InterpolateOperation.execute(p, Main.job(progress));
            progress.close();
            Volume v = r.written();
            out.println("wrote " + r.output() + " (" + v.nx() + " x " + v.ny() + " x " + v.nz() + " " + r.storedType().label()
                    + (v.isLabel() ? " labels" : "") + ") in " + Decimals.fixed(r.seconds(), 2) + " s");
            if (r.sidecar() != null) out.println("provenance: " + r.sidecar());
        }
        out.flush();
        return 0;
    }

    private static void printPlan(PrintWriter out, InterpolateOperation.Prepared p) {
        Volume v = p.input();
        SlicePlan plan = p.plan();
        double[] mm = plan.measuredMm();
        String axis = "xyz".substring(plan.axis(), plan.axis() + 1);
        // the lines as "%d x %d x %d ... %.4g ..." gave them, without the Formatter (its first use costs 20-40 ms)
        out.println("input   " + v.nx() + " x " + v.ny() + " x " + v.nz() + " " + v.type().label() + ", " + plan.measuredCount()
                + " slices along " + axis + " over " + Decimals.general(mm[mm.length - 1], 4) + " mm ("
                + (plan.evenInput() ? "every " + Decimals.general(mm[1], 4) + " mm" : "uneven gaps") + ")");
        int[] d = v.dims();
        d[plan.axis()] = plan.size();
        if (p.detilt() != null) d = p.detilt().dims();   // the orthogonal grid the result moves to
        out.println("output  " + d[0] + " x " + d[1] + " x " + d[2] + ", " + plan.size() + " slices every " + Decimals.general(plan.spacingMm(), 4)
                + " mm: " + (plan.size() - plan.synthesizedCount()) + " measured, " + plan.synthesizedCount() + " synthesized by "
                + p.choice().method() + (p.choice().isLabel() ? " (label map)" : ""));
        out.println("memory  about " + SummaryPrinter.megabytes(p.estimatedBytes()) + " estimated peak (limit "
                + SummaryPrinter.megabytes(p.config().memoryLimit()) + ")");
    }

    /** The run's settings; bad values are usage errors (exit 2). */
    ConfigInterpolateOperation config() {
        ConfigInterpolateOperation c = new ConfigInterpolateOperation();
        c.input = input;
        c.output = output;
        ConfigInterpolate s = c.synthesis;
        if (step.factor != null) {
            if (!(step.factor >= 1) || step.factor > 1000) throw usage("--factor " + step.factor + " must be in [1, 1000]");
            s.factor = step.factor;
        } else {
            if (!(step.spacing > 0) || step.spacing.isInfinite()) throw usage("--spacing " + step.spacing + " must be positive");
            s.spacingMm = step.spacing;
        }
        try {
            if (method != null && !SynthesisMethods.all().containsKey(SynthesisMethods.spec(method).name()))
                throw usage("--method: unknown method '" + method + "'; known: " + String.join(", ", SynthesisMethods.all().keySet()));
        } catch (IllegalArgumentException e) {
            throw usage("--method: " + e.getMessage());
        }
        s.method = method;
        if (axis != null) {
            int a = "xyz".indexOf(axis.trim().toLowerCase(Locale.ROOT));
            if (a < 0 || axis.trim().length() != 1) throw usage("--axis '" + axis + "' is not x, y or z");
            s.axis = a;
        }
        s.forceLabels = labels;
        c.positionsFile = positions;
        c.read = read.config();
        try {
            c.write = write.config(output);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        c.keepShear = keepShear;
        c.maxMemoryBytes = maxMemory;
        c.sidecar = !noSidecar;
        return c;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Completion candidates: every registered method. */
    static final class AllMethods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> all = new ArrayList<>(SynthesisMethods.all().keySet());
            return all.iterator();
        }
    }
}
