package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.interslice.core.evaluate.ConfigEvaluate;
import org.interslice.core.evaluate.Evaluator;
import org.interslice.core.evaluate.MaskInfo;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

/**
 * Every montage is radiological from the geometry, not the storage order: one synthetic head (patient right
 * bright, superior brighter, anterior brighter) stored LPS and stored RAS must be drawn alike, with patient
 * right on the viewer's left, superior at the top and anterior on the left of the sagittal plane.
 */
class RadiologicalTest {
    private static final int NX = 40, NY = 30, NZ = 9;

    /** The head on an axis-aligned grid stored LPS (direction identity) or RAS (x and y reversed); values from world positions. */
    static FloatVolume head(boolean ras) {
        double[] dir = ras ? new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1} : new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] origin = ras ? new double[] {19.5, 14.5, 0} : new double[] {-19.5, -14.5, 0};
        Geometry g = Geometry.of(new double[] {1, 1, 2}, origin, dir);
        float[] d = new float[NX * NY * NZ];
        double[] w = new double[3];
        for (int k = 0; k < NZ; k++) for (int j = 0; j < NY; j++) for (int i = 0; i < NX; i++) {
            g.indexToWorld(i, j, k, w);
            // LPS: x < 0 is patient right, y < 0 anterior, z large superior
            d[i + NX * (j + NY * k)] = (w[0] < 0 ? 1000 : 200) + (w[1] < 0 ? 150 : 0) + (w[2] > 8 ? 300 : 0);
        }
        return new FloatVolume(NX, NY, NZ, d, g, false);
    }

    /** Mean gray of a box of the image. */
    private static double mean(BufferedImage img, int x0, int y0, int w, int h) {
        double s = 0;
        for (int y = y0; y < y0 + h; y++) for (int x = x0; x < x0 + w; x++) s += img.getRGB(x, y) & 0xFF;
        return s / (w * h);
    }

    @Test
    void theHelperFlipsRasButNotLps() {
        Radiological lps = Radiological.of(head(false).geometry(), 0, 2), ras = Radiological.of(head(true).geometry(), 0, 2);
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, lps.edges());
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, ras.edges());
        assertTrue(!lps.flipX() && ras.flipX() && lps.flipY() && ras.flipY());
        assertArrayEquals(new String[] {"A", "P", "S", "I"}, Radiological.of(head(true).geometry(), 1, 2).edges());
    }

    /** The demo's side-by-side montage: coronal cells from y = 26 + 8 + 20, sagittal cells below. */
    @Test
    void demoMontageIsRadiologicalForLpsAndRasStorage() {
        for (boolean ras : new boolean[] {false, true}) {
            FloatVolume v = head(ras);
            BufferedImage img = Montage.sideBySide("t", List.of(new Montage.Column("a", v)));
            int top = 26 + 8 + 20, cellH = (img.getHeight() - top - 2 * (20 + 8)) / 2;   // both rows about equal here
            String s = ras ? "RAS" : "LPS";
            // coronal: quarter columns away from the edge marks, rows between the marks
            assertTrue(mean(img, 8 + 20, top + 20, 60, 20) > mean(img, 8 + 220, top + 20, 60, 20) + 40, s + ": patient right on the viewer's left");
            assertTrue(mean(img, 8 + 220, top + 18, 60, 8) > mean(img, 8 + 220, top + cellH - 26, 60, 8) + 40, s + ": superior at the top");
            // sagittal: anterior on the left
            int sag = img.getHeight() - 8 - 30;
            assertTrue(mean(img, 8 + 20, sag - 10, 60, 8) > mean(img, 8 + 220, sag - 10, 60, 8) + 20, s + ": anterior on the viewer's left");
        }
    }

    /** The evaluate montage (truth cells of a self-check) likewise. */
    @Test
    void evaluateMontageIsRadiologicalForLpsAndRasStorage() {
        for (boolean ras : new boolean[] {false, true}) {
            FloatVolume v = head(ras);
            VolumeResult r = new Evaluator(new ConfigEvaluate()).selfCheck("t", v, null, MaskInfo.none(), List.of(SynthesisMethods.image("linear")), null, Job.serial());
            BufferedImage img = Montage.render(r, new ConfigEvaluate(), "linear");
            int top = 26 + 8 + 20;
            String s = ras ? "RAS" : "LPS";
            assertTrue(mean(img, 8 + 20, top + 20, 60, 10) > mean(img, 8 + 220, top + 20, 60, 10) + 40, s + ": patient right on the viewer's left");
        }
    }
}
