package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.interslice.core.volume.VolumeSummary;
import org.interslice.ops.InfoOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code interslice info IN}: reads a volume and prints its {@link VolumeSummary}. */
@Command(name = "info", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Print the grid, geometry (LPS mm), value range, size and slice spacing of a volume.",
                "IN is a file (NIfTI, NRRD, MetaImage, ...) or a folder (DICOM series, TIFF/PNG stack)."})
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Volume file or folder to describe.")
    Path input;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    ReadMixin read;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InfoOperation.Result r;
        try (ConsoleProgress progress = main.progress(spec.commandLine().getErr())) {
            r = new InfoOperation(input, read.config()).run(Main.job(progress));
        }
        Notices.print(spec.commandLine().getErr(), r.notes(), r.warnings());
        if (json) {
            Map<String, Object> fields = SummaryPrinter.json(input, r.format(), r.summary(), r.seconds());
            SummaryPrinter.putHeader(fields, r.header());
            if (r.series() != null) fields.put("dicomSeries", DicomPrinter.json(r.series()));
            SummaryPrinter.printJson(out, fields);
        } else {
            SummaryPrinter.printText(out, input, r.format(), r.summary(), r.seconds());
            SummaryPrinter.printHeader(out, r.header());
            if (r.series() != null) DicomPrinter.printText(out, r.series(), read.series);
        }
        return 0;
    }
}
