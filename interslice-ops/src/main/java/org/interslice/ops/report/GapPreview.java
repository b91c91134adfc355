package org.interslice.ops.report;

import java.util.List;
import org.interslice.core.volume.Geometry;

/**
 * The PNG preview of one reconstructed gap (before surface, after surface, reconstruction, an XZ cut through
 * the three sections), drawn by the report's {@link Montage} code. Panels made by {@link #oriented} are in the
 * radiological display convention: a slice with the patient's right on the viewer's left (LPS +x to the
 * right) and anterior at the top, a cut along the slice axis with superior at the top (as the evaluate and
 * demo montages draw their coronal and sagittal planes); each edge is marked with its patient direction.
 */
public final class GapPreview {
    /**
     * One image of the preview.
     *
     * @param name   caption
     * @param pixels w * h values, x fastest, rows top to bottom as drawn; null for an image that was not made
     * @param w      width
     * @param h      height
     * @param aspect height of a pixel over its width (slice spacing over pixel width for an XZ cut)
     * @param edges  patient directions of the left, right, top and bottom edges (e.g. R, L, A, P), or null
     */
    public record Panel(String name, float[] pixels, int w, int h, double aspect, String[] edges) {
        /** A panel drawn as given, without edge marks. */
        public Panel(String name, float[] pixels, int w, int h, double aspect) {
            this(name, pixels, w, h, aspect, null);
        }
    }

    private GapPreview() {
    }

    /**
     * A panel in the radiological display: {@code pixels} (w x h, x fastest; null for an image not made) has
     * array axis {@code across} of {@code g} along its rows and array axis {@code down} along its columns; each
     * is flipped as the convention needs, judged by the patient axis (LPS) it runs closest to: left-right and
     * anterior-posterior run to the viewer's right toward patient left and posterior, anterior-posterior
     * downward toward posterior, superior-inferior downward toward inferior.
     */
    public static Panel oriented(String name, float[] pixels, int w, int h, double aspect, Geometry g, int across, int down) {
        double[] d = g.direction();
        double[] col = {d[across], d[3 + across], d[6 + across]}, row = {d[down], d[3 + down], d[6 + down]};
        int ca = dominant(col), ra = dominant(row);
        boolean flipX = col[ca] < 0;
        boolean flipY = ra == 2 ? row[ra] > 0 : row[ra] < 0;   // superior up, else posterior (or left) down
        float[] p = null;
        if (pixels != null) {
            p = new float[w * h];
            for (int y = 0; y < h; y++) {
                int sy = flipY ? h - 1 - y : y;
                for (int x = 0; x < w; x++) p[y * w + x] = pixels[sy * w + (flipX ? w - 1 - x : x)];
            }
        }
        int right = flipX ? -sign(col[ca]) : sign(col[ca]), bottom = flipY ? -sign(row[ra]) : sign(row[ra]);
        String[] edges = {letter(ca, -right), letter(ca, right), letter(ra, -bottom), letter(ra, bottom)};
        return new Panel(name, p, w, h, aspect, edges);
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

    /** The panels side by side on one window, as PNG bytes. */
    public static byte[] png(String title, List<Panel> panels) {
        return Montage.png(Montage.panels(title, panels));
    }
}
