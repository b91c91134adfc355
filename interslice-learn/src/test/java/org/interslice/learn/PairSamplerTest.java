package org.interslice.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.CubicSynthesizer;
import org.interslice.core.synth.MorphSynthesizer;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

/** Training samples: neighbours, t and the gap around the truth, and morph's and cubic's slices made from the whole kept stack. */
class PairSamplerTest {
    /**
     * v = 10 z + a fixed in-plane texture: a linear ramp along z, which the measured neighbours a, b (K slices
     * apart around the truth) blend to exactly at t; t is r / K and the gap channel 1 / K.
     */
    @Test
    void neighboursTAndGapFitTheTruthOnARamp() {
        int nx = 40, ny = 36, nz = 30;
        FloatVolume v = FloatVolume.allocate(nx, ny, nz, Geometry.identity());
        float[] d = v.data();
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) d[x + nx * (y + ny * z)] = (float) (10 * z + 40 * Math.sin(x * 0.7) * Math.cos(y * 0.45));
        Intensity map = new Intensity(0, 300, false);
        PairSampler s = new PairSampler(List.of(new PairSampler.Source("ramp", v, map)), 32, 4, 5);
        int n = 60, pp = 32 * 32, c = SliceNet.CHANNELS;
        float[] in = new float[n * c * pp], truth = new float[n * pp];
        try (Job job = Job.of(2, null)) {
            s.next(n, in, truth, job);
        }
        boolean[] factors = new boolean[5];
        for (int q = 0; q < n; q++) {
            int b = q * c * pp;
            float t = in[b + 5 * pp], gap = in[b + 7 * pp];
            int k = Math.round(1 / gap);
            factors[k] = true;
            assertEquals(1.0 / k, gap, 1e-6);
            double r = t * k;
            assertEquals(Math.round(r), r, 1e-4, "t = r / K");
            double worstBlend = 0;
            for (int i = 0; i < pp; i++) {
                double tr = map.back(truth[q * pp + i]);
                // a and b (channels 1, 2, in the sample's order) blend linearly to the truth at t
                double lin = (1 - t) * map.back(in[b + pp + i]) + t * map.back(in[b + 2 * pp + i]);
                worstBlend = Math.max(worstBlend, Math.abs(lin - tr));
            }
            assertTrue(worstBlend < 1e-3, "neighbours around the truth, sample " + q + ": " + worstBlend);
        }
        assertTrue(factors[2] && factors[3] && factors[4], "factors 2..4 drawn");
    }

    /**
     * The morph and cubic channels are what morph and cubic make from the whole kept stack (as at inference),
     * not from the four slices around the gap.
     */
    @Test
    void morphAndCubicRunOnTheWholeKeptStack() {
        FloatVolume v = TrainTest.synthetic(11);
        Intensity map = Intensity.of(v.data());
        PairSampler s = new PairSampler(List.of(new PairSampler.Source("blobs", v, map)), 32, 2, 9);
        int n = 16, pp = 32 * 32, c = SliceNet.CHANNELS;
        float[] in = new float[n * c * pp], truth = new float[n * pp];
        // the reference: morph on every 2nd slice of the whole volume
        int nx = v.nx(), ny = v.ny(), m = (v.nz() - 1) / 2 + 1, plane = nx * ny;
        float[] kept = new float[m * plane];
        double[] pos = new double[m], at = new double[m - 1];
        for (int i = 0; i < m; i++) {
            System.arraycopy(v.data(), 2 * i * plane, kept, i * plane, plane);
            pos[i] = i;
            if (i < m - 1) at[i] = i + 0.5;
        }
        FloatVolume ref = FloatVolume.allocate(nx, ny, m - 1, Geometry.identity());
        FloatVolume refCubic = FloatVolume.allocate(nx, ny, m - 1, Geometry.identity());
        try (Job job = Job.of(2, null)) {
            FloatVolume keptVol = new FloatVolume(nx, ny, m, kept, Geometry.identity(), false);
            new MorphSynthesizer().synthesize(keptVol, pos, at, ref, job);
            new CubicSynthesizer().synthesize(keptVol, pos, at, refCubic, job);
            s.next(n, in, truth, job);
        }
        // every sample's truth patch (any flip or transpose) is found by its sorted values in one window of one
        // dropped slice; its morph patch must hold the same values as the reference's slice in that window
        int matched = 0;
        for (int q = 0; q < n; q++) {
            float[] mp = sorted(java.util.Arrays.copyOfRange(in, q * c * pp + 4 * pp, q * c * pp + 5 * pp));
            float[] cp = sorted(java.util.Arrays.copyOfRange(in, q * c * pp + 6 * pp, q * c * pp + 7 * pp));
            float[] tp = sorted(java.util.Arrays.copyOfRange(truth, q * pp, (q + 1) * pp));
            boolean found = false;
            for (int j = 0; j < m - 1 && !found; j++)
                for (int y0 = 0; y0 + 32 <= ny && !found; y0++)
                    for (int x0 = 0; x0 + 32 <= nx && !found; x0++) {
                        if (!java.util.Arrays.equals(tp, window(v.data(), (2 * j + 1) * plane, nx, x0, y0, map))) continue;
                        found = true;
                        float[] w = window(ref.data(), j * plane, nx, x0, y0, map), wc = window(refCubic.data(), j * plane, nx, x0, y0, map);
                        float worst = 0;
                        for (int i = 0; i < pp; i++) worst = Math.max(worst, Math.max(Math.abs(w[i] - mp[i]), Math.abs(wc[i] - cp[i])));
                        if (worst < 1e-6f) matched++;
                    }
        }
        assertEquals(n, matched, "samples whose morph and cubic channels are the whole-stack morph and cubic of their truth's slice");
    }

    private static float[] sorted(float[] a) {
        java.util.Arrays.sort(a);
        return a;
    }

    /** The sorted normalised values (as the sampler normalises) of the 32 x 32 window at (x0, y0) of a slice. */
    private static float[] window(float[] slice, int off, int nx, int x0, int y0, Intensity map) {
        float lo = (float) map.low(), k = map.scale();
        float[] w = new float[32 * 32];
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) w[y * 32 + x] = (slice[off + (y0 + y) * nx + x0 + x] - lo) * k;
        return sorted(w);
    }
}
