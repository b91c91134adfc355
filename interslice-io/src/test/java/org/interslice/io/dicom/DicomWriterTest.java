package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Derivation;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.SharedData;
import org.interslice.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DICOM series writing: values and geometry read back, carried attributes, UIDs, per-slice provenance. */
class DicomWriterTest {
    @TempDir
    Path dir;

    /** Every voxel of {@code back} equals (within tol) the voxel of {@code v} at the same LPS point, within 1e-6 mm. */
    static void assertSameVoxels(Volume v, Volume back, double tol) {
        assertEquals(v.voxelCount(), back.voxelCount(), "voxel count");
        Geometry g = v.geometry(), b = back.geometry();
        double[] w = new double[3], c = new double[3];
        for (int k = 0; k < back.nz(); k++) for (int j = 0; j < back.ny(); j++) for (int i = 0; i < back.nx(); i++) {
            b.indexToWorld(i, j, k, w);
            g.worldToIndex(w[0], w[1], w[2], c);
            int x = (int) Math.round(c[0]), y = (int) Math.round(c[1]), z = (int) Math.round(c[2]);
            for (int a = 0; a < 3; a++) assertEquals(Math.round(c[a]), c[a], 1e-6, "read-back voxel lands between input voxels");
            double[] w2 = g.indexToWorld(x, y, z);
            for (int a = 0; a < 3; a++) assertEquals(w[a], w2[a], 1e-6, "position of voxel " + i + "," + j + "," + k);
            double e = v.get(v.index(x, y, z)), r = back.get(back.index(i, j, k));
            if (tol == 0) assertEquals(e, r, 0.0, "voxel " + i + "," + j + "," + k);
            else assertEquals(e, r, tol, "voxel " + i + "," + j + "," + k);
        }
    }

    static Volume random(PixelType t, int nx, int ny, int nz, Geometry g, long seed) {
        Volume v = Volume.allocate(t, nx, ny, nz, g);
        Random r = new Random(seed);
        double lo = Math.max(t.min, -5000), hi = Math.min(t.max, 70000);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, t.integer ? Math.floor(lo + r.nextDouble() * (hi - lo + 1)) : lo + r.nextDouble() * (hi - lo));
        return v;
    }

    static Geometry oblique() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        return Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {-12.25, 30.5, 101.125}, new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
    }

    private Path write(Volume v, String name, WriteOptions o) {
        Path out = dir.resolve(name);
        Formats.write(v, out, o);
        return out;
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyTypeReadsBack(PixelType t) {
        Volume v = random(t, 7, 5, 4, oblique(), t.ordinal());
        Path out = write(v, "t.dcm", WriteOptions.defaults());
        assertTrue(Files.isDirectory(out));
        Volume back = Formats.read(out);
        DicomValues dv = DicomValues.of(v);
        assertEquals(!t.integer ? false : true, dv.exact(), "integers are exact, random floats quantized");
        assertSameVoxels(v, back, t.integer ? 0 : dv.tolerance() * 1.0001 + 1e-3);
    }
}
