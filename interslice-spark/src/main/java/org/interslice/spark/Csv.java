package org.interslice.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The comma-separated values of manifests and reports (RFC 4180 quoting: a field holding a comma, a quote
 * or spaces at its ends is quoted, a quote inside doubled). One record per line.
 */
final class Csv {
    private Csv() {}

    /** The fields of one line; IllegalArgumentException for an unclosed quote. */
    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"' && f.toString().isBlank()) {
                f.setLength(0);
                quoted = wasQuoted = true;
            } else if (c == ',') {
                out.add(wasQuoted ? f.toString() : f.toString().trim());
                f.setLength(0);
                wasQuoted = false;
            } else {
                f.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unclosed quote");
        out.add(wasQuoted ? f.toString() : f.toString().trim());
        return out;
    }

    /** One line (no line end) of these fields, quoted where needed. */
    static String line(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(',');
            String f = fields.get(i) == null ? "" : fields.get(i);
            boolean quote = f.contains(",") || f.contains("\"") || !f.equals(f.trim());
            b.append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return b.toString();
    }

    /**
     * The words of an options field as a shell would split them for a command: runs of spaces separate,
     * single or double quotes keep spaces inside a word (no escapes, no variables).
     */
    static List<String> words(String options) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unclosed quote in options: " + options);
        if (any) out.add(w.toString());
        return out;
    }
}
