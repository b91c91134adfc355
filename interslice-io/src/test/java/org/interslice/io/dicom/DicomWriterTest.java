package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Derivation;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.SharedData;
import org.interslice.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DICOM series writing: values and geometry read back, carried attributes, UIDs, per-slice provenance. */
class DicomWriterTest {
    @TempDir
    Path dir;

    static Volume random(PixelType t, int nx, int ny, int nz, Geometry g, long seed) {
        Volume v = Volume.allocate(t, nx, ny, nz, g);
        Random r = new Random(seed);
        double lo = Math.max(t.min, -5000), hi = Math.min(t.max, 70000);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, t.integer ? Math.floor(lo + r.nextDouble() * (hi - lo + 1)) : lo + r.nextDouble() * (hi - lo));
        return v;
    }

    static Geometry oblique() {
        double c = Math.cos(0.3), s = Math.sin(0.3);
        return Geometry.of(new double[] {0.7, 0.9, 2.5}, new double[] {-12.25, 30.5, 101.125}, new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
    }

    private Path write(Volume v, String name, WriteOptions o) {
        Path out = dir.resolve(name);
        Formats.write(v, out, o);
        return out;
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyTypeReadsBack(PixelType t) {
        Volume v = random(t, 7, 5, 4, oblique(), t.ordinal());
        Path out = write(v, "t.dcm", WriteOptions.defaults());
        assertTrue(Files.isDirectory(out));
        Volume back = Formats.read(out);
        DicomStorage dv = DicomStorage.of(v);
        assertEquals(!t.integer ? false : true, dv.exact(), "integers are exact, random floats quantized");
        // stated tolerance: half a slope step, plus float32 rounding of the value read back
        DicomTestFiles.assertSameVoxels(v, back, t.integer ? 0 : dv.tolerance() + Math.ulp((float) Math.max(Math.abs(dv.min()), Math.abs(dv.max()))));
    }

    @Test
    void integersBeyond16BitsStayExact() {
        Volume v = Volume.allocate(PixelType.INT32, 4, 3, 2, oblique());
        double[] vals = {-2_000_000_000, 2_000_000_000, 70000, -70000, 0, 1};
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, vals[i % vals.length]);
        assertEquals(32, DicomStorage.of(v).bits());
        DicomTestFiles.assertSameVoxels(v, Formats.read(write(v, "i32.dcm", WriteOptions.defaults())), 0);
        Volume u = Volume.allocate(PixelType.UINT32, 4, 3, 2, oblique());
        for (int i = 0; i < u.voxelCount(); i++) u.set(i, 100000 + (i * 977) % 60000);   // span < 65536: 16 bits with an intercept
        DicomStorage du = DicomStorage.of(u);
        assertEquals(16, du.bits());
        assertEquals(100000, du.intercept());
        DicomTestFiles.assertSameVoxels(u, Formats.read(write(u, "u32.dcm", WriteOptions.defaults())), 0);
    }

    @Test
    void nanAndInfinitiesSaturateInsteadOfFailing() {
        // floats (quantized) and integers wider than 16 bits (32-bit storage), each with NaN and both infinities
        double[][] cases = {{0.5, 1.25, -3.75, 10}, {-2_000_000_000, 2_000_000_000, 70000, 1}};
        for (double[] finite : cases) {
            Volume v = Volume.allocate(PixelType.FLOAT64, 4, 2, 2, oblique());
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, finite[i % finite.length]);
            v.set(1, Double.POSITIVE_INFINITY);
            v.set(2, Double.NEGATIVE_INFINITY);
            v.set(3, Double.NaN);
            DicomStorage st = DicomStorage.of(v);
            assertEquals(3, st.nonFinite());
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 4; i < v.voxelCount(); i++) {
                lo = Math.min(lo, v.get(i));
                hi = Math.max(hi, v.get(i));
            }
            assertEquals(lo, st.min(), 0.0);
            assertEquals(hi, st.max(), 0.0);
            Volume back = Formats.read(write(v, "inf" + st.bits() + ".dcm", WriteOptions.defaults()));
            double tol = st.tolerance() + Math.abs(hi) * 1e-6;
            for (int i = 4; i < v.voxelCount(); i++) assertEquals(v.get(i), back.get(i), tol, "voxel " + i);
            assertEquals(hi, back.get(1), tol, "+infinity: the largest finite value");
            assertEquals(lo, back.get(2), tol, "-infinity: the smallest finite value");
            assertEquals(lo, back.get(3), tol, "NaN: the smallest finite value");
            assertTrue(DicomFormat.valueNote(v).contains("3 voxels are NaN or infinite"), DicomFormat.valueNote(v));
        }
    }

    @Test
    void unevenAndTiltedSlicesKeepTheirPositions() {
        double t = Math.tan(Math.toRadians(15));
        double[] heights = {0, 5, 15, 20, 35};
        double[] origins = new double[15];
        for (int k = 0; k < 5; k++) {
            origins[3 * k] = -20;
            origins[3 * k + 1] = 10 + t * heights[k];
            origins[3 * k + 2] = 50 + heights[k];
        }
        Geometry g = Geometry.ofSlices(new double[] {0.8, 0.6}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, origins, 5, 1e-4);
        assertFalse(g.uniformSlices());
        Volume v = random(PixelType.INT16, 6, 5, 5, g, 3);
        Volume back = Formats.read(write(v, "uneven.dcm", WriteOptions.defaults()));
        DicomTestFiles.assertSameVoxels(v, back, 0);
        for (int k = 0; k < 5; k++) assertArrayEquals(g.indexToWorld(0, 0, k), back.geometry().indexToWorld(0, 0, k), 1e-9);
    }

    @Test
    void flippedSliceAxisReadsBackAtTheSamePoints() {
        // the slice axis against row x column: the reader sorts along the normal, so indexes flip but points agree
        Geometry g = Geometry.of(new double[] {1, 1, 2}, new double[] {0, 0, 0}, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1});
        Volume v = random(PixelType.UINT8, 5, 4, 6, g, 4);
        DicomTestFiles.assertSameVoxels(v, Formats.read(write(v, "flip.dcm", WriteOptions.defaults())), 0);
    }

    @Test
    void inPlaneShearIsRefused() {
        Geometry g = Geometry.of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0.3, 0, 0, 1, 0, 0, 0, 1});
        Volume v = random(PixelType.INT16, 3, 3, 2, g, 5);
        IntersliceException e = assertThrows(IntersliceException.class, () -> write(v, "shear.dcm", WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("not perpendicular"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("shear.dcm")), "nothing appears after a refused write");
    }

    @Test
    void formatByNameWritesAFolderWithAnyName() {
        Volume v = random(PixelType.INT16, 3, 3, 2, oblique(), 6);
        WriteOptions o = WriteOptions.defaults();
        o.format = "dicom";
        Path out = write(v, "series-out", o);
        assertTrue(Files.isRegularFile(out.resolve("0001.dcm")) && Files.isRegularFile(out.resolve("0002.dcm")));
        DicomTestFiles.assertSameVoxels(v, Formats.read(out), 0);
        o.format = "jpeg";
        assertThrows(IntersliceException.class, () -> write(v, "x", o));
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void reRunsWriteTheSameBytesAndUidsAreValid() throws IOException {
        Volume v = random(PixelType.INT16, 5, 4, 3, oblique(), 7);
        Path a = write(v, "a.dcm", WriteOptions.defaults()), b = write(v, "b.dcm", WriteOptions.defaults());
        List<Path> fa = files(a), fb = files(b);
        assertEquals(3, fa.size());
        java.util.Set<String> instances = new java.util.HashSet<>();
        for (int k = 0; k < fa.size(); k++) {
            assertArrayEquals(Files.readAllBytes(fa.get(k)), Files.readAllBytes(fb.get(k)), "re-run, file " + k);
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(fa.get(k));
            for (int tag : new int[] {0x00020003, 0x00020012, 0x00080018, 0x0020000D, 0x0020000E, 0x00200052})
                assertTrue(DicomUids.valid(e.get(tag).text()), () -> Integer.toHexString(tag) + " = " + e.get(tag).text());
            assertEquals(e.get(0x00020003).text(), e.get(0x00080018).text());
            instances.add(e.get(0x00080018).text());
            assertEquals(DicomWriter.SECONDARY_CAPTURE, e.get(0x00080016).text(), "no DICOM source: secondary capture");
            assertEquals("OT", e.get(0x00080060).text());
            assertEquals("DERIVED\\SECONDARY", e.get(0x00080008).text());
            assertEquals(DicomWriter.EXPLICIT_LE, e.get(0x00020010).text());
        }
        assertEquals(3, instances.size(), "one SOP Instance UID per slice");
        // other content: other UIDs
        v.set(0, v.get(0) + 1);
        Path c = write(v, "c.dcm", WriteOptions.defaults());
        assertNotEquals(DicomTestFiles.read(fa.get(0)).get(0x0020000E).text(), DicomTestFiles.read(files(c).get(0)).get(0x0020000E).text());
    }

    @Test
    void uidsAreDeterministicValidAndShort() {
        byte[] seed = {1, 2, 3};
        String u = DicomUids.derive(seed, "series");
        assertEquals(u, DicomUids.derive(seed.clone(), "series"));
        assertNotEquals(u, DicomUids.derive(seed, "study"));
        assertNotEquals(u, DicomUids.derive(new byte[] {1, 2, 4}, "series"));
        Random r = new Random(8);
        for (int i = 0; i < 2000; i++) {
            byte[] s = new byte[r.nextInt(40)];
            r.nextBytes(s);
            String x = DicomUids.derive(s, "instance " + i);
            assertTrue(x.startsWith("2.25.") && x.length() <= 64 && DicomUids.valid(x), x);
        }
        assertFalse(DicomUids.valid("1.02.3"));
        assertFalse(DicomUids.valid("1..3"));
        assertFalse(DicomUids.valid("1.2a"));
    }

    @Test
    void derivationMarksEverySliceAndReferencesItsSources() throws IOException {
        Volume v = random(PixelType.INT16, 4, 4, 3, oblique(), 9);
        List<DicomSource.Instance> ins = new ArrayList<>();
        for (int k = 0; k < 2; k++) ins.add(new DicomSource.Instance(DicomWriter.MR_IMAGE, "1.2.3.4." + (k + 10), k + 1, null, 0));
        DicomSource src = DicomSource.of(Map.of(0x00100010, "Doe^Jane", 0x00100020, "ID7", 0x00200052, "1.2.3.99"), ins, "MR", "1.2.3.5", "7", "T1");
        WriteOptions o = WriteOptions.defaults();
        o.header = new HeaderFields();
        o.header.dicom = src;
        Derivation d = new Derivation();
        d.identity = new byte[] {5};
        d.description = "test op";
        d.slices = List.of(new Derivation.Slice(Derivation.Kind.MEASURED, "MEASURED one", "copied", new int[] {0}),
                new Derivation.Slice(Derivation.Kind.SYNTHESIZED, "SYNTHESIZED two", "made", new int[] {0, 1}),
                new Derivation.Slice(Derivation.Kind.MEASURED, "MEASURED three", "copied", new int[] {1}));
        o.derivation = d;
        List<Path> f = files(write(v, "d.dcm", o));
        String[] comments = {"MEASURED one", "SYNTHESIZED two", "MEASURED three"};
        int[][] refs = {{10}, {10, 11}, {11}};
        for (int k = 0; k < 3; k++) {
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(f.get(k));
            assertEquals(comments[k], e.get(0x00204000).text());
            assertEquals(DicomWriter.MR_IMAGE, e.get(0x00080016).text(), "MR input: MR Image Storage");
            assertEquals("Doe^Jane", e.get(0x00100010).text());
            assertEquals("ID7", e.get(0x00100020).text());
            assertEquals("1.2.3.5", e.get(0x0020000D).text(), "the input's study");
            assertEquals("1.2.3.99", e.get(0x00200052).text(), "the input's frame of reference");
            assertEquals("1007", e.get(0x00200011).text(), "series number 1000 + the input's");
            assertEquals("RM", e.get(0x00180020).text(), "MR type 1 attribute filled");
            List<Map<Integer, DicomTestFiles.Element>> items = e.get(0x00082112).items();
            assertEquals(refs[k].length, items.size());
            for (int i = 0; i < items.size(); i++) {
                assertEquals("1.2.3.4." + refs[k][i], items.get(i).get(0x00081155).text());
                assertEquals(DicomWriter.MR_IMAGE, items.get(i).get(0x00081150).text());
            }
        }
    }

    @Test
    void framesOfAMultiFrameInputAreReferencedByFrameNumber() throws Exception {
        Path in = Path.of(DicomWriterTest.class.getResource("multiframe/enh-ct.dcm").toURI());
        ReadOptions ro = ReadOptions.defaults();
        ro.header = new HeaderFields();
        Volume v = Formats.read(in, ro);
        DicomSource src = ro.header.dicom;
        assertTrue(v.nz() > 1 && src.instances().size() == v.nz());
        String uid = src.instances().get(0).sopInstanceUid();
        assertTrue(DicomUids.valid(uid), "the file's SOP Instance UID reaches every frame: " + uid);
        WriteOptions o = WriteOptions.defaults();
        o.header = ro.header;
        Derivation d = new Derivation();
        d.slices = new ArrayList<>();
        for (int k = 0; k < v.nz(); k++) d.slices.add(new Derivation.Slice(Derivation.Kind.MEASURED, "COPY " + k, "copied", new int[] {k}));
        o.derivation = d;
        Path out = write(v, "frames.dcm", o);
        DicomTestFiles.assertSameVoxels(v, Formats.read(out), 0);
        List<Path> f = files(out);
        java.util.Set<String> frames = new java.util.HashSet<>();
        for (int k = 0; k < f.size(); k++) {
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(f.get(k));
            Map<Integer, DicomTestFiles.Element> ref = e.get(0x00082112).items().get(0);
            assertEquals(uid, ref.get(0x00081155).text());
            assertEquals(String.valueOf(src.instances().get(k).frameNumber()), ref.get(0x00081160).text());
            frames.add(ref.get(0x00081160).text());
            assertEquals(DicomWriter.CT_IMAGE, e.get(0x00080016).text(), "enhanced CT input: CT Image Storage");
            assertTrue(e.containsKey(0x00180060) && e.containsKey(0x00200012), "CT type 2 attributes KVP and Acquisition Number present");
            if (src.get(0x00100010) != null) assertEquals(src.get(0x00100010), e.get(0x00100010).text());
        }
        assertEquals(v.nz(), frames.size(), "one frame per slice");
    }

    @Test
    void phantomSeriesKeepsPatientStudyAndEveryVoxel() throws IOException {
        Path in = SharedData.path("ct-phantom/5mm");
        ReadOptions ro = ReadOptions.defaults();
        ro.header = new HeaderFields();
        Volume v = Formats.read(in, ro);
        DicomSource src = ro.header.dicom;
        assertNotNull(src);
        assertEquals(v.nz(), src.instances().size());
        WriteOptions o = WriteOptions.defaults();
        o.header = ro.header;
        Path out = write(v, "phantom.dcm", o);
        Volume back = Formats.read(out);
        assertEquals(v.type(), back.type(), "int16 HU stays int16");
        DicomTestFiles.assertSameVoxels(v, back, 0);
        assertTrue(back.geometry().approxEquals(v.geometry(), v.nx(), v.ny(), v.nz(), 1e-6));
        Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(files(out).get(0));
        assertEquals(DicomWriter.CT_IMAGE, e.get(0x00080016).text());
        assertEquals(src.studyUid(), e.get(0x0020000D).text(), "files under the input's study");
        for (int tag : new int[] {0x00100010, 0x00100020, 0x00100040, 0x00080020, 0x00080030, 0x00081030, 0x00200052, 0x00185100})
            assertEquals(src.get(tag), e.get(tag).text(), Integer.toHexString(tag));
    }
}
