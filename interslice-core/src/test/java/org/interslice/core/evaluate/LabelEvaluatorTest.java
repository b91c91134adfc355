package org.interslice.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.metrics.LabelScores;
import org.interslice.core.synth.LabelFixtures;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.junit.jupiter.api.Test;

class LabelEvaluatorTest {
    /** Drop-and-reconstruct with nearest and linear found by name equals the numpy peers for K = 2 and 3. */
    @Test
    void dropScoresMatchTheNumpyPeers() {
        int i = LabelFixtures.find("scores");
        int[] dims = LabelFixtures.ints(i, 1);
        IntVolume truth = LabelFixtures.volume(dims[0], dims[1], dims[2], 1, 1, LabelFixtures.ints(i + 1, 1));
        for (int k : new int[] {2, 3}) {
            LabelVolumeResult r = new LabelEvaluator(k).dropAndReconstruct("t", truth,
                    List.of(SynthesisMethods.label("nearest"), SynthesisMethods.label("linear")), null, Job.serial());
            assertArrayEquals(SliceSampling.heldOut(dims[2], k), r.scored());
            for (String m : new String[] {"nearest", "linear"}) {
                String[] e = LabelFixtures.lines().get(LabelFixtures.find("drop", Integer.toString(k), m));
                LabelScores s = r.method(m).scores();
                assertEquals(Double.parseDouble(e[4]), s.meanDice(), 1e-12, k + " " + m);
                assertEquals(Double.parseDouble(e[6]), s.minDice(), 1e-12, k + " " + m);
                assertEquals(Long.parseLong(e[8]), s.presentPairs(), k + " " + m);
                assertEquals(Long.parseLong(e[10]), s.vanishedPairs(), k + " " + m);
            }
        }
    }

    @Test
    void byteLabelMapsConvertAndTooFewSlicesAreRefused() {
        ByteVolume b = new ByteVolume(2, 1, 3, PixelType.UINT8, new byte[] {0, (byte) 200, 1, 1, 0, 0},
                LabelFixtures.volume(2, 1, 3, 1, 1, new int[6]).geometry(), true);
        IntVolume v = LabelEvaluator.asInt(b);
        assertArrayEquals(new int[] {0, 200, 1, 1, 0, 0}, v.data());
        assertThrows(IllegalArgumentException.class,
                () -> new LabelEvaluator(4).dropAndReconstruct("x", v, List.of(SynthesisMethods.label("shape")), null, Job.serial()));
    }
}
