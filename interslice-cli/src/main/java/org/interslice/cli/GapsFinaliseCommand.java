package org.interslice.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.interslice.ops.gaps.ConfigFinalise;
import org.interslice.ops.gaps.Finalise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code interslice gaps finalise}: runs {@link Finalise} and prints what it wrote. */
@Command(name = "finalise", aliases = "finalize", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Merge the outcomes gaps fill wrote (one diagnostics JSON per single gap) into a copy of the audit "
                + "trail: interpolated, interpolation_failed, interpolation_method_used, interpolation_fallback_reason for every section.",
                "slice_config.csv itself is never changed."})
final class GapsFinaliseCommand implements Callable<Integer> {
    @ParentCommand
    GapsCommand gaps;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "CSV", description = "slice_config.csv, as given to gaps plan and gaps fill.")
    Path config;

    @Option(names = "--sections", paramLabel = "DIR", description = "The sections folder given to gaps fill (a section without a volume is missing).")
    Path sections;

    @Option(names = "--outcomes", required = true, paramLabel = "DIR", description = "The output folder of gaps fill (--out).")
    Path outcomes;

    @Option(names = "--out", paramLabel = "CSV", description = "File to write (default: slice_config_final.csv beside --config).")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigFinalise c = new ConfigFinalise();
        c.config = config;
        c.sections = sections;
        c.outcomes = outcomes;
        c.output = output;
        Finalise.Result r = Finalise.run(c);
        Notices.print(spec.commandLine().getErr(), r.notes(), r.warnings());
        out.printf("wrote %s: %d reconstructed, %d failed (hard skip), %d without an outcome, %d never filled%n", r.output(),
                r.reconstructed(), r.failed(), r.notAttempted(), r.neverFilled());
        out.flush();
        return 0;
    }
}
