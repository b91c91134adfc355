package org.interslice.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What happened to one manifest row: a line of the results report.
 *
 * @param row 1-based number of the row among the manifest's data rows
 * @param status {@code ok} (written), {@code skipped} (a complete output of the same work was there) or {@code failed}
 * @param error the one-line reason of a failure, else empty
 * @param seconds wall time of the row's task
 * @param output the output path
 * @param sha256 digest of the output ({@link Digests#of}), empty when there is none
 * @param input the input path (also in the report, so a re-run can tell the same work)
 * @param operation the operation
 * @param options the options as given
 */
public record Outcome(int row, String status, String error, double seconds, String output, String sha256, String input, String operation,
                      String options) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The report's header, in the order of {@link #fields}. */
    public static final List<String> HEADER = List.of("row", "status", "error", "seconds", "output", "sha256", "input", "operation", "options");

    public static final String OK = "ok", SKIPPED = "skipped", FAILED = "failed";

    /** The report fields of this outcome. */
    List<String> fields() {
        return List.of(Integer.toString(row), status, error, String.format(java.util.Locale.ROOT, "%.3f", seconds), output, sha256, input, operation, options);
    }

    /** True when the output is in place: written now or found complete. */
    public boolean done() {
        return status.equals(OK) || status.equals(SKIPPED);
    }
}
