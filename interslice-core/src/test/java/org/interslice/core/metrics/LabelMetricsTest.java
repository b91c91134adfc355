package org.interslice.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.interslice.core.exec.Job;
import org.interslice.core.synth.LabelFixtures;
import org.junit.jupiter.api.Test;

class LabelMetricsTest {
    /** Dice per label, mean, min and vanished pairs equal the numpy computation of tools/reference/labels_expected.py. */
    @Test
    void matchesTheNumpyReference() {
        int i = LabelFixtures.find("scores");
        int[] dims = LabelFixtures.ints(i, 1);
        int[] truth = LabelFixtures.ints(i + 1, 1), pred = LabelFixtures.ints(i + 2, 1), slices = LabelFixtures.ints(i + 3, 1);
        int[] labels = LabelFixtures.ints(i + 4, 1);
        double[] dice = LabelFixtures.doubles(i + 5, 1);
        String[] summary = LabelFixtures.lines().get(i + 6);
        LabelScores s = LabelMetrics.score(truth, pred, dims[0] * dims[1], slices, 0, Job.serial());
        assertArrayEquals(labels, s.labels());
        assertArrayEquals(dice, s.dice(), 1e-12);
        assertEquals(Double.parseDouble(summary[1]), s.meanDice(), 1e-12);
        assertEquals(Double.parseDouble(summary[3]), s.minDice(), 1e-12);
        assertEquals(Long.parseLong(summary[5]), s.presentPairs());
        assertEquals(Long.parseLong(summary[7]), s.vanishedPairs());
        int sumLabels = 0, sumVanished = 0;
        for (int k = 0; k < slices.length; k++) {
            sumLabels += s.sliceLabels()[k];
            sumVanished += s.sliceVanished()[k];
        }
        assertEquals(s.presentPairs(), sumLabels);
        assertEquals(s.vanishedPairs(), sumVanished);
    }

    @Test
    void perfectPredictionScoresOneAndBackgroundIsNotALabel() {
        int[] t = {0, 0, 4, 4, 0, 9, 9, 9};
        LabelScores s = LabelMetrics.score(t, t.clone(), 4, new int[] {0, 1}, 0, Job.serial());
        assertArrayEquals(new int[] {4, 9}, s.labels());
        assertEquals(1.0, s.meanDice());
        assertEquals(0.0, s.vanishedFraction());
        assertEquals(2, s.presentPairs());   // 4 on slice 0, 9 on slice 1
    }
}
