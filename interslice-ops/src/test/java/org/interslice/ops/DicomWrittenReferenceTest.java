package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DICOM series in src/test/resources/dicom-written/ were written by Interslice and read by pydicom and
 * dcm2niix (tools/reference/dicom_written_fixtures.sh, numbers in dicom-written.expected.txt). Here: the
 * writer still writes exactly those files (so the numbers hold for today's writer), and our reader's
 * geometry and values agree with what pydicom and dcm2niix read: positions within 1e-3 mm, slice sums equal
 * (integer series) or within float rounding (the rescaled float series).
 */
class DicomWrittenReferenceTest {
    static final Path SAMPLES = Path.of("src/test/resources/dicom-written");

    @TempDir
    Path tmp;

    /** One file line of the expected text, and the series' dcm2niix block. */
    private record FileLine(String name, int instance, double[] ipp, double[] iop, double[] ps, double thick, double slope, double intercept,
                            double sum, String kind, int refs, boolean uidsOk) {}

    private record Series(List<FileLine> files, int[] dims, double[][] affine, List<Double> sums) {}

    private static Series expected(String series) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(SAMPLES + ".expected.txt"));
        int at = lines.indexOf("series " + series);
        assertTrue(at >= 0, "no block for " + series);
        List<FileLine> files = new ArrayList<>();
        int[] dims = null;
        double[][] aff = new double[3][];
        List<Double> sums = new ArrayList<>();
        int row = 0;
        for (int i = at + 1; !lines.get(i).equals("end"); i++) {
            String[] t = lines.get(i).split(" ");
            switch (t[0]) {
                case "file" -> files.add(new FileLine(t[1], Integer.parseInt(t[3]), nums(t, 5, 3), nums(t, 9, 6), nums(t, 16, 2),
                        Double.parseDouble(t[19]), Double.parseDouble(t[23]), Double.parseDouble(t[25]), Double.parseDouble(t[27]), t[31],
                        Integer.parseInt(t[33]), t[35].equals("ok")));
                case "dims" -> dims = new int[] {Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])};
                case "affine" -> aff[row++] = nums(t, 1, 4);
                case "slicesum" -> sums.add(Double.parseDouble(t[2]));
                default -> throw new IllegalStateException("unexpected line " + lines.get(i));
            }
        }
        return new Series(files, dims, aff, sums);
    }

    private static double[] nums(String[] t, int from, int n) {
        return Arrays.stream(t, from, from + n).mapToDouble(Double::parseDouble).toArray();
    }

    private static double sliceSum(Volume v, int k) {
        double s = 0;
        for (int i = k * v.nx() * v.ny(), end = i + v.nx() * v.ny(); i < end; i++) s += v.get(i);
        return s;
    }

    /** Our slice whose voxel (0,0,k) is at {@code lps} within 1e-3 mm. */
    private static int sliceAt(Geometry g, int nz, double[] lps) {
        for (int k = 0; k < nz; k++) {
            double[] w = g.indexToWorld(0, 0, k);
            if (Math.sqrt(Math.pow(w[0] - lps[0], 2) + Math.pow(w[1] - lps[1], 2) + Math.pow(w[2] - lps[2], 2)) <= 1e-3) return k;
        }
        throw new AssertionError("no slice of ours at " + Arrays.toString(lps));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tilted-linear.dcm", "straight-linear.dcm", "oblique-float.dcm"})
    void ourReaderAgreesWithPydicomAndDcm2niix(String name) throws Exception {
        Series e = expected(name);
        Volume v = Formats.read(SAMPLES.resolve(name));
        Geometry g = v.geometry();
        assertEquals(e.files.size(), v.nz());
        double[] d = g.direction();
        boolean exact = e.files.get(0).slope == 1 && e.files.get(0).intercept == Math.rint(e.files.get(0).intercept);
        // our float32 values against pydicom's float64 ones: float rounding per voxel
        double perVoxel = exact ? 0 : Math.ulp((float) (Math.abs(e.files.get(0).intercept) + 65535 * e.files.get(0).slope));
        for (FileLine f : e.files) {
            int k = sliceAt(g, v.nz(), f.ipp);
            for (int a = 0; a < 3; a++) {
                assertEquals(f.iop[a], d[3 * a], 1e-6, "row direction");
                assertEquals(f.iop[3 + a], d[3 * a + 1], 1e-6, "column direction");
            }
            assertEquals(f.ps[1], g.spacing(0), 1e-9, "spacing between columns");
            assertEquals(f.ps[0], g.spacing(1), 1e-9, "spacing between rows");
            assertEquals(f.sum, sliceSum(v, k), perVoxel * v.nx() * v.ny(), f.name);
            assertTrue(f.uidsOk, f.name + ": pydicom found an invalid UID");
        }
        // dcm2niix: the corners of each of its slices are voxel centres of one of ours, and the slice sums agree
        double niiPerVoxel = exact ? 0 : Math.pow(2, -23) * (Math.abs(e.files.get(0).intercept) + 65535 * e.files.get(0).slope);
        for (int k = 0; k < e.dims[2]; k++) {
            int ours = -1;
            for (int[] c : new int[][] {{0, 0}, {e.dims[0] - 1, 0}, {0, e.dims[1] - 1}, {e.dims[0] - 1, e.dims[1] - 1}}) {
                double[] ras = new double[3];
                for (int r = 0; r < 3; r++) ras[r] = e.affine[r][0] * c[0] + e.affine[r][1] * c[1] + e.affine[r][2] * k + e.affine[r][3];
                double[] idx = g.worldToIndex(-ras[0], -ras[1], ras[2]);
                double[] w = g.indexToWorld(Math.round(idx[0]), Math.round(idx[1]), Math.round(idx[2]));
                double dist = Math.sqrt(Math.pow(w[0] + ras[0], 2) + Math.pow(w[1] + ras[1], 2) + Math.pow(w[2] - ras[2], 2));
                assertTrue(dist <= 1e-3, name + ": dcm2niix corner of slice " + k + " is " + dist + " mm from our voxel");
                if (ours >= 0) assertEquals(ours, (int) Math.round(idx[2]));
                ours = (int) Math.round(idx[2]);
            }
            assertEquals(e.sums.get(k), sliceSum(v, ours), niiPerVoxel * v.nx() * v.ny() + perVoxel * v.nx() * v.ny(), "dcm2niix slice " + k);
        }
    }

    @Test
    void syntheticSlicesAreMarkedAsPydicomReadsThem() throws Exception {
        for (String name : new String[] {"tilted-linear.dcm", "straight-linear.dcm"}) {
            Series e = expected(name);
            long synthesized = e.files.stream().filter(f -> f.kind.equals("SYNTHESIZED") && f.refs == 2).count();
            long measured = e.files.stream().filter(f -> f.kind.equals("MEASURED") && f.refs == 1).count();
            assertEquals(17, synthesized, name);
            assertEquals(8, measured, name);
        }
        assertTrue(expected("oblique-float.dcm").files.stream().allMatch(f -> f.kind.equals("COPY") && f.refs == 0));
    }

    /** The writer of today writes the committed samples byte for byte (so their checks hold), and re-runs give the same files. */
    @Test
    void theWriterStillWritesTheSamples() throws Exception {
        for (boolean keep : new boolean[] {true, false}) {
            String name = keep ? "tilted-linear.dcm" : "straight-linear.dcm";
            InterpolateOperation.run(DicomOutputTest.interpolate(DicomOutputTest.TILTED, tmp.resolve(name), keep), Job.defaults());
            sameFiles(SAMPLES.resolve(name), tmp.resolve(name));
        }
        ConfigConvertOp c = new ConfigConvertOp();
        c.input = SAMPLES.resolve("oblique-float.nii.gz");
        c.output = tmp.resolve("oblique-float.dcm");
        new ConvertOperation(c).run(Job.defaults());
        sameFiles(SAMPLES.resolve("oblique-float.dcm"), c.output);
    }

    private static void sameFiles(Path expected, Path actual) throws Exception {
        List<Path> a = DicomOutputTest.files(expected), b = DicomOutputTest.files(actual);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getFileName(), b.get(i).getFileName());
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), actual + "/" + b.get(i).getFileName());
        }
    }
}
