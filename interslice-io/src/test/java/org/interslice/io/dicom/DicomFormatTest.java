package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.ReadOptions;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DicomFormat against dcm2niix on the shared DICOM folders (dcm2niix-expected.txt, made by
 * tools/reference/dicom_expected.py) and against pydicom-written fixtures (fixtures/, made by
 * tools/reference/dicom_fixtures.py), plus malformed inputs.
 */
class DicomFormatTest {
    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(DicomFormatTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- dcm2niix on the shared data

    /** One series block of dcm2niix-expected.txt. */
    record Expected(int[] dims, double[][] affineRas, double[] sliceSums, List<double[]> voxels) {}

    private static Expected expected(String series) throws IOException {
        return expected(resource("dcm2niix-expected.txt"), series);
    }

    /** The block "series NAME" ... "end" of an expected-values file in dicom_expected.py's format. */
    static Expected expected(Path file, String series) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int at = lines.indexOf("series " + series);
        assertTrue(at >= 0, "no block for " + series);
        int[] dims = null;
        double[][] aff = new double[3][];
        List<Double> sums = new ArrayList<>();
        List<double[]> vox = new ArrayList<>();
        int row = 0;
        for (int i = at + 1; !lines.get(i).equals("end"); i++) {
            String[] t = lines.get(i).split(" ");
            switch (t[0]) {
                case "dims" -> dims = new int[] {Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])};
                case "affine" -> aff[row++] = Arrays.stream(t, 1, 5).mapToDouble(Double::parseDouble).toArray();
                case "slicesum" -> sums.add(Double.parseDouble(t[2]));
                case "voxel" -> vox.add(Arrays.stream(t, 1, 5).mapToDouble(Double::parseDouble).toArray());
                default -> fail("unexpected line " + lines.get(i));
            }
        }
        return new Expected(dims, aff, sums.stream().mapToDouble(Double::doubleValue).toArray(), vox);
    }

    /** Our voxel index of dcm2niix voxel (i, j, k), asserting both sit at the same LPS point within 1e-3 mm. */
    static int[] ourIndex(Expected e, Geometry g, int[] dims, double i, double j, double k) {
        double[] ras = new double[3];
        for (int r = 0; r < 3; r++) ras[r] = e.affineRas[r][0] * i + e.affineRas[r][1] * j + e.affineRas[r][2] * k + e.affineRas[r][3];
        double[] lps = {-ras[0], -ras[1], ras[2]};
        double[] c = g.worldToIndex(lps[0], lps[1], lps[2]);
        int[] idx = {(int) Math.round(c[0]), (int) Math.round(c[1]), (int) Math.round(c[2])};
        for (int a = 0; a < 3; a++) assertTrue(idx[a] >= 0 && idx[a] < dims[a], () -> "dcm2niix voxel maps outside: " + Arrays.toString(c));
        double[] w = g.indexToWorld(idx[0], idx[1], idx[2]);
        double d = Math.sqrt(Math.pow(w[0] - lps[0], 2) + Math.pow(w[1] - lps[1], 2) + Math.pow(w[2] - lps[2], 2));
        assertTrue(d <= 1e-3, () -> "voxel (" + i + "," + j + "," + k + ") of dcm2niix is " + d + " mm from ours");
        return idx;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ct-phantom/5mm", "ct-phantom/1mm", "mr-dicom"})
    void matchesDcm2niix(String series) throws IOException {
        Path folder = SharedData.path(series);
        Expected e = expected(series);
        Volume v = Formats.read(folder);
        int[] dims = v.dims();
        int[] sortedOurs = dims.clone(), sortedTheirs = e.dims.clone();
        Arrays.sort(sortedOurs);
        Arrays.sort(sortedTheirs);
        assertArrayEquals(sortedTheirs, sortedOurs, "dims");
        Geometry g = v.geometry();
        int nx = e.dims[0], ny = e.dims[1];
        for (int k = 0; k < e.dims[2]; k++) {
            // the four corners of every dcm2niix slice land on voxel centres of one of our slices
            int[] a = ourIndex(e, g, dims, 0, 0, k);
            for (int[] c : new int[][] {{nx - 1, 0}, {0, ny - 1}, {nx - 1, ny - 1}}) {
                assertEquals(a[2], ourIndex(e, g, dims, c[0], c[1], k)[2], "slice " + k + " corners span several of our slices");
            }
            double sum = 0;
            int n = v.nx() * v.ny();
            for (int i = a[2] * n, end = i + n; i < end; i++) sum += v.get(i);
            assertEquals(e.sliceSums[k], sum, 0.0, "sum of dcm2niix slice " + k + " (our slice " + a[2] + ")");
        }
        for (double[] s : e.voxels) {
            int[] o = ourIndex(e, g, dims, s[0], s[1], s[2]);
            assertEquals(s[3], v.get(v.index(o[0], o[1], o[2])), 0.0, "dcm2niix voxel " + Arrays.toString(s));
        }
    }

    @Test
    void phantomIsInt16HounsfieldAndMrIsUint16() {
        Volume ct = Formats.read(SharedData.path("ct-phantom/5mm"));
        assertEquals(PixelType.INT16, ct.type());
        assertArrayEquals(new double[] {-1024, 782}, ct.range());
        assertArrayEquals(new double[] {0.451171875, 0.451171875, 5.0}, ct.geometry().spacing(), 1e-12);
        assertEquals("LPS", ct.geometry().orientationCode());
        Volume mr = Formats.read(SharedData.path("mr-dicom"));
        assertEquals(PixelType.UINT16, mr.type());
        assertArrayEquals(new int[] {512, 512, 40}, mr.dims());
    }

    @Test
    void listsSeriesOfSharedFolders() {
        List<DicomSeriesInfo> l = DicomFormat.listSeries(SharedData.path("ct-phantom/1mm"), Job.defaults());
        assertEquals(1, l.size());
        DicomSeriesInfo s = l.get(0);
        assertEquals("202", s.seriesNumber());
        assertEquals(140, s.slices());
        assertTrue(s.uniform());
        assertEquals(0, s.tiltDegrees(), 1e-9);
        assertTrue(s.transferSyntax().contains("Explicit VR Little Endian"), s.transferSyntax());
    }

    // ---------------------------------------------------------------- pydicom fixtures

    /** Checks a fixture folder against its .expected file: type, dims, slice positions, in-plane axes, every value. */
    private static Volume checkFixture(String name) throws IOException {
        Volume v = Formats.read(resource("fixtures/" + name));
        Map<String, String[]> kv = new HashMap<>();
        List<double[]> slices = new ArrayList<>();
        for (String line : Files.readAllLines(resource("fixtures/" + name + ".expected"))) {
            if (line.startsWith("#")) continue;
            String[] t = line.split(" ");
            if (t[0].equals("slice")) slices.add(Arrays.stream(t, 2, 5).mapToDouble(Double::parseDouble).toArray());
            else kv.put(t[0], t);
        }
        assertEquals(kv.get("type")[1], v.type().label(), name + " type");
        String[] d = kv.get("dims");
        assertArrayEquals(new int[] {Integer.parseInt(d[1]), Integer.parseInt(d[2]), Integer.parseInt(d[3])}, v.dims(), name + " dims");
        double[] ai = Arrays.stream(kv.get("axis_i"), 1, 4).mapToDouble(Double::parseDouble).toArray();
        double[] aj = Arrays.stream(kv.get("axis_j"), 1, 4).mapToDouble(Double::parseDouble).toArray();
        for (int k = 0; k < v.nz(); k++) {
            double[] o = slices.get(k);
            assertArrayEquals(o, v.geometry().indexToWorld(0, 0, k), 1e-6, name + " slice " + k + " origin");
            double[] far = new double[3];
            for (int a = 0; a < 3; a++) far[a] = o[a] + (v.nx() - 1) * ai[a] + (v.ny() - 1) * aj[a];
            assertArrayEquals(far, v.geometry().indexToWorld(v.nx() - 1, v.ny() - 1, k), 1e-6, name + " slice " + k + " far corner");
        }
        String[] vals = kv.get("values");
        assertEquals(v.voxelCount(), vals.length - 1);
        for (int i = 0; i < v.voxelCount(); i++) assertEquals(Double.parseDouble(vals[i + 1]), v.get(i), 0.0, name + " voxel " + i);
        return v;
    }

    @Test
    void explicitBigEndianSignedMaskedWithPerSliceRescale() throws IOException {
        Volume v = checkFixture("bigendian");
        assertEquals(PixelType.FLOAT32, v.type());
    }

    @Test
    void implicitLittleEndianOddLengthSkipsDicomdirAndText() throws IOException {
        checkFixture("implicit");
        List<DicomSeriesInfo> l = DicomFormat.listSeries(resource("fixtures/implicit"), Job.serial());
        assertEquals(1, l.size(), "DICOMDIR and LICENSE are not series");
        assertTrue(l.get(0).transferSyntax().startsWith("Implicit VR Little Endian"));
    }

    @Test
    void undefinedLengthSequencesAreSkipped() throws IOException {
        checkFixture("sequence");
        checkFixture("deflated");
    }

    @Test
    void gantryTiltKeepsExactPositionsAndIsReported() throws IOException {
        Volume v = checkFixture("tilted");
        assertFalse(v.geometry().isOrthogonal());
        DicomSeriesInfo s = DicomFormat.listSeries(resource("fixtures/tilted"), Job.serial()).get(0);
        assertEquals(Math.toDegrees(Math.atan2(0.5, 2.0)), s.tiltDegrees(), 1e-9);
        assertEquals(14.04, s.declaredTiltDegrees(), 1e-9);
        assertTrue(s.uniform());
    }

    @Test
    void unevenSpacingKeepsSliceOriginsAndIsReported() throws IOException {
        Volume v = checkFixture("uneven");
        assertFalse(v.geometry().uniformSlices());
        DicomSeriesInfo s = DicomFormat.listSeries(resource("fixtures/uneven"), Job.serial()).get(0);
        assertFalse(s.uniform());
        assertEquals(List.of(2.0, 2.0, 4.0, 2.0), s.stepsMm());
    }

    @Test
    void corruptCompressedFrameIsAnErrorNamingTheSyntax() {
        Path p = resource("fixtures/jpeg-lossless.dcm");
        assertInstanceOf(DicomFormat.class, Formats.forReading(p));
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("JPEG Lossless") && e.getMessage().contains("1.2.840.10008.1.2.4.70"), e.getMessage());
    }

    @Test
    void singleFileIsOneSlice() {
        Volume v = Formats.read(resource("fixtures/tilted/s02"));
        assertArrayEquals(new int[] {4, 5, 1}, v.dims());
        assertArrayEquals(new double[] {-3, 1, 4}, v.geometry().origin(), 1e-12);
    }

    // ---------------------------------------------------------------- folders

    private Path copyOf(String... fixtures) throws IOException {
        Path d = Files.createDirectories(dir.resolve("mix" + System.nanoTime()));
        for (String f : fixtures) {
            try (Stream<Path> s = Files.list(resource("fixtures/" + f))) {
                for (Path p : s.toList()) Files.copy(p, d.resolve(f + "-" + p.getFileName()));
            }
        }
        return d;
    }

    @Test
    void severalSeriesPickTheLargestUnlessNamed() throws IOException {
        Path d = copyOf("tilted", "uneven");
        assertEquals(5, Formats.read(d).nz(), "uneven has the most slices");
        List<DicomSeriesInfo> l = DicomFormat.listSeries(d, Job.defaults());
        assertEquals(List.of("4", "3"), l.stream().map(DicomSeriesInfo::seriesNumber).toList());
        ReadOptions o = new ReadOptions();
        o.series = "3";
        assertEquals(4, Formats.read(d, o).nz());
        o.series = l.get(1).seriesUid();
        assertEquals(4, Formats.read(d, o).nz());
        o.series = "99";
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(d, o));
        assertTrue(e.getMessage().contains("no series '99'") && e.getMessage().contains("'tilted'"), e.getMessage());
    }

    @Test
    void zeroByteFileAmongValidOnesIsSkipped() throws IOException {
        Path d = copyOf("tilted");
        Files.write(d.resolve("empty"), new byte[0]);
        Files.write(d.resolve(".x.interslice-partial-1"), new byte[10]);
        Files.writeString(d.resolve("notes.txt"), "not an image");
        assertEquals(4, Formats.read(d).nz());
        // skipped files are said, not hidden (our own temporaries are not even candidates)
        List<String> notes = DicomFormat.listSeries(d, Job.serial()).get(0).notes();
        assertTrue(notes.contains("skipped 2 file(s) that are not DICOM images: empty, notes.txt"), notes.toString());
    }

    @Test
    void folderWithoutImagesFails() throws IOException {
        Path d = Files.createDirectories(dir.resolve("none"));
        Files.writeString(d.resolve("LICENSE"), "text");
        Files.copy(resource("fixtures/implicit/DICOMDIR"), d.resolve("DICOMDIR"));
        IntersliceException e = assertThrows(IntersliceException.class, () -> new DicomFormat().read(d, ReadOptions.defaults()));
        assertTrue(e.getMessage().contains("no DICOM images"), e.getMessage());
    }

    @Test
    void duplicatePositionsFail() throws IOException {
        Path d = copyOf("uneven");
        Files.copy(d.resolve("uneven-s01"), d.resolve("uneven-s01-copy"));
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(d));
        assertTrue(e.getMessage().contains("share position"), e.getMessage());
    }

    // ---------------------------------------------------------------- malformed files

    @Test
    void truncatedFilesFailNamingTheFile() throws IOException {
        for (String f : new String[] {"sequence/s00", "implicit/a", "bigendian/s01", "deflated/s00"}) {
            byte[] all = Files.readAllBytes(resource("fixtures/" + f));
            // the deflated file ends with one byte of even-length padding after the complete deflate stream
            int last = f.startsWith("deflated") ? all.length - 1 : all.length;
            for (int cut = 1; cut < last; cut++) {
                Path p = dir.resolve("cut");
                Files.write(p, Arrays.copyOf(all, cut));
                int c = cut;
                IntersliceException e = assertThrows(IntersliceException.class,
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> new DicomFormat().read(p, ReadOptions.defaults())),
                        () -> f + " cut at " + c);
                assertTrue(e.getMessage().contains("cut"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void truncatedFileInAFolderFails() throws IOException {
        Path d = copyOf("sequence");
        Path victim = d.resolve("sequence-s01");
        byte[] all = Files.readAllBytes(victim);
        for (int cut : new int[] {140, 300, 600, all.length - 1}) {
            Files.write(victim, Arrays.copyOf(all, cut));
            IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(d), "cut at " + cut);
            assertTrue(e.getMessage().contains("sequence-s01"), e.getMessage());
        }
    }

    @Test
    void lengthPastTheEndFails() throws IOException {
        byte[] all = Files.readAllBytes(resource("fixtures/sequence/s00"));
        // the private UT (0009,1010): tag 09 00 10 10, VR "UT", 2 reserved bytes, 32-bit length
        int at = indexOf(all, new byte[] {9, 0, 0x10, 0x10, 'U', 'T'});
        assertTrue(at > 0);
        all[at + 8] = (byte) 0xF0;
        all[at + 9] = (byte) 0xFF;
        all[at + 10] = (byte) 0xFF;
        all[at + 11] = (byte) 0x7F;
        Path p = dir.resolve("long.dcm");
        Files.write(p, all);
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("(0009,1010) declares 2147483632 bytes"), e.getMessage());
    }

    /** Issue 21.8: palette indices are not intensities; refused rather than read as grey. */
    @Test
    void paletteColorIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(resource("fixtures/tilted/s02"));
        byte[] tag = {0x28, 0, 4, 0};
        int at = indexOf(all, tag);
        assertTrue(at > 0);
        boolean explicit = all[at + 4] == 'C' && all[at + 5] == 'S';
        int lenAt = at + (explicit ? 6 : 4), valueAt = lenAt + (explicit ? 2 : 4);
        int oldLen = (all[lenAt] & 0xFF) | (all[lenAt + 1] & 0xFF) << 8;
        byte[] value = "PALETTE COLOR ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write(all, 0, lenAt);
        b.write(value.length);
        b.write(0);
        if (!explicit) b.write(new byte[2]);
        b.write(value);
        b.write(all, valueAt + oldLen, all.length - valueAt - oldLen);
        Path p = Files.write(dir.resolve("palette.dcm"), b.toByteArray());
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
        assertTrue(e.getMessage().contains("PALETTE COLOR"), e.getMessage());
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void corruptedHeadersReadOrFailCleanly() throws IOException {
        Random r = new Random(11);
        for (String f : new String[] {"sequence/s00", "implicit/a", "bigendian/s00", "deflated/s01"}) {
            byte[] all = Files.readAllBytes(resource("fixtures/" + f));
            for (int trial = 0; trial < 300; trial++) {
                byte[] m = all.clone();
                for (int flips = 1 + r.nextInt(4); flips > 0; flips--) {
                    int at = 128 + r.nextInt(m.length - 128);
                    m[at] = (byte) (r.nextBoolean() ? r.nextInt(256) : m[at] ^ (1 << r.nextInt(8)));
                }
                Path p = dir.resolve("flip.dcm");
                Files.write(p, m);
                try {
                    Volume v = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Formats.read(p));
                    assertEquals((long) v.nx() * v.ny() * v.nz(), v.voxelCount());
                } catch (IntersliceException e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
            }
        }
    }
}
