package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tiny network trained for a few steps on a synthetic volume: the loss goes down, checkpoints resume. */
class TrainTest {
    @BeforeAll
    static void engine() {
        Engines.setUp(2);
    }

    /** Gaussian blobs drifting with z, plus noise; 72 x 72 x 12. */
    static FloatVolume synthetic(long seed) {
        int nx = 72, ny = 72, nz = 12;
        Random r = new Random(seed);
        FloatVolume v = FloatVolume.allocate(nx, ny, nz, Geometry.identity());
        float[] d = v.data();
        double[][] blobs = new double[6][];
        for (int b = 0; b < blobs.length; b++)
            blobs[b] = new double[] {10 + 52 * r.nextDouble(), 10 + 52 * r.nextDouble(), 2 * r.nextGaussian(), 2 * r.nextGaussian(), 3 + 5 * r.nextDouble(), 50 + 100 * r.nextDouble()};
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    double s = 0;
                    for (double[] b : blobs) {
                        double dx = x - b[0] - b[2] * z, dy = y - b[1] - b[3] * z;
                        s += b[5] * Math.exp(-(dx * dx + dy * dy) / (2 * b[4] * b[4]));
                    }
                    d[x + nx * (y + ny * z)] = (float) (s + 5 * r.nextGaussian());
                }
        return v;
    }

    static ConfigTrain tiny(int steps) {
        ConfigTrain c = new ConfigTrain();
        c.width = 4;
        c.patch = 32;
        c.batch = 2;
        c.pool = 2;                 // the same batch every step: its loss must fall
        c.steps = steps;
        c.learningRate = 1e-2f;
        c.loss = SliceLoss.Kind.L1;
        c.validateEvery = steps;
        c.validationPatches = 4;
        c.maxFactor = 2;
        return c;
    }

    static final class Record implements SliceTrainer.Listener {
        final List<Double> losses = new ArrayList<>();
        byte[] checkpoint;
        int validatedAt = -1;
        double valPsnr = Double.NaN, morphPsnr = Double.NaN;

        @Override
        public void step(int step, int total, double loss, double runningLoss, double valPsnr) {
            losses.add(loss);
        }

        @Override
        public void validated(int step, double valPsnr, double morphPsnr, SliceTrainer.Checkpoint ck) throws IOException {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ck.writeTo(o);
            checkpoint = o.toByteArray();
            validatedAt = step;
            this.valPsnr = valPsnr;
            this.morphPsnr = morphPsnr;
            assertTrue(Double.isFinite(valPsnr) && Double.isFinite(morphPsnr));
        }
    }

    @Test
    void lossGoesDownAndCheckpointsResume() throws IOException {
        List<PairSampler.Source> train = List.of(PairSampler.Source.of("a", synthetic(1)));
        List<PairSampler.Source> val = List.of(PairSampler.Source.of("b", synthetic(2)));
        Record rec = new Record();
        SliceTrainer.Result r = new SliceTrainer(tiny(40)).train(train, val, new Properties(), 2, rec);
        assertTrue(r.finite());
        assertEquals(40, rec.losses.size());
        double first = mean(rec.losses.subList(0, 3)), last = mean(rec.losses.subList(37, 40));
        assertTrue(last < 0.95 * first, "loss " + first + " -> " + last);
        assertEquals(40, rec.validatedAt);

        // resume: continues at step 41 from the checkpoint's parameters (a learning rate too small to move
        // them: the fixed validation patches score as at step 40, not as the morph-like fresh network)
        ConfigTrain again = tiny(41);
        again.learningRate = 1e-9f;
        Record more = new Record();
        SliceTrainer.Result r2 = new SliceTrainer(again).resume(new ByteArrayInputStream(rec.checkpoint)).train(train, val, new Properties(), 2, more);
        assertEquals(1, r2.steps());
        assertEquals(1, more.losses.size());
        assertEquals(41, more.validatedAt);
        assertEquals(rec.valPsnr, more.valPsnr, 1e-3);
        assertTrue(Math.abs(rec.valPsnr - rec.morphPsnr) > 1e-3, "training moved the network away from morph's output");
    }

    @Test
    void everyLossTrainsWithoutNaN() throws IOException {
        List<PairSampler.Source> train = List.of(PairSampler.Source.of("a", synthetic(3)));
        for (SliceLoss.Kind k : SliceLoss.Kind.values()) {
            ConfigTrain c = tiny(5);
            c.loss = k;
            c.pool = 0;
            Record rec = new Record();
            SliceTrainer.Result r = new SliceTrainer(c).train(train, train, new Properties(), 2, rec);
            assertTrue(r.finite(), k.label);
            for (double l : rec.losses) assertTrue(Double.isFinite(l), k.label + " loss " + l);
        }
    }

    private static double mean(List<Double> l) {
        double s = 0;
        for (double v : l) s += v;
        return s / l.size();
    }
}
