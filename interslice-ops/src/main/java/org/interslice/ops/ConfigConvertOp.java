package org.interslice.ops;

import java.nio.file.Path;
import org.interslice.core.volume.PixelType;

/** What one {@link ConvertOperation} does; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigConvertOp {
    /** Volume file or folder to read. Required. */
    public Path input;
    /** File to write; its extension names the format. Required. */
    public Path output;
    /** How the input is read (stack spacing, DICOM series). */
    public ConfigInput read = new ConfigInput();
    /** Voxel type of the output; null (default) keeps the input's. Integer types round and saturate (with a warning). */
    public PixelType type = null;
    /** Mark the output as a label map. Default false (keep the input's flag). */
    public boolean labels = false;
    /** Output settings: compression level, header fields. */
    public ConfigOutput write = new ConfigOutput();

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigConvertOp check() {
        if (input == null) throw new IllegalArgumentException("no input");
        if (output == null) throw new IllegalArgumentException("no output");
        if (read == null || write == null) throw new IllegalArgumentException("read or write settings are null");
        read.check();
        write.check();
        return this;
    }
}
