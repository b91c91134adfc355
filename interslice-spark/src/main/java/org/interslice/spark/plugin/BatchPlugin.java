package org.interslice.spark.plugin;

import org.interslice.cli.CommandPlugin;

/**
 * Adds {@code interslice batch} when this module is on the class path (META-INF/services). The command
 * it adds is a shim ({@link BatchShim}) that touches no Spark class: Spark and the command itself are
 * loaded only when {@code batch} runs, so the other commands start as fast as without the module.
 */
public final class BatchPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new BatchShim();
    }
}
