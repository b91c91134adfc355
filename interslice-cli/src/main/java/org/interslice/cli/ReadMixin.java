package org.interslice.cli;

import org.interslice.ops.ConfigInput;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Reading options shared by every command that reads a volume ({@code @Mixin ReadMixin read;}). */
final class ReadMixin {
    @Option(names = "--input-spacing", paramLabel = "X,Y,Z", converter = SpacingConverter.class,
            description = "Voxel spacing in mm of input image stacks (TIFF/PNG), which store none (default 1,1,1, with a note). "
                    + "Ignored for formats that state their spacing.")
    Spacing inputSpacing;

    @Option(names = "--series", paramLabel = "UID|NUMBER",
            description = "Which series of a DICOM folder to read: SeriesInstanceUID or SeriesNumber, with #N for the "
                    + "N-th stack of a series split in several (as info lists them; default: the one with the most slices).")
    String series;

    @Option(names = "--allow-outside-data",
            description = "Let a detached header (.nhdr, .mhd) read a data file outside its own folder (refused by default).")
    boolean allowOutsideData;

    /** The input settings of this command line. */
    ConfigInput config() {
        ConfigInput c = new ConfigInput();
        c.inputSpacingMm = inputSpacing == null ? null : inputSpacing.mm.clone();
        c.series = series;
        c.allowOutsideData = allowOutsideData;
        return c;
    }

    /** Three spacings in mm, x y z (a single option value, not a list). */
    static final class Spacing {
        final double[] mm;

        Spacing(double[] mm) {
            this.mm = mm;
        }
    }

    /** Parses {@code X,Y,Z} (three positive millimetre values); a bad value is a usage error. */
    static final class SpacingConverter implements ITypeConverter<Spacing> {
        @Override
        public Spacing convert(String value) {
            String[] parts = value.split(",");
            if (parts.length != 3) throw new TypeConversionException("'" + value + "' is not X,Y,Z (three values in mm)");
            double[] s = new double[3];
            for (int a = 0; a < 3; a++) {
                try {
                    s[a] = Double.parseDouble(parts[a].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + parts[a].trim() + "' is not a number");
                }
                if (!(s[a] > 0) || Double.isInfinite(s[a]))
                    throw new TypeConversionException("spacing " + parts[a].trim() + " must be positive and finite");
            }
            return new Spacing(s);
        }
    }
}
