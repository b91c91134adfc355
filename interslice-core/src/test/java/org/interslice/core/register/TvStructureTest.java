package org.interslice.core.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Against scikit-image's denoise_tv_chambolle: tools/reference/tv_structure_expected.py. */
class TvStructureTest {
    @Test
    void equalsScikitImageChambolleAtTwoWeights() throws IOException {
        String[] dims;
        try (InputStream in = TvStructureTest.class.getResourceAsStream("tv_structure.txt")) {
            dims = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")[0].trim().split(" ");
        }
        int nx = Integer.parseInt(dims[0]), ny = Integer.parseInt(dims[1]), n = nx * ny;
        float[] all = new float[3 * n];
        try (InputStream in = TvStructureTest.class.getResourceAsStream("tv_structure.f32")) {
            ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(all);
        }
        float[] f = java.util.Arrays.copyOf(all, n);
        float[] u = new float[n], px = new float[n], py = new float[n], div = new float[n];
        float[][] cases = {{0.4f, 100}, {0.1f, 30}};
        for (int c = 0; c < 2; c++) {
            TvStructure.of(f, nx, ny, cases[c][0], (int) cases[c][1], u, px, py, div);
            double worst = 0, moved = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(u[i] - all[(c + 1) * n + i]));
                moved += Math.abs(u[i] - f[i]);
            }
            assertTrue(worst < 1e-4, "weight " + cases[c][0] + ": max |ours - scikit-image| = " + worst);
            assertTrue(moved / n > 0.02, "the structure differs from the input (mean " + moved / n + ")");
        }
    }

    @Test
    void zeroIterationsIsTheInputAndBadArgumentsAreRefused() {
        float[] f = {0.1f, 0.5f, 0.9f, 0.3f}, u = new float[4], w = new float[4];
        TvStructure.of(f, 2, 2, 0.4f, 0, u, w.clone(), w.clone(), w.clone());
        for (int i = 0; i < 4; i++) assertEquals(f[i], u[i]);
        assertThrows(IllegalArgumentException.class, () -> TvStructure.of(f, 2, 2, 0f, 1, u, w, w, w));
        assertThrows(IllegalArgumentException.class, () -> TvStructure.of(f, 2, 2, 0.4f, 1, f, w, w, w));
    }
}
