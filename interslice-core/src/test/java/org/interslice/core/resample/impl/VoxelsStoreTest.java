package org.interslice.core.resample.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * The row store of the kernels (issue 22.5: unsigned types round in float with {@code Voxels.HALF}, not
 * in double) rounds as {@link PixelType#cast} does (half away from zero, in double, then saturated; NaN
 * to 0): checked against cast on ties, the neighbours of ties, the float just below 0.5, infinities,
 * NaN, signed zeros and random values over and beyond each type's range.
 */
class VoxelsStoreTest {
    @Test
    void rowStoreRoundsAsCast() {
        Random r = new Random(22);
        float[] v = new float[200_000];
        int n = 0;
        float[] special = {0.49999997f, 0.5f, -0.49999997f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 254.5f, 255.5f, 127.5f, -128.5f,
            32766.5f, -32767.5f, 65534.5f, 65535.5f, Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e10f, -1e10f};
        for (float s : special) v[n++] = s;
        for (int k = -70000; k <= 70000 && n < v.length - 4; k += 7) {
            float tie = k + 0.5f;
            v[n++] = tie;
            v[n++] = Math.nextDown(tie);
            v[n++] = Math.nextUp(tie);
        }
        while (n < v.length) v[n++] = (float) ((r.nextDouble() - 0.5) * (r.nextBoolean() ? 4 : 140000));
        for (PixelType t : new PixelType[] {PixelType.UINT8, PixelType.INT8, PixelType.UINT16, PixelType.INT16, PixelType.FLOAT32}) {
            Volume out = Volume.allocate(t, v.length, 1, 1, Geometry.identity());
            Voxels.storeRow(out, 0, v, 0, v.length);
            for (int i = 0; i < v.length; i++) assertEquals(t.cast(v[i]), out.get(i), 0, t + " of " + v[i]);
        }
    }
}
