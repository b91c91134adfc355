package org.interslice.ops.gaps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which sections of a serial-section acquisition are missing and which of them can be reconstructed.
 * The sequence runs from the lowest to the highest section number of {@code slice_config.csv}; a section
 * in it is missing when its row says {@code use=false}, when it has no row, or (with a sections folder)
 * when the folder holds no volume for it. Missing sections next to each other form one gap:
 * <ul>
 *   <li>{@link Kind#SINGLE}: one missing section between two present ones: reconstructable;</li>
 *   <li>{@link Kind#RUN}: two or more in a row: never filled (no measured evidence reaches the middle), a warning;</li>
 *   <li>{@link Kind#EDGE}: missing sections at the start or end of the sequence: nothing on one side, never filled.</li>
 * </ul>
 */
public final class GapPlan {
    /** What kind of gap. */
    public enum Kind { SINGLE, RUN, EDGE }

    /** One missing section: its number, its id (padding as the config writes ids), and why it is missing. */
    public record Missing(int number, String id, String reason) {}

    /**
     * A gap: its missing sections in order and the present neighbours (null at an edge).
     *
     * @param before the section before the gap (its number), or null
     * @param after the section after, or null
     */
    public record Gap(Kind kind, List<Missing> missing, Integer before, Integer after) {
        /** The first missing section's number. */
        public int first() {
            return missing.get(0).number();
        }

        /** The last missing section's number. */
        public int last() {
            return missing.get(missing.size() - 1).number();
        }
    }

    private final int first;
    private final int last;
    private final int present;
    private final List<Gap> gaps;
    private final List<String> notes;

    private GapPlan(int first, int last, int present, List<Gap> gaps, List<String> notes) {
        this.first = first;
        this.last = last;
        this.present = present;
        this.gaps = gaps;
        this.notes = notes;
    }

    /** The lowest section number of the sequence. */
    public int first() {
        return first;
    }

    /** The highest section number of the sequence. */
    public int last() {
        return last;
    }

    /** How many sections of the sequence are present (usable). */
    public int present() {
        return present;
    }

    /** Every gap in order. Not modifiable. */
    public List<Gap> gaps() {
        return Collections.unmodifiableList(gaps);
    }

    /** The single gaps (reconstructable). */
    public List<Gap> singles() {
        List<Gap> l = new ArrayList<>();
        for (Gap g : gaps) if (g.kind() == Kind.SINGLE) l.add(g);
        return l;
    }

    /** The gaps that are never filled (runs of two or more, edges). */
    public List<Gap> unfillable() {
        List<Gap> l = new ArrayList<>();
        for (Gap g : gaps) if (g.kind() != Kind.SINGLE) l.add(g);
        return l;
    }

    /** Things the caller should tell the user (volumes outside the sequence, ...). */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** One warning line per gap that is never filled. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (Gap g : gaps) {
            if (g.kind() == Kind.RUN)
                w.add(String.format(Locale.ROOT, "sections %s to %s: %d missing in a row, not reconstructed (only single gaps are)",
                        g.missing().get(0).id(), g.missing().get(g.missing().size() - 1).id(), g.missing().size()));
            else if (g.kind() == Kind.EDGE)
                w.add(String.format(Locale.ROOT, "section%s %s at the %s of the sequence: no neighbour on one side, not reconstructed",
                        g.missing().size() > 1 ? "s" : "", ids(g), g.before() == null ? "start" : "end"));
        }
        return w;
    }

    /** The ids of a gap's sections, e.g. "04" or "04-06". */
    public static String ids(Gap g) {
        return g.missing().size() == 1 ? g.missing().get(0).id() : g.missing().get(0).id() + "-" + g.missing().get(g.missing().size() - 1).id();
    }

    /**
     * The plan of {@code config}, checking the volumes of {@code sections} when non-null.
     *
     * @throws IllegalArgumentException for a config without rows
     */
    public static GapPlan of(SliceConfig config, Sections sections) {
        if (config.rows().isEmpty()) throw new IllegalArgumentException("slice_config has no rows");
        TreeSet<Integer> numbers = new TreeSet<>();
        int width = -1;
        boolean sameWidth = true;
        for (SliceConfig.Row r : config.rows()) {
            numbers.add(r.number());
            int w = r.id().trim().length();
            if (width >= 0 && w != width) sameWidth = false;
            width = w;
        }
        int first = numbers.first(), last = numbers.last();
        List<String> notes = new ArrayList<>();
        if (sections != null)
            for (Sections.Section s : sections.byNumber().values())
                if (s.number() < first || s.number() > last)
                    notes.add("section volume " + s.path().getFileName() + " lies outside the sequence of slice_config.csv (" + first + " to " + last + "): ignored");
        List<Gap> gaps = new ArrayList<>();
        List<Missing> open = new ArrayList<>();
        Integer lastPresent = null;
        int present = 0;
        for (int n = first; n <= last; n++) {
            SliceConfig.Row r = config.row(n);
            String reason = null;
            if (r == null) reason = "absent from slice_config.csv";
            else if (!r.use()) reason = "use=false" + (r.get("exclude_reason").isBlank() ? "" : " (" + r.get("exclude_reason").trim() + ")");
            else if (sections != null && sections.get(n) == null) reason = "no volume in " + sections.folder();
            if (reason != null) {
                String id = r != null ? r.id().trim() : sameWidth ? String.format(Locale.ROOT, "%0" + Math.max(1, width) + "d", n) : Integer.toString(n);
                open.add(new Missing(n, id, reason));
                continue;
            }
            if (!open.isEmpty()) {
                Kind k = lastPresent == null ? Kind.EDGE : open.size() == 1 ? Kind.SINGLE : Kind.RUN;
                gaps.add(new Gap(k, List.copyOf(open), lastPresent, n));
                open.clear();
            }
            lastPresent = n;
            present++;
        }
        if (!open.isEmpty()) gaps.add(new Gap(Kind.EDGE, List.copyOf(open), lastPresent, null));
        return new GapPlan(first, last, present, gaps, notes);
    }

    /**
     * The plan as JSON-ready maps and lists ({@code gaps plan --json}): the sequence, and per gap its kind
     * ({@code single}, {@code run}, {@code edge}), its sections (slice_id, number, reason), the neighbours'
     * slice_ids and volume paths (when {@code sections} is given), whether it will be filled; warnings and notes.
     */
    public java.util.Map<String, Object> asMap(SliceConfig config, Sections sections) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("first", first);
        m.put("last", last);
        m.put("present", present);
        m.put("missing", gaps.stream().mapToInt(g -> g.missing().size()).sum());
        m.put("singleGaps", singles().size());
        List<Object> gl = new ArrayList<>();
        for (Gap g : gaps) {
            java.util.Map<String, Object> gm = new java.util.LinkedHashMap<>();
            gm.put("kind", g.kind().name().toLowerCase(Locale.ROOT));
            gm.put("fill", g.kind() == Kind.SINGLE);
            List<Object> ml = new ArrayList<>();
            for (Missing x : g.missing()) {
                java.util.Map<String, Object> xm = new java.util.LinkedHashMap<>();
                xm.put("slice_id", x.id());
                xm.put("number", x.number());
                xm.put("reason", x.reason());
                ml.add(xm);
            }
            gm.put("sections", ml);
            gm.put("before", neighbour(g.before(), config, sections));
            gm.put("after", neighbour(g.after(), config, sections));
            gl.add(gm);
        }
        m.put("gaps", gl);
        m.put("warnings", warnings());
        m.put("notes", notes);
        return m;
    }

    private static Object neighbour(Integer n, SliceConfig config, Sections sections) {
        if (n == null) return null;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("slice_id", config.row(n).id().trim());
        m.put("number", n);
        if (sections != null) m.put("volume", sections.get(n).path().toAbsolutePath().normalize().toString());
        return m;
    }
}
