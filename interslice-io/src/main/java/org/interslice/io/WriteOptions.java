package org.interslice.io;

import org.interslice.core.exec.Job;

/** Options for writing; public fields with documented defaults. */
public final class WriteOptions {
    /** The default deflate level: 1, the fastest, as nibabel writes .nii.gz (level 6 is about 10% smaller and several times slower). */
    public static final int DEFAULT_GZIP_LEVEL = 1;
    /**
     * Deflate level 0..9 for compressed outputs (.nii.gz, gzip NRRD, .mha with compression, OME-Zarr
     * chunks); default {@value #DEFAULT_GZIP_LEVEL}. 0 stores without compressing: deflate's stored blocks
     * in gzip outputs (still valid gzip), chunks without a compressor in OME-Zarr.
     */
    public int gzipLevel = DEFAULT_GZIP_LEVEL;
    /** Most pyramid levels an output may ask for. */
    public static final int MAX_PYRAMID_LEVELS = 16;
    /**
     * Coarser levels written after level 0 by formats with a multiscale pyramid (OME-Zarr), each 2x
     * coarser in-plane; 0 (default) writes level 0 only. Other formats ignore it.
     */
    public int pyramidLevels = 0;
    /** Header fields to write (NIfTI codes, intent, aux_file, units; description and notes for every format). Never null. */
    public HeaderFields header = new HeaderFields();
    /**
     * Format to write, by name ("dicom", "nifti", "nrrd", "metaimage", "tiff", "ome-zarr"; see
     * {@link Formats#forWriting(java.nio.file.Path, String)}); null (default): from the output's extension.
     */
    public String format;
    /** How the volume was made from its input (per-slice provenance for DICOM); null: not known. */
    public Derivation derivation;
    /** Threads (parallel deflate) and progress. */
    public Job job = Job.defaults();

    public WriteOptions check() {
        if (gzipLevel < 0 || gzipLevel > 9) throw new IllegalArgumentException("gzip level " + gzipLevel + " is not in 0..9");
        if (pyramidLevels < 0 || pyramidLevels > MAX_PYRAMID_LEVELS)
            throw new IllegalArgumentException("pyramid levels " + pyramidLevels + " is not in 0.." + MAX_PYRAMID_LEVELS);
        if (job == null) throw new IllegalArgumentException("job is null");
        if (header == null) throw new IllegalArgumentException("header is null");
        for (java.util.Map.Entry<String, String> e : header.notes.entrySet()) HeaderFields.checkNote(e.getKey(), e.getValue());
        return this;
    }

    public static WriteOptions defaults() {
        return new WriteOptions();
    }
}
