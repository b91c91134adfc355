package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link VolumeFormat} passes: round trip of every pixel type it supports with
 * values and geometry kept (1e-6 mm), oblique and flipped directions, no temporary files left, and
 * truncated or corrupted files rejected with {@link IntersliceException} naming the file (never another
 * exception type, never a hang). Each format's test extends this class.
 */
public abstract class VolumeFormatContract {
    @TempDir
    protected Path dir;

    /** The format under test. */
    protected abstract VolumeFormat format();

    /** The file name ending to write with, e.g. ".nii.gz". */
    protected abstract String extension();

    /** Pixel types the format round-trips exactly (default: all). */
    protected List<PixelType> pixelTypes() {
        return List.of(PixelType.values());
    }

    /** True when the format stores an arbitrary (oblique, sheared-free) direction matrix. */
    protected boolean storesDirection() {
        return true;
    }

    /** A small volume with values spanning the type's range and an oblique, flipped geometry. */
    protected Volume sample(PixelType t, long seed) {
        Random r = new Random(seed);
        double a = Math.toRadians(17), b = Math.toRadians(-8);
        // rotation about z then x, with the y axis flipped: oblique and left-handed
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b);
        double[] rz = {ca, -sa, 0, sa, ca, 0, 0, 0, 1};
        double[] rx = {1, 0, 0, 0, cb, -sb, 0, sb, cb};
        double[] d = mul(rx, rz);
        for (int row = 0; row < 3; row++) d[3 * row + 1] = -d[3 * row + 1];
        Geometry g = storesDirection()
                ? Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {-101.25, 37.5, 12.125}, d)
                : Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {-101.25, 37.5, 12.125}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = Volume.allocate(t, 13, 11, 7, g);
        double lo = t.integer ? t.min : -1e6, hi = t.integer ? t.max : 1e6;
        for (int i = 0; i < v.voxelCount(); i++) {
            double x = i == 0 ? lo : i == 1 ? hi : lo + r.nextDouble() * (hi - lo);
            v.set(i, x);
        }
        return v;
    }

    protected static double[] mul(double[] p, double[] q) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) m[3 * i + j] += p[3 * i + k] * q[3 * k + j];
        return m;
    }

    protected Path write(Volume v, String name) {
        Path p = dir.resolve(name + extension());
        Formats.write(v, p);
        return p;
    }

    /** Asserts equal dims, values (exactly) and voxel positions (1e-6 mm). */
    protected static void assertSameVolume(Volume expected, Volume actual) {
        assertArrayEquals(expected.dims(), actual.dims(), "dims");
        Geometry ge = expected.geometry(), ga = actual.geometry();
        assertTrue(ge.approxEquals(ga, expected.nx(), expected.ny(), expected.nz(), 1e-6), () -> "geometry: " + ge + " vs " + ga);
        assertArrayEquals(ge.spacing(), ga.spacing(), 1e-6, "spacing");
        assertArrayEquals(ge.direction(), ga.direction(), 1e-6, "direction");
        for (int i = 0; i < expected.voxelCount(); i++) {
            if (Double.compare(expected.get(i), actual.get(i)) != 0)
                fail("voxel " + i + ": expected " + expected.get(i) + " got " + actual.get(i));
        }
    }

    @Test
    void roundTripsEveryPixelType() {
        for (PixelType t : pixelTypes()) {
            Volume v = sample(t, t.ordinal());
            Path p = write(v, "rt-" + t.label());
            Volume back = format().read(p, ReadOptions.defaults());
            assertEquals(t, back.type(), "pixel type of " + t);
            assertSameVolume(v, back);
        }
    }

    @Test
    void formatsPicksThisFormatForItsFiles() {
        Path p = write(sample(pixelTypes().get(0), 1), "pick");
        assertEquals(format().getClass(), Formats.forReading(p).getClass());
        assertEquals(format().getClass(), Formats.forWriting(p).getClass());
    }

    @Test
    void leavesNoTemporaryFiles() throws IOException {
        write(sample(pixelTypes().get(0), 2), "tmp");
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(AtomicFiles::isTemporary), "temporary file left behind");
        }
    }

    @Test
    void labelFlagSurvivesWhereStored() {
        Volume v = sample(PixelType.UINT8, 3).asLabel(true);
        Volume back = format().read(write(v, "lab"), ReadOptions.defaults());
        assertSameVolume(v, back);
    }

    @Test
    void truncatedFilesAreRejectedNamingTheFile() throws IOException {
        Volume v = sample(pixelTypes().get(pixelTypes().size() - 1), 4);
        Path p = write(v, "trunc");
        Path main = mainFile(p);
        byte[] all = Files.readAllBytes(main);
        Random r = new Random(5);
        List<Integer> cuts = new ArrayList<>(List.of(0, 1, 7, all.length / 2, all.length - 1));
        for (int i = 0; i < 20; i++) cuts.add(r.nextInt(all.length));
        for (int cut : cuts) {
            Files.write(main, java.util.Arrays.copyOf(all, cut));
            IntersliceException e = assertThrows(IntersliceException.class,
                    () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Formats.read(p)),
                    "truncated at " + cut + " of " + all.length);
            assertTrue(e.getMessage().contains(p.getFileName().toString()) || e.getMessage().contains(main.getFileName().toString()),
                    "message names the file: " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void corruptedFilesReadOrFailCleanly() throws IOException {
        Volume v = sample(PixelType.INT16 == pixelTypes().get(0) ? PixelType.INT16 : pixelTypes().get(0), 6);
        Path p = write(v, "flip");
        Path main = mainFile(p);
        byte[] all = Files.readAllBytes(main);
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] m = all.clone();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = r.nextInt(Math.min(m.length, 600));
                m[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : m[at] ^ (1 << r.nextInt(8)));
            }
            Files.write(main, m);
            try {
                Volume back = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Formats.read(p));
                long n = (long) back.nx() * back.ny() * back.nz();
                assertEquals(n, back.voxelCount());
                for (double s : back.geometry().spacing()) assertTrue(Double.isFinite(s) && s > 0);
            } catch (IntersliceException e) {
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
        }
    }

    /** True when the format's {@link OpenVolume} reads regions without reading the whole volume. */
    protected boolean readsRegions() {
        return true;
    }

    @Test
    void regionReadsEqualTheSameCropOfTheWholeRead() {
        Random r = new Random(11);
        for (PixelType t : pixelTypes()) {
            Volume v = sample(t, 20 + t.ordinal());
            Path p = write(v, "region-" + t.label());
            Volume whole = format().read(p, ReadOptions.defaults());
            List<Interval> boxes = new ArrayList<>();
            boxes.add(Interval.whole(v.nx(), v.ny(), v.nz()));
            boxes.add(new Interval(v.nx() - 1, v.ny() - 1, v.nz() - 1, 1, 1, 1));
            for (int i = 0; i < 12; i++) boxes.add(randomBox(r, v.nx(), v.ny(), v.nz()));
            try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
                VolumeHeader h = open.header();
                assertArrayEquals(whole.dims(), h.dims(), "header dims");
                assertEquals(whole.type(), h.type(), "header type");
                assertEquals(whole.isLabel(), h.label(), "header label flag");
                assertTrue(whole.geometry().approxEquals(h.geometry(), v.nx(), v.ny(), v.nz(), 1e-9), "header geometry");
                assertEquals(readsRegions(), open.readsRegions(), "reads regions");
                assertTrue(open.typeMatchesWholeRead(), "no rescale: the type is the whole read's");
                for (Interval box : boxes) assertSameBlock(Block.crop(whole, box), open.read(box), t + " " + box);
                for (int i = 0; i < 4; i++) {
                    int z0 = r.nextInt(v.nz()), nz = 1 + r.nextInt(v.nz() - z0);
                    assertSameBlock(Block.crop(whole, new Interval(0, 0, z0, v.nx(), v.ny(), nz)), open.readSlab(z0, nz), t + " slab " + z0 + "+" + nz);
                }
                assertThrows(IllegalArgumentException.class, () -> open.read(new Interval(1, 0, 0, v.nx(), 1, 1)));
            }
        }
    }

    private static Interval randomBox(Random r, int nx, int ny, int nz) {
        int[] n = {nx, ny, nz}, o = new int[3], s = new int[3];
        for (int a = 0; a < 3; a++) {
            // a third of the boxes span an axis whole (the merged-run paths of region readers)
            if (r.nextInt(3) == 0) { o[a] = 0; s[a] = n[a]; continue; }
            o[a] = r.nextInt(n[a]);
            s[a] = 1 + r.nextInt(n[a] - o[a]);
        }
        return Interval.of(o, s);
    }

    private static void assertSameBlock(Block expected, Block actual, String what) {
        assertEquals(expected.interval(), actual.interval(), what + ": interval");
        assertArrayEquals(new int[] {expected.wholeNx(), expected.wholeNy(), expected.wholeNz()},
                new int[] {actual.wholeNx(), actual.wholeNy(), actual.wholeNz()}, what + ": whole size");
        assertEquals(expected.data().type(), actual.data().type(), what + ": type");
        assertEquals(expected.data().isLabel(), actual.data().isLabel(), what + ": label flag");
        assertSameVolume(expected.data(), actual.data());
    }

    /** The file holding the header for a path this format wrote (override for two-file formats). */
    protected Path mainFile(Path written) {
        return written;
    }
}
