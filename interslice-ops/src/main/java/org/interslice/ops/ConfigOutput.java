package org.interslice.ops;

import org.interslice.core.exec.Job;
import org.interslice.io.HeaderFields;
import org.interslice.io.WriteOptions;

/** How an operation writes its outputs; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigOutput {
    /**
     * Deflate level 0..9 of compressed outputs (.nii.gz, NRRD, .mha, OME-Zarr chunks); 0 stores without
     * compressing (OME-Zarr: no compressor); default {@link WriteOptions#DEFAULT_GZIP_LEVEL}.
     */
    public int compressionLevel = WriteOptions.DEFAULT_GZIP_LEVEL;
    /** Extra pyramid levels of an OME-Zarr output (each 2x coarser, see {@link WriteOptions#pyramidLevels}); default 0. */
    public int pyramidLevels = 0;

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
        if (compressionLevel < 0 || compressionLevel > 9)
            throw new IllegalArgumentException("compression level " + compressionLevel + " is not in 0..9");
        if (pyramidLevels < 0 || pyramidLevels > WriteOptions.MAX_PYRAMID_LEVELS)
            throw new IllegalArgumentException("pyramid levels " + pyramidLevels + " is not in 0.." + WriteOptions.MAX_PYRAMID_LEVELS);
        return this;
    }

    /**
     * Checks these settings against an output's name: pyramid levels need an OME-Zarr output
     * ({@code .ome.zarr}, {@code .zarr}). IllegalArgumentException otherwise.
     */
    public ConfigOutput checkFor(java.nio.file.Path output) {
        check();
        if (output == null) return this;   // outputs named later (gaps fill --sections): formats without levels ignore them
        String n = output == null || output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean zarr = format != null ? format.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "").equals("omezarr") : n.endsWith(".zarr");
        if (pyramidLevels > 0 && !zarr)
            throw new IllegalArgumentException("--pyramid needs an OME-Zarr output (.ome.zarr), not " + output);
        return this;
    }

    /**
     * Refuses, before any work, an output grid its format would refuse at write time (e.g. {@code --pyramid}
     * deeper than the grid halves, an oblique grid for OME-Zarr): IntersliceException naming {@code output}.
     */
    public void checkGrid(java.nio.file.Path output, int[] dims, org.interslice.core.volume.Geometry geometry) {
        WriteOptions o = WriteOptions.defaults();
        o.pyramidLevels = pyramidLevels;
        o.gzipLevel = compressionLevel;
        o.format = format;
        org.interslice.io.Formats.forWriting(output, format).checkWritable(output, dims, geometry, o);
    }

    /** {@link #checkGrid(java.nio.file.Path, int[], org.interslice.core.volume.Geometry)} for a grid. */
    public void checkGrid(java.nio.file.Path output, org.interslice.core.resample.Grid grid) {
        checkGrid(output, new int[] {grid.nx(), grid.ny(), grid.nz()}, grid.geometry());
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
        o.pyramidLevels = pyramidLevels;
        o.format = format;
        o.job = job;
        return o;
    }
}
