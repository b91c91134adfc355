package org.interslice.ops.report;

import java.util.List;

/**
 * The PNG preview of one reconstructed gap (before surface, after surface, reconstruction, an XZ cut through
 * the three sections), drawn by the report's {@link Montage} code.
 */
public final class GapPreview {
    /**
     * One image of the preview.
     *
     * @param name   caption
     * @param pixels w * h values, x fastest, rows top to bottom; null for an image that was not made
     * @param w      width
     * @param h      height
     * @param aspect height of a pixel over its width (slice spacing over pixel width for an XZ cut)
     */
    public record Panel(String name, float[] pixels, int w, int h, double aspect) {
    }

    private GapPreview() {
    }

    /** The panels side by side on one window, as PNG bytes. */
    public static byte[] png(String title, List<Panel> panels) {
        return Montage.png(Montage.panels(title, panels));
    }
}
