package org.interslice.cli;

import org.interslice.io.WriteOptions;
import org.interslice.ops.ConfigOutput;
import picocli.CommandLine.Option;

/** Writing options shared by every command that writes a volume ({@code @Mixin WriteMixin write;}). */
final class WriteMixin {
    @Option(names = "--compression-level", paramLabel = "N",
            description = "Deflate level 1 (fastest) .. 9 (smallest) of compressed outputs (.nii.gz, .nrrd, .mha; default "
                    + WriteOptions.DEFAULT_GZIP_LEVEL + ").")
    int compressionLevel = WriteOptions.DEFAULT_GZIP_LEVEL;

    /** The output settings of this command line; IllegalArgumentException for a bad level. */
    ConfigOutput config() {
        ConfigOutput c = new ConfigOutput();
        c.compressionLevel = compressionLevel;
        return c.check();
    }
}
