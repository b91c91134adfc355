package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.interslice.core.exec.Job;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 item 3: a sheared (gantry-tilted) input. resample de-tilts by default; --keep-shear and convert
 * keep the shear and write the sform only (qform_code 0), so qform and sform never disagree. Expected
 * voxel positions: nibabel's placement of the input and the grid rule recomputed with numpy
 * (tools/reference/shear_grid_expected.py, committed as shear-grid-expected.txt). The written header
 * is decoded here independently (sform rows, and the qform from its quaternion), not by our reader.
 */
class ShearedGridTest {
    static final Path SHEAR = SharedData.path("niivue-samples/shear.nii.gz");
    static final double TOL_MM = 0.01;   // float32 header storage of positions up to ~200 mm

    record Case(int[] dims, List<double[]> corners) {}

    static Map<String, Case> expected() throws IOException {
        Map<String, Case> m = new HashMap<>();
        String name = null;
        int[] dims = null;
        List<double[]> corners = null;
        try (InputStream in = ShearedGridTest.class.getResourceAsStream("shear-grid-expected.txt")) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                String[] t = line.trim().split("\\s+");
                if (t[0].equals("case")) {
                    if (name != null) m.put(name, new Case(dims, corners));
                    name = t[1];
                    corners = new ArrayList<>();
                } else if (t[0].equals("dims")) {
                    dims = new int[] {Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3])};
                } else if (t[0].equals("corner")) {
                    double[] c = new double[6];
                    for (int i = 0; i < 6; i++) c[i] = Double.parseDouble(t[1 + i]);
                    corners.add(c);
                }
            }
        }
        m.put(name, new Case(dims, corners));
        return m;
    }

    /** The NIfTI-1 fields this test needs, decoded from the raw header bytes. */
    record Header(int[] dims, int qformCode, int sformCode, double[] sformLps, double[] qformLps) {
        double[] sform(double i, double j, double k) {
            return apply(sformLps, i, j, k);
        }

        double[] qform(double i, double j, double k) {
            return apply(qformLps, i, j, k);
        }

        static double[] apply(double[] a, double i, double j, double k) {
            double[] p = new double[3];
            for (int r = 0; r < 3; r++) p[r] = a[4 * r] * i + a[4 * r + 1] * j + a[4 * r + 2] * k + a[4 * r + 3];
            return p;
        }
    }

    static Header header(Path nii) throws IOException {
        byte[] b;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(nii))) {
            b = in.readNBytes(348);
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(348, bb.getInt(0));
        int[] dims = {bb.getShort(42), bb.getShort(44), bb.getShort(46)};
        double[] sform = new double[12];
        for (int i = 0; i < 12; i++) sform[i] = bb.getFloat(280 + 4 * i) * (i < 8 ? -1 : 1);   // RAS -> LPS: negate rows x, y
        // qform (NIfTI-1 standard, method 2): R from the quaternion, columns scaled by pixdim, k by qfac
        double qb = bb.getFloat(256), qc = bb.getFloat(260), qd = bb.getFloat(264);
        double qa = Math.sqrt(Math.max(0, 1 - qb * qb - qc * qc - qd * qd));
        double[] r = {qa * qa + qb * qb - qc * qc - qd * qd, 2 * (qb * qc - qa * qd), 2 * (qb * qd + qa * qc),
                2 * (qb * qc + qa * qd), qa * qa + qc * qc - qb * qb - qd * qd, 2 * (qc * qd - qa * qb),
                2 * (qb * qd - qa * qc), 2 * (qc * qd + qa * qb), qa * qa + qd * qd - qc * qc - qb * qb};
        double qfac = bb.getFloat(76) < 0 ? -1 : 1;
        double[] pix = {bb.getFloat(80), bb.getFloat(84), bb.getFloat(88) * qfac};
        double[] qform = new double[12];
        for (int row = 0; row < 3; row++) {
            double sign = row < 2 ? -1 : 1;
            for (int col = 0; col < 3; col++) qform[4 * row + col] = sign * r[3 * row + col] * pix[col];
            qform[4 * row + 3] = sign * bb.getFloat(268 + 4 * row);
        }
        return new Header(dims, bb.getShort(252), bb.getShort(254), sform, qform);
    }

    static void assertCorners(Case c, Header h, boolean qformToo) {
        assertArrayEquals(c.dims(), h.dims());
        for (double[] e : c.corners()) {
            double[] s = h.sform(e[0], e[1], e[2]);
            for (int a = 0; a < 3; a++) assertEquals(e[3 + a], s[a], TOL_MM, "sform, corner " + (int) e[0] + "," + (int) e[1] + "," + (int) e[2]);
            if (!qformToo) continue;
            double[] q = h.qform(e[0], e[1], e[2]);
            for (int a = 0; a < 3; a++) assertEquals(e[3 + a], q[a], TOL_MM, "qform, corner " + (int) e[0] + "," + (int) e[1] + "," + (int) e[2]);
        }
    }

    static ConfigResampleOp config(Path out) {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = SHEAR;
        c.output = out;
        c.spacingMm = new double[] {2, 2, 2};
        return c;
    }

    @Test
    void resampleDeTiltsByDefault(@TempDir Path dir) throws IOException {
        ConfigResampleOp c = config(dir.resolve("s.nii.gz"));
        ResampleOperation.Result r = new ResampleOperation(c).run(Job.serial());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("sheared grid (gantry tilt 18.5 degrees): resampled onto an orthogonal grid")), r.notes().toString());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        Header h = header(c.output);
        assertTrue(h.qformCode() > 0 && h.sformCode() > 0);
        assertCorners(expected().get("orthogonal"), h, true);   // qform and sform agree with nibabel's positions
    }

    @Test
    void keepShearWritesTheSformOnly(@TempDir Path dir) throws IOException {
        ConfigResampleOp c = config(dir.resolve("k.nii.gz"));
        c.keepShear = true;
        ResampleOperation.Result r = new ResampleOperation(c).run(Job.serial());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("qform_code 0")), r.warnings().toString());
        Header h = header(c.output);
        assertEquals(0, h.qformCode(), "a rigid qform would disagree with the sheared sform");
        assertEquals(2, h.sformCode(), "the input's sform code is kept");
        assertCorners(expected().get("keep-shear"), h, false);
    }

    @Test
    void convertKeepsTheShearWithTheSformOnly(@TempDir Path dir) throws IOException {
        ConfigConvertOp c = new ConfigConvertOp();
        c.input = SHEAR;
        c.output = dir.resolve("c.nii.gz");
        ConvertOperation.Result r = new ConvertOperation(c).run(Job.serial());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("qform_code 0")), r.warnings().toString());
        Header h = header(c.output);
        assertEquals(0, h.qformCode());
        assertCorners(expected().get("input"), h, false);
    }
}
