package org.interslice.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

class BlockTest {
    @Test
    void intervalsContainAndCheck() {
        Interval a = new Interval(2, 3, 4, 10, 10, 10);
        assertTrue(a.contains(new Interval(2, 3, 4, 1, 1, 1)));
        assertTrue(a.contains(new Interval(5, 5, 5, 7, 8, 9)));
        assertFalse(a.contains(new Interval(5, 5, 5, 8, 8, 9)));
        assertFalse(a.contains(new Interval(1, 5, 5, 2, 2, 2)));
        assertEquals(a, Interval.fromTo(new int[] {2, 3, 4}, new int[] {12, 13, 14}));
        assertEquals(1000, a.voxelCount());
        assertTrue(a.within(12, 13, 14));
        assertFalse(a.within(11, 13, 14));
        assertThrows(IllegalArgumentException.class, () -> new Interval(0, 0, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> a.checkWithin(12, 13, 13));
    }

    @Test
    void cropKeepsValuesAndPlacesTheBoxInTheWorld() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        Geometry g = Geometry.of(new double[] {0.7, 0.8, 2.5}, new double[] {-30, 12, 80}, new double[] {c, -s, 0.1, s, c, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 9, 8, 7, g);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i - 200);
        Interval box = new Interval(2, 1, 3, 5, 6, 3);
        Block b = Block.crop(v, box);
        assertEquals(box, b.interval());
        assertEquals(PixelType.INT16, b.data().type());
        double[] p = new double[3], q = new double[3];
        for (int z = 0; z < 3; z++) for (int y = 0; y < 6; y++) for (int x = 0; x < 5; x++) {
            assertEquals(v.get(v.index(x + 2, y + 1, z + 3)), b.data().get(b.data().index(x, y, z)));
            v.geometry().indexToWorld(x + 2, y + 1, z + 3, p);
            b.geometry().indexToWorld(x, y, z, q);
            assertArrayEquals(p, q, 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> Block.crop(v, new Interval(5, 0, 0, 5, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Block(v, new Interval(0, 0, 0, 9, 8, 6), 9, 8, 7, g));
    }

    @Test
    void cropOfUnevenSlicesKeepsTheirPositions() {
        double[] so = {0, 0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 5.5, 0, 0, 9};
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.5}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 1, 1e-6);
        Volume v = Volume.allocate(PixelType.UINT8, 4, 4, 5, g);
        Block b = Block.crop(v, new Interval(1, 2, 1, 3, 2, 3));
        double[] p = new double[3], q = new double[3];
        for (int z = 0; z < 3; z++) {
            g.indexToWorld(1, 2, z + 1, p);
            b.geometry().indexToWorld(0, 0, z, q);
            assertArrayEquals(p, q, 1e-9);
        }
        assertFalse(b.geometry().uniformSlices());
    }
}
