package org.interslice.core.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;

/** Reads the label fixture made by tools/reference/labels_expected.py (src/test/resources/labels/labels.txt). */
public final class LabelFixtures {
    private static List<String[]> lines;

    private LabelFixtures() {
    }

    /** Non-comment lines split at spaces, in file order. */
    public static synchronized List<String[]> lines() {
        if (lines == null) {
            try (InputStream in = LabelFixtures.class.getResourceAsStream("/labels/labels.txt")) {
                if (in == null) throw new IllegalStateException("missing fixture labels/labels.txt");
                List<String[]> out = new ArrayList<>();
                for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    if (!l.isBlank() && !l.startsWith("#")) out.add(l.trim().split(" "));
                lines = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    /** Index of the first line whose leading words are {@code head}. */
    public static int find(String... head) {
        List<String[]> ls = lines();
        outer:
        for (int i = 0; i < ls.size(); i++) {
            String[] l = ls.get(i);
            if (l.length < head.length) continue;
            for (int j = 0; j < head.length; j++) if (!l[j].equals(head[j])) continue outer;
            return i;
        }
        throw new IllegalStateException("no fixture line starting " + String.join(" ", head));
    }

    /** Values of line i after its first {@code skip} words, as ints. */
    public static int[] ints(int i, int skip) {
        String[] l = lines().get(i);
        int[] v = new int[l.length - skip];
        for (int j = 0; j < v.length; j++) v[j] = Integer.parseInt(l[j + skip]);
        return v;
    }

    /** Values of line i after its first {@code skip} words, as doubles. */
    public static double[] doubles(int i, int skip) {
        String[] l = lines().get(i);
        double[] v = new double[l.length - skip];
        for (int j = 0; j < v.length; j++) v[j] = Double.parseDouble(l[j + skip]);
        return v;
    }

    /** A label volume of the given size and in-plane spacing. */
    public static IntVolume volume(int nx, int ny, int nz, double sx, double sy, int[] data) {
        Geometry g = Geometry.of(new double[] {sx, sy, 1}, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        return new IntVolume(nx, ny, nz, PixelType.INT32, data, g, true);
    }
}
