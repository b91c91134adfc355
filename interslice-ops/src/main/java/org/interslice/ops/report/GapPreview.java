package org.interslice.ops.report;

import java.util.List;
import org.interslice.core.volume.Geometry;

/**
 * The PNG preview of one reconstructed gap (before surface, after surface, reconstruction, an XZ cut through
 * the three sections), drawn by the report's {@link Montage} code. Panels made by {@link #oriented} follow
 * the {@link Radiological} display convention, as the evaluate and demo montages do; each edge is marked
 * with its patient direction.
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
     * A panel in the radiological display ({@link Radiological}): {@code pixels} (w x h, x fastest; null for an
     * image not made) has array axis {@code across} of {@code g} along its rows and array axis {@code down}
     * along its columns; each is flipped as the convention needs.
     */
    public static Panel oriented(String name, float[] pixels, int w, int h, double aspect, Geometry g, int across, int down) {
        Radiological r = Radiological.of(g, across, down);
        return new Panel(name, r.apply(pixels, w, h), w, h, aspect, r.edges());
    }

    /** The panels side by side on one window, as PNG bytes. */
    public static byte[] png(String title, List<Panel> panels) {
        return Montage.png(Montage.panels(title, panels));
    }
}
