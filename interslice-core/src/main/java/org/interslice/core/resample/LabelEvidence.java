package org.interslice.core.resample;

import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * {@link LabelMaps#looksLikeLabels} of a volume seen one z slab at a time, in constant memory, for a
 * caller that reads a large input in slabs (a cropped resample reads only a region of it). Gives exactly
 * what {@code looksLikeLabels} gives for the whole volume: the same distinct-value counts (every row, and
 * every 4th row counted over the whole volume's rows), the same background (the most common value of
 * the sampled rows, the first in bit-pattern order on ties), and the same share of equal x-neighbour
 * pairs away from that background. The background is known only at the end, so pairs are counted per
 * value: with {@code A[v]} pairs whose left voxel is v, {@code B[v]} pairs whose right one is, and
 * {@code C[v]} pairs of two v, the pairs away from background b are {@code P - A[b] - B[b] + C[b]}
 * and the equal ones among them {@code E - C[b]}.
 *
 * <p>8- and 16-bit types only (a histogram of every bit pattern); {@link #supports} says which. Slabs
 * must cover the volume in order, each whole in x and y. Not thread-safe.
 */
public final class LabelEvidence {
    private final PixelType type;
    private final int nx, ny;
    private final long[] all, sampled, left, right, same;
    private long pairs, equal;
    private int nextZ;

    /** True for the types this class handles (uint8, int8, uint16, int16); other types need a whole read. */
    public static boolean supports(PixelType t) {
        return t == PixelType.UINT8 || t == PixelType.INT8 || t == PixelType.UINT16 || t == PixelType.INT16;
    }

    /** @param nx size of the whole volume in x (and y) */
    public LabelEvidence(PixelType type, int nx, int ny) {
        if (!supports(type)) throw new IllegalArgumentException(type + " is not an 8- or 16-bit type");
        this.type = type;
        this.nx = nx;
        this.ny = ny;
        int bins = type.bytes == 1 ? 256 : 65536;
        all = new long[bins];
        sampled = new long[bins];
        left = new long[bins];
        right = new long[bins];
        same = new long[bins];
    }

    /** Adds the next slab (slices {@code z0 .. z0 + nz - 1}, whole in x and y, after the previous one). */
    public void add(Volume slab, int z0) {
        if (slab.type() != type || slab.nx() != nx || slab.ny() != ny)
            throw new IllegalArgumentException("slab " + slab + " does not match " + type + " " + nx + "x" + ny);
        if (z0 != nextZ) throw new IllegalArgumentException("slab starts at z " + z0 + ", expected " + nextZ);
        int[] row = new int[nx];
        int rows = ny * slab.nz();
        for (int r = 0; r < rows; r++) {
            bits(slab, r * nx, row);
            long global = (long) z0 * ny + r;
            for (int x = 0; x < nx; x++) all[row[x]]++;
            if (global % 4 != 0) continue;
            sampled[row[0]]++;
            for (int x = 1; x < nx; x++) {
                int p = row[x - 1], c = row[x];
                sampled[c]++;
                left[p]++;
                right[c]++;
                if (p == c) { same[p]++; equal++; }
            }
            pairs += nx - 1;
        }
        nextZ = z0 + slab.nz();
    }

    /** The bit patterns (as unsigned ints) of one row. */
    private static void bits(Volume v, int from, int[] row) {
        if (v instanceof ByteVolume b) {
            byte[] d = b.data();
            for (int i = 0; i < row.length; i++) row[i] = d[from + i] & 0xFF;
        } else {
            short[] d = ((ShortVolume) v).data();
            for (int i = 0; i < row.length; i++) row[i] = d[from + i] & 0xFFFF;
        }
    }

    /** What {@link LabelMaps#looksLikeLabels} gives for the whole volume, once every slab was added. */
    public boolean looksLikeLabels() {
        int count = 0, best = 0;
        for (int i = 0; i < sampled.length; i++) {
            if (sampled[i] == 0) continue;
            count++;
            if (sampled[i] > sampled[best]) best = i;
        }
        if (count > LabelMaps.MAX_LABELS) return false;
        long away = pairs - left[best] - right[best] + same[best];
        double share = away == 0 ? 1 : (equal - same[best]) / (double) away;
        if (share < LabelMaps.MIN_EQUAL_NEIGHBOURS) return false;
        int distinct = 0;
        for (long c : all) if (c > 0) distinct++;
        return distinct <= LabelMaps.MAX_LABELS;
    }
}
