package org.interslice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.interslice.core.IntersliceException;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.Volume;
import org.interslice.core.volume.VolumeSummary;
import org.interslice.io.Formats;
import org.interslice.ops.ConfigInterpolateOperation;
import org.interslice.ops.InterpolateOperation;
import org.interslice.ops.report.ConfigEvaluateRun;
import org.interslice.ops.report.DemoReport;
import org.interslice.ops.report.Evaluation;
import org.interslice.ops.report.EvaluateRun;
import org.interslice.ops.report.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice demo}: the headline job on the bundled phantom CT sample (samples/ct-phantom): describes
 * the 5 mm and the 1 mm series of one scan, interpolates the 5 mm one to 1 mm slices with each demo method
 * that is registered (linear, morph), scores them against the real 1 mm slices (evaluate's thick-vs-thin
 * mode) and writes a report whose montage puts the thick input, each method and the real thin slices side
 * by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Run Interslice on the bundled phantom CT sample (5 mm and 1 mm series of one scan): interpolate the 5 mm "
                + "series to 1 mm with linear and morph, score both against the real 1 mm series, and write a report.",
                "Writes only into a new temporary folder, or into --out."})
final class DemoCommand implements Callable<Integer> {
    static final String THICK = "phantom-5mm.nii.gz";
    static final String THIN = "phantom-1mm.nii.gz";
    /** Methods the demo runs, in report order (the baseline first); those not registered are skipped with a note. */
    static final List<String> METHODS = List.of("linear", "morph");

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Folder holding ct-phantom/ (default: samples/ of the Interslice installation).")
    Path samples;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for outputs (default: a new temporary folder).")
    Path outDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = (samples != null ? samples : defaultSamples()).resolve("ct-phantom");
        Path thick = dir.resolve(THICK), thin = dir.resolve(THIN);
        if (!Files.isRegularFile(thick)) throw new IntersliceException(thick, "bundled sample not found (use --samples DIR)");
        List<String> methods = new ArrayList<>();
        for (String m : METHODS) if (SynthesisMethods.imageNames().contains(m)) methods.add(m);
        int steps = 3 + METHODS.size(), step = 1;
        // the output folder's place before any work: a read-only, missing or file parent fails here, in one line
        if (outDir != null) {
            List<String> names = new ArrayList<>(List.of("report.html", "montage.png"));
            for (String m : METHODS) names.add("phantom-1mm-" + m + ".nii.gz");
            new org.interslice.io.FilePlan().read(thick).read(thin).writeFolder(outDir, names).check();
        }
        Path folder;
        try (ConsoleProgress progress = main.progress(err)) {
            out.println("[" + step++ + "/" + steps + "] info " + thick);
            Volume v = describe(out, thick, progress);
            out.println();
            out.println("[" + step++ + "/" + steps + "] info " + thin);
            Volume truth = describe(out, thin, progress);
            out.println();

            // made only now, so that a failed read leaves no empty temporary folder behind
            folder = outputFolder();
            List<DemoReport.Column> columns = new ArrayList<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            Map<String, SliceSynthesizer> made = new LinkedHashMap<>();
            columns.add(new DemoReport.Column("thick input (5 mm)", v));
            for (String m : METHODS) {
                Path o = folder.resolve("phantom-1mm-" + m + ".nii.gz");
                out.println("[" + step++ + "/" + steps + "] interpolate " + thick + " " + o + " --factor 5 --method " + m);
                if (!methods.contains(m)) {
                    out.println("  skipped: method '" + m + "' is not available in this build (registered: "
                            + String.join(", ", SynthesisMethods.imageNames()) + ")");
                    out.println();
                    continue;
                }
                ConfigInterpolateOperation c = new ConfigInterpolateOperation();
                c.input = thick;
                c.output = o;
                c.synthesis.factor = 5;
                c.synthesis.method = m;
                InterpolateOperation.Result r = InterpolateOperation.run(c, Main.job(progress));
                progress.close();
                Volume res = r.interpolation().volume();
                out.printf(Locale.ROOT, "  wrote %s (%d x %d x %d, %d of %d slices synthesized) and %s in %.2f s%n", o, res.nx(), res.ny(), res.nz(),
                        r.interpolation().plan().synthesizedCount(), res.nz(), r.sidecar().getFileName(), r.seconds());
                columns.add(new DemoReport.Column(m, res));
                seconds.put(m, r.seconds());
                // evaluate scores the volume just written instead of running the method again
                made.put(m, new Replay(m, r.interpolation()));
                out.println();
            }
            columns.add(new DemoReport.Column("real 1 mm", truth));

            ConfigEvaluateRun c = new ConfigEvaluateRun();
            c.thick = thick;
            c.compareTo = thin;
            c.methods = new ArrayList<>(methods);
            c.baseline = methods.get(0);
            c.mask = ConfigEvaluateRun.MaskMode.AUTO;
            c.given = made;
            c.out = folder.resolve("evaluate");
            out.println("[" + step + "/" + steps + "] evaluate --thick " + thick + " --compare-to " + thin + " --methods " + String.join(",", methods)
                    + " --mask auto --out " + c.out);
            Evaluation e = EvaluateRun.run(c, Main.job(progress));
            progress.close();
            out.print(DemoReport.summaryMarkdown(e, seconds));
            Path report = DemoReport.write(folder, "Interslice demo: 5 mm phantom CT to 1 mm slices",
                    List.of("The 5 mm series of a head phantom CT (" + thick.getFileName() + ", 28 slices) was interpolated to 1 mm slices with "
                            + String.join(" and ", methods) + " (interslice interpolate --factor 5), and the results were scored against the real 1 mm "
                            + "reconstruction of the same scan (" + thin.getFileName() + "; interslice evaluate --thick --compare-to). A thick slice "
                            + "averages its 5 mm slab while the truth is 1 mm thin, so no method can reach drop-and-reconstruct scores here. "
                            + "The scores are those of the files written (evaluate replays them), and seconds are each interpolate run's."),
                    columns, e, "evaluate/report.html", seconds);
            out.println("  report: " + report);
        }
        out.println();
        out.println("outputs are in " + folder);
        out.flush();
        return 0;
    }

    private Volume describe(PrintWriter out, Path file, ConsoleProgress progress) {
        String format = Formats.forReading(file).name();
        long t0 = System.nanoTime();
        org.interslice.io.ReadOptions o = org.interslice.io.ReadOptions.defaults();
        o.job = Main.job(progress);
        Volume v = Formats.read(file, o);
        progress.close();
        SummaryPrinter.printText(out, file, format, VolumeSummary.of(v), (System.nanoTime() - t0) / 1e9);
        return v;
    }

    private Path outputFolder() {
        try {
            if (outDir == null) return Files.createTempDirectory("interslice-demo-");
            Files.createDirectories(outDir);
            return outDir;
        } catch (IOException e) {
            throw new IntersliceException(outDir, "cannot create the output folder: " + org.interslice.io.AtomicFiles.plainReason(e, outDir.resolve("x")), e);
        }
    }

    /**
     * samples/ of the installation: the jar is interslice-cli/target/interslice.jar (classes are
     * interslice-cli/target/classes when run from the build), so the repository root is two levels
     * above the folder holding it.
     */
    static Path defaultSamples() {
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.toAbsolutePath().getParent().getParent().getParent();
            return root.resolve("samples");
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return Path.of("samples").toAbsolutePath();
        }
    }
}
