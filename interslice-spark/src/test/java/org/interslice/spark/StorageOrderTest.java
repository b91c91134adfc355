package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.interslice.core.resample.Grid;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockResample.StorageOrder#stored}, the array copy, against the definition read voxel by voxel
 * through get: stored voxel (x, y, z) is the box voxel whose index along grid axis {@code axis[a]} is the
 * stored index a (counted from the end when flipped). Every signed axis permutation (48), every storage
 * array type, boxes with a 1-voxel axis too (where a kept y makes whole planes contiguous).
 */
class StorageOrderTest {
    private static final int[][] PERMUTATIONS = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    private static final PixelType[] TYPES = {PixelType.UINT8, PixelType.INT16, PixelType.UINT16, PixelType.INT32, PixelType.FLOAT32, PixelType.FLOAT64};

    @Test
    void everySignedPermutationCopiesAsTheDefinition() {
        Random r = new Random(11);
        int cases = 0;
        for (int[] box : new int[][] {{5, 4, 3}, {1, 6, 2}, {7, 1, 1}, {3, 5, 1}})
            for (int[] p : PERMUTATIONS)
                for (int flips = 0; flips < 8; flips++)
                    for (PixelType t : TYPES) {
                        check(box, p, flips, t, r);
                        cases++;
                    }
        assertEquals(4 * 6 * 8 * TYPES.length, cases);
    }

    @Test
    void theIdentityIsTheVolumeItself() {
        BlockResample.StorageOrder o = BlockResample.StorageOrder.of(new Grid(4, 3, 2, Geometry.identity()));
        Volume v = Volume.allocate(PixelType.INT16, 4, 3, 2, Geometry.identity());
        assertSame(v, o.stored(v));
    }

    private static void check(int[] box, int[] p, int flips, PixelType t, Random r) {
        // the grid's direction: world axis a (row) along grid index axis p[a] (column), sign by the flip bit
        double[] d = new double[9];
        for (int a = 0; a < 3; a++) d[3 * a + p[a]] = (flips >> a & 1) == 1 ? -1 : 1;
        int[] dims = {box[0] + 3, box[1] + 2, box[2] + 4};   // the whole grid: the box is part of it
        BlockResample.StorageOrder o = BlockResample.StorageOrder.of(new Grid(dims[0], dims[1], dims[2], Geometry.of(new double[] {1, 2, 3}, new double[3], d)));
        assertNotNull(o);
        Volume v = Volume.allocate(t, box[0], box[1], box[2], Geometry.identity());
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, t.integer ? r.nextInt(200) : r.nextGaussian());
        Volume s = o.stored(v);
        int[] sn = {box[p[0]], box[p[1]], box[p[2]]};
        assertArrayEquals(sn, s.dims());
        assertEquals(t, s.type());
        int[] at = new int[3];
        for (int z = 0; z < sn[2]; z++) for (int y = 0; y < sn[1]; y++) for (int x = 0; x < sn[0]; x++) {
            int[] st = {x, y, z};
            for (int a = 0; a < 3; a++) at[p[a]] = (flips >> a & 1) == 1 ? box[p[a]] - 1 - st[a] : st[a];
            double want = v.get(v.index(at[0], at[1], at[2])), got = s.get(s.index(x, y, z));
            if (Double.compare(want, got) != 0)
                throw new AssertionError(t + " axes " + p[0] + p[1] + p[2] + " flips " + flips + " box " + box[0] + "x" + box[1] + "x" + box[2]
                        + ": stored (" + x + ", " + y + ", " + z + ") is " + got + ", the definition " + want);
        }
    }
}
