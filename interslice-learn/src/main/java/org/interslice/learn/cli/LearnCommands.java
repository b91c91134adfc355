package org.interslice.learn.cli;

import org.interslice.cli.CommandPlugin;

/** Adds {@code train} to the command line when this module's jar is on the class path. */
public final class LearnCommands implements CommandPlugin {
    @Override
    public Object command() {
        return new TrainCommand();
    }
}
