package org.interslice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.interslice.io.dicom.DicomSeriesInfo;

/** Prints what the DICOM reader reports about the series of a folder (headers only). Formatting only. */
final class DicomPrinter {
    private DicomPrinter() {}

    /** One JSON object per series, in the reader's order (the first is what a plain read picks). */
    static List<Map<String, Object>> json(List<DicomSeriesInfo> series) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (DicomSeriesInfo s : series) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seriesUid", s.seriesUid());
            m.put("seriesNumber", s.seriesNumber());
            m.put("description", s.description());
            m.put("modality", s.modality());
            m.put("slices", s.slices());
            m.put("columns", s.columns());
            m.put("rows", s.rows());
            m.put("transferSyntax", s.transferSyntax());
            m.put("multiFrame", s.multiFrame());
            if (s.multiFrame()) m.put("frames", s.frames());
            if (!s.stack().isEmpty()) m.put("stack", s.stack());
            m.put("uniform", s.uniform());
            if (!s.uniform()) m.put("stepsMm", s.stepsMm());
            m.put("tiltDeg", s.tiltDegrees());
            m.put("declaredTiltDeg", Double.isNaN(s.declaredTiltDegrees()) ? null : s.declaredTiltDegrees());
            m.put("notes", s.notes());
            l.add(m);
        }
        return l;
    }

    /** Text lines under a "DICOM series" heading; {@code read} is the series the volume above came from. */
    static void printText(PrintWriter out, List<DicomSeriesInfo> series, String read) {
        SummaryPrinter.line(out, "DICOM series", series.size() + " found" + (series.size() > 1
                ? "; read " + (read == null ? "the first (most slices; choose with --series)" : "'" + read + "'") : ""));
        for (DicomSeriesInfo s : series) {
            SummaryPrinter.line(out, "", s.summary());
            String tilt = Double.isNaN(s.declaredTiltDegrees()) ? "" : ", declared tilt " + SummaryPrinter.num(s.declaredTiltDegrees()) + " degrees";
            SummaryPrinter.line(out, "", "  " + s.modality() + ", " + s.transferSyntax()
                    + (s.multiFrame() ? ", multi-frame (" + s.frames() + " frames in one file)" : ", single-frame files")
                    + (s.uniform() ? ", evenly spaced" : ", NOT evenly spaced") + tilt);
            for (String n : s.notes()) SummaryPrinter.line(out, "", "  note: " + n);
        }
        out.flush();
    }
}
