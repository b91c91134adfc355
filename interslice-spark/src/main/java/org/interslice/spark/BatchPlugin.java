package org.interslice.spark;

import org.interslice.cli.CommandPlugin;

/** Adds {@code interslice batch} when this module's jar is on the class path (META-INF/services). */
public final class BatchPlugin implements CommandPlugin {
    @Override
    public Object command() {
        return new BatchCommand();
    }
}
