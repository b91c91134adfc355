package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/** Streaming label evidence gives exactly LabelMaps.looksLikeLabels of the whole volume, whatever the slabs. */
class LabelEvidenceTest {
    /**
     * Blocky labels (k values in runs along x) with a fraction of voxels replaced by noise: little noise
     * looks like labels, much does not; around the 0.75 neighbour threshold both happen.
     */
    private static Volume volume(PixelType t, Random r, int labels, double noise, int background) {
        int nx = 5 + r.nextInt(30), ny = 3 + r.nextInt(9), nz = 2 + r.nextInt(11);
        Volume v = Volume.allocate(t, nx, ny, nz, Geometry.identity());
        double lo = t.signed ? -100 : 0;
        for (int i = 0; i < v.voxelCount(); ) {
            int run = 1 + r.nextInt(8);
            double value = r.nextInt(3) == 0 ? background : lo + r.nextInt(labels);
            for (int k = 0; k < run && i < v.voxelCount(); k++, i++) v.set(i, r.nextDouble() < noise ? lo + r.nextInt(400) : value);
        }
        return v;
    }

    @Test
    void equalsTheWholeVolumeDecisionForAnySlabs() {
        Random r = new Random(21);
        int yes = 0, no = 0;
        for (int trial = 0; trial < 400; trial++) {
            PixelType t = new PixelType[] {PixelType.UINT8, PixelType.INT8, PixelType.UINT16, PixelType.INT16}[trial % 4];
            double noise = new double[] {0, 0.02, 0.1, 0.2, 0.35, 0.6}[r.nextInt(6)];
            Volume v = volume(t, r, 2 + r.nextInt(300), noise, r.nextInt(5));
            boolean expected = LabelMaps.looksLikeLabels(v);
            LabelEvidence e = new LabelEvidence(t, v.nx(), v.ny());
            for (int z = 0; z < v.nz(); ) {
                int n = 1 + r.nextInt(v.nz() - z);
                e.add(Block.crop(v, new Interval(0, 0, z, v.nx(), v.ny(), n)).data(), z);
                z += n;
            }
            assertEquals(expected, e.looksLikeLabels(), "trial " + trial + " " + v);
            if (expected) yes++;
            else no++;
        }
        assertTrue(yes > 40 && no > 40, "both outcomes exercised: " + yes + " label maps, " + no + " images");
    }
}
