package org.interslice.ops.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.interslice.core.evaluate.ConfigEvaluate;
import org.interslice.core.evaluate.MethodResult;
import org.interslice.core.evaluate.Otsu;
import org.interslice.core.evaluate.Planes;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.volume.Volume;

/**
 * The montage of one volume: for both {@link Planes} (coronal and sagittal for an axial scan) the same
 * crop of the truth and of every method, and below each the method's absolute error. Every picture is
 * radiological ({@link Radiological}, from the direction cosines), its edges marked with patient directions. Pixels are
 * enlarged by nearest neighbour at the true aspect ratio, so a staircase along the slice axis stays
 * visible; ticks on the left mark the kept slices. Values are windowed (the run's window, else the
 * 1st..99.5th percentile of the truth crop); errors run from black (0) to white at the 99th
 * percentile of the baseline's error, printed in the legend.
 */
final class Montage {
    private static final int CELL_W = 300, MAX_CELL_H = 420, LABEL_H = 20, PAD = 8, MARGIN = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private Montage() {
    }

    static byte[] png(VolumeResult v, ConfigEvaluate config, String baseline) {
        return png(render(v, config, baseline));
    }

    static BufferedImage render(VolumeResult v, ConfigEvaluate config, String baseline) {
        Planes p = v.planes();
        int nz = p.nz();
        // per plane: {width, truth, mask, pixel width mm}
        int[] widths = {p.nx(), p.ny()};
        float[][] truths = {p.truthXz(), p.truthYz()};
        byte[][] masks = {p.maskXz(), p.maskYz()};
        double[] pw = {p.spacingMm()[0], p.spacingMm()[1]};
        int[][] crops = {crop(truths[0], masks[0], widths[0], nz), crop(truths[1], masks[1], widths[1], nz)};
        double lo, hi;
        if (config.windowed()) {
            lo = config.windowLow;
            hi = config.windowHigh;
        } else {
            float[] both = concat(cropped(truths[0], widths[0], crops[0]), cropped(truths[1], widths[1], crops[1]));
            lo = percentile(both, 0.01);
            hi = percentile(both, 0.995);
            if (!(hi > lo)) hi = lo + 1;
        }
        MethodResult base = v.method(baseline) != null ? v.method(baseline) : v.methods().get(0);
        float[] baseErr = concat(cropped(absDiff(base.xz(), truths[0]), widths[0], crops[0]), cropped(absDiff(base.yz(), truths[1]), widths[1], crops[1]));
        double errMax = percentile(baseErr, 0.99);
        if (!(errMax > 0)) errMax = Math.max((hi - lo) * 0.05, 1e-6);
        errMax = roundNice(errMax);
        int cols = 1 + v.methods().size();
        int[] cellH = new int[2];
        for (int q = 0; q < 2; q++) {
            int[] c = crops[q];
            double mmW = (c[1] - c[0] + 1) * pw[q], mmH = (c[3] - c[2] + 1) * p.spacingMm()[2];
            cellH[q] = (int) Math.max(40, Math.min(MAX_CELL_H, Math.round(CELL_W * mmH / mmW)));
        }
        int titleH = 26;
        int width = PAD + cols * (CELL_W + PAD);
        int height = titleH + PAD + 2 * (LABEL_H + cellH[0] + PAD) + 2 * (LABEL_H + cellH[1] + PAD);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT.deriveFont(15f));
        g.setColor(Color.BLACK);
        String kind = v.mode() == VolumeResult.Mode.COMPARE ? "thick vs thin" : v.mode() == VolumeResult.Mode.SELF ? "self-check, K = 2" : "K = " + v.factor() + ", " + v.profile().name().toLowerCase(Locale.ROOT);
        g.drawString(v.name() + " (" + kind + "); window " + fmt(lo) + " .. " + fmt(hi) + ", error scale 0 .. " + fmt(errMax), PAD, 19);
        g.setFont(FONT);
        int y = titleH + PAD;
        int[] planeIdx = {p.y(), p.x()};
        String[] axisName = {"y", "x"};
        // radiological, from the direction cosines: the xz plane runs along index axes 0 and 2, the yz plane 1 and 2
        Radiological[] view = {Radiological.of(p.geometry(), 0, 2), Radiological.of(p.geometry(), 1, 2)};
        for (int q = 0; q < 2; q++) {
            int[] c = crops[q];
            Radiological r = view[q];
            String plane = p.planeNames()[q] + " " + axisName[q] + "=" + planeIdx[q];
            // values row
            for (int col = 0; col < cols; col++) {
                int x = PAD + col * (CELL_W + PAD);
                float[] src = col == 0 ? truths[q] : (q == 0 ? v.methods().get(col - 1).xz() : v.methods().get(col - 1).yz());
                String name = col == 0 ? "truth" : v.methods().get(col - 1).method();
                label(g, name + " - " + plane, x, y);
                draw(img, src, null, widths[q], nz, c, r, x, y + LABEL_H, CELL_W, cellH[q], lo, hi, false);
                edgeMarks(g, r.edges(), x, y + LABEL_H, CELL_W, cellH[q]);
                if (v.mode() != VolumeResult.Mode.COMPARE) ticks(g, c, r.flipY(), v.factor(), x, y + LABEL_H, cellH[q]);
            }
            y += LABEL_H + cellH[q] + PAD;
            // error row; the truth column holds the legend
            for (int col = 0; col < cols; col++) {
                int x = PAD + col * (CELL_W + PAD);
                if (col == 0) {
                    legend(g, img, x, y, cellH[q], errMax);
                    continue;
                }
                MethodResult m = v.methods().get(col - 1);
                label(g, "|" + m.method() + " - truth|", x, y);
                draw(img, q == 0 ? m.xz() : m.yz(), truths[q], widths[q], nz, c, r, x, y + LABEL_H, CELL_W, cellH[q], 0, errMax, true);
            }
            y += LABEL_H + cellH[q] + PAD;
        }
        g.dispose();
        return img;
    }

    /**
     * A column of a side-by-side montage: a volume on the same in-plane grid as the others (its slices
     * may be thicker, thinner or shifted along the slice axis).
     */
    record Column(String name, Volume volume) {
    }

    /**
     * Coronal (xz at the middle row) and sagittal (yz at the middle column) planes of several volumes that
     * share their in-plane grid, side by side on one physical scale: each display row is a height along
     * the slice normal, and every column shows its own slice nearest to that height, so a thick input
     * appears as the slabs it measured (the staircase) next to what each method made of it. The height
     * range is the one all columns cover; the in-plane crop and the window come from the last column
     * (the reference, e.g. the real thin slices).
     */
    static BufferedImage sideBySide(String title, List<Column> columns) {
        Column ref = columns.get(columns.size() - 1);
        Volume rv = ref.volume();
        int nx = rv.nx(), ny = rv.ny(), yRow = ny / 2, xCol = nx / 2;
        double[] normal = rv.geometry().normal();
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        double[][] heights = new double[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            Volume v = columns.get(c).volume();
            if (v.nx() != nx || v.ny() != ny) throw new IllegalArgumentException(columns.get(c).name() + " is not on the in-plane grid of " + ref.name());
            heights[c] = heightsAlong(v, normal);
            lo = Math.max(lo, heights[c][0]);
            hi = Math.min(hi, heights[c][heights[c].length - 1]);
        }
        if (!(hi > lo)) throw new IllegalArgumentException("the columns share no range along the slice axis");
        // planes of the reference at its nearest slices, for the crop and the window
        int[] widths = {nx, ny};
        double[] pw = {rv.geometry().spacing(0), rv.geometry().spacing(1)};
        int rows = heights[columns.size() - 1].length;
        float[][] refPlanes = {new float[nx * rows], new float[ny * rows]};
        for (int k = 0; k < rows; k++) {
            for (int x = 0; x < nx; x++) refPlanes[0][k * nx + x] = (float) rv.get(rv.index(x, yRow, k));
            for (int y = 0; y < ny; y++) refPlanes[1][k * ny + y] = (float) rv.get(rv.index(xCol, y, k));
        }
        int[][] crops = {crop(refPlanes[0], null, nx, rows), crop(refPlanes[1], null, ny, rows)};
        float[] both = concat(cropped(refPlanes[0], nx, crops[0]), cropped(refPlanes[1], ny, crops[1]));
        double wlo = percentile(both, 0.01), whi = percentile(both, 0.995);
        if (!(whi > wlo)) whi = wlo + 1;
        int[] cellH = new int[2];
        for (int q = 0; q < 2; q++)
            cellH[q] = (int) Math.max(40, Math.min(2 * MAX_CELL_H, Math.round(CELL_W * (hi - lo) / ((crops[q][1] - crops[q][0] + 1) * pw[q]))));
        int cols = columns.size(), titleH = 26;
        int width = PAD + cols * (CELL_W + PAD);
        int height = titleH + PAD + 2 * (LABEL_H + PAD) + cellH[0] + cellH[1];
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = titled(img, title + "; window " + fmt(wlo) + " .. " + fmt(whi));
        // radiological, from the reference's direction cosines (heights grow with k, so flipY draws the top one first)
        Radiological[] view = {Radiological.of(rv.geometry(), 0, 2), Radiological.of(rv.geometry(), 1, 2)};
        String[] planeNames = {"coronal y=" + yRow, "sagittal x=" + xCol};
        int y0 = titleH + PAD;
        for (int q = 0; q < 2; q++) {
            int[] c = crops[q];
            boolean up = view[q].flipY(), flipX = view[q].flipX();
            int cropW = c[1] - c[0] + 1;
            for (int col = 0; col < cols; col++) {
                int ox = PAD + col * (CELL_W + PAD);
                Volume v = columns.get(col).volume();
                label(g, columns.get(col).name() + " - " + planeNames[q], ox, y0);
                double[] h = heights[col];
                double step = h.length > 1 ? (h[h.length - 1] - h[0]) / (h.length - 1) : 1;
                for (int py = 0; py < cellH[q]; py++) {
                    double f = (py + 0.5) / cellH[q];
                    double z = up ? hi - f * (hi - lo) : lo + f * (hi - lo);
                    int k = (int) Math.max(0, Math.min(h.length - 1, Math.floor((z - h[0]) / step + 0.5)));
                    for (int px = 0; px < CELL_W; px++) {
                        int off = (int) ((long) px * cropW / CELL_W);
                        int a = flipX ? c[1] - off : c[0] + off;
                        double val = q == 0 ? v.get(v.index(a, yRow, k)) : v.get(v.index(xCol, a, k));
                        double t = (val - wlo) / (whi - wlo);
                        img.setRGB(ox + px, y0 + LABEL_H + py, gray(t < 0 ? 0 : (t > 1 ? 1 : t)));
                    }
                }
                edgeMarks(g, view[q].edges(), ox, y0 + LABEL_H, CELL_W, cellH[q]);
            }
            y0 += LABEL_H + cellH[q] + PAD;
        }
        g.dispose();
        return img;
    }

    /**
     * Panels side by side on one intensity window (1st..99.5th percentile of all panels' values), each
     * enlarged by nearest neighbour to the cell width at its pixel aspect ratio (a panel of a slice stack's
     * XZ cut keeps its true slice thickness). A panel without pixels is drawn gray with its name (an image
     * that was not made).
     */
    static BufferedImage panels(String title, List<GapPreview.Panel> panels) {
        int total = 0;
        for (GapPreview.Panel p : panels) if (p.pixels() != null) total += p.w() * p.h();
        float[] all = new float[Math.max(1, total)];
        int o = 0;
        for (GapPreview.Panel p : panels) {
            if (p.pixels() == null) continue;
            System.arraycopy(p.pixels(), 0, all, o, p.w() * p.h());
            o += p.w() * p.h();
        }
        double wlo = percentile(all, 0.01), whi = percentile(all, 0.995);
        if (!(whi > wlo)) whi = wlo + 1;
        int cellW = 240, titleH = 26, maxH = 0;
        int[] heights = new int[panels.size()];
        for (int i = 0; i < panels.size(); i++) {
            GapPreview.Panel p = panels.get(i);
            heights[i] = p.pixels() == null ? cellW : (int) Math.max(20, Math.min(3 * cellW, Math.round((double) cellW * p.h() * p.aspect() / p.w())));
            maxH = Math.max(maxH, heights[i]);
        }
        int width = PAD + panels.size() * (cellW + PAD), height = titleH + PAD + LABEL_H + maxH + PAD;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = titled(img, title + "; window " + fmt(wlo) + " .. " + fmt(whi));
        int y0 = titleH + PAD;
        for (int i = 0; i < panels.size(); i++) {
            GapPreview.Panel p = panels.get(i);
            int ox = PAD + i * (cellW + PAD);
            label(g, p.name(), ox, y0);
            if (p.pixels() == null) {
                g.setColor(Color.LIGHT_GRAY);
                g.fillRect(ox, y0 + LABEL_H, cellW, heights[i]);
                g.setColor(Color.BLACK);
                g.drawString("not made", ox + 8, y0 + LABEL_H + heights[i] / 2);
                continue;
            }
            for (int py = 0; py < heights[i]; py++) {
                int sy = (int) Math.min(p.h() - 1, (long) py * p.h() / heights[i]);
                for (int px = 0; px < cellW; px++) {
                    int sx = (int) Math.min(p.w() - 1, (long) px * p.w() / cellW);
                    double t = (p.pixels()[sy * p.w() + sx] - wlo) / (whi - wlo);
                    img.setRGB(ox + px, y0 + LABEL_H + py, gray(t < 0 ? 0 : (t > 1 ? 1 : t)));
                }
            }
            if (p.edges() != null) edgeMarks(g, p.edges(), ox, y0 + LABEL_H, cellW, heights[i]);
        }
        g.dispose();
        return img;
    }

    /** Patient directions at the middle of a cell's left, right, top and bottom edges, orange on a dark box. */
    private static void edgeMarks(Graphics2D g, String[] e, int ox, int oy, int w, int h) {
        java.awt.FontMetrics fm = g.getFontMetrics();
        int[][] at = {{ox + 3, oy + h / 2}, {ox + w - 3, oy + h / 2}, {ox + w / 2, oy + 3}, {ox + w / 2, oy + h - 3}};
        for (int k = 0; k < 4; k++) {
            int tw = fm.stringWidth(e[k]), th = fm.getAscent();
            int x = k == 0 ? at[k][0] : k == 1 ? at[k][0] - tw - 2 : at[k][0] - tw / 2 - 1;
            int y = k == 2 ? at[k][1] : k == 3 ? at[k][1] - th - 2 : at[k][1] - th / 2 - 1;
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(x, y, tw + 3, th + 2);
            g.setColor(new Color(230, 159, 0));
            g.drawString(e[k], x + 1, y + th);
        }
        g.setColor(Color.BLACK);
    }

    /** Height of every slice's first voxel along a unit normal, mm (increasing for a stack along it). */
    private static double[] heightsAlong(Volume v, double[] normal) {
        double[] h = new double[v.nz()], w = new double[3];
        for (int k = 0; k < v.nz(); k++) h[k] = org.interslice.core.volume.Geometry.dot(v.geometry().indexToWorld(0, 0, k, w), normal);
        if (h.length > 1 && h[h.length - 1] < h[0]) throw new IllegalArgumentException("slices of " + v + " run against the reference normal");
        return h;
    }

    /** PNG bytes of an image. */
    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Crop box {x0, x1, z0, z1} (inclusive): the mask's (or Otsu foreground's) bounding box plus a margin. */
    static int[] crop(float[] plane, byte[] mask, int w, int nz) {
        double t = Double.NaN;
        if (mask == null) {
            try {
                t = Otsu.threshold(plane);
            } catch (IllegalArgumentException e) {
                return new int[] {0, w - 1, 0, nz - 1};
            }
        }
        int x0 = w, x1 = -1, z0 = nz, z1 = -1;
        for (int z = 0, i = 0; z < nz; z++)
            for (int x = 0; x < w; x++, i++) {
                boolean in = mask != null ? mask[i] != 0 : plane[i] > t;
                if (!in) continue;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                z0 = Math.min(z0, z);
                z1 = Math.max(z1, z);
            }
        if (x1 < 0) return new int[] {0, w - 1, 0, nz - 1};
        return new int[] {Math.max(0, x0 - MARGIN), Math.min(w - 1, x1 + MARGIN), Math.max(0, z0 - MARGIN), Math.min(nz - 1, z1 + MARGIN)};
    }

    /** Draws the crop of a plane (or |plane - ref| when ref is given) enlarged by nearest neighbour, flipped as {@code view} says. */
    private static void draw(BufferedImage img, float[] src, float[] ref, int w, int nz, int[] c, Radiological view, int ox, int oy,
                             int cw, int ch, double lo, double hi, boolean error) {
        int cropW = c[1] - c[0] + 1, cropH = c[3] - c[2] + 1;
        double scale = 1 / (hi - lo);
        boolean up = view.flipY(), flipX = view.flipX();
        for (int py = 0; py < ch; py++) {
            int r = (int) ((long) py * cropH / ch);
            int z = up ? c[3] - r : c[2] + r;   // superior at the top
            for (int px = 0; px < cw; px++) {
                int off = (int) ((long) px * cropW / cw);
                int x = flipX ? c[1] - off : c[0] + off;   // patient right on the viewer's left
                int i = x + w * z;
                double val = ref == null ? src[i] : Math.abs(src[i] - ref[i]);
                double t = (val - lo) * scale;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                img.setRGB(ox + px, oy + py, error ? hot(t) : gray(t));
            }
        }
    }

    /** Short ticks left of the cell at the rows of kept slices (k a multiple of K). */
    private static void ticks(Graphics2D g, int[] c, boolean up, int factor, int ox, int oy, int ch) {
        int cropH = c[3] - c[2] + 1;
        g.setColor(new Color(230, 159, 0));
        for (int z = c[2]; z <= c[3]; z++) {
            if (z % factor != 0) continue;
            int r = up ? c[3] - z : z - c[2];
            int py = (int) Math.round((r + 0.5) * ch / cropH);
            g.fillRect(ox - 6, oy + py - 1, 5, 2);
        }
    }

    private static void legend(Graphics2D g, BufferedImage img, int x, int y, int h, double errMax) {
        label(g, "error scale", x, y);
        int barW = 24, barH = Math.max(20, h - 10);
        for (int py = 0; py < barH; py++) {
            int rgb = hot(1 - (double) py / (barH - 1));
            for (int px = 0; px < barW; px++) img.setRGB(x + 10 + px, y + LABEL_H + 5 + py, rgb);
        }
        g.setColor(Color.BLACK);
        g.drawString(fmt(errMax) + " and above", x + 10 + barW + 8, y + LABEL_H + 16);
        g.drawString("0", x + 10 + barW + 8, y + LABEL_H + 5 + barH);
        g.drawString("|prediction - truth|", x + 10 + barW + 8, y + LABEL_H + 5 + barH / 2);
    }

    private static void label(Graphics2D g, String s, int x, int y) {
        g.setColor(Color.BLACK);
        g.drawString(s, x + 2, y + LABEL_H - 5);
    }

    private static int gray(double t) {
        int v = (int) Math.round(t * 255);
        return (v << 16) | (v << 8) | v;
    }

    /** Black - red - yellow - white. */
    private static int hot(double t) {
        int r = (int) Math.round(255 * Math.min(1, 3 * t));
        int gr = (int) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 1)));
        int b = (int) Math.round(255 * Math.max(0, Math.min(1, 3 * t - 2)));
        return (r << 16) | (gr << 8) | b;
    }

    private static float[] absDiff(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) d[i] = Math.abs(a[i] - b[i]);
        return d;
    }

    private static float[] cropped(float[] plane, int w, int[] c) {
        int cw = c[1] - c[0] + 1;
        float[] out = new float[cw * (c[3] - c[2] + 1)];
        for (int z = c[2], o = 0; z <= c[3]; z++, o += cw) System.arraycopy(plane, z * w + c[0], out, o, cw);
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double percentile(float[] v, double q) {
        float[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        while (n > 0 && Float.isNaN(s[n - 1])) n--;
        if (n == 0) return 0;
        return s[(int) Math.min(n - 1, Math.round(q * (n - 1)))];
    }

    /** Rounds up to 1, 2 or 5 times a power of ten, so the legend reads easily. */
    static double roundNice(double v) {
        double e = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * e >= v * 0.999) return m * e;
        return 10 * e;
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** A white canvas over all of {@code img} with {@code title} on its first line; the graphics set for labels. */
    private static Graphics2D titled(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(FONT.deriveFont(15f));
        g.setColor(Color.BLACK);
        g.drawString(title, PAD, 19);
        g.setFont(FONT);
        return g;
    }
}
