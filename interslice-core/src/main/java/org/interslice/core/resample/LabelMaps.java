package org.interslice.core.resample;

import org.interslice.core.resample.impl.Voxels;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * Recognises label maps, so that a label map never gets an image interpolator by accident.
 *
 * <p>A volume is a label map when it is flagged as one ({@link Volume#isLabel()}, e.g. a NIfTI intent
 * code), or when it <em>looks like</em> one: an integer type, at most {@value #MAX_LABELS} distinct
 * values, and piecewise constant. The last test matters: an 8-bit MR (mr-brain/ch2 holds 81 distinct
 * values) passes the first two. Piecewise constant means that, among pairs of x-neighbours (every 4th
 * row) that are both away from the most common value (the background), at least
 * {@value #MIN_EQUAL_NEIGHBOURS} are equal. Measured on shared/data: torsoLabel 0.998, aal 0.952, the
 * head CT's masks 1.0; the 8-bit images ch2 and CT_pitch (254 values) 0.24, the int16 CTs 0.06-0.21,
 * because noise makes neighbouring tissue values differ.
 *
 * <p>{@link #choose} turns that into the interpolator to use: the policy of the {@code resample}
 * command is to switch an image interpolator to the label interpolator (and say so), never to blend
 * labels.
 */
public final class LabelMaps {
    /** Largest number of distinct values of a recognised label map. */
    public static final int MAX_LABELS = 256;
    /** Smallest share of equal non-background x-neighbour pairs of a recognised label map. */
    public static final double MIN_EQUAL_NEIGHBOURS = 0.75;

    private LabelMaps() {}

    /** How label handling was decided for one volume. */
    public enum Reason {
        /** Not a label map: image interpolators apply. */
        IMAGE,
        /** The caller said it is one (e.g. {@code --labels}). */
        FORCED,
        /** The volume is flagged as a label map by its file. */
        FLAGGED,
        /** Integer type, few distinct values, piecewise constant. */
        RECOGNISED
    }

    /**
     * Why {@code v} is (or is not) a label map. Reads every voxel once for unflagged integer volumes.
     *
     * @param force treat it as a label map whatever it holds
     */
    public static Reason classify(Volume v, boolean force) {
        if (force) return Reason.FORCED;
        if (v.isLabel()) return Reason.FLAGGED;
        return looksLikeLabels(v) ? Reason.RECOGNISED : Reason.IMAGE;
    }

    /**
     * The interpolator for {@code v}: {@code interp} for an image or when it already is a label
     * interpolator, else {@code labelInterp} (which must be a label interpolator).
     */
    public static Interp choose(Reason reason, Interp interp, Interp labelInterp) {
        if (!labelInterp.isLabel()) throw new IllegalArgumentException("label interpolator " + labelInterp + " is not one of LABEL_*");
        if (reason == Reason.IMAGE || interp.isLabel()) return interp;
        return labelInterp;
    }

    /** Whether a volume of type {@code t} can look like labels ({@link #looksLikeLabels}); false: an image, decided without its voxels. */
    public static boolean mayLookLikeLabels(PixelType t) {
        return t.integer && t != PixelType.UINT32;
    }

    /** True for an integer volume with few distinct values that is piecewise constant (see class doc). */
    public static boolean looksLikeLabels(Volume v) {
        if (!mayLookLikeLabels(v.type())) return false;
        // the neighbour test on every 4th row first: it rejects images after reading a quarter of them
        int[] sampled = distinct(v, MAX_LABELS + 1, 4);
        if (sampled[0] > MAX_LABELS || equalNeighbourShare(v, sampled[1]) < MIN_EQUAL_NEIGHBOURS) return false;
        return distinct(v, MAX_LABELS + 1, 1)[0] <= MAX_LABELS;
    }

    /**
     * {count of distinct values (stops counting past {@code limit}), most common value} over every
     * {@code rowStep}-th row. 8- and 16-bit volumes use a histogram; 32-bit ones a small sorted table.
     */
    static int[] distinct(Volume v, int limit, int rowStep) {
        int nx = v.nx(), rows = v.ny() * v.nz();
        if (v instanceof ByteVolume b) {
            int[] h = new int[256];
            byte[] a = b.data();
            for (int r = 0; r < rows; r += rowStep) for (int i = r * nx, e = i + nx; i < e; i++) h[a[i] & 0xFF]++;
            return fromHistogram(h, v.type() == PixelType.INT8);
        }
        if (v instanceof ShortVolume s) {
            int[] h = new int[65536];
            short[] a = s.data();
            for (int r = 0; r < rows; r += rowStep) for (int i = r * nx, e = i + nx; i < e; i++) h[a[i] & 0xFFFF]++;
            return fromHistogram(h, v.type() == PixelType.INT16);
        }
        int[] a = ((IntVolume) v).data();
        int[] values = new int[limit];
        int[] counts = new int[limit];
        int m = 0;
        for (int r = 0; r < rows; r += rowStep) {
            for (int i = r * nx, e = i + nx; i < e; i++) {
                int x = a[i];
                int p = java.util.Arrays.binarySearch(values, 0, m, x);
                if (p >= 0) { counts[p]++; continue; }
                if (m == limit) return new int[] {limit + 1, 0};
                p = -p - 1;
                System.arraycopy(values, p, values, p + 1, m - p);
                System.arraycopy(counts, p, counts, p + 1, m - p);
                values[p] = x;
                counts[p] = 1;
                m++;
            }
        }
        int best = 0;
        for (int i = 1; i < m; i++) if (counts[i] > counts[best]) best = i;
        return new int[] {m, values[best]};
    }

    /** Histogram over raw bit patterns; signed types map bit pattern h to value (byte) h or (short) h. */
    private static int[] fromHistogram(int[] h, boolean signed) {
        int count = 0, best = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] == 0) continue;
            count++;
            if (h[i] > h[best]) best = i;
        }
        int value = !signed ? best : h.length == 256 ? (byte) best : (short) best;
        return new int[] {count, value};
    }

    /** Share of x-neighbour pairs (every 4th row), both different from background, that are equal; 1 when none. */
    static double equalNeighbourShare(Volume v, int background) {
        int nx = v.nx(), rows = v.ny() * v.nz();
        long pairs = 0, equal = 0;
        float bg = background;
        float[] row = new float[nx];
        for (int r = 0; r < rows; r += 4) {
            Voxels.toFloat(v, r * nx, row, 0, nx);
            for (int x = 1; x < nx; x++) {
                float prev = row[x - 1], cur = row[x];
                if (prev != bg && cur != bg) {
                    pairs++;
                    if (prev == cur) equal++;
                }
            }
        }
        return pairs == 0 ? 1 : equal / (double) pairs;
    }
}
