package org.interslice.ops.gaps;

import java.nio.file.Path;

/** What one {@link Finalise} does; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigFinalise {
    /** The audit trail read ({@code slice_config.csv}). Required; never written. */
    public Path config;
    /** Folder of section volumes, as given to {@code gaps plan} and {@code gaps fill}; null: the plan from the config alone. */
    public Path sections;
    /** The output folder of {@code gaps fill}, holding one diagnostics JSON per single gap. Required. */
    public Path outcomes;
    /** The file written; null (default): {@code slice_config_final.csv} beside {@link #config}. */
    public Path output;

    /** The file written. */
    public Path output() {
        return output != null ? output : config.toAbsolutePath().resolveSibling("slice_config_final.csv");
    }

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigFinalise check() {
        if (config == null) throw new IllegalArgumentException("no --config");
        if (outcomes == null) throw new IllegalArgumentException("no --outcomes folder");
        return this;
    }
}
