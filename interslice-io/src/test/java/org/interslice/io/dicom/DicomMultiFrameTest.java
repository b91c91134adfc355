package org.interslice.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-frame objects (issue 19 item 3), on fixtures written by pydicom and compressed by dcmtk, GDCM
 * and pydicom (tools/reference/dicom_multiframe_fixtures.sh): an enhanced CT with its frames shuffled,
 * an enhanced MR with two temporal positions interleaved and an oblique orientation, a multi-frame
 * secondary capture without functional groups; geometry and values against dcm2niix (the MR's per-stack
 * values against pydicom, see expected.txt); every compressed layout voxel for voxel against the
 * uncompressed object.
 */
class DicomMultiFrameTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(DicomMultiFrameTest.class.getResource("multiframe/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every dcm2niix slice's corners land on one of our slices, 1e-3 mm apart; its sum and sampled voxels equal ours. */
    private static void checkAgainst(Volume v, String series) throws IOException {
        DicomFormatTest.Expected e = DicomFormatTest.expected(resource("expected.txt"), series);
        assertArrayEquals(e.dims(), v.dims(), series + " dims");
        Geometry g = v.geometry();
        int nx = e.dims()[0], ny = e.dims()[1];
        for (int k = 0; k < e.dims()[2]; k++) {
            int[] a = DicomFormatTest.ourIndex(e, g, v.dims(), 0, 0, k);
            for (int[] c : new int[][] {{nx - 1, 0}, {0, ny - 1}, {nx - 1, ny - 1}})
                assertEquals(a[2], DicomFormatTest.ourIndex(e, g, v.dims(), c[0], c[1], k)[2], series + " slice " + k + " corners");
            double sum = 0;
            for (int i = a[2] * nx * ny, end = i + nx * ny; i < end; i++) sum += v.get(i);
            assertEquals(e.sliceSums()[k], sum, 0.0, series + " sum of dcm2niix slice " + k);
        }
        for (double[] s : e.voxels()) {
            int[] o = DicomFormatTest.ourIndex(e, g, v.dims(), s[0], s[1], s[2]);
            assertEquals(s[3], v.get(v.index(o[0], o[1], o[2])), 0.0, series + " voxel " + java.util.Arrays.toString(s));
        }
    }

    private static ReadOptions series(String selector) {
        ReadOptions o = new ReadOptions();
        o.series = selector;
        return o;
    }

    @Test
    void enhancedCtMatchesDcm2niix() throws IOException {
        Volume v = Formats.read(resource("enh-ct.dcm"));
        assertEquals(PixelType.INT16, v.type(), "12-bit stored + intercept -1024 of the shared Pixel Value Transformation");
        assertTrue(v.geometry().uniformSlices());
        assertEquals(5.0, v.geometry().spacing()[2], 1e-9);
        checkAgainst(v, "enh-ct.dcm");
    }

    @Test
    void secondaryCaptureWithoutFunctionalGroupsMatchesDcm2niix() throws IOException {
        Volume v = Formats.read(resource("sc-mf.dcm"));
        checkAgainst(v, "sc-mf.dcm");
        DicomSeriesInfo s = DicomFormat.listSeries(resource("sc-mf.dcm"), Job.serial()).get(0);
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("derived from ImagePositionPatient")), s.notes().toString());
    }

    @Test
    void perFrameGroupsOverrideShared() {
        Volume a = Formats.read(resource("enh-ct.dcm")), b = Formats.read(resource("enh-ct-override.dcm"));
        assertArrayEquals(a.geometry().origin(), b.geometry().origin(), 1e-9);
        assertArrayEquals(a.geometry().direction(), b.geometry().direction(), 1e-12);
        for (int i = 0; i < a.voxelCount(); i++) assertEquals(a.get(i), b.get(i), 0.0);
    }

    @Test
    void temporalPositionsAreSeparateStacksInDimensionOrder() throws IOException {
        Path p = resource("enh-mr-2t.dcm");
        List<DicomSeriesInfo> l = DicomFormat.listSeries(p, Job.serial());
        assertEquals(2, l.size());
        assertEquals(List.of("Temporal Position Index 1", "Temporal Position Index 2"), l.stream().map(DicomSeriesInfo::stack).toList());
        for (DicomSeriesInfo s : l) {
            assertEquals(12, s.frames());
            assertTrue(s.multiFrame());
            assertEquals(6, s.slices());
        }
        Volume t1 = Formats.read(p);
        checkAgainst(t1, "enh-mr-2t.dcm Temporal Position Index 1");
        Volume t2 = Formats.read(p, series("903#2"));
        checkAgainst(t2, "enh-mr-2t.dcm Temporal Position Index 2");
        assertEquals(1.5, t1.geometry().spacing()[2], 1e-6);
        assertTrue(t1.geometry().isOrthogonal(), "tilted orientation, slices along its normal");
        IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p, series("903#3")));
        assertTrue(e.getMessage().contains("903#3"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enh-ct-jls.dcm", "enh-ct-rle.dcm", "enh-ct-j2k.dcm", "enh-ct-jpeg70frag.dcm", "enh-ct-jls-eot.dcm",
        "enh-ct-jls-nobot2.dcm", "enh-ct-raw98.dcm"})
    void compressedLayoutsEqualTheUncompressedObject(String name) {
        Volume raw = Formats.read(resource("enh-ct.dcm")), v = Formats.read(resource(name));
        assertArrayEquals(raw.dims(), v.dims());
        assertEquals(raw.type(), v.type());
        assertArrayEquals(raw.geometry().origin(), v.geometry().origin(), 1e-9);
        for (int i = 0; i < raw.voxelCount(); i++) assertEquals(raw.get(i), v.get(i), 0.0, name + " voxel " + i);
    }

    @Test
    void compressedMrWithoutOffsetTableKeepsBothStacks() {
        for (String sel : new String[] {"903#1", "903#2"}) {
            Volume raw = Formats.read(resource("enh-mr-2t.dcm"), series(sel)), v = Formats.read(resource("enh-mr-2t-jls.dcm"), series(sel));
            for (int i = 0; i < raw.voxelCount(); i++) assertEquals(raw.get(i), v.get(i), 0.0, sel + " voxel " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"enh-ct.dcm", "enh-ct-jls-eot.dcm", "enh-ct-rle.dcm"})
    void regionReadsEqualCropsOfTheWholeRead(String name) {
        Volume whole = Formats.read(resource(name));
        try (OpenVolume in = Formats.open(resource(name), ReadOptions.defaults())) {
            assertEquals(whole.type(), in.header().type());
            Interval box = new Interval(5, 7, 2, 30, 20, 4);
            Volume r = in.read(box).data();
            for (int z = 0; z < 4; z++) for (int y = 0; y < 20; y++) for (int x = 0; x < 30; x++)
                assertEquals(whole.get(whole.index(x + 5, y + 7, z + 2)), r.get(r.index(x, y, z)), 0.0);
            assertArrayEquals(whole.geometry().indexToWorld(5, 7, 2), r.geometry().indexToWorld(0, 0, 0), 1e-9);
        }
    }

    @Test
    void folderListsTransferSyntaxAndFramesPerSeries() throws IOException {
        Path d = Files.createDirectories(dir.resolve("mix"));
        Files.copy(resource("enh-ct-jls.dcm"), d.resolve("a"));
        Files.copy(resource("enh-mr-2t.dcm"), d.resolve("b"));
        Files.copy(DicomCompressedTest.resource("raw-u12/I130"), d.resolve("c"));
        List<DicomSeriesInfo> l = DicomFormat.listSeries(d, Job.serial());
        assertEquals(4, l.size());
        DicomSeriesInfo ct = l.stream().filter(s -> s.seriesNumber().equals("901")).findFirst().orElseThrow();
        assertEquals("JPEG-LS Lossless Image Compression (1.2.840.10008.1.2.4.80)", ct.transferSyntax());
        assertEquals(8, ct.frames());
        DicomSeriesInfo single = l.stream().filter(s -> s.slices() == 1).findFirst().orElseThrow();
        assertEquals(0, single.frames());
        assertTrue(single.transferSyntax().contains("1.2.840.10008.1.2.1)"));
    }

    /** The file with the ASCII text {@code from} replaced by {@code to} (same length) at its first occurrence. */
    private Path edited(String name, String from, String to) throws IOException {
        byte[] b = Files.readAllBytes(resource(name));
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at > 0 && from.length() == to.length());
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, b, at, to.length());
        Path p = dir.resolve(name + "-" + to.charAt(to.length() - 1));
        Files.write(p, b);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"enh-ct.dcm 9", "enh-ct.dcm 7", "enh-ct-jls.dcm 9", "enh-ct-jls.dcm 7", "enh-ct-jls-eot.dcm 7", "enh-ct-rle.dcm 9", "sc-mf.dcm 9"})
    void lyingNumberOfFramesIsOneLineError(String nameAndLie) throws IOException {
        String name = nameAndLie.split(" ")[0], lie = nameAndLie.split(" ")[1];
        {
            Path p = edited(name, "(\u0000\u0008\u0000IS\u0002\u00008", "(\u0000\u0008\u0000IS\u0002\u0000" + lie);
            IntersliceException e = assertThrows(IntersliceException.class, () -> Formats.read(p));
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(p.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void encapsulatedUncompressedIsDecodedByName() {
        DicomSeriesInfo s = DicomFormat.listSeries(resource("enh-ct-raw98.dcm"), Job.serial()).get(0);
        assertEquals("Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98)", s.transferSyntax());
    }
}
