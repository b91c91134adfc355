package org.interslice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Interp;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.ops.ConfigConvertOp;
import org.interslice.ops.ConfigInput;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.ConvertOperation;
import org.interslice.ops.InfoOperation;
import org.interslice.ops.ResampleOperation;
import org.interslice.ops.Written;
import org.interslice.ops.report.ConfigEvaluateRun;
import org.interslice.ops.report.Evaluation;
import org.interslice.ops.report.EvaluateRun;
import org.interslice.ops.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice demo}: walks through the bundled phantom CT sample (samples/ct-phantom), printing each
 * step: describes the 5 mm and the 1 mm series, converts the 5 mm one and reads it back, resamples it to
 * isotropic voxels, and scores linear against cubic interpolation of the real 5 mm slices on the grid of
 * the real 1 mm ones (the thick-vs-thin evaluation, with its report).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Run Interslice on the bundled phantom CT sample (5 mm and 1 mm series of one scan).",
                "Writes only into a new temporary folder, or into --out."})
final class DemoCommand implements Callable<Integer> {
    static final String THICK = "phantom-5mm.nii.gz";
    static final String THIN = "phantom-1mm.nii.gz";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Folder holding ct-phantom/ (default: samples/ of the Interslice installation).")
    Path samples;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for outputs (default: a new temporary folder).")
    Path outDir;

    @Option(names = "--ext", paramLabel = "EXT", defaultValue = ".nrrd",
            description = "File type the conversion step writes (default: ${DEFAULT-VALUE}).")
    String ext;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = (samples != null ? samples : defaultSamples()).resolve("ct-phantom");
        Path thick = dir.resolve(THICK), thin = dir.resolve(THIN);
        if (!Files.isRegularFile(thick)) throw new IntersliceException(thick, "bundled sample not found (use --samples DIR)");
        String name = "phantom-5mm" + (ext.startsWith(".") ? ext : "." + ext);
        Path folder;
        try (ConsoleProgress progress = main.progress(err)) {
            Job job = Main.job(progress);
            out.println("[1/5] info " + thick);
            describe(out, thick, progress, job);
            out.println();
            out.println("[2/5] info " + thin);
            describe(out, thin, progress, job);
            out.println();

            // made only now, so that a failed read leaves no empty temporary folder behind
            folder = outputFolder();
            Path converted = folder.resolve(name);
            out.println("[3/5] convert " + thick + " " + converted);
            ConfigConvertOp cc = new ConfigConvertOp();
            cc.input = thick;
            cc.output = converted;
            ConvertOperation.Result conv = new ConvertOperation(cc).run(job);
            long t0 = System.nanoTime();
            Volume v = Formats.read(thick), back = Formats.read(converted);
            progress.close();
            Notices.print(err, conv.notes(), conv.warnings());
            boolean same = back.geometry().approxEquals(v.geometry(), v.nx(), v.ny(), v.nz(), 1e-3);
            out.printf(Locale.ROOT, "  wrote %s (%s, %s on disk) in %.2f s and read it back in %.2f s: geometry %s%n",
                    converted, conv.output().format(), SummaryPrinter.megabytes(conv.output().bytesOnDisk()),
                    conv.output().seconds(), (System.nanoTime() - t0) / 1e9, same ? "identical (within 0.001 mm)" : "DIFFERS");
            out.println();

            Path iso = folder.resolve("phantom-5mm-iso.nii.gz");
            out.println("[4/5] resample " + thick + " " + iso + " --isotropic --interp bspline");
            ConfigResampleOp rc = new ConfigResampleOp();
            rc.input = thick;
            rc.output = iso;
            rc.isotropic = true;
            rc.interp = Interp.BSPLINE;
            ResampleOperation op = new ResampleOperation(rc);
            ResampleOperation.Plan plan = op.plan(job);
            out.println("  output " + plan.target().describe());
            ResampleOperation.Result res = op.run(plan, job);
            progress.close();
            Notices.print(err, res.notes(), res.warnings());
            Written w = res.written().get(0);
            out.printf(Locale.ROOT, "  wrote %s (%s on disk) in %.2f s%n", iso, SummaryPrinter.megabytes(w.bytesOnDisk()), w.seconds());
            out.println();

            ConfigEvaluateRun c = new ConfigEvaluateRun();
            c.thick = thick;
            c.compareTo = thin;
            c.mask = ConfigEvaluateRun.MaskMode.AUTO;
            c.out = folder.resolve("evaluate");
            out.println("[5/5] evaluate --thick " + thick + " --compare-to " + thin + " --mask auto --out " + c.out);
            Evaluation e = EvaluateRun.run(c, job);
            progress.close();
            out.print(ReportWriter.summaryMarkdown(e));
            out.println("  report: " + c.out.resolve("report.html"));
        }
        out.println();
        out.println("outputs are in " + folder);
        out.flush();
        return 0;
    }

    private void describe(PrintWriter out, Path file, ConsoleProgress progress, Job job) {
        InfoOperation.Result r = new InfoOperation(file, new ConfigInput()).run(job);
        progress.close();
        SummaryPrinter.printText(out, file, r.format(), r.summary(), r.seconds());
    }

    private Path outputFolder() {
        try {
            if (outDir == null) return Files.createTempDirectory("interslice-demo-");
            Files.createDirectories(outDir);
            return outDir;
        } catch (IOException e) {
            throw new IntersliceException(outDir, "cannot create output folder: " + e.getMessage(), e);
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
