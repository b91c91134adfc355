package org.interslice.ops;

import java.nio.file.Path;
import org.interslice.core.gaps.ConfigZMorph;

/**
 * What one {@code gaps fill} run does: public fields with documented defaults, checked by {@link #check()}.
 * Two modes: in one volume ({@link #input}, {@link #output}, {@link #missing}: {@link GapsFillOperation}) or
 * over serial sections ({@link #sliceConfig}, {@link #sections}, {@link #outFolder}: {@link GapsSectionFill}).
 * The reconstruction settings themselves (method, every gate threshold) are in {@link #zmorph}.
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
    /** Section mode: the audit trail {@code slice_config.csv} (read only). */
    public Path sliceConfig;
    /** Section mode: the folder holding one volume per section (see {@code ops.gaps.Sections}). */
    public Path sections;
    /** Section mode: the folder the reconstructed sections and their diagnostics go to (created when missing; not {@link #sections}). */
    public Path outFolder;
    /** Method and gates. */
    public ConfigZMorph zmorph = new ConfigZMorph();
    /**
     * Treat the input (every section in section mode) as a label map whatever it holds. Without it a label map
     * is one flagged by its format or, in one volume, recognised as {@code resample} recognises one; a label map
     * is reconstructed by zmorph's label path ({@link ConfigZMorph#labels}): no value that is not a label.
     */
    public boolean forceLabels;
    /** How the input is read. */
    public ConfigInput read = new ConfigInput();
    /** Output settings (compression level). */
    public ConfigOutput write = new ConfigOutput();

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigGapsFill check() {
        if (sectionMode()) {
            if (sliceConfig == null || sections == null || outFolder == null)
                throw new IllegalArgumentException("the section mode needs --config, --sections and --out");
            if (input != null || output != null || missing != null)
                throw new IllegalArgumentException("the section mode (--config, --sections, --out) takes no IN, OUT or --missing");
            if (zmorph == null || read == null || write == null) throw new IllegalArgumentException("no zmorph, read or write settings");
            zmorph.check();
            read.check();
            write.check();
            return this;
        }
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

    /** True when any section-mode field is set. */
    public boolean sectionMode() {
        return sliceConfig != null || sections != null || outFolder != null;
    }
}
