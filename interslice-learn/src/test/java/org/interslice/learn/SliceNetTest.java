package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two heads of the slice network, and their round trip through a model file. */
class SliceNetTest {
    @BeforeAll
    static void engine() {
        Engines.setUp(2);
    }

    private static float[] input(int n, int pp, long seed) {
        Random r = new Random(seed);
        float[] in = new float[n * SliceNet.CHANNELS * pp];
        for (int i = 0; i < in.length; i++) in[i] = r.nextFloat();
        return in;
    }

    private static float[] forward(SliceNet net, NDManager m, float[] in, int n, int side) {
        return net.forward(new ParameterStore(m, false), new NDList(m.create(in, new Shape(n, SliceNet.CHANNELS, side, side))), false)
                .singletonOrThrow().toFloatArray();
    }

    /**
     * Blend: the output is m + w (c - m) with w in (0, 1), so where cubic's slice equals morph's the output is
     * morph's whatever the weights (here large random ones), and elsewhere it lies between m and c. Residual:
     * m + r, not tied to c.
     */
    @Test
    void blendHeadOnlyMovesFromMorphTowardsCubic() throws Exception {
        int n = 2, side = 16, pp = side * side;
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(7);   // the random weights, the same in every run
            SliceNet blend = new SliceNet(4, SliceNet.CHANNELS, SliceNet.Head.BLEND);
            blend.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            blend.initialize(m, DataType.FLOAT32, new Shape(n, SliceNet.CHANNELS, side, side));
            float[] in = input(n, pp, 1);
            for (int q = 0; q < n; q++)   // cubic = morph on the first half of every sample
                System.arraycopy(in, q * SliceNet.CHANNELS * pp + 4 * pp, in, q * SliceNet.CHANNELS * pp + 6 * pp, pp / 2);
            float[] out = forward(blend, m, in, n, side);
            int moved = 0;
            for (int q = 0; q < n; q++)
                for (int i = 0; i < pp; i++) {
                    float mo = in[q * SliceNet.CHANNELS * pp + 4 * pp + i], cu = in[q * SliceNet.CHANNELS * pp + 6 * pp + i], o = out[q * pp + i];
                    if (i < pp / 2) assertEquals(mo, o, 0f, "cubic = morph: the output is morph's");
                    else {
                        assertTrue(o >= Math.min(mo, cu) - 1e-6 && o <= Math.max(mo, cu) + 1e-6, "between morph and cubic");
                        if (Math.abs(o - mo) > 1e-4) moved++;
                    }
                }
            // the weight is sigmoid(r - 6): where random weights make r strongly negative it barely moves
            assertTrue(moved > n * pp / 20, "random weights move part of the other half: " + moved);

            // the residual head is not tied to cubic: it moves the first half too
            SliceNet res = new SliceNet(4, SliceNet.CHANNELS, SliceNet.Head.RESIDUAL);
            res.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            res.initialize(m, DataType.FLOAT32, new Shape(n, SliceNet.CHANNELS, side, side));
            float[] ro = forward(res, m, in, n, side);
            double change = 0;
            for (int i = 0; i < pp / 2; i++) change = Math.max(change, Math.abs(ro[i] - in[4 * pp + i]));
            assertTrue(change > 1e-3, "residual head changes morph's slice where cubic agrees: " + change);

            // a model file keeps the head, the layout and the output
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelFile.write(blend, new Properties(), bytes);
            ModelFile.Loaded back = ModelFile.read(new ByteArrayInputStream(bytes.toByteArray()), m);
            assertEquals(SliceNet.Head.BLEND, back.net().head());
            assertEquals(SliceNet.CHANNELS, back.net().channels());
            assertArrayEquals(out, forward(back.net(), m, in, n, side), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> new SliceNet(4, SliceNet.CHANNELS_V1, SliceNet.Head.BLEND));
    }

    /**
     * At inference a blend model reads morph's and cubic's slices of the right target: with random weights every
     * rebuilt voxel lies between what morph and cubic make there (and measured slices are copied), and some move.
     */
    @Test
    void inferenceFeedsMorphAndCubicOfEachTarget(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path model = dir.resolve("blend.zip");
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            SliceNet blend = new SliceNet(4, SliceNet.CHANNELS, SliceNet.Head.BLEND);
            blend.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            blend.initialize(m, DataType.FLOAT32, new Shape(1, SliceNet.CHANNELS, 16, 16));
            try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(model)) {
                ModelFile.write(blend, new Properties(), o);
            }
        }
        org.interslice.core.volume.FloatVolume in = org.interslice.io.Formats.read(
                java.nio.file.Path.of(SliceNetTest.class.getResource("learned-fixture.nii").toURI())).toFloat();
        int k = 3, mm = in.nz(), n = k * (mm - 1) + 1, plane = in.nx() * in.ny();
        double[] kept = new double[mm], targets = new double[n];
        for (int i = 0; i < mm; i++) kept[i] = i;
        for (int t = 0; t < n; t++) targets[t] = (double) t / k;
        org.interslice.core.volume.FloatVolume out = org.interslice.core.volume.FloatVolume.allocate(in.nx(), in.ny(), n, in.geometry()),
                morph = org.interslice.core.volume.FloatVolume.allocate(in.nx(), in.ny(), n, in.geometry()),
                cubic = org.interslice.core.volume.FloatVolume.allocate(in.nx(), in.ny(), n, in.geometry());
        try (org.interslice.core.exec.Job job = org.interslice.core.exec.Job.of(2, null)) {
            new LearnedSynthesizer(model).synthesize(in, kept, targets, out, job);
            new org.interslice.core.synth.MorphSynthesizer().synthesize(in, kept, targets, morph, job);
            new org.interslice.core.synth.CubicSynthesizer().synthesize(in, kept, targets, cubic, job);
        }
        float[] o = out.data(), mo = morph.data(), cu = cubic.data();
        int moved = 0;
        for (int t = 0; t < n; t++)
            for (int i = t * plane; i < (t + 1) * plane; i++) {
                if (t % k == 0) {
                    assertEquals(in.data()[t / k * plane + i - t * plane], o[i], 0f, "measured slice copied");
                    continue;
                }
                double tol = 1e-3 * (1 + Math.abs(mo[i]));   // the intensity map there and back
                assertTrue(o[i] >= Math.min(mo[i], cu[i]) - tol && o[i] <= Math.max(mo[i], cu[i]) + tol,
                        "slice " + t + " voxel " + (i - t * plane) + ": " + o[i] + " not between morph " + mo[i] + " and cubic " + cu[i]);
                if (Math.abs(o[i] - mo[i]) > 0.05 * Math.abs(cu[i] - mo[i]) && Math.abs(cu[i] - mo[i]) > 1) moved++;
            }
        assertTrue(moved > 100, "the random blend moves voxels towards cubic: " + moved);
    }
}
