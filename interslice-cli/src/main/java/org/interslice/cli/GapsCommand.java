package org.interslice.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code interslice gaps}: missing sections and slices. Its subcommands do the work; without one it prints
 * its usage.
 */
@Command(name = "gaps", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = {"Missing serial sections and missing slices: reconstruct them only when the evidence is good (zmorph), "
                + "and record what happened so a synthesized section is never mistaken for a measured one."},
        subcommands = {GapsFillCommand.class})
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
