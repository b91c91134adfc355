package org.interslice.ops;

import org.interslice.core.exec.Job;
import org.interslice.io.WriteOptions;

/** How an operation writes its outputs; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigOutput {
    /** Deflate level 1..9 of compressed outputs (.nii.gz, NRRD, .mha); default {@link WriteOptions#DEFAULT_GZIP_LEVEL}. */
    public int compressionLevel = WriteOptions.DEFAULT_GZIP_LEVEL;

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigOutput check() {
        if (compressionLevel < 1 || compressionLevel > 9)
            throw new IllegalArgumentException("compression level " + compressionLevel + " is not in 1..9");
        return this;
    }

    /** Write options with these settings, on {@code job}. */
    public WriteOptions options(Job job) {
        WriteOptions o = WriteOptions.defaults();
        o.gzipLevel = compressionLevel;
        o.job = job;
        return o;
    }
}
