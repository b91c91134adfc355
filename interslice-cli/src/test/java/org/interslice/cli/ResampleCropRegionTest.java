package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resample --crop} reading only the input region it needs (NIfTI input) gives the same output as
 * reading the whole input (the same volume as text NRRD, which has no region reads), for every
 * interpolator, up- and downsampling (anti-aliasing), boxes inside and at the edges, images and labels.
 */
class ResampleCropRegionTest {
    private static final int NX = 40, NY = 36, NZ = 30;
    private static final Geometry G = Geometry.of(new double[] {0.5, 0.75, 2}, new double[] {-10, 20, 30}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    /** Writes v as .nii (region reads) and as text .nrrd (whole reads) with the same exact geometry. */
    private static Path[] both(Path dir, String name, Volume v) throws IOException {
        Path nii = dir.resolve(name + ".nii");
        Formats.write(v, nii);
        StringBuilder sb = new StringBuilder("NRRD0004\ntype: " + (v.type() == PixelType.INT16 ? "short" : "uchar") + "\ndimension: 3\n");
        sb.append("space: left-posterior-superior\nsizes: ").append(NX).append(' ').append(NY).append(' ').append(NZ).append('\n');
        sb.append("space directions: (0.5,0,0) (0,0.75,0) (0,0,2)\nspace origin: (-10,20,30)\nencoding: ascii\n\n");
        for (int i = 0; i < v.voxelCount(); i++) sb.append((long) v.get(i)).append(i % 20 == 19 ? '\n' : ' ');
        Path nrrd = dir.resolve(name + ".nrrd");
        Files.writeString(nrrd, sb, StandardCharsets.ISO_8859_1);
        return new Path[] {nii, nrrd};
    }

    private static Volume image() {
        Volume v = Volume.allocate(PixelType.INT16, NX, NY, NZ, G);
        Random r = new Random(5);
        for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++)
            v.set(v.index(x, y, z), 800 * Math.sin(x * 0.3) * Math.cos(y * 0.2) + 40 * z + r.nextInt(200) - 100);
        return v;
    }

