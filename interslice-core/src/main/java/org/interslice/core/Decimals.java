package org.interslice.core;

import java.util.Locale;

/**
 * Numbers as text, the same text as {@code String.format(Locale.ROOT, "%.Nf")} and {@code "%.Ng"} give,
 * without {@link java.util.Formatter}: its first use in a process costs 20-30 ms (its format-string
 * regex, class loading and the JIT's first tiers), which the printed plan of every {@code resample} paid
 * before any work (issue 22). Both round half up on the digits of {@link Double#toString}, as the
 * formatter does (it rounds the shortest decimal that reads back as the double, not the binary value:
 * 0.15 with one decimal is 0.2). Values outside [1e-3, 1e7) in magnitude, zero, NaN, the infinities and
 * what {@code %g} writes in scientific notation go to the formatter itself (rare in printed plans).
 */
public final class Decimals {
    private Decimals() {}

    /** {@code String.format(Locale.ROOT, "%." + decimals + "f", v)}. */
    public static String fixed(double v, int decimals) {
        if (decimals < 0) throw new IllegalArgumentException("decimals = " + decimals + " must be at least 0");
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) return String.format(Locale.ROOT, "%." + decimals + "f", v);
        Digits d = Digits.of(v);
        return d.round(d.point + decimals).text(decimals, v < 0);
    }

    /** {@code String.format(Locale.ROOT, "%." + significant + "g", v)}. */
    public static String general(double v, int significant) {
        if (significant < 1) throw new IllegalArgumentException("significant = " + significant + " must be at least 1");
        double a = Math.abs(v);
        if (!(a >= 1e-3 && a < 1e7)) return String.format(Locale.ROOT, "%." + significant + "g", v);
        Digits d = Digits.of(v);
        int exp = d.point - 1 - d.firstNonZero();   // of the leading digit: 10^exp <= |v| < 10^(exp + 1)
        int decimals = significant - 1 - exp;
        Digits r = decimals < 0 ? null : d.round(d.point + decimals);
        if (r != null && r.point - 1 - r.firstNonZero() > exp) {
            // rounded up to the next power of ten (9.9995 to four digits is 10.00, 0.99995 to one is 1): one decimal fewer
            decimals--;
            r = decimals < 0 ? null : d.round(d.point + decimals);
        }
        if (r == null) return String.format(Locale.ROOT, "%." + significant + "g", v);   // scientific notation
        return r.text(decimals, v < 0);
    }

    /** The decimal digits of |v| (no sign, no dot) and how many of them precede the decimal point. */
    private static final class Digits {
        final char[] digits;
        final int point;

        private Digits(char[] digits, int point) {
            this.digits = digits;
            this.point = point;
        }

        /** From {@link Double#toString} of a finite v with 1e-3 <= |v| < 1e7 (plain notation: "123.45"). */
        static Digits of(double v) {
            String s = Double.toString(Math.abs(v));
            int dot = s.indexOf('.');
            char[] d = new char[s.length() - 1];
            s.getChars(0, dot, d, 0);
            s.getChars(dot + 1, s.length(), d, dot);
            return new Digits(d, dot);
        }

        int firstNonZero() {
            int i = 0;
            while (i < digits.length - 1 && digits[i] == '0') i++;
            return i;
        }

        /** The digits up to index {@code end} (exclusive; padded with zeros), rounded half up at the first dropped digit. */
        Digits round(int end) {
            char[] d = new char[end];
            for (int i = 0; i < end; i++) d[i] = i < digits.length ? digits[i] : '0';
            if (end >= digits.length || digits[end] < '5') return new Digits(d, point);
            int i = end - 1;
            while (i >= 0 && d[i] == '9') d[i--] = '0';
            if (i >= 0) {
                d[i]++;
                return new Digits(d, point);
            }
            char[] c = new char[end + 1];
            c[0] = '1';
            System.arraycopy(d, 0, c, 1, end);
            return new Digits(c, point + 1);
        }

        /** As text with exactly {@code decimals} digits after the point (this holds point + decimals digits). */
        String text(int decimals, boolean negative) {
            StringBuilder b = new StringBuilder(point + decimals + 3);
            if (negative) b.append('-');
            int lead = 0;
            while (lead < point - 1 && digits[lead] == '0') lead++;   // "0012.5" is "12.5"; one zero stays before the point
            b.append(digits, lead, point - lead);
            if (decimals > 0) b.append('.').append(digits, point, decimals);
            return b.toString();
        }
    }
}
