package org.interslice.cli;

import java.util.Locale;
import org.interslice.core.resample.Interp;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the {@code resample} options; a bad value is a usage error (exit 2). */
final class Numbers {
    private Numbers() {}

    // equals, hashCode and toString written out (by content): picocli calls them on option values, and a
    // record's generated ones are bootstrapped through method handles on first use, 20-45 ms of one core at
    // start-up (lambda forms spun at run time, outside the class-data archive), measured on `resample --spacing`

    /** Three millimetre values, x y z (one option value, not a picocli list). */
    record Mm(double[] v) {
        @Override public boolean equals(Object o) { return o instanceof Mm m && java.util.Arrays.equals(v, m.v); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(v); }
        @Override public String toString() { return java.util.Arrays.toString(v); }
    }

    /** Three voxel counts, x y z. */
    record Counts(int[] v) {
        @Override public boolean equals(Object o) { return o instanceof Counts c && java.util.Arrays.equals(v, c.v); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(v); }
        @Override public String toString() { return java.util.Arrays.toString(v); }
    }

    /** A box {x0, x1, y0, y1, z0, z1}; NaN is an open bound. */
    record Bounds(double[] v) {
        @Override public boolean equals(Object o) { return o instanceof Bounds b && java.util.Arrays.equals(v, b.v); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(v); }
        @Override public String toString() { return java.util.Arrays.toString(v); }
    }

    static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + s.trim() + "' is not a number");
        }
    }

    /** {@code S} or {@code X,Y,Z}: positive finite millimetres, always returned as three values. */
    static final class Spacing implements ITypeConverter<Mm> {
        @Override
        public Mm convert(String value) {
            String[] p = value.split(",", -1);
            if (p.length != 1 && p.length != 3) throw new TypeConversionException("'" + value + "' is not S or X,Y,Z (mm)");
            double[] s = new double[3];
            for (int a = 0; a < 3; a++) {
                s[a] = number(p[p.length == 1 ? 0 : a]);
                if (!(s[a] > 0) || Double.isInfinite(s[a])) throw new TypeConversionException("spacing " + s[a] + " must be positive and finite");
            }
            return new Mm(s);
        }
    }

    /** {@code X,Y,Z}: three whole numbers (range checked by the grid: 1..65536). */
    static final class Size implements ITypeConverter<Counts> {
        @Override
        public Counts convert(String value) {
            String[] p = value.split(",", -1);
            if (p.length != 3) throw new TypeConversionException("'" + value + "' is not X,Y,Z (three sizes in voxels)");
            int[] n = new int[3];
            for (int a = 0; a < 3; a++) {
                try {
                    n[a] = Integer.parseInt(p[a].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + p[a].trim() + "' is not a whole number");
                }
                if (n[a] < 1 || n[a] > 65536) throw new TypeConversionException("size " + n[a] + " must be in 1..65536");
            }
            return new Counts(n);
        }
    }

    /**
     * {@code x0:x1,y0:y1,z0:z1} as {x0, x1, y0, y1, z0, z1}; an empty bound is NaN (the grid's edge).
     * Index or millimetre meaning is decided by the command.
     */
    static final class Box implements ITypeConverter<Bounds> {
        @Override
        public Bounds convert(String value) {
            String[] p = value.split(",", -1);
            if (p.length != 3) throw new TypeConversionException("'" + value + "' is not x0:x1,y0:y1,z0:z1");
            double[] b = new double[6];
            for (int a = 0; a < 3; a++) {
                String[] r = p[a].split(":", -1);
                if (r.length != 2) throw new TypeConversionException("'" + p[a] + "' is not lo:hi");
                for (int k = 0; k < 2; k++) {
                    b[2 * a + k] = r[k].isBlank() ? Double.NaN : number(r[k]);
                    if (Double.isInfinite(b[2 * a + k])) throw new TypeConversionException("'" + r[k] + "' must be finite");
                }
            }
            return new Bounds(b);
        }
    }

    /** Byte sizes: {@code 123}, {@code 500K}, {@code 2G}, {@code 1.5GB} (binary units). */
    static final class Bytes implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String s = value.trim().toUpperCase(Locale.ROOT);
            if (s.endsWith("IB")) s = s.substring(0, s.length() - 2);
            else if (s.endsWith("B")) s = s.substring(0, s.length() - 1);
            long unit = 1;
            if (!s.isEmpty()) {
                char c = s.charAt(s.length() - 1);
                int shift = c == 'K' ? 10 : c == 'M' ? 20 : c == 'G' ? 30 : c == 'T' ? 40 : 0;
                if (shift > 0) { unit = 1L << shift; s = s.substring(0, s.length() - 1); }
            }
            double v = number(s);
            // below one byte is no limit at all (and 0 means "the heap"): refuse it like 0
            if (!(v * unit >= 1) || v * unit > Long.MAX_VALUE) throw new TypeConversionException("memory size '" + value + "' must be at least 1 byte (e.g. 2G)");
            return (long) (v * unit);
        }
    }

    /** Interpolator names as users write them: {@code label-gaussian} for {@link Interp#LABEL_GAUSSIAN}. */
    static final class InterpName implements ITypeConverter<Interp> {
        @Override
        public Interp convert(String value) {
            String s = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Interp i : Interp.values()) if (i.name().equals(s)) return i;
            StringBuilder names = new StringBuilder();
            for (Interp i : Interp.values()) names.append(names.length() == 0 ? "" : ", ").append(name(i));
            throw new TypeConversionException("'" + value + "' is not one of " + names);
        }

        static String name(Interp i) {
            return i.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
