package org.interslice.ops.report;

import java.util.Locale;
import org.interslice.core.metrics.Metric;

/** Number formatting shared by the tables: fixed decimals per metric, "inf" and "n/a" spelled out. */
final class Fmt {
    private Fmt() {
    }

    /** Decimals shown for a metric in tables. */
    static int decimals(Metric m) {
        switch (m) {
            case PSNR: return 2;
            case MAE: case RMSE: return 2;
            default: return 4;
        }
    }

    static String num(double v, int decimals) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** CSV cell: full precision, empty for NaN, "inf" for infinity. */
    static String csv(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return Double.toString(v);
    }

    static String p(double p) {
        if (Double.isNaN(p)) return "n/a";
        if (p < 1e-4) return String.format(Locale.ROOT, "%.1e", p);
        return String.format(Locale.ROOT, "%.4f", p);
    }

    /** A file-name-safe version of a label. */
    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+", "-");
        return t.isEmpty() ? "volume" : t;
    }
}
