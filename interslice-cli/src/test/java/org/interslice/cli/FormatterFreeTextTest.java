package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Random;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.GapDiagnostics;
import org.junit.jupiter.api.Test;

/**
 * Lines that `info`, `interpolate` and `gaps fill` print without the Formatter (its first use costs 20-40 ms of
 * start-up) against the format strings they replaced: the same text, for names of every length and for numbers
 * of every size and sign, NaN included.
 */
class FormatterFreeTextTest {
    @Test
    void summaryLinesPadAsTheFormatDid() {
        for (String name : new String[] {"", "file", "orientation", "xform codes", "twelve chars", "thirteen char", "a much longer name"}) {
            StringWriter w = new StringWriter();
            SummaryPrinter.line(new PrintWriter(w, true), name, "v 1");
            assertEquals(String.format(Locale.ROOT, "  %-12s %s%n", name, "v 1"), w.toString(), name);
        }
    }

    @Test
    void megabytesAsTheFormatDid() {
        for (long b : new long[] {0, 1, 49_999, 50_000, 149_999, 150_000, 1_000_000, 35_181_160, 163_000_000_000L, Long.MAX_VALUE})
            assertEquals(String.format(Locale.ROOT, "%.1f MB", b / 1e6), SummaryPrinter.megabytes(b), Long.toString(b));
    }

    @Test
    void gapLinesAsTheFormatDid() {
        Random random = new Random(7);
        ConfigZMorph c = new ConfigZMorph();
        for (int i = 0; i < 2000; i++) {
            GapDiagnostics d = new GapDiagnostics();
            d.nccPair = value(random);
            d.nccBeforeRegistration = value(random);
            d.nccAfterRegistration = value(random);
            d.nccGain = value(random);
            d.determinant = value(random);
            d.beforeCandidates = random.nextInt(100);
            d.afterCandidates = random.nextInt(100);
            c.minOverlapNcc = value(random);
            c.minNccGain = value(random);
            d.affine = i % 5 == 0 ? null : new double[6];
            assertEquals(d.affine == null ? "" : String.format(Locale.ROOT, " (pair NCC %.3f; registration NCC %.3f -> %.3f; determinant %.4f)",
                    d.nccPair, d.nccBeforeRegistration, d.nccAfterRegistration, d.determinant), GapsFillCommand.registration(d));
            d.fallbackReason = "low_overlap_ncc";
            assertEquals(String.format(Locale.ROOT, " (best pair NCC %.3f < %.3g)", d.nccPair, c.minOverlapNcc), GapsFillCommand.detail(d, c));
            d.fallbackReason = "reg_did_not_improve";
            assertEquals(String.format(Locale.ROOT, " (NCC %.3f -> %.3f, gain %.3f < %.3g)", d.nccBeforeRegistration, d.nccAfterRegistration,
                    d.nccGain, c.minNccGain), GapsFillCommand.detail(d, c));
            d.fallbackReason = "affine_determinant_non_positive";
            assertEquals(String.format(Locale.ROOT, " (determinant %.4g)", d.determinant), GapsFillCommand.detail(d, c));
            d.fallbackReason = "no_foreground_planes";
            assertEquals(String.format(Locale.ROOT, " (%d before and %d after candidate planes with foreground)", d.beforeCandidates,
                    d.afterCandidates), GapsFillCommand.detail(d, c));
        }
    }

    /** NCC-like values, ties at the printed digits, tiny and large magnitudes, zero, negative zero and NaN. */
    private static double value(Random random) {
        switch (random.nextInt(6)) {
            case 0: return random.nextDouble() * 2 - 1;
            case 1: return Math.round((random.nextDouble() * 2 - 1) * 2000) / 2000.0;   // ties at the third decimal
            case 2: return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(16) - 8);
            case 3: return random.nextBoolean() ? 0.0 : -0.0;
            case 4: return Double.NaN;
            default: return random.nextInt(2001) / 1000.0 - 1;
        }
    }
}
