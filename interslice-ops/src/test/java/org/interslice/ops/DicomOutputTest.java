package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.dicom.DicomSource;
import org.interslice.io.dicom.DicomTestFiles;
import org.interslice.io.dicom.DicomUids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interpolate} and {@code convert} writing DICOM series: every synthesized slice says so and names
 * its method and two neighbours, every measured slice copied through references its input instance, the
 * result files under the input's study, re-runs give the same files, the input is never written.
 */
class DicomOutputTest {
    static final Path TILTED = Path.of("src/test/resources/tilted-uneven");
    private static final int IMAGE_COMMENTS = 0x00204000, SOURCE_IMAGES = 0x00082112, REF_INSTANCE = 0x00081155;

    @TempDir
    Path tmp;

    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static String digest(Path folder) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Path f : files(folder)) {
            md.update(f.getFileName().toString().getBytes());
            md.update(Files.readAllBytes(f));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    static ConfigInterpolateOperation interpolate(Path in, Path out, boolean keepShear) {
        ConfigInterpolateOperation c = new ConfigInterpolateOperation();
        c.input = in;
        c.output = out;
        c.synthesis.spacingMm = 2.5;
        c.synthesis.method = "linear";
        c.keepShear = keepShear;
        c.sidecar = false;
        return c;
    }

    private static DicomSource source(Path in) {
        ReadOptions o = ReadOptions.defaults();
        o.header = new HeaderFields();
        Formats.read(in, o);
        return o.header.dicom;
    }

    @Test
    void interpolatedSeriesMarksEverySyntheticSliceAndReferencesMeasuredOnes() throws Exception {
        String before = digest(TILTED);
        Path out = tmp.resolve("tilted.dcm");
        InterpolateOperation.Result r = InterpolateOperation.run(interpolate(TILTED, out, true), Job.serial());
        SlicePlan p = r.interpolation().plan();
        DicomSource in = source(TILTED);
        List<Path> f = files(out);
        assertEquals(p.size(), f.size(), "one file per slice");
        int synthesized = 0;
        String series = null;
        for (int j = 0; j < f.size(); j++) {
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(f.get(j));
            String comment = e.get(IMAGE_COMMENTS).text();
            List<Map<Integer, DicomTestFiles.Element>> refs = e.get(SOURCE_IMAGES).items();
            if (p.measured(j) >= 0) {
                assertTrue(comment.startsWith("MEASURED slice: input slice " + (p.measured(j) + 1) + " of 8"), comment);
                assertEquals(1, refs.size());
                assertEquals(in.instances().get(p.measured(j)).sopInstanceUid(), refs.get(0).get(REF_INSTANCE).text());
            } else {
                synthesized++;
                assertTrue(comment.startsWith("SYNTHESIZED slice, not measured") && comment.contains("method linear")
                        && comment.contains("between input slice " + (p.gap(j) + 1) + " of 8") && comment.contains("input slice " + (p.gap(j) + 2) + " of 8"), comment);
                assertTrue(e.get(0x00082111).text().contains("synthesized by linear"));
                assertEquals(2, refs.size());
                assertEquals(in.instances().get(p.gap(j)).sopInstanceUid(), refs.get(0).get(REF_INSTANCE).text());
                assertEquals(in.instances().get(p.gap(j) + 1).sopInstanceUid(), refs.get(1).get(REF_INSTANCE).text());
            }
            assertEquals(in.studyUid(), e.get(0x0020000D).text(), "files under the input's study");
            String s = e.get(0x0020000E).text();
            assertTrue(DicomUids.valid(s));
            if (series != null) assertEquals(series, s);
            series = s;
            assertEquals("DERIVED\\SECONDARY\\AXIAL", e.get(0x00080008).text().replace("\\\\", "\\"));
        }
        assertEquals(p.synthesizedCount(), synthesized);
        assertEquals(17, synthesized);
        // every voxel and slice position reads back
        Volume back = Formats.read(out);
        Volume w = r.written();
        assertEquals(w.nz(), back.nz());
        for (int k = 0; k < w.nz(); k++) assertArrayEquals(w.geometry().indexToWorld(0, 0, k), back.geometry().indexToWorld(0, 0, k), 1e-6);
        for (int i = 0; i < w.voxelCount(); i++) assertEquals(w.get(i), back.get(i), 0.0);
        assertEquals(15.0, back.geometry().gantryTiltDegrees(), 1e-3);
        // a re-run writes the same files (same UIDs), and the input was never written
        Path again = tmp.resolve("again.dcm");
        InterpolateOperation.run(interpolate(TILTED, again, true), Job.serial());
        assertEquals(digest(out), digest(again));
        assertEquals(before, digest(TILTED));
        // another method: another series
        ConfigInterpolateOperation cubic = interpolate(TILTED, tmp.resolve("cubic.dcm"), true);
        cubic.synthesis.method = "cubic";
        InterpolateOperation.run(cubic, Job.serial());
        assertNotEquals(series, DicomTestFiles.read(files(tmp.resolve("cubic.dcm")).get(0)).get(0x0020000E).text());
    }

    @Test
    void detiltedMeasuredSlicesSayTheyWereMovedInPlane() throws Exception {
        Path out = tmp.resolve("straight.dcm");
        InterpolateOperation.run(interpolate(TILTED, out, false), Job.serial());
        String c = DicomTestFiles.read(files(out).get(0)).get(IMAGE_COMMENTS).text();
        assertTrue(c.startsWith("MEASURED") && c.contains("moved in-plane onto the de-tilted grid"), c);
        assertTrue(Formats.read(out).geometry().isOrthogonal());
    }

    @Test
    void outputsThatWouldWriteIntoTheInputAreRefused() throws Exception {
        String before = digest(TILTED);
        Path copy = tmp.resolve("in");
        Files.createDirectory(copy);
        for (Path f : files(TILTED)) Files.copy(f, copy.resolve(f.getFileName()));
        ConfigInterpolateOperation inside = interpolate(copy, copy.resolve("out.dcm"), true);
        IntersliceException e = assertThrows(IntersliceException.class, () -> InterpolateOperation.run(inside, Job.serial()));
        assertTrue(e.getMessage().contains("inside the input folder"), e.getMessage());
        ConfigInterpolateOperation same = interpolate(copy, copy, true);
        same.write.format = "dicom";
        assertThrows(IntersliceException.class, () -> InterpolateOperation.run(same, Job.serial()));
        assertEquals(digest(TILTED), digest(copy));
        assertEquals(before, digest(TILTED));
    }

    @Test
    void resampledSeriesStaysInTheStudyAndSaysItWasResampled() throws Exception {
        ConfigResampleOp c = new ConfigResampleOp();
        c.input = TILTED;
        c.output = tmp.resolve("r.dcm");
        c.spacingMm = new double[] {1, 1, 2};
        ResampleOperation op = new ResampleOperation(c);
        op.run(op.plan(Job.serial()), Job.serial());
        DicomSource in = source(TILTED);
        for (Path f : files(c.output)) {
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(f);
            assertTrue(e.get(IMAGE_COMMENTS).text().startsWith("DERIVED: interslice 0.1.0 resample"), e.get(IMAGE_COMMENTS).text());
            assertEquals(in.studyUid(), e.get(0x0020000D).text());
            assertFalse(e.containsKey(SOURCE_IMAGES));
        }
        Volume back = Formats.read(c.output);
        assertEquals(2, back.geometry().spacing(2), 1e-9);
        assertTrue(back.geometry().isOrthogonal(), "resample de-tilts by default");
    }

    @Test
    void floatValuesAreQuantizedWithANote() throws Exception {
        Volume v = Volume.allocate(PixelType.FLOAT32, 4, 3, 2, Geometry.identity());
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 0.37 - 1);
        Path nii = tmp.resolve("f.nii");
        Formats.write(v, nii);
        ConfigConvertOp c = new ConfigConvertOp();
        c.input = nii;
        c.output = tmp.resolve("f.dcm");
        ConvertOperation.Result r = new ConvertOperation(c).run(Job.serial());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("float32 values quantized by Rescale Slope")), r.notes().toString());
        Volume back = Formats.read(c.output);
        double step = (23 * 0.37) / 65535;
        for (int i = 0; i < v.voxelCount(); i++) assertEquals(v.get(i), back.get(i), step / 2 * 1.001 + 1e-6);
    }

    @Test
    void convertCopiesEverySliceAndAlongXEveryImageSaysItMixesSyntheticRows() throws Exception {
        Volume v = Volume.allocate(PixelType.INT16, 6, 5, 4, Geometry.of(new double[] {3, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 37) % 200 - 50);
        Path nii = tmp.resolve("v.nii");
        Formats.write(v, nii);
        ConfigConvertOp c = new ConfigConvertOp();
        c.input = nii;
        c.output = tmp.resolve("plain");
        c.write.format = "dicom";
        new ConvertOperation(c).run(Job.serial());
        List<Path> f = files(c.output);
        for (int k = 0; k < 4; k++) {
            Map<Integer, DicomTestFiles.Element> e = DicomTestFiles.read(f.get(k));
            assertTrue(e.get(IMAGE_COMMENTS).text().startsWith("COPY of input slice " + (k + 1) + " of 4, voxels unchanged"), e.get(IMAGE_COMMENTS).text());
            assertFalse(e.containsKey(SOURCE_IMAGES), "no DICOM input: nothing to reference");
        }
        Volume back = Formats.read(c.output);
        for (int i = 0; i < v.voxelCount(); i++) assertEquals(v.get(i), back.get(i), 0.0);
        // x has the largest spacing: slices are synthesized along x, so every z image mixes measured and synthesized columns
        ConfigInterpolateOperation x = interpolate(nii, tmp.resolve("x.dcm"), true);
        x.synthesis.spacingMm = 1;
        InterpolateOperation.Result r = InterpolateOperation.run(x, Job.serial());
        assertEquals(0, r.interpolation().plan().axis());
        for (Path p : files(tmp.resolve("x.dcm")))
            assertTrue(DicomTestFiles.read(p).get(IMAGE_COMMENTS).text().startsWith("CONTAINS SYNTHESIZED DATA: slices along the x axis"));
    }
}
