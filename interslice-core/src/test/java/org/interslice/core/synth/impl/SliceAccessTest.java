package org.interslice.core.synth.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;

class SliceAccessTest {
    /** Every voxel of a slice across each axis, read as float and as int and written back, lands at (x, y, z). */
    @Test
    void slicesAcrossEveryAxisRoundTripForEveryType() {
        int nx = 5, ny = 4, nz = 3;
        for (PixelType t : PixelType.values()) {
            Volume v = Volume.allocate(t, nx, ny, nz, Geometry.identity());
            for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) v.set(v.index(x, y, z), x + 5 * y + 20 * z);
            for (int axis = 0; axis < 3; axis++) {
                int[] pd = SliceAccess.planeDims(v, axis);
                Volume f = Volume.allocate(t, nx, ny, nz, Geometry.identity()), i = Volume.allocate(t, nx, ny, nz, Geometry.identity());
                Volume c = Volume.allocate(t, nx, ny, nz, Geometry.identity());
                float[] fs = new float[pd[0] * pd[1]];
                int[] is = new int[pd[0] * pd[1]];
                for (int k = 0; k < SliceAccess.slices(v, axis); k++) {
                    SliceAccess.toFloat(v, axis, k, fs, 0);
                    SliceAccess.toInt(v, axis, k, is, 0);
                    // the plane is (u, w) = (x, y) across z, (x, z) across y, (y, z) across x
                    for (int w = 0; w < pd[1]; w++) for (int u = 0; u < pd[0]; u++) {
                        int x = axis == 0 ? k : u, y = axis == 1 ? k : axis == 0 ? u : w, z = axis == 2 ? k : w;
                        assertEquals(x + 5 * y + 20 * z, fs[u + pd[0] * w], t + " axis " + axis);
                        assertEquals(x + 5 * y + 20 * z, is[u + pd[0] * w], t + " axis " + axis);
                    }
                    SliceAccess.storeFloat(f, axis, k, fs, 0);
                    SliceAccess.storeInt(i, axis, k, is, 0);
                    SliceAccess.copy(v, k, c, k, axis);
                }
                for (int n = 0; n < v.voxelCount(); n++) {
                    assertEquals(v.get(n), f.get(n), t + " axis " + axis);
                    assertEquals(v.get(n), i.get(n), t + " axis " + axis);
                    assertEquals(v.get(n), c.get(n), t + " axis " + axis);
                }
            }
        }
    }
}
