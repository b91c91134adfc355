package org.interslice.ops;

import java.nio.file.Path;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;
import org.interslice.core.volume.VolumeSummary;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.VolumeFormat;
import org.interslice.io.dicom.DicomFormat;
import org.interslice.io.dicom.DicomSeriesInfo;

/** The {@code info} operation: reads a volume and summarises it (and lists the series of a DICOM folder). Never prints. */
public final class InfoOperation {
    private final Path input;
    private final ConfigInput read;

    /**
     * @param input volume file or folder
     * @param read  how it is read; checked here, not modified
     */
    public InfoOperation(Path input, ConfigInput read) {
        if (input == null) throw new IllegalArgumentException("no input");
        this.input = input;
        this.read = read.check().copy();
    }

    /**
     * @param format  the reader's name
     * @param summary grid, geometry, values
     * @param header  format header fields (NIfTI codes, descrip, ...); empty for formats without them
     * @param series  the image stacks of a DICOM input (headers only); null for other formats
     * @param seconds wall time of the read
     */
    public record Result(String format, VolumeSummary summary, HeaderFields header, List<DicomSeriesInfo> series, double seconds,
                         List<String> notes, List<String> warnings) {}

    /** @param job threads and progress for decoding */
    public Result run(Job job) {
        VolumeFormat reader = Formats.forReading(input);
        Messages m = new Messages();
        HeaderFields header = new HeaderFields();
        long t0 = System.nanoTime();
        Volume v = Inputs.read(input, read, job, m, header);
        double seconds = (System.nanoTime() - t0) / 1e9;
        VolumeSummary s = VolumeSummary.of(v);
        // a DICOM folder may hold several series: list them all (headers only, quick after the read)
        List<DicomSeriesInfo> series = reader instanceof DicomFormat ? DicomFormat.listSeries(input, job.quiet()) : null;
        return new Result(reader.name(), s, header, series, seconds, m.notes(), m.warnings());
    }
}
