package org.interslice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice gaps}: missing sections of serial-section data and missing planes of a volume. Only a
 * parent: its subcommands do the work ({@code plan}, {@code fill}, {@code finalise}).
 */
@Command(name = "gaps", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Missing sections of serial-section data and missing planes of a volume: reconstruct them only when the "
                + "evidence is good (zmorph), and record what happened so a synthesized section is never mistaken for a measured one.",
                "Workflow: gaps plan -> gaps fill -> gaps finalise."},
        subcommands = {GapsPlanCommand.class, GapsFillCommand.class, GapsFinaliseCommand.class})
final class GapsCommand implements Runnable {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