    private static Volume labels() {
        Volume v = Volume.allocate(PixelType.UINT8, NX, NY, NZ, G);
        for (int z = 0; z < NZ; z++) for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) {
            int l = (x - 20) * (x - 20) + (y - 18) * (y - 18) + 4 * (z - 15) * (z - 15) < 150 ? 4 : x > 30 ? 9 : y < 6 ? 2 : 0;
            v.set(v.index(x, y, z), l);
        }
        return v;
    }

    /**
     * Runs resample on both copies with the same arguments and compares the outputs: equal within
     * {@code tol}, except that with {@code ties} (nearest neighbour, Gaussian) an output voxel whose input position
     * lies on a half-voxel on some axis may take the other neighbour. There the whole read decides by the
     * rounding error of the position too (the region's origin is another number, so its rounding differs).
     */
    private static void same(Path dir, Path[] in, String tag, double tol, boolean ties, String... args) {
        Volume[] out = new Volume[2];
        for (int k = 0; k < 2; k++) {
            Path o = dir.resolve(tag + (k == 0 ? "-region.nii" : "-whole.nii"));
            List<String> a = new ArrayList<>(List.of("resample", in[k].toString(), o.toString(), "-q"));
            a.addAll(List.of(args));
            Cli.Result r = Cli.run(a.toArray(new String[0]));
            assertEquals(0, r.exit(), tag + ": " + r.err());
            assertEquals(k == 0, r.out().contains("region  ["), tag + " takes the " + (k == 0 ? "region" : "whole") + " path: " + r.out());
            out[k] = Formats.read(o);
        }
        Volume a = out[0], b = out[1];
        String what = tag + " (" + String.join(" ", args) + ")";
        assertArrayEquals(b.dims(), a.dims(), what);
        assertEquals(b.type(), a.type(), what);
        assertEquals(b.isLabel(), a.isLabel(), what);
        assertTrue(b.geometry().approxEquals(a.geometry(), a.nx(), a.ny(), a.nz(), 1e-6), what);
        double[] w = new double[3], c = new double[3];
        int tied = 0;
        for (int z = 0; z < a.nz(); z++) for (int y = 0; y < a.ny(); y++) for (int x = 0; x < a.nx(); x++) {
            int i = a.index(x, y, z);
            double d = Math.abs(a.get(i) - b.get(i));
            if (d <= tol) continue;
            a.geometry().indexToWorld(x, y, z, w);
            G.worldToIndex(w[0], w[1], w[2], c);
            boolean tie = false;
            // 1e-5: the output geometry read back from NIfTI-1 holds float32 numbers
            for (int k = 0; k < 3; k++) tie |= Math.abs(c[k] - Math.floor(c[k]) - 0.5) < 1e-5;
            assertTrue(ties && tie, what + ": voxel " + x + "," + y + "," + z + " differs by " + d + " (input index " + c[0] + "," + c[1] + "," + c[2] + ")");
            tied++;
        }
        if (tied > 0) assertTrue(tied <= a.voxelCount() / 4, what + ": " + tied + " tied voxels differ");
    }

    /** Output boxes for a spacing: inside, at the first corner, at the last corner, mixed. */
    private static List<String> crops(String spacing) {
        String[] s = spacing.split(",");
        int[] n = new int[3];
        double[] extent = {NX * 0.5, NY * 0.75, NZ * 2.0};
        for (int a = 0; a < 3; a++) n[a] = (int) Math.round(extent[a] / Double.parseDouble(s[Math.min(a, s.length - 1)]));
        List<String> l = new ArrayList<>();
        for (int[] kind : new int[][] {{1, 1, 1}, {0, 0, 0}, {2, 2, 2}, {1, 0, 2}}) {
            StringBuilder b = new StringBuilder();
            for (int a = 0; a < 3; a++) {
                int w = Math.min(n[a], Math.max(1, n[a] / 3)), lo = kind[a] == 0 ? 0 : kind[a] == 2 ? n[a] - w : (n[a] - w) / 2;
                b.append(a > 0 ? "," : "").append(lo).append(':').append(lo + w);
            }
            l.add(b.toString());
        }
        return l;
    }

    @Test
    void imagesEqualTheWholeReadResult(@TempDir Path dir) throws IOException {
        Volume v = image();
        double[] range = v.range();
        Path[] in = both(dir, "img", v);
        String[][] interps = {{"--interp", "nearest"}, {"--interp", "linear"}, {"--interp", "bspline", "--no-clamp"},
            {"--interp", "bspline", "--order", "5", "--no-clamp"}, {"--interp", "lanczos", "--no-clamp"}, {"--interp", "gaussian"}};
        int n = 0;
        for (String grid : new String[] {"0.3", "1.7,1.1,3.3", "0.4,0.9,0.7"}) for (String crop : crops(grid)) for (String[] interp : interps) {
            List<String> a = new ArrayList<>(List.of("--spacing", grid, "--crop", crop, "--type", "float32", "--image"));
            a.addAll(List.of(interp));
            // the region's offsets are other floating-point numbers: weights differ in their last bits
            // (about 1e-7 of the range seen); B-spline coefficients are exact to the prefilter tail left
            // outside the region (1e-9 of the range)
            // nearest and gaussian pick their input window by rounding the position: at a half-voxel tie
            // the window may shift (nearest: the other neighbour; gaussian: the 3-sigma truncation moves)
            boolean ties = interp[1].equals("nearest") || interp[1].equals("gaussian");
            same(dir, in, "img" + n++, 1e-6 * (range[1] - range[0]), ties, a.toArray(new String[0]));
        }
    }

    @Test
    void labelMapsAreRecognisedAndEqualTheWholeReadResult(@TempDir Path dir) throws IOException {
        Path[] in = both(dir, "lab", labels());
        String[] interps = {"label-nearest", "label-linear", "label-gaussian"};
        int n = 0;
        for (String grid : new String[] {"0.3", "1.3,0.9,2.5"}) for (String interp : interps) {
            // recognised as labels from the streamed evidence: linear is switched to the label interpolator
            same(dir, in, "lab" + n, 0, interp.equals("label-nearest"), "--spacing", grid, "--crop", "3:14,4:25,6:20", "--label-interp", interp);
            assertTrue(Formats.read(dir.resolve("lab" + n++ + "-region.nii")).isLabel(), "recognised as a label map");
        }
    }

    @Test
    void outsideTheInputGetsTheWholeInputsMinimumAndClampingStaysInItsRange(@TempDir Path dir) throws IOException {
        Volume v = image();
        double[] range = v.range();
        Path[] in = both(dir, "out", v);
        // a reference grid reaching 6 mm past the input's low corner: its first voxels lie outside the input
        Path ref = dir.resolve("ref.nii");
        Formats.write(Volume.allocate(PixelType.UINT8, 30, 30, 30, Geometry.of(new double[] {0.5, 0.5, 0.5},
                new double[] {-16, 14, 24}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1})), ref);
        same(dir, in, "outside", 0, false, "--like", ref.toString(), "--crop", "0:20,0:20,0:20", "--type", "float32", "--interp", "linear");
        Volume lin = Formats.read(dir.resolve("outside-region.nii"));
        assertEquals(range[0], lin.get(0), "the first output voxel lies outside: the whole input's minimum");
        // B-spline overshoot is clamped to the region's range, which lies inside the whole input's
        same(dir, in, "clamp", 1e-6 * (range[1] - range[0]), false, "--like", ref.toString(), "--crop", "10:30,10:30,10:30",
                "--type", "float32", "--interp", "bspline", "--no-clamp");
        Path o = dir.resolve("clamped.nii");
        Cli.Result r = Cli.run("resample", in[0].toString(), o.toString(), "-q", "--like", ref.toString(), "--crop", "10:30,10:30,10:30",
                "--type", "float32", "--interp", "bspline");
        assertEquals(0, r.exit(), r.err());
        Volume out = Formats.read(o);
        for (int i = 0; i < out.voxelCount(); i++)
            assertTrue(out.get(i) >= range[0] && out.get(i) <= range[1], "voxel " + i + " = " + out.get(i) + " outside " + range[0] + ".." + range[1]);
    }
}
