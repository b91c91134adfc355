package org.interslice.core;

import java.nio.file.Path;

/**
 * The one exception Interslice throws for bad input or a failed operation on a file.
 * Its message is always {@code file: reason} (or just the reason when no file is involved), one line,
 * fit to print as the whole error a user sees.
 */
public class IntersliceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String reason;

    /**
     * @param file the file (or folder) the problem is about; may be null
     * @param reason what is wrong, one line, no trailing period needed
     * @param cause the underlying exception; may be null
     */
    public IntersliceException(Path file, String reason, Throwable cause) {
        this(file, oneLine(reason), cause, true);
    }

    private IntersliceException(Path file, String reason, Throwable cause, boolean clean) {
        // a file name may hold escape sequences (a crafted DICOM member, a header's data file value)
        super(file == null ? reason : printable(file.toString()) + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /**
     * {@code s} with every control character written as an escape ({@code \x1b}, {@code \n},
     * {@code \u009b}), so printing it cannot move the cursor, recolour or retitle a terminal.
     */
    public static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x100) sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            else sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Makes a reason printable on one line whatever a corrupt file put into it: control characters
     * become '?', and it is cut at {@value #MAX_REASON} characters.
     */
    static String oneLine(String reason) {
        if (reason == null) return "unknown error";
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON + 3));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            sb.append(Character.isISOControl(c) || Character.getType(c) == Character.UNASSIGNED ? '?' : c);
        }
        if (reason.length() > MAX_REASON) sb.append("...");
        return sb.toString();
    }

    /** Longest reason kept, in characters. */
    public static final int MAX_REASON = 400;

    public IntersliceException(Path file, String reason) {
        this(file, reason, null);
    }

    /** The file the problem is about, or null. */
    public Path file() {
        return file;
    }

    /** The problem without the file name. */
    public String reason() {
        return reason;
    }
}
