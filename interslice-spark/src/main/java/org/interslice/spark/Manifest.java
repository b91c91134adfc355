package org.interslice.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;

/**
 * A batch manifest: a CSV file with the header {@code input,output,operation,options} (any column order;
 * {@code options} may be left out) and one operation per line. Blank lines and lines starting with
 * {@code #} are skipped. Relative input and output paths are taken from the manifest's folder, so the
 * same manifest works from any working directory and on executors; paths inside {@code options}
 * (e.g. {@code --like REF}) should be absolute, as executors may run elsewhere.
 */
final class Manifest {
    /** Largest manifest read (a million rows of short paths is far below it). */
    static final long MAX_BYTES = 256L << 20;

    private Manifest() {}

    /**
     * One row.
     *
     * @param number 1-based number of the row among the manifest's data rows
     * @param input absolute input path (may be empty for {@code evaluate} when the options name the inputs)
     * @param output absolute output path
     * @param operation resample, interpolate, convert or evaluate
     * @param options the command's options, one string as typed
     * @param problem why the line cannot be run (malformed), else null
     */
    record Row(int number, String input, String output, String operation, String options, String problem) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** What identifies the work of a row in a report: same input, output, operation and options. */
        String key() {
            return Csv.line(List.of(input, output, operation, options));
        }
    }

    /**
     * Reads the rows; a malformed line is a row with its {@code problem}; IntersliceException naming the
     * manifest for an unreadable file or header.
     */
    static List<Row> read(Path manifest) {
        List<String> lines;
        try {
            if (Files.size(manifest) > MAX_BYTES) throw new IntersliceException(manifest, "manifest larger than " + MAX_BYTES + " bytes");
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IntersliceException(manifest, "cannot read the manifest: " + e.getMessage(), e);
        }
        Path base = manifest.toAbsolutePath().getParent();
        int header = 0;
        while (header < lines.size() && skipped(lines.get(header))) header++;
        if (header == lines.size()) throw new IntersliceException(manifest, "empty manifest (no header input,output,operation,options)");
        List<String> names = fields(manifest, header, lines.get(header)).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        int in = names.indexOf("input"), out = names.indexOf("output"), op = names.indexOf("operation"), opt = names.indexOf("options");
        if (in < 0 || out < 0 || op < 0)
            throw new IntersliceException(manifest, "line " + (header + 1) + ": the header needs the columns input,output,operation[,options], found " + names);
        List<Row> rows = new ArrayList<>();
        for (int i = header + 1; i < lines.size(); i++) {
            if (skipped(lines.get(i))) continue;
            List<String> f;
            String problem = null;
            try {
                f = Csv.parse(lines.get(i));
                if (f.size() > names.size()) problem = "manifest line " + (i + 1) + ": " + f.size() + " fields, the header has " + names.size()
                        + " (quote a field holding commas)";
            } catch (IllegalArgumentException e) {
                f = List.of();
                problem = "manifest line " + (i + 1) + ": " + e.getMessage();
            }
            String input = get(f, in), output = get(f, out);
            rows.add(new Row(rows.size() + 1, input.isEmpty() ? "" : base.resolve(input).normalize().toString(),
                    output.isEmpty() ? "" : base.resolve(output).normalize().toString(), get(f, op).toLowerCase(Locale.ROOT), opt < 0 ? "" : get(f, opt), problem));
        }
        return rows;
    }

    private static boolean skipped(String line) {
        return line.isBlank() || line.stripLeading().startsWith("#");
    }

    private static List<String> fields(Path manifest, int index, String line) {
        try {
            return Csv.parse(line);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(manifest, "line " + (index + 1) + ": " + e.getMessage());
        }
    }

    private static String get(List<String> f, int i) {
        return i < f.size() ? f.get(i) : "";
    }
}
