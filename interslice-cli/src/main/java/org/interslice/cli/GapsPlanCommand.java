package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.interslice.io.FilePlan;
import org.interslice.ops.gaps.GapPlan;
import org.interslice.ops.gaps.Sections;
import org.interslice.ops.gaps.SliceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code interslice gaps plan}: reads slice_config.csv (and the sections folder) and prints the {@link GapPlan}. */
@Command(name = "plan", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"List the missing sections: single gaps (reconstructable by gaps fill) and runs of two or more "
                + "or gaps at an end of the sequence (a warning; never filled).",
                "A section is missing when its row says use=false, when it has no row, or (with --sections) when the "
                        + "folder holds no volume for it. Exit 0 when the plan was made (whatever it holds), 1 for a bad config or folder."})
final class GapsPlanCommand implements Callable<Integer> {
    @ParentCommand
    GapsCommand gaps;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "CSV", description = "slice_config.csv: one row per section (slice_id, use, ...).")
    Path config;

    @Option(names = "--sections", paramLabel = "DIR",
            description = "Folder with one volume per section, numbered by the last digits of its name (slice_z05.ome.zarr is section 5).")
    Path sections;

    @Option(names = "--json", description = "Print the plan as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        new FilePlan().readFile(config).check();
        SliceConfig c = SliceConfig.read(config);
        Sections found = sections == null ? null : Sections.find(sections);
        GapPlan plan;
        try {
            plan = GapPlan.of(c, found);
        } catch (IllegalArgumentException e) {
            throw new org.interslice.core.IntersliceException(config, e.getMessage());
        }
        if (json) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("config", config.toAbsolutePath().normalize().toString());
            m.put("sections", sections == null ? null : sections.toAbsolutePath().normalize().toString());
            m.putAll(plan.asMap(c, found));
            SummaryPrinter.printJson(out, m);
            Notices.print(err, plan.notes(), plan.warnings());
            return 0;
        }
        Notices.print(err, plan.notes(), plan.warnings());
        int missing = plan.gaps().stream().mapToInt(g -> g.missing().size()).sum();
        out.printf("%s: sections %d to %d, %d present, %d missing in %d gap%s, %d single (reconstructable)%n", config, plan.first(), plan.last(),
                plan.present(), missing, plan.gaps().size(), plan.gaps().size() == 1 ? "" : "s", plan.singles().size());
        for (GapPlan.Gap g : plan.gaps()) {
            String where = g.before() == null ? "at the start" : g.after() == null ? "at the end"
                    : "between " + c.row(g.before()).id().trim() + " and " + c.row(g.after()).id().trim();
            String what = g.kind() == GapPlan.Kind.SINGLE ? "fill" : "never filled";
            out.printf("  %-6s %-9s %-18s %-12s %s%n", g.kind().name().toLowerCase(java.util.Locale.ROOT), GapPlan.ids(g), where, what,
                    g.missing().stream().map(GapPlan.Missing::reason).distinct().reduce((a, b) -> a + "; " + b).orElse(""));
        }
        out.flush();
        return 0;
    }
}
