package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.interslice.core.register.Affine2D;
import org.interslice.core.register.Warp;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gaps fill} end to end on real anatomy: 16 axial planes of Colin27 (1 mm), the last 8 moved by an
 * in-plane drift (a histology-like stack), a listed slice filled with garbage (its content must never be
 * used), the outputs beside OUT, the input untouched (every {@link Cli} run checks that), bad lists refused.
 */
class GapsFillCommandTest {
    /** The stack: planes 80-95 of ch2-1mm, planes 8-15 drifted by 3 degrees and (4, -3) px; slices in {@code garbage} overwritten by noise. */
    static Path stack(Path dir, String name, long seed, int... garbage) {
        Volume ch2 = Formats.read(SharedData.path("mr-brain/ch2-1mm.nii.gz"));
        int nx = ch2.nx(), ny = ch2.ny(), n = nx * ny;
        FloatVolume f = ch2.toFloat();
        double c = Math.cos(Math.toRadians(3)), s = Math.sin(Math.toRadians(3));
        double[] drift = Affine2D.about(new double[] {c, -s, s, c}, (nx - 1) / 2.0, (ny - 1) / 2.0, 4, -3);
        Volume v = Volume.allocate(PixelType.UINT8, nx, ny, 16, ch2.geometry());
        float[] plane = new float[n], moved = new float[n];
        for (int k = 0; k < 16; k++) {
            System.arraycopy(f.data(), (80 + k) * n, plane, 0, n);
            if (k >= 8) Warp.affine(plane, nx, ny, drift, moved, null);
            for (int i = 0; i < n; i++) v.set(k * n + i, k >= 8 ? moved[i] : plane[i]);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int g : garbage) for (int i = 0; i < n; i++) v.set(g * n + i, r.nextInt(256));
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    /**
     * A label map of 9 slices: a body (3) holding an organ (7, a disc of radius 11) on 0, moved by (6, 3) px
     * from slice 5 on; slice 4 corrupt (a block of 99). Recognised as a label map (uint8, few values).
     */
    static Path labelStack(Path dir) {
        int nx = 72, ny = 64;
        Volume v = Volume.allocate(PixelType.UINT8, nx, ny, 9, org.interslice.core.volume.Geometry.identity());
        for (int z = 0; z < 9; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) {
                    double dx = x - (z >= 5 ? 36 : 30), dy = y - (z >= 5 ? 31 : 28);
                    int l = dx * dx + dy * dy <= 121 ? 7 : (Math.abs(dx) <= 20 && Math.abs(dy) <= 16 ? 3 : 0);
                    if (z == 4 && x < 30 && y < 30) l = 99;
                    v.set(v.index(x, y, z), l);
                }
        Path p = dir.resolve("labels.nii");
        Formats.write(v, p);
        return p;
    }

    @Test
    void aLabelMapIsFilledWithItsNeighboursLabelsOnly(@TempDir Path dir) throws Exception {
        Path in = labelStack(dir);
        Path out = dir.resolve("out.nii.gz");
        Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "4");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("slice 4: filled by zmorph"), r.out() + r.err());
        Volume b = Formats.read(out);
        int nx = b.nx(), n = nx * b.ny();
        java.util.TreeSet<Integer> values = new java.util.TreeSet<>();
        double sx = 0, sy = 0, count = 0;
        for (int i = 0; i < n; i++) {
            int l = (int) b.get(4 * n + i);
            values.add(l);
            if (l == 7) {
                sx += i % nx;
                sy += i / nx;
                count++;
            }
        }
        assertTrue(java.util.Set.of(0, 3, 7).containsAll(values), "values of the filled slice: " + values);
        // slice 4 lies half way between slices 3 and 5: the organ at (33, 29.5)
        assertEquals(33, sx / count, 0.75);
        assertEquals(29.5, sy / count, 0.75);
        JsonNode j = new ObjectMapper().readTree(Files.readString(Path.of(out + ".slice-0004.json")));
        assertTrue(j.toString().contains("\"labels\":true"), j.toString());
    }

    @Test
    void fillsTheDriftedGapAndKeepsTheAlignedOne(@TempDir Path dir) throws Exception {
        Path in = stack(dir, "in.nii", 1, 8, 3);
        Path out = dir.resolve("out.nii.gz");
        Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "8,3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("slice 8: filled by zmorph"), r.out());
        // slice 3 sits in the aligned half: registration cannot improve what is already aligned
        assertTrue(r.err().contains("slice 3 skipped (left as in the input): reg_did_not_improve"), r.err());
        assertTrue(r.out().contains("1 of 2 listed slices filled"), r.out());

        Volume a = Formats.read(in), b = Formats.read(out);
        int n = a.nx() * a.ny();
        for (int k = 0; k < 16; k++) {
            double diff = 0;
            for (int i = 0; i < n; i++) diff += Math.abs(a.get(k * n + i) - b.get(k * n + i));
            if (k == 8) assertTrue(diff > 0, "slice 8 was filled");
            else assertEquals(0, diff, "slice " + k + " is the input's");
        }
        // the filled slice lies between its neighbours: closer to them than the garbage was
        double toNeighbours = 0, garbage = 0;
        for (int i = 0; i < n; i++) {
            double mid = 0.5 * (a.get(7 * n + i) + a.get(9 * n + i));
            toNeighbours += Math.abs(b.get(8 * n + i) - mid);
            garbage += Math.abs(a.get(8 * n + i) - mid);
        }
        assertTrue(toNeighbours < garbage / 4, toNeighbours + " vs " + garbage);

        // diagnostics and previews beside OUT, provenance sidecar
        ObjectMapper m = new ObjectMapper();
        JsonNode j8 = m.readTree(dir.resolve("out.nii.gz.slice-0008.json").toFile());
        assertEquals("zmorph", j8.get("method_used").asText());
        assertTrue(j8.get("interpolated").asBoolean());
        assertTrue(j8.get("ncc_gain").asDouble() >= 0.05);
        assertEquals(0, j8.get("residual_before").asDouble());
        assertEquals(3, j8.get("affine").size());
        assertEquals(7, j8.get("before_slices").get(j8.get("before_slices").size() - 1).asInt());
        JsonNode j3 = m.readTree(dir.resolve("out.nii.gz.slice-0003.json").toFile());
        assertEquals("reg_did_not_improve", j3.get("fallback_reason").asText());
        assertTrue(j3.get("method_used").isNull());
        assertTrue(j3.get("interpolation_failed").asBoolean());
        for (int s : new int[] {3, 8}) {
            BufferedImage png = ImageIO.read(dir.resolve("out.nii.gz.slice-000" + s + ".png").toFile());
            assertTrue(png.getWidth() > 600 && png.getHeight() > 100, "preview " + s);
        }
        JsonNode prov = m.readTree(dir.resolve("out.nii.gz.json").toFile());
        assertEquals("interslice gaps fill", prov.get("tool").asText());
        assertEquals("[8]", prov.get("interpolatedSlices").toString());
    }

    @Test
    void theListedSlicesContentIsNeverUsed(@TempDir Path dir) {
        Path a = stack(dir, "a.nii", 1, 8), b = stack(dir, "b.nii", 99, 8);
        Path oa = dir.resolve("oa.nii"), ob = dir.resolve("ob.nii");
        assertEquals(0, Cli.run("gaps", "fill", a.toString(), oa.toString(), "--missing", "8").exit());
        assertEquals(0, Cli.run("gaps", "fill", b.toString(), ob.toString(), "--missing", "8").exit());
        assertArrayEquals((byte[]) Formats.read(oa).array(), (byte[]) Formats.read(ob).array());
    }

    @Test
    void badMissingListsAreRefused(@TempDir Path dir) throws Exception {
        Path in = stack(dir, "in.nii", 1);
        Path out = dir.resolve("out.nii");
        for (String bad : new String[] {"abc", "3,x", "--missing=-2", "4,4"}) {
            Cli.Result r = bad.startsWith("--") ? Cli.run("gaps", "fill", in.toString(), out.toString(), bad)
                    : Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", bad);
            assertEquals(2, r.exit(), bad + ": " + r.err());
        }
        assertEquals(2, Cli.run("gaps", "fill", in.toString(), out.toString()).exit(), "--missing is required");
        for (String bad : new String[] {"16", "0", "15", "500"}) {
            Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", bad);
            assertEquals(1, r.exit(), bad + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().contains("--missing " + bad), r.err());
        }
        assertFalse(Files.exists(out));
        assertTrue(Arrays.asList(dir.toFile().list()).stream().noneMatch(s -> s.startsWith("out.nii.")), Arrays.toString(dir.toFile().list()));
    }

    @Test
    void baselinesRunOnlyWhenNamed(@TempDir Path dir) throws Exception {
        Path in = stack(dir, "in.nii", 1, 3);
        Path out = dir.resolve("avg.nii");
        Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "3", "--method", "average");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("slice 3: filled by average"), r.out());
        Volume a = Formats.read(in), b = Formats.read(out);
        int n = a.nx() * a.ny();
        for (int i = 0; i < n; i += 101) {
            double mean = 0.5 * (a.get(2 * n + i) + a.get(4 * n + i));
            assertEquals(Math.floor(mean + 0.5), b.get(3 * n + i), 0, "voxel " + i);
        }
    }
}
