package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.FilePlan;
import org.interslice.io.Formats;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code interslice convert IN OUT}: reads one format, writes another, geometry unchanged. */
@Command(name = "convert", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Convert a volume to the format named by OUT's extension, keeping its geometry.",
                "The output appears only when complete; an input file is never overwritten.",
                "A run killed while writing may leave a hidden .OUT.interslice-partial-* file beside OUT: "
                        + "it is never read as a volume, and the next run writing OUT removes it."})
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Volume file or folder to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (e.g. .nii.gz, .nrrd, .mha).")
    Path output;

    @Option(names = "--type", paramLabel = "T", converter = PixelTypeConverter.class,
            description = "Convert voxels to this type (uint8, int8, uint16, int16, uint32, int32, float32, float64); "
                    + "integer types round and saturate.")
    PixelType type;

    @Option(names = "--labels", description = "Mark the output as a label map (values are classes).")
    boolean labels;

    @Mixin
    ReadMixin read;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // fail on a missing input, an output that is an input or a bad output name or place before reading
        Main.notes(err, new FilePlan().read(input).write(output).check());
        VolumeFormat target = Formats.forWriting(output);
        long t0 = System.nanoTime();
        try (ConsoleProgress progress = main.progress(err)) {
            Volume v = Formats.read(input, read.options(Main.job(progress)));
            if (type != null) v = v.convert(type);
            if (labels) v = v.asLabel(true);
            boolean flattened = !v.geometry().uniformSlices() && !target.storesSlicePositions();
            WriteOptions wo = WriteOptions.defaults();
            wo.job = Main.job(progress);
            Formats.write(v, output, wo);
            progress.close();
            if (flattened) {
                err.println("interslice: warning: " + output + ": " + target.name()
                        + " cannot store unevenly spaced slices; the mean-step affine was written instead");
                err.flush();
            }
            out.printf(Locale.ROOT, "wrote %s (%s, %d x %d x %d %s%s, %s) in %.2f s%n", output, target.name(),
                    v.nx(), v.ny(), v.nz(), v.type().label(), v.isLabel() ? " labels" : "",
                    SummaryPrinter.megabytes(sizeOnDisk(output)) + " on disk", (System.nanoTime() - t0) / 1e9);
        }
        out.flush();
        return 0;
    }

    private static long sizeOnDisk(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return 0;   // only shown to the user; the write itself succeeded
        }
    }
}
