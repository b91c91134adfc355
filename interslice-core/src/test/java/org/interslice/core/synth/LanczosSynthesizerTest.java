package org.interslice.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

class LanczosSynthesizerTest {
    private static double[] numbers(String line) {
        String[] p = line.trim().split(" ");
        double[] v = new double[p.length - 1];
        for (int i = 1; i < p.length; i++) v[i - 1] = Double.parseDouble(p[i]);
        return v;
    }

    @Test
    void matchesTheNumpyReference() throws IOException {
        String[] lines;
        try (InputStream in = LanczosSynthesizerTest.class.getResourceAsStream("/synth/lanczos.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        double[] dims = null, pos = null, targets = null, stack = null;
        List<double[]> expected = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("#") || l.isBlank()) continue;
            if (l.startsWith("dims")) dims = numbers(l);
            else if (l.startsWith("positions")) pos = numbers(l);
            else if (l.startsWith("targets")) targets = numbers(l);
            else if (l.startsWith("stack")) stack = numbers(l);
            else expected.add(numbers(l));
        }
        int nx = (int) dims[0], ny = (int) dims[1], m = (int) dims[2], plane = nx * ny;
        float[] d = new float[stack.length];
        for (int i = 0; i < d.length; i++) d[i] = (float) stack[i];
        FloatVolume kept = new FloatVolume(nx, ny, m, d, Geometry.identity(), false);
        FloatVolume out = FloatVolume.allocate(nx, ny, targets.length, Geometry.identity());
        new LanczosSynthesizer().synthesize(kept, pos, targets, out, Job.serial());
        for (int t = 0; t < targets.length; t++)
            for (int p = 0; p < plane; p++)
                assertEquals(expected.get(t)[p], out.data()[t * plane + p], 1e-3, "target " + targets[t] + " voxel " + p);
    }

    @Test
    void isRegisteredByName() {
        assertEquals(LanczosSynthesizer.class, SynthesisMethods.image("lanczos").getClass());
        assertEquals(3, SynthesisMethods.image("lanczos").reach());
    }
}
