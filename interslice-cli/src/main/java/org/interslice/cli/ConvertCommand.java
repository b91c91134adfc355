package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.interslice.core.volume.PixelType;
import org.interslice.ops.ConfigConvertOp;
import org.interslice.ops.ConvertOperation;
import org.interslice.ops.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code interslice convert IN OUT}: parses into a {@link ConfigConvertOp}, runs {@link ConvertOperation}, prints. */
@Command(name = "convert", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Convert a volume to the format named by OUT's extension, keeping its geometry.",
                "The output appears only when complete; an input file is never overwritten.",
                "A run killed while writing may leave a hidden .OUT.interslice-partial-* file beside OUT: "
                        + "it is never read as a volume and can be deleted."})
final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Volume file or folder to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (e.g. .nii.gz, .nrrd, .mha), or a folder ending in .dcm for a DICOM series (see --format).")
    Path output;

    @Option(names = "--type", paramLabel = "T", converter = PixelTypeConverter.class,
            description = "Convert voxels to this type (uint8, int8, uint16, int16, uint32, int32, float32, float64); "
                    + "integer types round and saturate (a warning says how many voxels were clipped).")
    PixelType type;

    @Option(names = "--labels", description = "Mark the output as a label map (values are classes).")
    boolean labels;

    @Mixin
    ReadMixin read;

    @Mixin
    WriteMixin write;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigConvertOp c = config();
        ConvertOperation.Result r;
        try (ConsoleProgress progress = main.progress(err)) {
            r = new ConvertOperation(c).run(Main.job(progress));
        }
        Notices.print(err, r.notes(), r.warnings());
        Written w = r.output();
        out.printf(Locale.ROOT, "wrote %s (%s, %d x %d x %d %s%s, %s) in %.2f s%n", w.path(), w.format(),
                w.dims()[0], w.dims()[1], w.dims()[2], w.type().label(), w.label() ? " labels" : "",
                SummaryPrinter.megabytes(w.bytesOnDisk()) + " on disk", w.seconds());
        out.flush();
        return 0;
    }

    /** The operation's settings; a bad compression level is a usage error (exit 2). */
    ConfigConvertOp config() {
        ConfigConvertOp c = new ConfigConvertOp();
        c.input = input;
        c.output = output;
        c.type = type;
        c.labels = labels;
        c.read = read.config();
        try {
            c.write = write.config(output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return c;
    }
}
