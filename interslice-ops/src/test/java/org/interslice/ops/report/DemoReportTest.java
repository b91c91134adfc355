package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportTest {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    /** Each slice holds one value everywhere: value(k) for the slice at height z0 + k dz. */
    private static FloatVolume slabs(int nz, double z0, double dz, float... values) {
        int n = 40 * 30;
        float[] d = new float[n * nz];
        for (int k = 0; k < nz; k++) for (int i = 0; i < n; i++) d[k * n + i] = values[k];
        return new FloatVolume(40, 30, nz, d, Geometry.of(new double[] {1, 1, dz}, new double[] {0, 0, z0}, IDENTITY), false);
    }

    /**
     * A thick column of 3 slabs (4 mm apart) next to a thin reference of 9 slices (1 mm apart) over the
     * same heights: on every montage row, the thick column must show the slab nearest to that row's
     * height, and the thin column its own nearest slice, both on one vertical scale (superior up).
     */
    @Test
    void columnsShowTheirNearestSliceOnOnePhysicalScale(@TempDir Path dir) throws Exception {
        FloatVolume thick = slabs(3, 10, 4, 0, 400, 800);
        float[] thinValues = new float[9];
        for (int k = 0; k < 9; k++) thinValues[k] = 100 * k;
        FloatVolume thin = slabs(9, 10, 1, thinValues);
        BufferedImage img = Montage.sideBySide("test", List.of(new Montage.Column("thick", thick), new Montage.Column("thin", thin)));
        // the first (coronal) row of cells: 300 px for the 40 mm crop width, so 8 mm of height is 60 px;
        // the sagittal row below is 300 px for 30 mm, 80 px high
        int top = 26 + 8 + 20, cellH = 60;
        assertEquals(26 + 8 + 2 * (20 + 8) + 60 + 80, img.getHeight());
        int thickX = 8 + 75, thinX = 8 + 308 + 75;   // away from the edge marks at the middle of each edge
        int checked = 0;
        for (int py = 0; py < cellH; py++) {
            double z = 18 - (py + 0.5) / cellH * 8;   // heights 10 .. 18 mm, superior at the top
            int kThick = (int) Math.floor((z - 10) / 4 + 0.5), kThin = (int) Math.floor(z - 10 + 0.5);
            if (Math.abs((z - 10) / 4 - Math.rint((z - 10) / 4)) > 0.45 || Math.abs((z - 10) - Math.rint(z - 10)) > 0.45) continue;
            int gThick = img.getRGB(thickX, top + py) & 0xFF, gThin = img.getRGB(thinX, top + py) & 0xFF;
            // the window is the thin column's 1st..99.5th percentile: 0 .. 800
            assertEquals(Math.round(kThick * 400 / 800.0 * 255), gThick, 1, "thick row " + py);
            assertEquals(Math.round(kThin * 100 / 800.0 * 255), gThin, 1, "thin row " + py);
            checked++;
        }
        assertTrue(checked > cellH / 2, checked + " rows checked of " + cellH);
        Path html = DemoReport.write(dir, "t", List.of("intro"), List.of(new DemoReport.Column("thick", thick), new DemoReport.Column("thin", thin)),
                null, null, java.util.Map.of());
        assertTrue(Files.readString(html).contains("montage.png"));
        assertEquals(img.getWidth(), ImageIO.read(dir.resolve("montage.png").toFile()).getWidth());
    }
}
