package org.interslice.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryTest {
    private static final double[] I3 = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void flippedAxesMapByHand() {
        Geometry g = Geometry.of(new double[] {2, 3, 4}, new double[] {10, 20, 30}, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1});
        // (1,2,3): x = 10 - 1*2, y = 20 + 2*3, z = 30 - 3*4
        assertArrayEquals(new double[] {8, 26, 18}, g.indexToWorld(1, 2, 3), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, g.worldToIndex(8, 26, 18), 1e-12);
        assertEquals("RPI", g.orientationCode());
    }

    @Test
    void rotatedAxesMapByHand() {
        // i runs along +y (posterior), j along -x (right): a 90 degree rotation about z
        Geometry g = Geometry.of(new double[] {0.5, 0.25, 1}, new double[] {1, 2, 3}, new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1});
        assertArrayEquals(new double[] {1, 2.5, 3}, g.indexToWorld(1, 0, 0), 1e-12);
        assertArrayEquals(new double[] {0.75, 2, 3}, g.indexToWorld(0, 1, 0), 1e-12);
        assertEquals("PRS", g.orientationCode());
    }

    @Test
    void orientationCodesOfCommonLayouts() {
        assertEquals("LPS", Geometry.of(new double[] {1, 1, 1}, new double[3], I3).orientationCode());
        assertEquals("RAS", Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {-1, 0, 0, 0, -1, 0, 0, 0, 1}).orientationCode());
        assertEquals("LAS", Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}).orientationCode());
        // coronal: i toward left, j toward inferior, k toward anterior
        assertEquals("LIA", Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 0, -1, 0, -1, 0}).orientationCode());
    }

    @Test
    void obliqueRoundTripsWorldAndIndex() {
        Random r = new Random(1);
        for (int trial = 0; trial < 50; trial++) {
            double[] d = randomRotation(r);
            if (r.nextBoolean()) for (int row = 0; row < 3; row++) d[3 * row] = -d[3 * row];
            Geometry g = Geometry.of(new double[] {0.1 + r.nextDouble(), 0.1 + r.nextDouble(), 0.1 + 3 * r.nextDouble()},
                    new double[] {r.nextGaussian() * 100, r.nextGaussian() * 100, r.nextGaussian() * 100}, d);
            double i = r.nextDouble() * 300, j = r.nextDouble() * 300, k = r.nextDouble() * 100;
            double[] w = g.indexToWorld(i, j, k);
            assertArrayEquals(new double[] {i, j, k}, g.worldToIndex(w[0], w[1], w[2]), 1e-9);
            // the affine says the same as indexToWorld
            double[] a = g.affine();
            for (int row = 0; row < 3; row++)
                assertEquals(a[4 * row] * i + a[4 * row + 1] * j + a[4 * row + 2] * k + a[4 * row + 3], w[row], 1e-9);
            assertEquals(0, g.gantryTiltDegrees(), 1e-6);
            assertTrue(g.isOrthogonal());
        }
    }

    @Test
    void affineRoundTripKeepsShear() {
        // sheared like a gantry-tilted CT: k steps along y as well as z
        // the sheared sform of niivue-samples/shear.nii.gz, in LPS: j = (0, -0.4575, 0.1531), k = (0, 0, 2.3708)
        double[] a = {-0.4824, 0, 0, 73, 0, -0.4575, 0, 120, 0, 0.1531, 2.3708, -40, 0, 0, 0, 1};
        Geometry g = Geometry.fromAffine(a);
        assertArrayEquals(a, g.affine(), 1e-12);
        assertFalse(g.isOrthogonal());
        // i is perpendicular to j and k, so the tilt is 90 degrees minus the angle between j and k (71.5)
        double expected = 90 - Math.toDegrees(Math.acos(0.1531 / Math.hypot(0.4575, 0.1531)));
        assertEquals(18.5, expected, 0.05);
        assertEquals(expected, g.gantryTiltDegrees(), 1e-9);
        double[] w = g.indexToWorld(3, 4, 5);
        assertArrayEquals(new double[] {3, 4, 5}, g.worldToIndex(w[0], w[1], w[2]), 1e-9);
    }

    @Test
    void evenSlicesCollapseToAnAffine() {
        double[] so = new double[3 * 5];
        for (int k = 0; k < 5; k++) { so[3 * k] = 1; so[3 * k + 1] = 2; so[3 * k + 2] = 700 + 2.5 * k; }
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.5}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 2.5, 1e-4);
        assertTrue(g.uniformSlices());
        assertEquals(2.5, g.spacing(2), 1e-12);
        assertArrayEquals(new double[] {1, 2, 710}, g.indexToWorld(0, 0, 4), 1e-12);
    }

    @Test
    void unevenSlicesKeepEveryPosition() {
        double[] z = {0, 1, 2, 5, 6};  // a gap between slices 2 and 3
        double[] so = new double[15];
        for (int k = 0; k < 5; k++) { so[3 * k] = -3; so[3 * k + 1] = 4; so[3 * k + 2] = z[k]; }
        Geometry g = Geometry.ofSlices(new double[] {0.5, 0.25}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 1, 1e-4);
        assertFalse(g.uniformSlices());
        assertNotNull(g.sliceOrigins());
        assertArrayEquals(z, g.slicePositionsMm(5), 1e-12);
        assertArrayEquals(new double[] {-3 + 2 * 0.5, 4 + 3 * 0.25, 5}, g.indexToWorld(2, 3, 3), 1e-12);
        // half way between slice 2 (z=2) and 3 (z=5)
        assertArrayEquals(new double[] {-3, 4, 3.5}, g.indexToWorld(0, 0, 2.5), 1e-12);
        assertArrayEquals(new double[] {2, 3, 2.5}, g.worldToIndex(-3 + 1, 4 + 0.75, 3.5), 1e-12);
        assertArrayEquals(new double[] {1, 1, 3.5}, g.worldToIndex(-2.5, 4.25, 5.5), 1e-12);
        assertNull(g.affineOnly().sliceOrigins());
    }

    @Test
    void tiltedSlicesBecomeAShearedColumn() {
        // slices step 2 mm in z and 0.5 mm in y: a tilt of atan(0.5/2)
        double[] so = new double[3 * 4];
        for (int k = 0; k < 4; k++) { so[3 * k + 1] = 0.5 * k; so[3 * k + 2] = 2 * k; }
        Geometry g = Geometry.ofSlices(new double[] {1, 1}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, so, 2, 1e-4);
        assertTrue(g.uniformSlices());
        assertEquals(Math.toDegrees(Math.atan2(0.5, 2)), g.gantryTiltDegrees(), 1e-9);
        assertArrayEquals(new double[] {0, 1.5, 6}, g.indexToWorld(0, 0, 3), 1e-12);
        assertArrayEquals(new double[] {0, 2, 4, 6}, g.slicePositionsMm(4), 1e-12);
    }

    @Test
    void rejectsBadGeometry() {
        assertThrows(IllegalArgumentException.class, () -> Geometry.of(new double[] {0, 1, 1}, new double[3], I3));
        assertThrows(IllegalArgumentException.class, () -> Geometry.of(new double[] {Double.NaN, 1, 1}, new double[3], I3));
        assertThrows(IllegalArgumentException.class, () -> Geometry.of(new double[] {1, 1, 1}, new double[] {0, Double.POSITIVE_INFINITY, 0}, I3));
        assertThrows(IllegalArgumentException.class, () -> Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 0, 0, 0, 0, 1}));
    }

    static double[] randomRotation(Random r) {
        // Gram-Schmidt on random vectors
        double[] a = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double[] b = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        normalize(a);
        double p = Geometry.dot(a, b);
        for (int t = 0; t < 3; t++) b[t] -= p * a[t];
        normalize(b);
        double[] c = Geometry.cross(a, b);
        return new double[] {a[0], b[0], c[0], a[1], b[1], c[1], a[2], b[2], c[2]};
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(Geometry.dot(v, v));
        for (int t = 0; t < 3; t++) v[t] /= n;
    }

    /**
     * On sorted uneven slices worldToIndex bisects; its result equals bit for bit the slice-list walk it
     * replaced (written out here as it was), at random points inside, outside and exactly on slices, for
     * slices ascending and descending along the normal.
     */
    @Test
    void unevenLookupEqualsTheLinearWalk() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int sign : new int[] {1, -1}) {
            int nz = 50;
            double[] so = new double[3 * nz];
            double z = 0;
            for (int k = 0; k < nz; k++) {
                so[3 * k] = 3;
                so[3 * k + 1] = -2;
                so[3 * k + 2] = sign * z;
                z += 0.5 + 7 * r.nextDouble();
            }
            double c = Math.cos(0.4), s = Math.sin(0.4);
            Geometry g = Geometry.ofSlices(new double[] {0.7, 0.9}, new double[] {c, 0, s}, new double[] {0, 1, 0}, so, 1, 1e-6);
            assertFalse(g.uniformSlices());
            double[] n = g.normal();
            for (int t = 0; t < 20000; t++) {
                double[] p = {-30 + 60 * r.nextDouble(), -30 + 60 * r.nextDouble(), -40 + 300 * r.nextDouble() * sign};
                if (t % 10 == 0) {   // exactly on a slice
                    int k = r.nextInt(nz);
                    p = g.indexToWorld(10 * r.nextDouble(), 10 * r.nextDouble(), k);
                }
                double h = p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
                double expectK = walk(so, n, h);
                double[] got = g.worldToIndex(p[0], p[1], p[2]);
                assertEquals(expectK, got[2], 0, "point " + java.util.Arrays.toString(p));
            }
        }
    }

    /** The lookup worldToIndex made before bisection: walk the slices for the first segment holding h. */
    private static double walk(double[] so, double[] n, double h) {
        int nz = so.length / 3;
        int seg = nz - 2;
        for (int s = 0; s < nz - 1; s++) {
            double h0 = height(so, s, n), h1 = height(so, s + 1, n);
            if ((h - h0) * (h - h1) <= 0) { seg = s; break; }
            if (s == 0 && (h1 > h0 ? h < h0 : h > h0)) { seg = 0; break; }
        }
        double h0 = height(so, seg, n), h1 = height(so, seg + 1, n);
        return seg + (h - h0) / (h1 - h0);
    }

    private static double height(double[] so, int k, double[] n) {
        return so[3 * k] * n[0] + so[3 * k + 1] * n[1] + so[3 * k + 2] * n[2];
    }
}
