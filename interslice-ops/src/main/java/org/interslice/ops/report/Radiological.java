package org.interslice.ops.report;

import org.interslice.core.volume.Geometry;

/**
 * The radiological display convention every picture of the reports follows (gap previews, evaluate and
 * demo montages), decided from the geometry's direction cosines, never from the storage order: a plane with
 * the patient's right on the viewer's left (LPS +x to the right), anterior at the top of a slice, superior
 * at the top of a cut along the slice axis; each edge is named by its patient direction. A volume stored RAS
 * (NIfTI's usual order) and the same volume stored LPS are drawn alike.
 *
 * @param flipX draw the plane's first array axis from its last pixel (right to left)
 * @param flipY draw the plane's second array axis from its last pixel (bottom to top)
 * @param edges patient directions of the left, right, top and bottom edges as drawn (e.g. R, L, S, I)
 */
public record Radiological(boolean flipX, boolean flipY, String[] edges) {
    /**
     * How to draw a plane whose pixels run along array axis {@code across} of {@code g} in rows and along
     * array axis {@code down} in columns: each axis is judged by the patient axis (LPS) it runs closest to;
     * left-right and anterior-posterior run to the viewer's right toward patient left and posterior,
     * anterior-posterior downward toward posterior, superior-inferior downward toward inferior.
     */
    public static Radiological of(Geometry g, int across, int down) {
        double[] d = g.direction();
        double[] col = {d[across], d[3 + across], d[6 + across]}, row = {d[down], d[3 + down], d[6 + down]};
        int ca = dominant(col), ra = dominant(row);
        boolean flipX = col[ca] < 0;
        boolean flipY = ra == 2 ? row[ra] > 0 : row[ra] < 0;   // superior up, else posterior (or left) down
        int right = flipX ? -sign(col[ca]) : sign(col[ca]), bottom = flipY ? -sign(row[ra]) : sign(row[ra]);
        return new Radiological(flipX, flipY, new String[] {letter(ca, -right), letter(ca, right), letter(ra, -bottom), letter(ra, bottom)});
    }

    /** {@code pixels} (w x h, x fastest; null stays null) as drawn: a flipped copy. */
    public float[] apply(float[] pixels, int w, int h) {
        if (pixels == null) return null;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = flipY ? h - 1 - y : y;
            for (int x = 0; x < w; x++) p[y * w + x] = pixels[sy * w + (flipX ? w - 1 - x : x)];
        }
        return p;
    }

    private static int dominant(double[] v) {
        int a = 0;
        for (int i = 1; i < 3; i++) if (Math.abs(v[i]) > Math.abs(v[a])) a = i;
        return a;
    }

    private static int sign(double v) {
        return v < 0 ? -1 : 1;
    }

    /** The patient direction of LPS axis a, sign s: L/R, P/A, S/I. */
    private static String letter(int a, int s) {
        String[] pos = {"L", "P", "S"}, neg = {"R", "A", "I"};
        return s > 0 ? pos[a] : neg[a];
    }
}
