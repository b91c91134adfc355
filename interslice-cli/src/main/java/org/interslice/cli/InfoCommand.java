package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.interslice.core.volume.Volume;
import org.interslice.core.volume.VolumeSummary;
import org.interslice.io.Formats;
import org.interslice.io.VolumeFormat;
import org.interslice.io.dicom.DicomFormat;
import org.interslice.io.dicom.DicomSeriesInfo;
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
        VolumeFormat reader = Formats.forReading(input);
        String format = reader.name();
        Volume v;
        long t0 = System.nanoTime();
        try (ConsoleProgress progress = main.progress(spec.commandLine().getErr())) {
            v = Formats.read(input, read.options(Main.job(progress)));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        VolumeSummary s = VolumeSummary.of(v);
        // a DICOM folder may hold several series: list them all (headers only, quick after the read)
        List<DicomSeriesInfo> series = reader instanceof DicomFormat ? DicomFormat.listSeries(input, Main.job(main.progress(null))) : null;
        if (json) {
            Map<String, Object> fields = SummaryPrinter.json(input, format, s, seconds);
            if (series != null) fields.put("dicomSeries", DicomPrinter.json(series));
            SummaryPrinter.printJson(out, fields);
        } else {
            SummaryPrinter.printText(out, input, format, s, seconds);
            if (series != null) DicomPrinter.printText(out, series, read.series);
        }
        return 0;
    }
}
