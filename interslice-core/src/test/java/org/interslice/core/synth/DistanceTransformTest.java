package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {
    /** Distances to the nearest zero pixel and signed maps equal scipy.ndimage.distance_transform_edt with sampling. */
    @Test
    void matchesScipyDistanceTransformEdt() {
        DistanceTransform dt = new DistanceTransform();
        for (String name : new String[] {"blobs", "point", "tall"}) {
            int i = LabelFixtures.find("edt", name);
            String[] head = LabelFixtures.lines().get(i);
            int w = Integer.parseInt(head[2]), h = Integer.parseInt(head[3]);
            double sx = Double.parseDouble(head[4]), sy = Double.parseDouble(head[5]);
            int[] mask = LabelFixtures.ints(i + 1, 1);
            double[] dist = LabelFixtures.doubles(i + 2, 1), signed = LabelFixtures.doubles(i + 3, 1);
            float[] out = new float[w * h];
            // features: the zero pixels, as scipy's edt measures to them
            dt.squared(mask, 0, w, 0, 0, w, h, 0, true, sx, sy, out);
            for (int p = 0; p < w * h; p++) assertEquals(dist[p], Math.sqrt(out[p]), 1e-5 * (1 + dist[p]), name + " pixel " + p);
            dt.signed(mask, 0, w, 0, 0, w, h, 1, sx, sy, 1e6f, out);
            for (int p = 0; p < w * h; p++) assertEquals(signed[p], out[p], 1e-5 * (1 + Math.abs(signed[p])), name + " signed pixel " + p);
        }
    }

    /** Inside a label's bounding box plus a margin of 1, the region transform equals the whole-slice one. */
    @Test
    void regionEqualsWholeSliceInsideTheBoxPlusMargin() {
        SplittableRandom r = new SplittableRandom(5);
        int w = 40, h = 30;
        int[] ids = new int[w * h];
        for (int p = 0; p < ids.length; p++) ids[p] = r.nextInt(3);
        for (int y = 8; y < 19; y++) for (int x = 11; x < 25; x++) if (r.nextInt(4) > 0) ids[y * w + x] = 7;
        int x0 = 11 - 1, y0 = 8 - 1, rw = 14 + 2, rh = 11 + 2;   // box of label 7 plus one pixel
        DistanceTransform dt = new DistanceTransform();
        float[] whole = new float[w * h], region = new float[rw * rh];
        dt.signed(ids, 0, w, 0, 0, w, h, 7, 0.8, 1.7, 1e6f, whole);
        dt.signed(ids, 0, w, x0, y0, rw, rh, 7, 0.8, 1.7, 1e6f, region);
        for (int y = 0; y < rh; y++)
            for (int x = 0; x < rw; x++) assertEquals(whole[(y0 + y) * w + x0 + x], region[y * rw + x], 0f, "pixel " + x + "," + y);
    }

    @Test
    void noFeatureGivesInfinityAndSignedMapsClamp() {
        int[] ids = new int[12];
        float[] out = new float[12];
        DistanceTransform dt = new DistanceTransform();
        dt.squared(ids, 0, 4, 0, 0, 4, 3, 1, true, 1, 1, out);
        for (float v : out) assertEquals(Float.POSITIVE_INFINITY, v);
        dt.signed(ids, 0, 4, 0, 0, 4, 3, 0, 1, 1, 2.5f, out);   // label 0 fills the slice: infinitely deep, clamped
        for (float v : out) assertEquals(2.5f, v);
        ids[5] = 3;
        dt.signed(ids, 0, 4, 0, 0, 4, 3, 3, 1, 1, 2.5f, out);
        assertEquals(1f, out[5]);
        assertTrue(out[0] < 0 && out[0] >= -2.5f);
    }
}
