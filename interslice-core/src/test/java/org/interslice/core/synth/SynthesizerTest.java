package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

class SynthesizerTest {
    @Test
    void cubicMatchesScipyMapCoordinatesNearest() throws IOException {
        String[] lines;
        try (InputStream in = SynthesizerTest.class.getResourceAsStream("/evaluate/cubic.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        List<double[]> expected = new ArrayList<>();
        float[] kept = null;
        for (String l : lines) {
            if (l.startsWith("#") || l.isBlank()) continue;
            String[] p = l.trim().split(" ");
            if (p[0].equals("kept")) {
                kept = new float[p.length - 1];
                for (int i = 1; i < p.length; i++) kept[i - 1] = Float.parseFloat(p[i]);
            } else {
                expected.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        // the kept line sits at truth positions 0, 4, 8, ... (K = 4); targets in truth units
        double[] pos = new double[kept.length], targets = new double[expected.size()];
        for (int i = 0; i < pos.length; i++) pos[i] = 4 * i;
        for (int i = 0; i < targets.length; i++) targets[i] = 4 * expected.get(i)[0];
        FloatVolume k = new FloatVolume(1, 1, kept.length, kept, Geometry.identity(), false);
        FloatVolume out = FloatVolume.allocate(1, 1, targets.length, Geometry.identity());
        new CubicSynthesizer().synthesize(k, pos, targets, out, Job.serial());
        for (int i = 0; i < targets.length; i++)
            assertEquals(expected.get(i)[1], out.data()[i], 2e-3, "u = " + expected.get(i)[0]);
    }

    @Test
    void everyMethodReturnsKeptSlicesAtTheirPositionsAndThreadsAgree() {
        int nx = 13, ny = 7, m = 6;
        float[] d = new float[nx * ny * m];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < d.length; i++) d[i] = (float) (1000 * r.nextDouble());
        FloatVolume kept = new FloatVolume(nx, ny, m, d, Geometry.identity(), false);
        double[] pos = {0, 3, 6, 9, 12, 15};
        double[] targets = new double[16];
        for (int i = 0; i < 16; i++) targets[i] = i;
        for (String method : SynthesisMethods.imageNames()) {
            FloatVolume a = FloatVolume.allocate(nx, ny, 16, Geometry.identity()), b = FloatVolume.allocate(nx, ny, 16, Geometry.identity());
            SynthesisMethods.image(method).synthesize(kept, pos, targets, a, Job.serial());
            SynthesisMethods.image(method).synthesize(kept, pos, targets, b, Job.of(2, null));
            assertArrayEquals(a.data(), b.data(), method);
            for (int k = 0; k < m; k++)
                for (int p = 0; p < nx * ny; p++)
                    assertEquals(d[k * nx * ny + p], a.data()[3 * k * nx * ny + p], 0.05, method + " kept slice " + k);
        }
    }

    @Test
    void fractionalIndexMapsUnevenGapsAndClamps() {
        double[] p = {0, 1, 3, 7};
        assertEquals(0, SliceSynthesizer.fractionalIndex(p, -2), 0);
        assertEquals(1.5, SliceSynthesizer.fractionalIndex(p, 2), 1e-15);
        assertEquals(2.25, SliceSynthesizer.fractionalIndex(p, 4), 1e-15);
        assertEquals(3, SliceSynthesizer.fractionalIndex(p, 9), 0);
        FloatVolume k = FloatVolume.allocate(2, 2, 2, Geometry.identity());
        assertThrows(IllegalArgumentException.class, () -> new LinearSynthesizer().synthesize(k, new double[] {1, 1}, new double[] {0},
                FloatVolume.allocate(2, 2, 1, Geometry.identity()), Job.serial()));
        assertThrows(IllegalArgumentException.class, () -> new LinearSynthesizer().synthesize(k, new double[] {0, 1}, new double[] {0},
                FloatVolume.allocate(2, 2, 2, Geometry.identity()), Job.serial()));
    }
}
