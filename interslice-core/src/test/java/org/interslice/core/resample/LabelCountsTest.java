package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * The streamed count of {@link LabelCounts}, fed slabs of random depth, names the same most common label as
 * {@link InputStats#of} of the whole volume (a dense histogram, or a sort for wide int ranges): for narrow
 * and wide label ranges, signed, unsigned and float storage, and ties (the smallest wins).
 */
class LabelCountsTest {
    private static final Geometry G = Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    @Test
    void streamedCountEqualsTheWholeVolumesMostCommonLabel() {
        Random r = new Random(11);
        ConfigResample c = new ConfigResample();
        c.interp = Interp.LABEL_GAUSSIAN;
        for (PixelType t : new PixelType[] {PixelType.UINT8, PixelType.INT16, PixelType.UINT16, PixelType.INT32, PixelType.FLOAT32}) {
            for (int trial = 0; trial < 6; trial++) {
                Volume v = Volume.allocate(t, 17, 13, 11, G).asLabel(true);
                int labels = 1 + r.nextInt(trial < 3 ? 6 : 300);
                int spread = t == PixelType.INT32 && trial % 2 == 1 ? 50_000_000 : (t == PixelType.UINT8 ? 1 : 97);
                int base = t.signed ? -labels / 2 : 0;
                for (int i = 0; i < v.voxelCount(); i++) {
                    int k = base + (r.nextInt(4) == 0 ? 0 : r.nextInt(labels));   // one label a little more common
                    long value = (long) k * spread;
                    v.set(i, t == PixelType.UINT8 ? Math.floorMod(value, 256) : t == PixelType.UINT16 ? Math.floorMod(value, 65536)
                            : t == PixelType.INT16 ? Math.max(-32768, Math.min(32767, value)) : value);
                }
                assertEquals(InputStats.of(v, c).background(), streamed(v, r), t + " trial " + trial);
            }
        }
    }

    @Test
    void tiesGoToTheSmallestLabel() {
        Volume v = Volume.allocate(PixelType.INT16, 4, 1, 2, G);
        double[] values = {9, -3, 5, 9, -3, 5, 7, 7};   // 9, -3, 5 and 7 twice each
        for (int i = 0; i < values.length; i++) v.set(i, values[i]);
        assertEquals(-3, streamed(v, new Random(1)));
        ConfigResample c = new ConfigResample();
        c.interp = Interp.LABEL_GAUSSIAN;
        assertEquals(-3, InputStats.of(v, c).background());
    }

    /** The volume fed to a counter in slabs of 1-4 slices. */
    private static int streamed(Volume v, Random r) {
        LabelCounts counts = new LabelCounts();
        for (int z = 0; z < v.nz(); ) {
            int d = Math.min(v.nz() - z, 1 + r.nextInt(4));
            Volume slab = Volume.allocate(v.type(), v.nx(), v.ny(), d, G);
            int slice = v.nx() * v.ny();
            for (int i = 0; i < slice * d; i++) slab.set(i, v.get(z * slice + i));
            counts.add(slab);
            z += d;
        }
        return counts.mostCommon();
    }
}
