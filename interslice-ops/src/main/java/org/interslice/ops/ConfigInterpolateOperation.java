package org.interslice.ops;

import java.nio.file.Path;
import org.interslice.core.synth.ConfigInterpolate;

/**
 * What one {@code interpolate} run does at the file level: public fields with documented defaults,
 * checked by {@link #check()}. The synthesis settings themselves are in {@link #synthesis}.
 */
public final class ConfigInterpolateOperation {
    /** Volume file or folder (DICOM series, image stack) to read. Required. */
    public Path input;
    /** File to write; its extension picks the format. Required; never one of the input's files. */
    public Path output;
    /** Method, factor or spacing, axis, label forcing, batch size. */
    public ConfigInterpolate synthesis = new ConfigInterpolate();
    /**
     * Text file of slice positions in mm, one number per slice in slice order (serial sections); blank
     * lines and lines starting with # are skipped. Null (default): positions come from the geometry.
     * Overrides {@link ConfigInterpolate#positionsMm}.
     */
    public Path positionsFile;
    /** How the input is read (stack spacing, DICOM series, data outside the header's folder). */
    public ConfigInput read = new ConfigInput();
    /**
     * Output settings (compression level, extra header fields); the output header also says which slices
     * were synthesized (NIfTI descrip, NRRD and MetaImage key-value fields).
     */
    public ConfigOutput write = new ConfigOutput();
    /**
     * Keep a sheared (gantry-tilted) input's shear; false (default) moves the result onto the orthogonal
     * grid of the same slice planes ({@code Grid.orthogonal()}, in-plane linear, as {@code resample} does).
     */
    public boolean keepShear = false;
    /** Refuse work whose estimated peak memory exceeds this many bytes; 0 (default) means the JVM's maximum heap. */
    public long maxMemoryBytes = 0;
    /** Write the provenance sidecar ({@link Provenance#sidecarOf}) beside the output. Default true. */
    public boolean sidecar = true;

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigInterpolateOperation check() {
        if (input == null) throw new IllegalArgumentException("no input");
        if (output == null) throw new IllegalArgumentException("no output");
        if (synthesis == null) throw new IllegalArgumentException("no synthesis settings");
        synthesis.check();
        if (read == null || write == null) throw new IllegalArgumentException("no read or write settings");
        read.check();
        write.check();
        if (maxMemoryBytes < 0) throw new IllegalArgumentException("maxMemoryBytes " + maxMemoryBytes + " is negative");
        return this;
    }

    /** The memory limit in bytes: {@link #maxMemoryBytes}, or the JVM's maximum heap when 0. */
    public long memoryLimit() {
        return maxMemoryBytes > 0 ? maxMemoryBytes : Runtime.getRuntime().maxMemory();
    }
}
