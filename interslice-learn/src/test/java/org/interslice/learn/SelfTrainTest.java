package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.io.Formats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code learned:self-train}: the pairs it cuts from the scan, its options, and that fine-tuning changes the output. */
class SelfTrainTest {
    @BeforeAll
    static void engine() {
        Engines.setUp(2);
    }

    /**
     * f = x^2 along the degraded axis (only x can be degraded: y is the one long enough for a patch), K = 2,
     * so a = x0, b = x0 + 2, truth x0 + 1. By hand: a point plane holds x^2, a slab plane (weights 1/2, 1,
     * 1/2 over x - 1, x, x + 1, divided by 2) holds x^2 + 1/2; so (a + b) / 2 - truth = 1 (point) or 1.5 (slab)
     * away from the ends, whatever flips and reversal did.
     */
    @Test
    void slabAndPointPlanesAreTheHandComputedMeans() {
        int nx = 20, ny = 100, nz = 8;
        FloatVolume v = FloatVolume.allocate(nx, ny, nz, Geometry.identity());
        float[] d = v.data();
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) d[x + nx * (y + ny * z)] = x * x;
        Intensity map = new Intensity(0, 400, false);
        for (SelfPairs.Profile profile : SelfPairs.Profile.values()) {
            SelfPairs pairs = new SelfPairs(v, map, 2, 64, profile, 3);
            assertEquals(8, pairs.height());
            assertEquals(64, pairs.width());
            int n = 24, pp = 8 * 64, c = SliceNet.CHANNELS;
            float[] in = new float[n * c * pp], truth = new float[n * pp];
            try (Job job = Job.of(2, null)) {
                pairs.next(n, in, truth, job);
            }
            int checked = 0;
            for (int q = 0; q < n; q++) {
                double a = map.back(in[q * c * pp + pp]), b = map.back(in[q * c * pp + 2 * pp]), t = map.back(truth[q * pp]);
                assertEquals(0.5, in[q * c * pp + 5 * pp], 0, "t for K = 2");
                if (t < 4 || t > 16 * 16) continue;   // an end: the slab is clamped there
                assertEquals(profile == SelfPairs.Profile.SLAB ? 1.5 : 1.0, (a + b) / 2 - t, 1e-3, profile + " sample " + q);
                checked++;
            }
            assertTrue(checked > 10, "interior samples checked: " + checked);
        }
    }

    @Test
    void optionsAreParsedAndBadOnesRefused() {
        LearnedSynthesizer s = (LearnedSynthesizer) SynthesisMethods.image("learned:self-train=7:self-train-lr=0.001:self-train-profile=point");
        assertEquals(7, s.selfTrainSteps);
        assertEquals(1e-3f, s.selfTrainRate);
        assertEquals(SelfPairs.Profile.POINT, s.selfTrainProfile);
        assertEquals(Integer.MAX_VALUE, s.reach(), "self-training reads the whole stack");
        assertEquals("learned:self-train=7:self-train-lr=0.001:self-train-profile=point", s.name(), "reports name the variant by its spec");
        assertEquals("learned:self-train", SynthesisMethods.image("learned:self-train").name());
        assertEquals("learned", SynthesisMethods.image("learned").name());
        assertEquals(LearnedSynthesizer.SELF_TRAIN_STEPS, ((LearnedSynthesizer) SynthesisMethods.image("learned:self-train")).selfTrainSteps);
        assertTrue(((LearnedSynthesizer) SynthesisMethods.image("learned")).reach() < 100);
        assertEquals(Path.of("m.zip"), ((LearnedSynthesizer) SynthesisMethods.image("learned:model=m.zip")).modelPath());
        assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.image("learned:self-train=0"));
        assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.image("learned:self-train-profile=gauss"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SynthesisMethods.image("learned:steps=3"));
        assertTrue(e.getMessage().contains("self-train"), e.getMessage());
    }

    /** A few fine-tuning steps on a synthetic scan: measured slices stay bit for bit, the refined ones change and stay finite. */
    @Test
    void selfTrainingFineTunesACopyAndChangesTheOutput() {
        FloatVolume base = TrainTest.synthetic(5);   // 72 x 72 x 12: too narrow for a 96-pixel region, so widen it
        int nx = 104, ny = 72, m = 10, plane = nx * ny;
        FloatVolume kept = FloatVolume.allocate(nx, ny, m, Geometry.identity());
        for (int z = 0; z < m; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++)
            kept.data()[x + nx * (y + ny * z)] = base.data()[Math.min(x, 71) + 72 * (y + 72 * z)];
        double[] pos = new double[m], targets = new double[2 * m - 1];
        for (int i = 0; i < m; i++) pos[i] = i;
        for (int s = 0; s < targets.length; s++) targets[s] = s / 2.0;
        FloatVolume plain = FloatVolume.allocate(nx, ny, targets.length, Geometry.identity());
        FloatVolume tuned = FloatVolume.allocate(nx, ny, targets.length, Geometry.identity());
        LearnedSynthesizer self = (LearnedSynthesizer) SynthesisMethods.image("learned:self-train=6:self-train-lr=0.005");
        try (Job job = Job.of(2, null)) {
            SynthesisMethods.image("learned").synthesize(kept, pos, targets, plain, job);
            self.synthesize(kept, pos, targets, tuned, job);
        }
        double[] losses = self.selfTrainLosses();
        assertTrue(Double.isFinite(losses[0]) && Double.isFinite(losses[1]), Arrays.toString(losses));
        double changed = 0;
        for (int s = 0; s < targets.length; s++) {
            if (s % 2 == 0) {
                assertArrayEquals(Arrays.copyOfRange(kept.data(), s / 2 * plane, (s / 2 + 1) * plane),
                        Arrays.copyOfRange(tuned.data(), s * plane, (s + 1) * plane));
                continue;
            }
            for (int i = s * plane; i < (s + 1) * plane; i++) {
                assertTrue(Float.isFinite(tuned.data()[i]));
                changed = Math.max(changed, Math.abs(tuned.data()[i] - plain.data()[i]));
            }
        }
        assertTrue(changed > 1e-3, "fine-tuning changed the refined slices (largest change " + changed + ")");
    }

    /**
     * One thread and two give the same bits: every tile-and-batch work item runs the network on one
     * libtorch thread, whichever Java thread takes it, and reads morph's slices from a copy (never another
     * tile's output). The fixture is cut in 2 x 2 tiles here so tiles meet.
     */
    @Test
    void oneThreadEqualsTwoThreads() throws Exception {
        FloatVolume in = Formats.read(Path.of(SelfTrainTest.class.getResource("learned-fixture.nii").toURI())).toFloat();
        int m = in.nz(), n = 2 * m - 1;
        double[] kept = new double[m], targets = new double[n];
        for (int i = 0; i < m; i++) kept[i] = i;
        for (int s = 0; s < n; s++) targets[s] = s / 2.0;
        float[][] outs = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            LearnedSynthesizer s = new LearnedSynthesizer(null);
            s.tile = 20;
            s.halo = 8;
            s.batch = 1;
            FloatVolume out = FloatVolume.allocate(in.nx(), in.ny(), n, in.geometry());
            try (Job job = Job.of(threads, null)) {
                s.synthesize(in, kept, targets, out, job);
            }
            outs[threads - 1] = out.data();
        }
        assertArrayEquals(outs[0], outs[1]);
    }
}
