package org.interslice.ops.gaps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.interslice.io.FilePlan;

/**
 * {@code gaps finalise}: merges the per-section outcomes of {@code gaps fill} into a copy of the audit trail,
 * {@code slice_config_final.csv}. Every section of the sequence gets its four interpolation columns:
 * <table>
 *   <caption>columns written</caption>
 *   <tr><th>section</th><th>interpolated</th><th>interpolation_failed</th><th>interpolation_method_used</th><th>interpolation_fallback_reason</th></tr>
 *   <tr><td>present</td><td>false</td><td>false</td><td></td><td></td></tr>
 *   <tr><td>single gap, reconstructed</td><td>true</td><td>false</td><td>the method</td><td></td></tr>
 *   <tr><td>single gap, hard skip</td><td>false</td><td>true</td><td>the method tried</td><td>the gate's reason (e.g. low_overlap_ncc)</td></tr>
 *   <tr><td>single gap, no outcome</td><td>false</td><td>false</td><td></td><td>not_attempted</td></tr>
 *   <tr><td>run of two or more</td><td>false</td><td>false</td><td></td><td>consecutive_missing_N</td></tr>
 *   <tr><td>at an end of the sequence</td><td>false</td><td>false</td><td></td><td>edge_of_sequence</td></tr>
 * </table>
 * A section absent from the config gets a row ({@code use=false}, {@code exclude_reason} "absent from
 * slice_config.csv") in number order. Other columns and rows are carried unchanged. Never prints.
 */
public final class Finalise {
    private Finalise() {}

    /** What was written and the counts by outcome. */
    public record Result(Path output, int reconstructed, int failed, int notAttempted, int neverFilled, List<String> notes, List<String> warnings) {}

    /** Runs it; IntersliceException for a bad config, folder or outcome file. */
    public static Result run(ConfigFinalise c) {
        c.check();
        Path out = c.output();
        List<String> notes = new ArrayList<>(new FilePlan().readFile(c.config).writeFile(out).check());
        SliceConfig cfg = SliceConfig.read(c.config);
        GapPlan plan = GapPlan.of(cfg, c.sections == null ? null : Sections.find(c.sections));
        notes.addAll(plan.notes());
        TreeMap<Integer, SectionOutcome> outcomes = SectionOutcome.readAll(c.outcomes);
        List<String> warnings = new ArrayList<>(plan.warnings());
        for (SliceConfig.Row r : cfg.rows()) mark(r, false, false, "", "");
        int ok = 0, failed = 0, missingOutcome = 0, never = 0;
        for (GapPlan.Gap g : plan.gaps()) {
            for (GapPlan.Missing m : g.missing()) {
                SliceConfig.Row r = cfg.row(m.number());
                if (r == null) {
                    r = cfg.add(m.id());
                    r.set("use", "false");
                    r.set("exclude_reason", "absent from slice_config.csv");
                }
                SectionOutcome o = outcomes.remove(m.number());
                if (g.kind() != GapPlan.Kind.SINGLE) {
                    never++;
                    mark(r, false, false, "", g.kind() == GapPlan.Kind.RUN ? "consecutive_missing_" + g.missing().size() : "edge_of_sequence");
                    if (o != null) warnings.add(o.file() + ": section " + m.id() + " is not a single gap: its outcome is ignored");
                } else if (o == null) {
                    missingOutcome++;
                    mark(r, false, false, "", "not_attempted");
                    warnings.add("section " + m.id() + ": no outcome in " + c.outcomes + " (gaps fill not run for it?)");
                } else if (o.ok()) {
                    ok++;
                    mark(r, true, false, o.methodUsed(), "");
                } else {
                    failed++;
                    mark(r, false, true, o.methodUsed().isEmpty() ? o.method() : o.methodUsed(), o.fallbackReason().isEmpty() ? "unknown" : o.fallbackReason());
                }
            }
        }
        for (SectionOutcome o : outcomes.values())
            warnings.add(o.file() + ": section " + o.id() + " is not missing in " + c.config.getFileName() + ": its outcome is ignored");
        cfg.write(out);
        notes.add(String.format(Locale.ROOT, "%d reconstructed, %d failed (hard skip), %d without an outcome, %d never filled", ok, failed, missingOutcome, never));
        return new Result(out, ok, failed, missingOutcome, never, notes, warnings);
    }

    private static void mark(SliceConfig.Row r, boolean interpolated, boolean failed, String method, String reason) {
        r.set("interpolated", Boolean.toString(interpolated));
        r.set("interpolation_failed", Boolean.toString(failed));
        r.set("interpolation_method_used", method);
        r.set("interpolation_fallback_reason", reason);
    }
}
