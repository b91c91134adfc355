package org.interslice.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.metrics.Aggregate;
import org.interslice.core.metrics.Metric;
import org.interslice.core.metrics.SliceMetrics;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    static final int NX = 24, NY = 20;

    /** v = x + 3 y + 10 z (+ noise * uniform) on an NX x NY x nz grid of the given z spacing and origin. */
    static FloatVolume ramp(int nz, double noise, double dz, double z0) {
        float[] d = new float[NX * NY * nz];
        SplittableRandom r = new SplittableRandom(7);
        for (int z = 0, i = 0; z < nz; z++)
            for (int y = 0; y < NY; y++)
                for (int x = 0; x < NX; x++, i++) d[i] = (float) (x + 3 * y + 10 * z + noise * r.nextDouble());
        Geometry g = Geometry.of(new double[] {1, 1, dz}, new double[] {0, 0, z0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        return new FloatVolume(NX, NY, nz, d, g, false);
    }

    static Evaluator evaluator(int k, Profile p) {
        ConfigEvaluate c = new ConfigEvaluate();
        c.factor = k;
        c.profile = p;
        return new Evaluator(c);
    }

    static List<SliceSynthesizer> methods(String... m) {
        return java.util.Arrays.stream(m).map(SynthesisMethods::image).toList();
    }

    @Test
    void linearIsExactOnALinearVolumeAndOnlyHeldOutSlicesAreScored() {
        for (int k : new int[] {2, 4}) {
            FloatVolume truth = ramp(23, 0, 1.5, 0);
            VolumeResult r = evaluator(k, Profile.POINT).dropAndReconstruct("ramp", truth, null, MaskInfo.none(),
                    methods("linear", "nearest"), null, Job.of(2, null));
            int cut = SliceSampling.cutLength(23, k);
            assertEquals(cut, r.nz());
            assertArrayEquals(SliceSampling.heldOut(23, k), r.scored());
            SliceMetrics[] lin = r.method("linear").rows();
            assertEquals(r.scored().length, lin.length);
            for (int i = 0; i < lin.length; i++) {
                assertEquals(r.scored()[i], lin[i].slice());
                assertTrue(lin[i].slice() % k != 0, "kept slice scored");
                assertEquals(Double.POSITIVE_INFINITY, lin[i].psnr());
                assertEquals(0.0, lin[i].mae());
                assertEquals(1.0, lin[i].ssim(), 1e-12);
            }
            // nearest: error 10 per slice step to the nearest kept slice (a tie takes the later one)
            SliceMetrics[] near = r.method("nearest").rows();
            for (SliceMetrics row : near) {
                int off = row.slice() % k, steps = Math.min(off, k - off);
                assertEquals(10.0 * steps, row.mae(), 1e-4, "slice " + row.slice());
                assertTrue(Double.isFinite(row.psnr()));
            }
            // the statistics report +infinity for linear, a finite CI for nearest
            List<SummaryRow> s = CohortStatistics.summarize(List.of(r), "linear", 1000, 0.95, 1);
            SummaryRow linPsnr = find(s, "linear", Metric.PSNR), nearPsnr = find(s, "nearest", Metric.PSNR);
            assertEquals(Double.POSITIVE_INFINITY, linPsnr.mean());
            assertEquals(lin.length, linPsnr.infinite());
            assertTrue(Double.isNaN(linPsnr.ciLow()));
            assertTrue(nearPsnr.ciLow() <= nearPsnr.mean() && nearPsnr.mean() <= nearPsnr.ciHigh());
            assertEquals(Aggregate.Unit.SLICE, nearPsnr.unit());
            // nearest is worse on every slice: the paired test finds it (p small) and the MAE difference is positive
            SummaryRow nearMae = find(s, "nearest", Metric.MAE);
            assertTrue(nearMae.meanDiff() > 0);
            assertTrue(nearMae.pVsBaseline() < 0.01, "p = " + nearMae.pVsBaseline());
        }
    }

    @Test
    void keptSlicesDoNotLeakIntoScores() {
        // spoil every kept slice of the truth: the held-out scores of nearest must change, the rows must not include them
        FloatVolume truth = ramp(9, 0, 1, 0);
        VolumeResult a = evaluator(2, Profile.POINT).dropAndReconstruct("a", truth, null, MaskInfo.none(),
                methods("linear"), null, Job.serial());
        for (int k = 0; k < 9; k += 2) for (int p = 0; p < NX * NY; p++) truth.data()[k * NX * NY + p] += 100;
        VolumeResult b = evaluator(2, Profile.POINT).dropAndReconstruct("b", truth, null, MaskInfo.none(),
                methods("linear"), null, Job.serial());
        assertArrayEquals(new int[] {1, 3, 5, 7}, b.scored());
        assertEquals(0.0, a.method("linear").rows()[0].mae());
        assertEquals(100.0, b.method("linear").rows()[0].mae(), 1e-4);
    }

    @Test
    void slabProfileOfALinearVolumeIsExactInsideAndTruncatedAtTheEdges() {
        FloatVolume truth = ramp(17, 0, 1, 0);
        VolumeResult r = evaluator(4, Profile.SLAB).dropAndReconstruct("ramp", truth, null, MaskInfo.none(),
                methods("linear"), null, Job.serial());
        assertEquals(Profile.SLAB, r.profile());
        SliceMetrics[] rows = r.method("linear").rows();
        // slices 5..11 lie between interior kept slices 4, 8, 12 whose slab means equal the centre value
        for (SliceMetrics row : rows) {
            if (row.slice() > 4 && row.slice() < 12) assertEquals(0.0, row.mae(), 1e-4, "slice " + row.slice());
        }
        // kept slice 0 is the truncated slab mean of slices 0..2 (0.4, 0.4, 0.2): +8 in z units, so slice 1
        // (3/4 of it, 1/4 of the exact slice 4) is off by 6
        assertEquals(6.0, rows[0].mae(), 1e-4);
    }

    @Test
    void windowClipsBothAndSetsTheRange() {
        FloatVolume truth = ramp(9, 0, 1, 0);
        ConfigEvaluate c = new ConfigEvaluate();
        c.factor = 2;
        c.windowLow = 0;
        c.windowHigh = 50;
        VolumeResult r = new Evaluator(c).dropAndReconstruct("w", truth, null, MaskInfo.none(),
                methods("nearest"), null, Job.serial());
        assertEquals(50.0, r.dataRange());
        // slice 7 (values 70 + x + 3y and its nearest 80 + ...) is above the window in both: no error left
        SliceMetrics s7 = r.method("nearest").rows()[3];
        assertEquals(7, s7.slice());
        assertEquals(0.0, s7.mae());
        for (float v : r.planes().truthXz()) assertTrue(v >= 0 && v <= 50);
        for (float v : r.method("nearest").xz()) assertTrue(v >= 0 && v <= 50);
    }

    @Test
    void otsuMaskAndMinimumVoxels() {
        FloatVolume truth = ramp(9, 0, 1, 0);
        // a bright block in the middle columns: Otsu separates it
        for (int z = 0; z < 9; z++) for (int y = 5; y < 15; y++) for (int x = 6; x < 16; x++) truth.data()[x + NX * (y + NY * z)] += 1000;
        MaskInfo[] info = new MaskInfo[1];
        byte[] mask = Evaluator.otsuMask(truth, info);
        assertEquals(MaskInfo.Source.OTSU, info[0].source());
        assertEquals(9 * 100, info[0].voxels());
        ConfigEvaluate c = new ConfigEvaluate();
        c.minMaskVoxels = 101;   // each slice holds exactly 100 mask voxels: none counted
        VolumeResult r = new Evaluator(c).dropAndReconstruct("m", truth, mask, info[0], methods("linear"), null, Job.serial());
        assertEquals(100, r.method("linear").rows()[0].voxels());
        assertEquals(0, r.countedSlices());
        c.minMaskVoxels = 100;
        r = new Evaluator(c).dropAndReconstruct("m", truth, mask, info[0], methods("linear"), null, Job.serial());
        assertEquals(4, r.countedSlices());
        assertEquals(11, r.planes().x());
        assertEquals(10, r.planes().y());
    }

    @Test
    void compareThickPlacesThickSlicesOnTheThinGrid() {
        // thin: 20 slices of 1 mm from z = 0; thick: 4 slices of 5 mm, slice k the mean of thin 5k..5k+4 (centre 5k+2)
        FloatVolume thin = ramp(20, 0, 1, 0);
        FloatVolume thick = ramp(4, 0, 5, 2);
        float[] d = thick.data();
        for (int k = 0; k < 4; k++) for (int p = 0; p < NX * NY; p++) d[k * NX * NY + p] = thin.data()[(5 * k + 2) * NX * NY + p];
        VolumeResult r = evaluator(2, Profile.POINT).compareThick("cmp", thick, thin, null, MaskInfo.none(),
                methods("linear", "nearest"), null, Job.serial());
        assertEquals(VolumeResult.Mode.COMPARE, r.mode());
        assertEquals(5, r.factor());
        assertEquals(2, r.sliceOffset());
        assertEquals(16, r.nz());          // thin slices 2..17
        assertEquals(16, r.scored().length);
        for (SliceMetrics row : r.method("linear").rows()) assertEquals(0.0, row.mae(), 1e-4);
        assertEquals(0.0, r.method("nearest").rows()[5].mae());   // thin 7 = thick 1
        assertEquals(10.0, r.method("nearest").rows()[1].mae(), 1e-4);   // thin 3 -> thick 0 (thin 2): one step
    }

    /** Issue 21.8: thick and thin swapped was accepted as "factor 0". */
    @Test
    void compareThickRefusesAThickScanThatIsNotThicker() {
        FloatVolume thin = ramp(20, 0, 1, 0), thick = ramp(4, 0, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluator(2, Profile.POINT).compareThick("x", thin, thick, null,
                MaskInfo.none(), methods("linear"), null, Job.serial()));
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void compareThickRejectsDifferentInPlaneGrids() {
        FloatVolume thin = ramp(20, 0, 1, 0);
        FloatVolume shifted = new FloatVolume(NX, NY, 4, new float[NX * NY * 4],
                Geometry.of(new double[] {1, 1, 5}, new double[] {3, 0, 2}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}), false);
        assertThrows(IllegalArgumentException.class, () -> evaluator(2, Profile.POINT).compareThick("x", shifted, thin, null,
                MaskInfo.none(), methods("linear"), null, Job.serial()));
    }

    @Test
    void oneAndTwoThreadsAgreeAndCohortResamplesVolumes() {
        FloatVolume a = ramp(13, 40, 1, 0), b = ramp(13, 80, 1, 0);
        Evaluator e = evaluator(2, Profile.POINT);
        List<SliceSynthesizer> m = methods("linear", "nearest");
        VolumeResult a1 = e.dropAndReconstruct("a", a, null, MaskInfo.none(), m, null, Job.serial());
        VolumeResult a2 = e.dropAndReconstruct("a", a, null, MaskInfo.none(), m, null, Job.of(2, null));
        assertArrayEquals(a1.method("nearest").rows(), a2.method("nearest").rows());
        VolumeResult b1 = e.dropAndReconstruct("b", b, null, MaskInfo.none(), m, null, Job.serial());
        List<SummaryRow> s = CohortStatistics.summarize(List.of(a1, b1), "linear", 1000, 0.95, 3);
        SummaryRow ssim = find(s, "nearest", Metric.SSIM);
        assertEquals(Aggregate.Unit.VOLUME, ssim.unit());
        assertEquals(2, ssim.n());
        double ma = CohortStatistics.volumeMean(CohortStatistics.counted(a1, "nearest", Metric.SSIM));
        double mb = CohortStatistics.volumeMean(CohortStatistics.counted(b1, "nearest", Metric.SSIM));
        assertEquals((ma + mb) / 2, ssim.mean(), 1e-12);
        assertTrue(Double.isNaN(find(s, "linear", Metric.SSIM).pVsBaseline()));
        assertThrows(IllegalArgumentException.class, () -> CohortStatistics.summarize(List.of(a1), "cubic", 1000, 0.95, 3));
        assertFalse(Double.isNaN(ssim.pVsBaseline()));
    }

    static SummaryRow find(List<SummaryRow> rows, String method, Metric metric) {
        for (SummaryRow r : rows) if (r.method().equals(method) && r.metric() == metric) return r;
        throw new AssertionError(method + " " + metric);
    }
}
