package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

/** Properties of one pyramid level; the values against numpy are in interslice-io's PyramidWriteTest. */
class MultiscaleTest {
    static Volume random(PixelType t, boolean label, long seed) {
        double c = Math.cos(0.4), s = Math.sin(0.4);
        Geometry g = Geometry.of(new double[] {0.7, 0.9, 1.3}, new double[] {5, -7, 11}, new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
        Volume v = Volume.allocate(t, 37, 23, 9, g).asLabel(label);
        Random r = new Random(seed);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, label ? r.nextInt(4) : r.nextInt(2000) - 500);
        return v;
    }

    @Test
    void oneThreadEqualsManyAndLabelsStayLabels() {
        for (boolean label : new boolean[] {false, true}) {
            Volume v = random(PixelType.INT16, label, 3);
            Volume a = Multiscale.halve(v, new boolean[] {true, true, true}, Job.serial());
            Volume b;
            try (Job j = Job.of(4, null)) {
                b = Multiscale.halve(v, new boolean[] {true, true, true}, j);
            }
            assertArrayEquals(new int[] {19, 12, 5}, a.dims());
            for (int i = 0; i < a.voxelCount(); i++) assertEquals(a.get(i), b.get(i), 0.0);
            assertEquals(label, a.isLabel());
            if (label) for (int i = 0; i < a.voxelCount(); i++) assertEquals(Math.rint(a.get(i)), a.get(i), 0.0);
        }
    }

    @Test
    void levelOverlaysLevelZeroOnAnObliqueGrid() {
        Volume v = random(PixelType.FLOAT32, false, 5);
        Volume h = Multiscale.halve(v, new boolean[] {true, false, true}, Job.serial());
        assertArrayEquals(new int[] {19, 23, 5}, h.dims());
        // a level voxel's centre is the mean of its block's voxel centres: (i, j, k) -> (2i + 0.5, j, 2k + 0.5)
        double[] got = h.geometry().indexToWorld(3, 4, 2);
        double[] want = v.geometry().indexToWorld(6.5, 4, 4.5);
        for (int a = 0; a < 3; a++) assertEquals(want[a], got[a], 1e-9);
        // and its value is that block's mean
        double sum = 0;
        for (int z = 4; z < 6; z++) for (int x = 6; x < 8; x++) sum += v.get(v.index(x, 4, z));
        assertEquals(sum / 4, h.get(h.index(3, 4, 2)), 1e-4);
    }

    @Test
    void modeTakesTheSmallestOnTies() {
        assertEquals(2, Multiscale.mode(new double[] {5, 2, 5, 2}, 0, 4), 0.0);
        assertEquals(5, Multiscale.mode(new double[] {9, 5, 2, 5, 7}, 1, 4), 0.0);
        assertEquals(-1, Multiscale.mode(new double[] {3, -1}, 0, 2), 0.0);
    }

    @Test
    void zIsHalvedOnlyWhenThatKeepsTheLevelNearerIsotropic() {
        assertArrayEquals(new boolean[] {true, true, true}, Multiscale.axesToHalve(new double[] {1, 1, 1}, new int[] {8, 8, 8}));
        assertArrayEquals(new boolean[] {true, true, false}, Multiscale.axesToHalve(new double[] {0.5, 0.5, 5}, new int[] {8, 8, 8}));
        assertArrayEquals(new boolean[] {true, true, true}, Multiscale.axesToHalve(new double[] {4, 4, 5}, new int[] {8, 8, 8}));
        assertArrayEquals(new boolean[] {true, true, false}, Multiscale.axesToHalve(new double[] {1, 1, 1}, new int[] {8, 8, 1}));
    }

    @Test
    void usefulLevelsStopWhereHalvingChangesNothing() {
        // by hand: 40x40x3 at 1 mm -> 20x20x2 -> 10x10x1 -> 5x5x1 -> 3x3x1 -> 2x2x1 -> 1x1x1, then nothing halves
        assertEquals(6, Multiscale.usefulLevels(new double[] {1, 1, 1}, new int[] {40, 40, 3}));
        // by halving: the levels the writer would make, until one repeats the one before
        int[][] sizes = {{40, 40, 3}, {37, 23, 9}, {4, 4, 1000}, {1, 1, 1}, {300, 5, 2}};
        double[][] spacings = {{1, 1, 1}, {0.7, 0.9, 1.3}, {1, 1, 1}, {1, 1, 1}, {0.5, 0.5, 5}};
        for (int c = 0; c < sizes.length; c++) {
            int[] n = sizes[c];
            Volume v = Volume.allocate(PixelType.UINT8, n[0], n[1], n[2], Geometry.of(spacings[c], new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
            int made = 0;
            while (made < 40) {
                Volume h = Multiscale.halve(v, Multiscale.axesToHalve(v.geometry().spacing(), new int[] {v.nx(), v.ny(), v.nz()}), Job.serial());
                if (h.nx() == v.nx() && h.ny() == v.ny() && h.nz() == v.nz()) break;
                v = h;
                made++;
            }
            assertEquals(made, Multiscale.usefulLevels(spacings[c], n), java.util.Arrays.toString(n));
        }
    }
}
