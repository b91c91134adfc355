package org.interslice.ops;

import java.util.Locale;
import org.interslice.core.resample.Interp;

/** Names and sizes as users read them in messages. */
public final class Interps {
    private Interps() {}

    /** {@code label-gaussian} for {@link Interp#LABEL_GAUSSIAN}: the command-line spelling. */
    public static String name(Interp i) {
        return i.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Bytes in binary megabytes, the unit of {@code --max-memory 500M}: "500.0 MiB". */
    public static String mib(long bytes) {
        return org.interslice.core.Decimals.fixed(bytes / (double) (1 << 20), 1).concat(" MiB");   // "%.1f MiB" without the Formatter (nor a `+` site's bootstrap)
    }
}
