package org.interslice.ops.gaps;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.interslice.core.IntersliceException;
import org.interslice.io.AtomicFiles;

/**
 * The audit trail of a serial-section acquisition: {@code slice_config.csv}, one row per section, in the
 * columns linumpy's {@code zmorph} pipeline uses ({@link #AUDIT_COLUMNS}) plus any other columns, which are
 * carried through unchanged and in their order. CSV as RFC 4180 says: comma separated, fields in double
 * quotes may hold commas, quotes (doubled) and line breaks, records end in CRLF or LF (a file written back
 * keeps the line ending of the file read), empty cells are empty strings. A UTF-8 byte order mark is skipped.
 *
 * <p>{@code slice_id} is required and holds the section number with any zero padding ({@code 05}); the text
 * is kept as written. Booleans ({@code use}, {@code interpolated}, {@code interpolation_failed}) read
 * true/1/yes/y/t and false/0/no/n/f in any case; an empty cell is the default ({@code use} true, the
 * others false). A section is requested for reconstruction when {@code use} is false or when its number is
 * absent from the sequence between the first and the last row (see {@link GapPlan}).
 *
 * <p>Not thread-safe. Bad input throws one {@link IntersliceException} naming the file, the line and the problem.
 */
public final class SliceConfig {
    /** The columns this class reads and fills, in the order a new file gets them. */
    /** Most sections from the lowest to the highest slice_id (a missing row counts as a missing section). */
    public static final int MAX_SEQUENCE = 100_000;

    public static final List<String> AUDIT_COLUMNS = List.of("slice_id", "use", "exclude_reason", "quality_score", "notes",
            "interpolated", "interpolation_failed", "interpolation_method_used", "interpolation_fallback_reason");

    private final List<String> columns;
    private final List<Row> rows;
    private final String lineEnd;

    /** One section: its cells by column, in the config's column order. */
    public final class Row {
        private final String[] cells;
        private final int line;

        private Row(String[] cells, int line) {
            this.cells = cells;
            this.line = line;
        }

        /** The cell of {@code column} ("" when empty); IllegalArgumentException for a column the config lacks. */
        public String get(String column) {
            return cells[index(column)];
        }

        /** Sets the cell of {@code column} (null means empty). */
        public void set(String column, String value) {
            cells[index(column)] = value == null ? "" : value;
        }

        /** {@code slice_id} as written (padding kept). */
        public String id() {
            return get("slice_id");
        }

        /** The section number {@code slice_id} holds. */
        public int number() {
            return parseId(id());
        }

        /** {@code use} (empty: true). */
        public boolean use() {
            return bool(get("use"), true);
        }

        /** The line of the file this row started on (1 = the header); 0 for a row added in memory. */
        public int line() {
            return line;
        }

        private int index(String column) {
            int i = columns.indexOf(column);
            if (i < 0) throw new IllegalArgumentException("no column " + column);
            return i;
        }
    }

    private SliceConfig(List<String> columns, String lineEnd) {
        this.columns = new ArrayList<>(columns);
        this.rows = new ArrayList<>();
        this.lineEnd = lineEnd;
    }

    /** An empty config with the audit columns only, written with LF line ends. */
    public static SliceConfig empty() {
        return new SliceConfig(AUDIT_COLUMNS, "\n");
    }

    /** The column names in order: the file's, then any audit column it lacked. Not modifiable. */
    public List<String> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** The rows in file order. Not modifiable (cells are, through {@link Row#set}). */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The row of section {@code number}, or null. */
    public Row row(int number) {
        for (Row r : rows) if (r.number() == number) return r;
        return null;
    }

    /**
     * Adds a row for section {@code id} (e.g. "07"), every other cell empty, before the first row of a
     * higher section number (at the end when there is none). IllegalArgumentException when the id holds
     * no number or the section already has a row.
     */
    public Row add(String id) {
        int n = parseId(id);
        if (row(n) != null) throw new IllegalArgumentException("section " + id + " already has a row");
        String[] cells = new String[columns.size()];
        java.util.Arrays.fill(cells, "");
        Row r = new Row(cells, 0);
        r.set("slice_id", id);
        int at = rows.size();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).number() > n) { at = i; break; }
        rows.add(at, r);
        return r;
    }

