package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.cli.CommandConfigs;
import org.interslice.cli.Main;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.zarr.OmeZarrFormat;
import org.interslice.io.zarr.ZarrChunkWriter;
import org.interslice.ops.ConfigResampleOp;
import org.interslice.ops.ResampleOperation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Block mode against the single-machine command: a generated OME-Zarr resampled by {@code batch resample}
 * in small blocks (many tasks, every block edge inside the volume) equals {@code resample} of the whole
 * volume, voxel for voxel for nearest, linear (up and down, with anti-aliasing) and Lanczos, within 1e-6
 * of the data range for B-splines (whose block prefilter is windowed).
 */
class BlockResampleTest {
    static JavaSparkContext spark;

    @TempDir
    static Path dir;
    static Path int16, float32, labels, las, turned;

    @BeforeAll
    static void start() {
        spark = Sparks.context("local[2]");
        Geometry g = Geometry.of(new double[] {0.6, 0.6, 2.5}, new double[] {10, -5, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume a = Volume.allocate(PixelType.INT16, 100, 90, 24, g), b = Volume.allocate(PixelType.FLOAT32, 100, 90, 24, g);
        Random r = new Random(7);
        for (int z = 0; z < 24; z++) for (int y = 0; y < 90; y++) for (int x = 0; x < 100; x++) {
            double v = 800 * Math.sin(x / 7.0) * Math.cos(y / 11.0) + 40 * z + ((x - 50) * (x - 50) + (y - 40) * (y - 40) < 600 ? 900 : 0) + r.nextGaussian() * 30;
            a.set(a.index(x, y, z), Math.rint(v));
            b.set(b.index(x, y, z), v);
        }
        // labels: 3 over most of the volume (the whole input's most common label), 7 over x < 30 (the most
        // common one of the blocks there, so a block's own count would give another background), balls of 1 and 2,
        // and a corner of random labels
        Volume l = Volume.allocate(PixelType.INT16, 100, 90, 24, g).asLabel(true);
        for (int z = 0; z < 24; z++) for (int y = 0; y < 90; y++) for (int x = 0; x < 100; x++) {
            int v = x < 30 ? 7 : 3;
            if (x >= 80 && y >= 50) v = new int[] {3, 4, 7}[r.nextInt(3)];   // mixed: near-ties, where the background's score differs in float
            if ((x - 60) * (x - 60) + (y - 45) * (y - 45) + 9 * (z - 12) * (z - 12) < 500) v = 1;
            if ((x - 20) * (x - 20) + (y - 30) * (y - 30) + 9 * (z - 8) * (z - 8) < 200) v = 2;
            l.set(l.index(x, y, z), v);
        }
        labels = dir.resolve("labels.ome.zarr");
        Formats.write(l, labels);
        int16 = dir.resolve("in16.ome.zarr");
        float32 = dir.resolve("in32.ome.zarr");
        Formats.write(a, int16);
        Formats.write(b, float32);
        // the same voxels on grids OME-Zarr cannot store as they are: LAS (y flipped, as the bundled phantom) and
        // turned in-plane (x along P, y along R), as NIfTI, which keeps the direction
        las = dir.resolve("las.nii");
        Formats.write(a.with(Geometry.of(new double[] {0.6, 0.6, 2.5}, new double[] {10, -5, 3}, new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}), false), las);
        turned = dir.resolve("turned.nii");
        Formats.write(l.with(Geometry.of(new double[] {0.6, 0.7, 2.5}, new double[] {10, -5, 3}, new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}), true), turned);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void nearestLinearAndLanczosEqualTheWholeResampleExactly() {
        check(int16, "nearest", 0, null, "--spacing", "0.5,0.5,0.9", "--interp", "nearest");
        check(int16, "linear", 0, null, "--spacing", "0.5,0.5,0.9", "--interp", "linear");
        check(int16, "linear-down", 0, null, "--spacing", "1.3,1.1,2.5", "--interp", "linear");   // anti-aliasing halos
        check(int16, "lanczos", 0, null, "--spacing", "0.5,0.7,1.1", "--interp", "lanczos");
    }

    @Test
    void bsplinesEqualTheWholeResampleWithinTheirWindow() {
        check(float32, "bspline", 1e-6, null, "--spacing", "0.5,0.5,0.9", "--interp", "bspline");
    }

    @Test
    void labelGaussianTakesTheWholeInputsMostCommonLabel() {
        check(labels, "label-gaussian", 0, null, "--spacing", "0.5,0.5,0.9", "--interp", "label-gaussian");
        // the driver's streamed count: 3, where the blocks over x < 30 alone would say 7
        ConfigResampleOp c = (ConfigResampleOp) CommandConfigs.parse(List.of("resample", labels.toString(), dir.resolve("unused.ome.zarr").toString(),
                "--interp", "label-gaussian", "--isotropic"));
        assertEquals(3, new ResampleOperation(c).planBlocks(null, Job.serial()).stats().background());
    }

    @Test
    void masksAreResampledOntoTheSameGridAsTheWholeRunDoes() {
        check(int16, "masked", 0, labels, "--spacing", "0.5,0.7,1.1", "--interp", "linear", "--label-interp", "label-gaussian");
        check(float32, "masked-linear", 0, labels, "--spacing", "1.3,1.1,2.5");   // label-linear, downsampled
    }

    /**
     * Axis-flipped and permuted inputs: stored along L, P, S as the command line's writer stores them, equal
     * voxel for voxel (blocks and chunks cut in the stored order, each block's grid box resampled and reordered).
     */
    @Test
    void flippedAndPermutedGridsEqualTheWholeResample() {
        check(las, "las-linear", 0, null, "--spacing", "0.5,0.5,0.9", "--interp", "linear");
        check(las, "las-lanczos", 0, null, "--spacing", "0.5,0.7,1.1", "--interp", "lanczos");
        check(turned, "turned-label-gaussian", 0, null, "--spacing", "0.5,0.5,0.9", "--interp", "label-gaussian");
        check(turned, "turned-nearest-masked", 0, las, "--spacing", "0.9,0.5,1.1", "--interp", "nearest", "--label-interp", "label-nearest");
    }

    @Test
    void withoutAChunkShapeTheOutputIsChunkedAsTheCommandLineWritesOmeZarr() {
        Path out = dir.resolve("default-chunks.ome.zarr");
        BlockResample.Result r = BlockResample.run(spark, List.of(int16.toString(), out.toString(), "--spacing", "0.5,0.5,0.5", "--interp", "nearest"),
                new int[] {64, 64, 64}, null, Job.serial());
        int[] d = r.outputDims();
        assertTrue(d[2] > 16, "the output must be deeper than one default chunk: " + d[2]);
        assertArrayEquals(OmeZarrFormat.chunkShape(d, PixelType.INT16), ZarrChunkWriter.chunkSize(out));
        assertEquals(16, ZarrChunkWriter.chunkSize(out)[2]);
    }

    @Test
    void refusesWhatBlocksCannotDo() {
        Path out = dir.resolve("x.nii");
        assertThrows(IllegalArgumentException.class, () -> BlockResample.run(spark, List.of(int16.toString(), out.toString(), "--isotropic"),
                new int[] {64, 64, 64}, new int[] {32, 32, 32}, Job.serial()));
        assertThrows(IllegalArgumentException.class, () -> BlockResample.run(spark, List.of(int16.toString(), dir.resolve("y.ome.zarr").toString(), "--spacing", "-2"),
                new int[] {64, 64, 64}, new int[] {32, 32, 32}, Job.serial()));
        assertFalse(Files.exists(dir.resolve("y.ome.zarr")));
        assertThrows(IllegalArgumentException.class, () -> BlockResample.run(spark, List.of(int16.toString(), dir.resolve("z.ome.zarr").toString(), "--isotropic",
                "--mask", labels.toString(), dir.resolve("m.nii").toString()), new int[] {64, 64, 64}, new int[] {32, 32, 32}, Job.serial()));
        assertFalse(Files.exists(dir.resolve("z.ome.zarr")));
    }

    /**
     * Block mode (blocks of 64 x 32 x 16, chunks of 32 x 32 x 16) against the command line's resample of the
     * whole input; with {@code mask}, its {@code --mask} output too (always exactly).
     */
    private static void check(Path in, String name, double relTol, Path mask, String... options) {
        Path blocks = dir.resolve(name + "-blocks.ome.zarr"), whole = dir.resolve(name + "-whole.ome.zarr");
        Path maskBlocks = dir.resolve(name + "-mask-blocks.ome.zarr"), maskWhole = dir.resolve(name + "-mask-whole.ome.zarr");
        List<String> args = new ArrayList<>(List.of(in.toString(), blocks.toString()));
        args.addAll(List.of(options));
        if (mask != null) args.addAll(List.of("--mask", mask.toString(), maskBlocks.toString()));
        BlockResample.Result r = BlockResample.run(spark, args, new int[] {64, 32, 16}, new int[] {32, 32, 16}, Job.serial());
        assertTrue(r.blocks() >= 4, name + ": " + r.blocks() + " blocks");
        List<String> cli = new ArrayList<>(List.of("resample", in.toString(), whole.toString()));
        cli.addAll(List.of(options));
        if (mask != null) cli.addAll(List.of("--mask", mask.toString(), maskWhole.toString()));
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(cli.toArray(new String[0])), err.toString());
        same(blocks, whole, name, relTol);
        if (mask != null) same(maskBlocks, maskWhole, name + " mask", 0);
    }

    private static void same(Path blocks, Path whole, String name, double relTol) {
        Volume a = Formats.read(blocks), b = Formats.read(whole);
        assertArrayEquals(b.dims(), a.dims(), name);
        assertEquals(b.type(), a.type(), name);
        assertEquals(b.isLabel(), a.isLabel(), name);
        assertArrayEquals(b.geometry().spacing(), a.geometry().spacing(), 1e-12, name);
        assertArrayEquals(b.geometry().origin(), a.geometry().origin(), 1e-9, name);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, worst = 0;
        for (int i = 0; i < b.voxelCount(); i++) {
            lo = Math.min(lo, b.get(i));
            hi = Math.max(hi, b.get(i));
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)));
        }
        if (relTol == 0) {
            for (int i = 0; i < b.voxelCount(); i++) if (Double.doubleToLongBits(a.get(i)) != Double.doubleToLongBits(b.get(i)))
                throw new AssertionError(name + ": voxel " + i + " is " + a.get(i) + " in blocks, " + b.get(i) + " whole");
        } else {
            assertTrue(worst <= relTol * (hi - lo), name + ": largest difference " + worst + " over a range of " + (hi - lo));
        }
    }
}
