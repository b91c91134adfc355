package org.interslice.ops.gaps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.interslice.core.IntersliceException;

/**
 * What reconstructing one missing section gave, as its diagnostics JSON says: the fields {@code slice_id}
 * (the section, as the config writes it), {@code interpolated} (true when a section was written; {@code ok}
 * is read when it is absent), {@code method}
 * (asked for), {@code method_used} and {@code fallback_reason} (why nothing was written; empty when ok).
 * {@code gaps fill} writes one such file per single gap into its output folder; {@code gaps finalise}
 * reads them back into {@code slice_config_final.csv}.
 *
 * @param file the diagnostics file
 */
public record SectionOutcome(int number, String id, boolean ok, String method, String methodUsed, String fallbackReason, Path file) {
    /** The field naming the section: present in section-mode diagnostics only. */
    public static final String SLICE_ID = "slice_id";

    /**
     * Every outcome in {@code folder}: the non-hidden {@code *.json} files that hold {@value #SLICE_ID}
     * (other JSON files, such as provenance sidecars, are skipped), by section number.
     *
     * @throws IntersliceException for an unreadable folder or file, a file without {@code interpolated}, or two
     *     outcomes for one section
     */
    public static TreeMap<Integer, SectionOutcome> readAll(Path folder) {
        if (!Files.isDirectory(folder)) throw new IntersliceException(folder, "not a folder (the output folder of gaps fill)");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.json")) {
            for (Path p : ds) if (!p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)) files.add(p);
        } catch (IOException e) {
            throw new IntersliceException(folder, "cannot list: " + e.getMessage(), e);
        }
        java.util.Collections.sort(files);
        TreeMap<Integer, SectionOutcome> out = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Path f : files) {
            JsonNode n;
            try {
                n = json.readTree(f.toFile());
            } catch (IOException e) {
                throw new IntersliceException(f, "not valid JSON: " + jsonProblem(e), e);
            }
            if (n == null || !n.isObject() || !n.hasNonNull(SLICE_ID)) continue;
            String id = n.get(SLICE_ID).asText();
            int number;
            try {
                number = SliceConfig.parseId(id);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(f, e.getMessage());
            }
            JsonNode ok = n.has("interpolated") ? n.get("interpolated") : n.get("ok");
            if (ok == null || !ok.isBoolean()) throw new IntersliceException(f, "no boolean field interpolated: not a diagnostics file of gaps fill");
            SectionOutcome o = new SectionOutcome(number, id, ok.asBoolean(), text(n, "method"), text(n, "method_used"), text(n, "fallback_reason"), f);
            SectionOutcome before = out.put(number, o);
            if (before != null) throw new IntersliceException(f, "a second outcome for section " + id + " (the first is " + before.file().getFileName() + ")");
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** A parser's complaint in one line, with its place but without the parser's internals (source, markers). */
    static String jsonProblem(IOException e) {
        if (!(e instanceof com.fasterxml.jackson.core.JsonProcessingException j)) return String.valueOf(e.getMessage()).split("\\R")[0];
        String why = String.valueOf(j.getOriginalMessage()).split("\\R")[0];
        int marker = why.indexOf(" (start marker at");
        if (marker > 0) why = why.substring(0, marker);
        com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
        return at == null ? why : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + why;
    }
}