    /** The rows sorted by section number (the file's order is kept by {@link #rows()}). */
    public List<Row> bySection() {
        TreeMap<Integer, Row> m = new TreeMap<>();
        for (Row r : rows) m.put(r.number(), r);
        return new ArrayList<>(m.values());
    }

    /**
     * Reads {@code file}. Missing audit columns are added (empty) after the file's own columns.
     *
     * @throws IntersliceException naming the file and line: unreadable file, no header, a duplicate or
     *     empty column name, no {@code slice_id} column, a record with another number of fields than the
     *     header, an unterminated quote, text after a closing quote, a slice_id without a number, two rows
     *     for one section, a boolean that is not one of the forms above, a quality_score that is not a number,
     *     section numbers spanning more than {@link #MAX_SEQUENCE}
     */
    public static SliceConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Record> records = parse(file, text);
        if (records.isEmpty()) throw new IntersliceException(file, "empty: no header line");
        Record head = records.get(0);
        String lineEnd = text.indexOf("\r\n") >= 0 && text.indexOf("\r\n") <= text.indexOf('\n') ? "\r\n" : "\n";
        List<String> cols = new ArrayList<>();
        for (String c : head.fields) {
            String name = c.trim();
            if (name.isEmpty()) throw new IntersliceException(file, "line 1: column " + (cols.size() + 1) + " has no name");
            if (cols.contains(name)) throw new IntersliceException(file, "line 1: column " + name + " appears twice");
            cols.add(name);
        }
        if (!cols.contains("slice_id")) throw new IntersliceException(file, "line 1: no slice_id column (columns: " + String.join(", ", cols) + ")");
        int own = cols.size();
        for (String c : AUDIT_COLUMNS) if (!cols.contains(c)) cols.add(c);
        SliceConfig cfg = new SliceConfig(cols, lineEnd);
        Map<Integer, Integer> seen = new HashMap<>();
        for (Record rec : records.subList(1, records.size())) {
            if (rec.fields.size() == 1 && rec.fields.get(0).isEmpty()) continue;   // a blank line
            if (rec.fields.size() != own)
                throw new IntersliceException(file, "line " + rec.line + ": " + rec.fields.size() + " fields, the header has " + own);
            String[] cells = new String[cols.size()];
            java.util.Arrays.fill(cells, "");
            for (int i = 0; i < own; i++) cells[i] = rec.fields.get(i);
            Row r = cfg.new Row(cells, rec.line);
            int n;
            try {
                n = parseId(r.id());
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(file, "line " + rec.line + ": " + e.getMessage());
            }
            Integer before = seen.put(n, rec.line);
            if (before != null) throw new IntersliceException(file, "line " + rec.line + ": section " + n + " already has a row on line " + before);
            for (String b : List.of("use", "interpolated", "interpolation_failed")) {
                try {
                    bool(r.get(b), false);
                } catch (IllegalArgumentException e) {
                    throw new IntersliceException(file, "line " + rec.line + ": " + b + ": " + e.getMessage());
                }
            }
            String q = r.get("quality_score").trim();
            if (!q.isEmpty()) {
                try {
                    Double.parseDouble(q);
                } catch (NumberFormatException e) {
                    throw new IntersliceException(file, "line " + rec.line + ": quality_score '" + clip(q) + "' is not a number");
                }
            }
            cfg.rows.add(r);
        }
        if (!seen.isEmpty()) {
            int lo = java.util.Collections.min(seen.keySet()), hi = java.util.Collections.max(seen.keySet());
            if ((long) hi - lo + 1 > MAX_SEQUENCE)
                throw new IntersliceException(file, "line " + seen.get(hi) + ": section " + hi + " is more than " + MAX_SEQUENCE
                        + " sections after section " + lo + " (every section between them would be missing): check the slice_id values");
        }
        return cfg;
    }

    /** Writes this config to {@code file} atomically (a temporary beside it, renamed when complete). */
    public void write(Path file) {
        StringBuilder sb = new StringBuilder();
        appendRecord(sb, columns);
        for (Row r : rows) appendRecord(sb, List.of(r.cells));
        try (AtomicFiles af = new AtomicFiles()) {
            try (OutputStream os = af.open(file)) {
                os.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw AtomicFiles.cannotWrite(file, e);
            }
            af.commit();
        }
    }

    private void appendRecord(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String f = fields.get(i);
            boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
            if (quote) sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            else sb.append(f);
        }
        sb.append(lineEnd);
    }

    /**
     * The number in a section id: its digits, optionally after a non-digit prefix ("05", "z05"). A '-' right
     * before the digits reads as a minus sign ("-1", "z-1"): refused, as are more than 9 digits.
     */
    static int parseId(String id) {
        String s = id.trim();
        int d = 0;
        while (d < s.length() && !Character.isDigit(s.charAt(d))) d++;
        if (d == s.length()) throw new IllegalArgumentException("slice_id '" + clip(id) + "' holds no section number");
        if (d > 0 && (s.charAt(d - 1) == '-' || s.charAt(d - 1) == '\u2212'))
            throw new IllegalArgumentException("slice_id '" + clip(id) + "' is negative or ambiguous ('-' before its number): section numbers are 0 or more, e.g. 05 or z05");
        if (s.length() - d > 9) throw new IllegalArgumentException("slice_id '" + clip(id) + "': section number too large (more than 9 digits)");
        for (int i = d; i < s.length(); i++)
            if (s.charAt(i) < '0' || s.charAt(i) > '9') throw new IllegalArgumentException("slice_id '" + clip(id) + "' is not a section number");
        return Integer.parseInt(s.substring(d));
    }

    /**
     * A boolean cell: true/1/yes/y/t or false/0/no/n/f in any case, surrounding spaces ignored; empty gives
     * {@code empty}. IllegalArgumentException otherwise.
     */
    public static boolean bool(String cell, boolean empty) {
        String s = cell.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "": return empty;
            case "true": case "1": case "yes": case "y": case "t": return true;
            case "false": case "0": case "no": case "n": case "f": return false;
            default: throw new IllegalArgumentException("'" + clip(cell) + "' is not a boolean (true/1/yes/y/t or false/0/no/n/f)");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** One CSV record and the line it starts on. */
    private record Record(List<String> fields, int line) {}

    /** RFC 4180 records of {@code text}; a final line break is optional. */
    private static List<Record> parse(Path file, String text) {
        List<Record> out = new ArrayList<>();
        int i = 0, n = text.length(), line = 1;
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean end = false;
            while (!end) {
                if (i < n && text.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) throw new IntersliceException(file, "line " + start + ": a quoted field is not closed before the end of the file");
                        char c = text.charAt(i++);
                        if (c == '"') {
                            if (i < n && text.charAt(i) == '"') { f.append('"'); i++; } else break;
                        } else {
                            if (c == '\n') line++;
                            f.append(c);
                        }
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r')
                        throw new IntersliceException(file, "line " + line + ": text after a closing quote (a quote inside a field must be doubled)");
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == ',' || c == '\n' || c == '\r') break;
                        if (c == '"') throw new IntersliceException(file, "line " + line + ": a quote inside an unquoted field (quote the field and double the quote)");
                        f.append(c);
                        i++;
                    }
                }
                fields.add(f.toString());
                f.setLength(0);
                if (i >= n) end = true;
                else if (text.charAt(i) == ',') i++;
                else {
                    if (text.charAt(i) == '\r') i++;
                    if (i < n && text.charAt(i) == '\n') i++;
                    line++;
                    end = true;
                }
            }
            out.add(new Record(fields, start));
        }
        return out;
    }
}
