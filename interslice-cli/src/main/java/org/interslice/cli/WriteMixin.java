package org.interslice.cli;

import org.interslice.core.IntersliceException;
import org.interslice.io.Formats;
import org.interslice.io.WriteOptions;
import org.interslice.ops.ConfigOutput;
import picocli.CommandLine.Option;

/** Writing options shared by every command that writes a volume ({@code @Mixin WriteMixin write;}). */
final class WriteMixin {
    @Option(names = "--compression-level", paramLabel = "N",
            description = "Deflate level 1 (fastest) .. 9 (smallest) of compressed outputs (.nii.gz, .nrrd, .mha, .ome.zarr chunks; default "
                    + WriteOptions.DEFAULT_GZIP_LEVEL + "); 0 stores uncompressed (OME-Zarr chunks without a compressor).")
    int compressionLevel = WriteOptions.DEFAULT_GZIP_LEVEL;

    @Option(names = "--pyramid", paramLabel = "N",
            description = "OME-Zarr output: write N coarser levels after the full one, each 2x coarser in x and y (z too while that "
                    + "keeps the level nearer isotropic); block mean for images, most common label for label maps (default 0).")
    int pyramid;

    @Option(names = "--format", paramLabel = "F", completionCandidates = Writable.class,
            description = "Output format for every volume written: ${COMPLETION-CANDIDATES} (default: from OUT's extension; "
                    + "a folder ending in .dcm is a DICOM series, one file per slice).")
    String format;

    /** Completion candidates: the writable formats. */
    static final class Writable implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Formats.writableKeys().iterator();
        }
    }

    /** The output settings of this command line; IllegalArgumentException for a bad level. */
    ConfigOutput config() {
        ConfigOutput c = new ConfigOutput();
        c.compressionLevel = compressionLevel;
        c.pyramidLevels = pyramid;
        if (format != null) {
            try {
                Formats.forWriting(java.nio.file.Path.of("out"), format);
            } catch (IntersliceException e) {
                throw new IllegalArgumentException("--format '" + format + "' is not a writable format (" + String.join(", ", Formats.writableKeys()) + ")");
            }
            c.format = format;
        }
        return c.check();
    }

    /** The output settings for writing {@code output}; IllegalArgumentException for a bad level or --pyramid without OME-Zarr. */
    ConfigOutput config(java.nio.file.Path output) {
        return config().checkFor(output);
    }
}
