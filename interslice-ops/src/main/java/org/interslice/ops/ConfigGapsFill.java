package org.interslice.ops;

import java.nio.file.Path;
import org.interslice.core.gaps.ConfigZMorph;

/**
 * What one in-volume {@code gaps fill} run does: public fields with documented defaults, checked by
 * {@link #check()}. The reconstruction settings themselves (method, every gate threshold) are in {@link #zmorph}.
 */
public final class ConfigGapsFill {
    /** Volume file or folder to read. Required. */
    public Path input;
    /** File to write; its extension picks the format. Required; never one of the input's files. */
    public Path output;
    /**
     * Slice indices (z, from 0) whose content is missing or corrupt: never read into the reconstruction, each
     * filled when its gap passes the gates, else left as in the input. Consecutive indices form one gap.
     */
    public int[] missing;
    /** Method and gates. */
    public ConfigZMorph zmorph = new ConfigZMorph();
    /** How the input is read. */
    public ConfigInput read = new ConfigInput();
    /** Output settings (compression level). */
    public ConfigOutput write = new ConfigOutput();

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigGapsFill check() {
        if (input == null) throw new IllegalArgumentException("no input");
        if (output == null) throw new IllegalArgumentException("no output");
        if (missing == null || missing.length == 0) throw new IllegalArgumentException("no missing slices given");
        for (int i = 0; i < missing.length; i++) {
            if (missing[i] < 0) throw new IllegalArgumentException("missing slice " + missing[i] + " is negative");
            for (int j = 0; j < i; j++) if (missing[j] == missing[i]) throw new IllegalArgumentException("missing slice " + missing[i] + " is listed twice");
        }
        if (zmorph == null || read == null || write == null) throw new IllegalArgumentException("no zmorph, read or write settings");
        zmorph.check();
        read.check();
        write.check();
        return this;
    }
}
