package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResampleCommandTest {
    /** An oblique-free 20x16x8 int16 ramp at 1x1x3 mm, written to dir/name. */
    static Path image(Path dir, String name) {
        Geometry g = Geometry.of(new double[] {1, 1, 3}, new double[] {-10, 5, 40}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 20, 16, 8, g);
        for (int z = 0; z < 8; z++) for (int y = 0; y < 16; y++) for (int x = 0; x < 20; x++)
            v.set(v.index(x, y, z), 10 * x + 7 * y + 13 * z + ((x * 31 + y * 17 + z * 7) % 5));
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    /** A uint8 label map on the same grid: a box of 3 and a slab of 7 on background 0 (not flagged). */
    static Path labels(Path dir, String name) {
        Geometry g = Geometry.of(new double[] {1, 1, 3}, new double[] {-10, 5, 40}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.UINT8, 20, 16, 8, g);
        for (int z = 0; z < 8; z++) for (int y = 0; y < 16; y++) for (int x = 0; x < 20; x++) {
            int l = x >= 4 && x < 12 && y >= 3 && y < 11 && z >= 2 && z < 6 ? 3 : (y >= 13 ? 7 : 0);
            v.set(v.index(x, y, z), l);
        }
        Path p = dir.resolve(name);
        Formats.write(v, p);
        return p;
    }

    static TreeSet<Integer> values(Volume v) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < v.voxelCount(); i++) s.add((int) v.get(i));
        return s;
    }

    @Test
    void eachGridOption(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Path ref = dir.resolve("ref.nii");
        Formats.write(Volume.allocate(PixelType.UINT8, 5, 6, 7,
                Geometry.of(new double[] {2, 2, 2}, new double[] {-5, 7, 45}, new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1})), ref);
        String[][] cases = {
            {"--spacing", "2"}, {"--spacing", "0.5,2,1.5"}, {"--size", "10,8,12"}, {"--like", ref.toString()}, {"--isotropic"},
            {"--isotropic", "--spacing-scale", "2"}};
        int[][] dims = {{10, 8, 12}, {40, 8, 16}, {10, 8, 12}, {5, 6, 7}, {20, 16, 24}, {10, 8, 12}};
        for (int c = 0; c < cases.length; c++) {
            Path out = dir.resolve("out" + c + ".nii");
            String[] args = new String[cases[c].length + 3];
            args[0] = "resample";
            args[1] = in.toString();
            args[2] = out.toString();
            System.arraycopy(cases[c], 0, args, 3, cases[c].length);
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.exit(), String.join(" ", cases[c]) + ": " + r.err());
            Volume o = Formats.read(out);
            assertArrayEquals(dims[c], o.dims(), String.join(" ", cases[c]));
            assertEquals(PixelType.INT16, o.type());
            assertTrue(r.out().startsWith("input   20x16x8 voxels"), r.out());
            assertTrue(r.out().contains("\noutput  " + dims[c][0] + "x" + dims[c][1] + "x" + dims[c][2] + " voxels"), r.out());
        }
    }

    @Test
    void exactlyOneGridOption(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Path out = dir.resolve("out.nii");
        String[][] bad = {{}, {"--spacing", "2", "--size", "1,2,3"}, {"--isotropic", "--like", in.toString()},
            {"--spacing-scale", "2", "--spacing", "1"}, {"--size", "0,2,3"}, {"--interp", "cubic", "--isotropic"},
            {"--isotropic", "--label-sigma", "0"}, {"--isotropic", "--order", "9"}};
        for (String[] b : bad) {
            String[] args = new String[b.length + 3];
            args[0] = "resample";
            args[1] = in.toString();
            args[2] = out.toString();
            System.arraycopy(b, 0, args, 3, b.length);
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().startsWith("interslice: "), r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void dryRunPrintsPlanAndWritesNothing(@TempDir Path dir) throws Exception {
        Path in = image(dir, "in.nii");
        Path out = dir.resolve("out.nii");
        Cli.Result r = Cli.run("resample", in.toString(), out.toString(), "--spacing", "0.5", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\\R");
        assertEquals(3, lines.length, r.out());
        assertEquals("input   20x16x8 voxels, spacing 1.000x1.000x3.000 mm, size 20.0x16.0x24.0 mm, int16", lines[0]);
        assertEquals("output  40x32x48 voxels, spacing 0.5000x0.5000x0.5000 mm, size 20.0x16.0x24.0 mm, linear", lines[1]);
        assertTrue(lines[2].startsWith("memory  output/input voxels 24.000, estimated peak "), lines[2]);
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing but the input");
        }
    }

    @Test
    void maxMemoryRefusesUpFront(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Path out = dir.resolve("out.nii");
        Cli.Result r = Cli.run("resample", in.toString(), out.toString(), "--spacing", "0.1", "--max-memory", "1M");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.errLines()[0].contains("refused: estimated peak memory") && r.errLines()[0].contains("exceeds the limit of 1.0 MiB"), r.err());
        assertTrue(r.out().contains("output  200x160x240 voxels"), "the plan is printed before refusing: " + r.out());
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.run("resample", in.toString(), out.toString(), "--spacing", "0.1", "--max-memory", "1G", "-q").exit());
    }

    @Test
    void masksLandOnTheSameGrid(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Path lab = labels(dir, "lab.nii");
        Path out = dir.resolve("out.nii.gz"), mout = dir.resolve("lab-out.nii.gz"), mout2 = dir.resolve("lab-out2.nrrd");
        Cli.Result r = Cli.run("resample", in.toString(), out.toString(), "--isotropic", "--interp", "bspline",
                "--mask", lab.toString(), mout.toString(), "--mask", lab.toString(), mout2.toString(), "--label-interp", "label-gaussian");
        assertEquals(0, r.exit(), r.err());
        Volume o = Formats.read(out), m = Formats.read(mout), m2 = Formats.read(mout2);
        assertArrayEquals(o.dims(), m.dims());
        assertTrue(m.geometry().approxEquals(o.geometry(), o.nx(), o.ny(), o.nz(), 1e-6));
        assertTrue(m2.geometry().approxEquals(o.geometry(), o.nx(), o.ny(), o.nz(), 1e-6));
        assertEquals(PixelType.UINT8, m.type());
        assertEquals(new TreeSet<>(java.util.List.of(0, 3, 7)), values(m));
        assertTrue(m.isLabel());
    }

    @Test
    void labelMapWithImageInterpolatorIsSwitched(@TempDir Path dir) {
        Path lab = labels(dir, "lab.nii");
        Path out = dir.resolve("out.nii");
        Cli.Result r = Cli.run("resample", lab.toString(), out.toString(), "--spacing", "0.7", "--interp", "linear");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("interslice: note: " + lab + " is a label map (recognised); using label-linear instead of linear, which would blend labels "
                + "(choose it with --label-interp; --image treats the input as an image)", r.errLines()[0]);
        Volume o = Formats.read(out);
        assertEquals(new TreeSet<>(java.util.List.of(0, 3, 7)), values(o));
        // --image: the user insists, values get blended
        Cli.Result forced = Cli.run("resample", lab.toString(), out.toString(), "--spacing", "0.7", "--interp", "linear", "--image");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(values(Formats.read(out)).size() > 3);
        // --labels forces label handling on an image
        Path img = image(dir, "img.nii");
        Cli.Result l = Cli.run("resample", img.toString(), out.toString(), "--spacing", "0.7", "--labels", "--label-interp", "label-nearest");
        assertEquals(0, l.exit(), l.err());
        assertTrue(l.err().contains("(forced); using label-nearest (--label-interp chooses"), l.err());
        assertTrue(values(Formats.read(img)).containsAll(values(Formats.read(out))));
    }

    /** Default: the output box equals the input box (same centre and extent); --keep-origin keeps voxel 0. */
    @Test
    void outputOverlaysInput(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Volume v = Formats.read(in);
        for (String s : new String[] {"0.7", "2.5,0.3,1.1"}) {
            Path out = dir.resolve("o.nii");
            assertEquals(0, Cli.run("resample", in.toString(), out.toString(), "--spacing", s, "-q").exit());
            Volume o = Formats.read(out);
            double[] lo = corner(v, -0.5), hi = corner(v, 0.5), olo = corner(o, -0.5), ohi = corner(o, 0.5);
            for (int a = 0; a < 3; a++) {
                double step = o.geometry().spacing(a);
                // the box centre is kept exactly; edges agree to within half an output voxel (rounded size)
                assertEquals((lo[a] + hi[a]) / 2, (olo[a] + ohi[a]) / 2, 1e-4, "centre axis " + a);
                assertEquals(lo[a], olo[a], step / 2 + 1e-4, "low edge axis " + a);
            }
            assertEquals(0, Cli.run("resample", in.toString(), out.toString(), "--spacing", s, "--keep-origin", "-q").exit());
            assertArrayEquals(v.geometry().origin(), Formats.read(out).geometry().origin(), 1e-4);
        }
    }

    /** World position of the outer corner of voxel (0,0,0) (sign -0.5) or (n-1, ...) (sign +0.5). */
    static double[] corner(Volume v, double sign) {
        double i = sign < 0 ? -0.5 : v.nx() - 0.5, j = sign < 0 ? -0.5 : v.ny() - 0.5, k = sign < 0 ? -0.5 : v.nz() - 0.5;
        return v.geometry().indexToWorld(i, j, k);
    }

    @Test
    void cropByIndexAndMillimetres(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Path out = dir.resolve("o.nii");
        Cli.Result r = Cli.run("resample", in.toString(), out.toString(), "--spacing", "1,1,1", "--crop", "2:12,:,5:", "-q");
        assertEquals(0, r.exit(), r.err());
        Volume o = Formats.read(out);
        assertArrayEquals(new int[] {10, 16, 19}, o.dims());
        Volume full = Formats.read(in);
        // voxel 0 of the crop is voxel (2, 0, 5) of the uncropped 1 mm grid
        double[] expected = {full.geometry().origin()[0] + 2, full.geometry().origin()[1], 40 - 1.5 + 0.5 + 5};
        assertArrayEquals(expected, o.geometry().origin(), 1e-6);
        Cli.Result mm = Cli.run("resample", in.toString(), out.toString(), "--spacing", "1", "--crop", "-5:0,6:9,45:50", "--crop-mm", "-q");
        assertEquals(0, mm.exit(), mm.err());
        assertArrayEquals(new int[] {6, 4, 6}, Formats.read(out).dims());
        assertEquals(2, Cli.run("resample", in.toString(), out.toString(), "--spacing", "1", "--crop", "0:99,:,:").exit());
    }

    /**
     * Issue 22: a streamed run (.nii, linear) holds the input and the writer's ring of blocks, not the whole
     * output, and its estimate says so: 400^3 uint8 (64 MB) fits under 48 MB streamed, while the same job
     * to NRRD (written whole) is refused before any work.
     */
    @Test
    void maxMemoryCountsTheStreamedPath(@TempDir Path dir) throws Exception {
        Path in = image(dir, "in.nii");
        String[] job = {"--size", "400,400,400", "--type", "uint8", "--interp", "linear", "--max-memory", "48M"};
        Path nii = dir.resolve("out.nii"), nrrd = dir.resolve("out.nrrd");
        Cli.Result streamed = Cli.run(concat(new String[] {"resample", in.toString(), nii.toString()}, job));
        assertEquals(0, streamed.exit(), streamed.err());
        assertTrue(Files.size(nii) >= 400L * 400 * 400, "written whole");
        double mib = estimate(streamed.out());
        assertTrue(mib > 30 && mib < 48, "the input, four blocks of 8 MB and the planes: " + streamed.out());
        Cli.Result whole = Cli.run(concat(new String[] {"resample", in.toString(), nrrd.toString()}, job));
        assertEquals(1, whole.exit(), whole.err());
        assertTrue(whole.err().contains("refused: estimated peak memory"), whole.err());
        assertTrue(estimate(whole.out()) >= 64e6 / (1 << 20), "the whole output counted: " + whole.out());
        assertFalse(Files.exists(nrrd));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** The MiB of "estimated peak N MiB" in a printed plan. */
    private static double estimate(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("estimated peak ([0-9.]+) MiB").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    /** Issue 21.6: --max-memory reaches the reader, which refuses before allocating. */
    @Test
    void maxMemoryIsPassedToTheReader(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        Cli.Result r = Cli.run("resample", in.toString(), dir.resolve("o.nii").toString(), "--spacing", "2", "--max-memory", "4K");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("in.nii: dimensions 20x16x8 need 5.1 kB") && r.err().contains("more than the 4.1 kB available"), r.err());
        assertEquals("", r.out(), "refused while reading, before the plan");
    }

    /** Issue 21.8: a size below one byte meant "no limit"; it is refused like 0. */
    @Test
    void maxMemoryBelowOneByteIsAUsageError(@TempDir Path dir) {
        Path in = image(dir, "in.nii");
        for (String m : new String[] {"0", "0.000001K", "0.5"}) {
            Cli.Result r = Cli.run("resample", in.toString(), dir.resolve("o.nii").toString(), "--spacing", "2", "--max-memory=" + m);
            assertEquals(2, r.exit(), m + ": " + r.err());
            assertTrue(r.err().contains("must be at least 1 byte"), r.err());
        }
    }
}
