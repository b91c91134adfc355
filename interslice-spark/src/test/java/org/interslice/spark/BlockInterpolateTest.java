package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.cli.Main;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.ops.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Slab-mode interpolation against the single-machine command: a generated OME-Zarr (thick slices of moving
 * structures) interpolated by {@code batch interpolate} in slabs of 2 gaps equals {@code interpolate} of
 * the whole volume voxel for voxel, with the same provenance sidecar, for linear, morph and cubic (on a
 * float32 stack longer than twice cubic's reach), with a whole factor, a factor that puts output slices
 * between measured ones, and uneven {@code --positions}.
 */
class BlockInterpolateTest {
    static JavaSparkContext spark;

    @TempDir
    static Path dir;
    static Path input, floats, rpi, sagittal, oblique;

    @BeforeAll
    static void start() {
        spark = Sparks.context("local[2]");
        Geometry g = Geometry.of(new double[] {0.8, 0.8, 4}, new double[] {-20, 7, 30}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(PixelType.INT16, 72, 64, 11, g);
        Random r = new Random(3);
        for (int z = 0; z < 11; z++) for (int y = 0; y < 64; y++) for (int x = 0; x < 72; x++) {
            double cx = 30 + 2.5 * z, cy = 30 + Math.sin(z / 2.0) * 6, rad = 12 + z % 4;
            double d = Math.hypot(x - cx, y - cy);
            v.set(v.index(x, y, z), Math.rint(200 + (d < rad ? 800 : 0) + 100 * Math.sin(x / 9.0) + r.nextGaussian() * 10));
        }
        input = dir.resolve("thick.ome.zarr");
        Formats.write(v, input);
        // float32 and more slices than cubic's reach of 16 twice over: no rounding to the input type hides a
        // difference in the last bits, and slabs in the middle read a window of the stack
        Volume f = Volume.allocate(PixelType.FLOAT32, 40, 36, 60, g);
        for (int z = 0; z < 60; z++) for (int y = 0; y < 36; y++) for (int x = 0; x < 40; x++)
            f.set(f.index(x, y, z), 200 + (Math.hypot(x - 15 - z % 13, y - 18) < 9 + z % 5 ? 800 : 0) + 100 * Math.sin(x / 7.0 + z) + r.nextGaussian() * 10);
        floats = dir.resolve("floats.ome.zarr");
        Formats.write(f, floats);
        // the same voxels on grids OME-Zarr cannot store as they are (NIfTI keeps the direction): x and z flipped
        // (RPI), slices along L (a sagittal stack: x along P, y along I), and turned by 30 degrees in-plane
        rpi = dir.resolve("rpi.nii");
        Formats.write(v.with(Geometry.of(new double[] {0.8, 0.8, 4}, new double[] {20, 7, 30}, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, -1}), false), rpi);
        sagittal = dir.resolve("sagittal.nii");
        Formats.write(v.with(Geometry.of(new double[] {0.8, 0.8, 4}, new double[] {-20, 7, 30}, new double[] {0, 0, 1, 1, 0, 0, 0, -1, 0}), false), sagittal);
        double c = Math.cos(Math.PI / 6), sn = Math.sin(Math.PI / 6);
        oblique = dir.resolve("oblique.nii");
        Formats.write(v.with(Geometry.of(new double[] {0.8, 0.8, 4}, new double[] {-20, 7, 30}, new double[] {c, -sn, 0, sn, c, 0, 0, 0, 1}), false), oblique);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void linearAndMorphSlabsEqualTheWholeInterpolation() throws IOException {
        assertEquals(6, check("linear", "--factor", "4", "--method", "linear"));   // 41 output slices in slabs of 8
        assertEquals(6, check("morph", "--factor", "4", "--method", "morph"));
    }

    /**
     * Cubic reaches 16 measured slices each side for its prefilter: a slab's coefficients must be those of the
     * whole stack bit for bit (float32 output, so no rounding to the input type hides a last-bit difference).
     */
    @Test
    void cubicSlabsEqualTheWholeInterpolation() throws IOException {
        Path positions = dir.resolve("positions-cubic.txt");
        StringBuilder uneven = new StringBuilder();
        for (int k = 0; k < 60; k++) uneven.append(4 * k + (k % 3 == 1 ? 1.5 : 0)).append('\n');
        Files.writeString(positions, uneven);
        check(floats, "cubic-float", "--factor", "4", "--method", "cubic");
        check(floats, "cubic-float-2.5", "--factor", "2.5", "--method", "cubic");
        check(floats, "cubic-float-positions", "--positions", positions.toString(), "--factor", "3", "--method", "cubic");
        check(input, "cubic-int16", "--factor", "4", "--method", "cubic");
    }

    @Test
    void unevenPlansEqualTheWholeInterpolation() throws IOException {
        // output slices between measured ones (a factor that is not whole), and uneven measured positions
        check("linear-2.5", "--factor", "2.5", "--method", "linear");
        Path positions = dir.resolve("positions.txt");
        Files.writeString(positions, "# uneven, mm\n0\n3\n9\n10.5\n16\n21, 22\n30\n33\n38.5\n44\n");
        check("morph-positions", "--positions", positions.toString(), "--spacing", "1.3", "--method", "morph");
        check("linear-positions", "--positions", positions.toString(), "--factor", "3", "--method", "linear");
    }

    /**
     * Axis-flipped and permuted inputs: stored along L, P, S as the command line's writer stores them, the
     * slabs cut along the stored axis of the slices (41 output slices in slabs of 8: a flipped z must not
     * split a chunk between two tasks), equal to the whole interpolation.
     */
    @Test
    void flippedAndPermutedInputsEqualTheWholeInterpolation() throws IOException {
        assertEquals(6, check(rpi, "rpi-linear", "--factor", "4", "--method", "linear"));
        assertEquals(6, check(sagittal, "sagittal-linear", "--factor", "4", "--method", "linear"));
    }

    @Test
    void refusesWhatSlabsCannotDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockInterpolate.run(spark, List.of(oblique.toString(),
                dir.resolve("c.ome.zarr").toString(), "--factor", "2", "--method", "linear"), 2, new int[] {64, 64}, Job.serial()));
        assertTrue(e.getMessage().contains("oblique"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlockInterpolate.run(spark, List.of(input.toString(), dir.resolve("a.nii").toString(),
                "--factor", "2", "--method", "linear"), 2, new int[] {64, 64}, Job.serial()));
        assertThrows(IllegalArgumentException.class, () -> BlockInterpolate.run(spark, List.of(input.toString(), dir.resolve("b.ome.zarr").toString(),
                "--factor", "2", "--axis", "x"), 2, new int[] {64, 64}, Job.serial()));
    }

    /**
     * Bad input met by a task (a float .nii.gz whose gzip trailer is wrong: the driver does not scan floats, the
     * last slab's read reaches the trailer) ends the run with that file and reason, as the command line's
     * interpolate does, not with a SparkException (an internal error, exit 3, with Spark's logged stack trace);
     * nothing is written.
     */
    @Test
    void badInputMetByATaskIsTheFilesOneLineError() throws IOException {
        Path crc = dir.resolve("crc.nii.gz");
        Formats.write(Formats.read(floats), crc);
        byte[] b = Files.readAllBytes(crc);
        b[b.length - 8] ^= 0x55;
        Files.write(crc, b);
        Path out = dir.resolve("crc.ome.zarr");
        org.interslice.core.IntersliceException e = assertThrows(org.interslice.core.IntersliceException.class, () -> BlockInterpolate.run(spark,
                List.of(crc.toString(), out.toString(), "--factor", "2", "--method", "linear"), 8, new int[] {64, 64}, Job.serial()));
        assertEquals(crc, e.file());
        assertTrue(e.reason().contains("after the voxel data"), e.getMessage());
        assertTrue(!Files.exists(out) && !Files.exists(Provenance.sidecarOf(out)), "nothing written");
    }

    /**
     * Slabs of 2 gaps against the command line's interpolate of the whole volume: every voxel, the grid,
     * and the provenance sidecar (the same JSON but for the output's path). Returns the slab count.
     */
    private static int check(String name, String... options) throws IOException {
        return check(input, name, options);
    }

    private static int check(Path input, String name, String... options) throws IOException {
        Path slabs = dir.resolve(name + "-slabs.ome.zarr"), whole = dir.resolve(name + "-whole.ome.zarr");
        List<String> args = new ArrayList<>(List.of(input.toString(), slabs.toString()));
        args.addAll(List.of(options));
        BlockResample.Result r = BlockInterpolate.run(spark, args, 2, new int[] {32, 32}, Job.serial());
        assertTrue(r.blocks() >= 3, name + ": " + r.blocks() + " slabs");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        List<String> a = new ArrayList<>(List.of("interpolate", input.toString(), whole.toString()));
        a.addAll(List.of(options));
        assertEquals(0, cl.execute(a.toArray(new String[0])), err.toString());
        Volume s = Formats.read(slabs), w = Formats.read(whole);
        assertArrayEquals(w.dims(), s.dims(), name);
        assertEquals(w.type(), s.type());
        assertArrayEquals(w.geometry().spacing(), s.geometry().spacing(), 1e-12);
        assertArrayEquals(w.geometry().origin(), s.geometry().origin(), 1e-9);
        for (int i = 0; i < w.voxelCount(); i++)
            if (w.get(i) != s.get(i)) throw new AssertionError(name + ": voxel " + i + " (z " + i / (w.nx() * w.ny()) + ") is " + s.get(i) + " in slabs, " + w.get(i) + " whole");
        String sidecar = Files.readString(Provenance.sidecarOf(slabs)), expected = Files.readString(Provenance.sidecarOf(whole));
        assertTrue(sidecar.contains("\"synthesized\""), name);
        assertEquals(expected.replace(whole.toAbsolutePath().normalize().toString(), "OUT"), sidecar.replace(slabs.toAbsolutePath().normalize().toString(), "OUT"), name);
        return r.blocks();
    }
}
