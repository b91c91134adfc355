package org.interslice.ops;

import org.interslice.core.exec.Job;
import org.interslice.io.HeaderFields;
import org.interslice.io.WriteOptions;

/** How an operation writes its outputs; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigOutput {
    /** Deflate level 1..9 of compressed outputs (.nii.gz, NRRD, .mha); default {@link WriteOptions#DEFAULT_GZIP_LEVEL}. */
    public int compressionLevel = WriteOptions.DEFAULT_GZIP_LEVEL;

    /**
     * Header fields written on top of the ones carried from the input (NIfTI codes, intent, aux_file,
     * units, descrip): a field set here replaces the input's; notes are added. Use it to mark outputs, e.g.
     * {@code extra.note("interslice_synthesized", "slices 3,7")} or {@code extra.description = "..."};
     * NIfTI puts description and notes in descrip (79 bytes), NRRD in {@code content} and {@code key:=value},
     * MetaImage in {@code Comment} and {@code Key = Value}. Never null.
     */
    public HeaderFields extra = new HeaderFields();

    /**
     * Output format by name ("dicom", "nifti", "nrrd", "metaimage", "tiff", "ome-zarr"), for every volume the
     * operation writes; null (default): each output's extension names it (a folder ending in {@code .dcm}
     * is a DICOM series).
     */
    public String format;

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigOutput check() {
        if (extra == null) throw new IllegalArgumentException("extra header fields are null");
        for (java.util.Map.Entry<String, String> e : extra.notes.entrySet()) HeaderFields.checkNote(e.getKey(), e.getValue());
        if (compressionLevel < 1 || compressionLevel > 9)
            throw new IllegalArgumentException("compression level " + compressionLevel + " is not in 1..9");
        return this;
    }

    /** Write options with these settings, on {@code job}, without carried header fields. */
    public WriteOptions options(Job job) {
        return options(job, null);
    }

    /**
     * Write options with these settings, on {@code job}, carrying {@code input}'s header fields (null for
     * none) under {@link #extra}.
     */
    public WriteOptions options(Job job, HeaderFields input) {
        WriteOptions o = WriteOptions.defaults();
        o.header = (input == null ? new HeaderFields() : input).mergedWith(extra);
        o.gzipLevel = compressionLevel;
        o.format = format;
        o.job = job;
        return o;
    }
}
