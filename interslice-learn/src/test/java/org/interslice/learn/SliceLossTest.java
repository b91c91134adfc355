package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSIM against scikit-image (tools/reference/learn_ssim.py), and every loss finite where SSIM is fragile. */
class SliceLossTest {
    @BeforeAll
    static void engine() {
        Engines.setUp(2);
    }

    private static float[] pairs() throws IOException {
        try (InputStream in = SliceLossTest.class.getResourceAsStream("ssim-pairs.f32")) {
            byte[] b = in.readAllBytes();
            float[] f = new float[b.length / 4];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        }
    }

    @Test
    void ssimMatchesScikitImage() throws IOException {
        float[] f = pairs();
        String[] expected;
        try (InputStream in = SliceLossTest.class.getResourceAsStream("ssim-expected.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
        }
        int n = 32 * 32;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int p = 0; p < 2; p++) {
                NDArray x = m.create(java.util.Arrays.copyOfRange(f, 2 * p * n, (2 * p + 1) * n), new Shape(1, 1, 32, 32));
                NDArray y = m.create(java.util.Arrays.copyOfRange(f, (2 * p + 1) * n, (2 * p + 2) * n), new Shape(1, 1, 32, 32));
                assertEquals(Double.parseDouble(expected[p]), SliceLoss.ssim(x, y).getFloat(), 2e-4, "pair " + p);
            }
        }
    }

    @Test
    void identicalImagesHaveZeroLoss() throws IOException {
        float[] f = java.util.Arrays.copyOf(pairs(), 32 * 32);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(f, new Shape(1, 1, 32, 32));
            for (SliceLoss.Kind k : SliceLoss.Kind.values())
                assertEquals(0.0, new SliceLoss(k).evaluate(new NDList(x), new NDList(x.duplicate())).getFloat(), 1e-5, k.label);
        }
    }

    /** Flat and nearly flat patches (zero variance, float cancellation) give finite losses and gradients. */
    @Test
    void flatPatchesStayFinite() {
        Engine.getInstance();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[2 * 32 * 32];
            java.util.Arrays.fill(flat, 1000.001f);   // large offset: E[x^2] - E[x]^2 cancels in float32
            for (int i = 0; i < 32 * 32; i++) flat[32 * 32 + i] = 0f;
            for (SliceLoss.Kind k : SliceLoss.Kind.values()) {
                NDArray p = m.create(flat, new Shape(2, 1, 32, 32));
                p.setRequiresGradient(true);
                NDArray y = m.create(flat, new Shape(2, 1, 32, 32)).add(1e-4f);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = new SliceLoss(k).evaluate(new NDList(y), new NDList(p));
                    assertTrue(Float.isFinite(l.getFloat()), k.label + " loss " + l.getFloat());
                    gc.backward(l);
                }
                for (float g : p.getGradient().toFloatArray()) assertTrue(Float.isFinite(g), k.label + " gradient " + g);
            }
        }
    }
}
