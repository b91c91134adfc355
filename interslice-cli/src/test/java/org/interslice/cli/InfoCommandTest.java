package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @Test
    void missingFileIsOneLineNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such.nii.gz");
        Cli.Result r = Cli.run("info", missing.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertEquals("interslice: " + missing + ": no such file or folder", r.errLines()[0]);
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals("", r.out());
    }

    @Test
    void textShowsGridGeometryAndTiming() {
        Path f = Cli.sample(DemoCommand.THICK);
        Cli.Result r = Cli.run("info", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("240 x 240 x 28 voxels"), r.out());
        assertTrue(r.out().contains("0.4511719 x 0.4511719 x 5 mm"), r.out());
        assertTrue(r.out().contains("LAS"), r.out());
        assertTrue(r.out().contains("evenly spaced, 5 mm"), r.out());
        assertTrue(r.out().contains("read in"), r.out());
    }

    @Test
    void jsonHoldsTheReadersValues() throws Exception {
        Path f = Cli.sample(DemoCommand.THICK);
        Cli.Result r = Cli.run("info", "--json", f.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"file", "format", "dims", "spacing", "origin", "direction", "pixelType", "min", "max",
                "orientation", "sliceSpacingUniform", "extentMm", "bytes", "label", "gantryTiltDeg"})
            assertTrue(j.has(key), "missing key " + key);
        assertFalse(j.has("slicePositions"), "only for uneven slices");

        Volume v = Formats.read(f);
        Geometry g = v.geometry();
        assertArrayEquals(v.dims(), ints(j.get("dims")));
        assertArrayEquals(g.spacing(), doubles(j.get("spacing")), 0);
        assertArrayEquals(g.origin(), doubles(j.get("origin")), 0);
        double[] d = g.direction();
        for (int row = 0; row < 3; row++)
            assertArrayEquals(new double[] {d[3 * row], d[3 * row + 1], d[3 * row + 2]}, doubles(j.get("direction").get(row)), 0);
        double[] range = v.range();
        assertEquals(range[0], j.get("min").asDouble());
        assertEquals(range[1], j.get("max").asDouble());
        assertEquals(v.type().label(), j.get("pixelType").asText());
        assertEquals(g.orientationCode(), j.get("orientation").asText());
        assertEquals(v.sizeBytes(), j.get("bytes").asLong());
        assertTrue(j.get("sliceSpacingUniform").asBoolean());
        assertEquals(f.toString(), j.get("file").asText());
        assertEquals(Formats.forReading(f).name(), j.get("format").asText());

        // and the values nibabel reports for this file (samples/ct-phantom/README.md, tools/make_sample.sh)
        assertArrayEquals(new int[] {240, 240, 28}, ints(j.get("dims")));
        assertArrayEquals(new double[] {0.451171875, 0.451171875, 5}, doubles(j.get("spacing")), 1e-6);
        // nibabel's RAS origin (57.75, -158.31601, 696.21) in LPS
        assertArrayEquals(new double[] {-57.75, 158.31601, 696.21}, doubles(j.get("origin")), 1e-4);
        assertEquals("LAS", j.get("orientation").asText());
        assertEquals(-1024, j.get("min").asDouble());
        assertEquals(777, j.get("max").asDouble());
        assertEquals(0, j.get("gantryTiltDeg").asDouble(), 1e-6);
    }

    @Test
    void dicomFolderListsItsSeries() throws Exception {
        Path folder = SharedData.path("ct-phantom/5mm");
        Cli.Result r = Cli.run("info", folder.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(DICOM)"), r.out());
        assertTrue(r.out().contains("DICOM series 1 found"), r.out());
        assertTrue(r.out().contains("201 'STD BRAIN 5MM' 28 slices 328x432"), r.out());

        JsonNode j = new ObjectMapper().readTree(Cli.run("info", "--json", folder.toString()).out());
        // shared/data/README.md (measured with pydicom)
        assertArrayEquals(new int[] {328, 432, 28}, ints(j.get("dims")));
        assertArrayEquals(new double[] {0.451171875, 0.451171875, 5}, doubles(j.get("spacing")), 1e-9);
        assertArrayEquals(new double[] {-77.6015625, 7.1734375, 696.21}, doubles(j.get("origin")), 1e-6);
        assertEquals("LPS", j.get("orientation").asText());
        assertEquals(-1024, j.get("min").asDouble());
        assertEquals(782, j.get("max").asDouble());
        assertEquals(1, j.get("dicomSeries").size());
        assertEquals("201", j.get("dicomSeries").get(0).get("seriesNumber").asText());
        assertEquals(28, j.get("dicomSeries").get(0).get("slices").asInt());
    }

    /** Copies a DICOM test fixture of interslice-io (a jar on this module's test class path). */
    private static void fixture(String name, Path to) throws Exception {
        try (java.io.InputStream in = InfoCommandTest.class.getResourceAsStream("/org/interslice/io/dicom/" + name)) {
            Files.copy(in, to);
        }
    }

    @Test
    void dicomFolderGivesTransferSyntaxAndFramesPerSeries(@TempDir Path dir) throws Exception {
        fixture("multiframe/enh-ct-jls.dcm", dir.resolve("ct"));
        fixture("multiframe/enh-mr-2t.dcm", dir.resolve("mr"));
        fixture("compressed/u12-rle-dcmtk/I130", dir.resolve("rle"));
        Cli.Result r = Cli.run("info", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("DICOM series 4 found"), r.out());
        assertTrue(r.out().contains("JPEG-LS Lossless Image Compression (1.2.840.10008.1.2.4.80), multi-frame (8 frames in one file)"), r.out());
        assertTrue(r.out().contains("Explicit VR Little Endian (1.2.840.10008.1.2.1), multi-frame (12 frames in one file)"), r.out());
        assertTrue(r.out().contains("[Temporal Position Index 2]"), r.out());
        assertTrue(r.out().contains("RLE Lossless (1.2.840.10008.1.2.5), single-frame files"), r.out());

        JsonNode j = new ObjectMapper().readTree(Cli.run("info", "--json", dir.toString()).out());
        JsonNode series = j.get("dicomSeries");
        assertEquals(4, series.size());
        int multi = 0;
        for (JsonNode s : series) {
            String ts = s.get("transferSyntax").asText();
            if (s.get("multiFrame").asBoolean()) {
                multi++;
                assertEquals(ts.contains("4.80") ? 8 : 12, s.get("frames").asInt(), s.toString());
            } else {
                assertEquals("RLE Lossless (1.2.840.10008.1.2.5)", ts);
                assertFalse(s.has("frames"));
            }
        }
        assertEquals(3, multi);
    }

    @Test
    void seriesOptionPicksTheSeries(@TempDir Path dir) throws Exception {
        // all 28 thick slices plus 10 thin ones (series 202, I10..I100) in one folder
        for (Path f : list(SharedData.path("ct-phantom/5mm"))) Files.copy(f, dir.resolve("a" + f.getFileName()));
        for (int n = 10; n <= 100; n += 10) {
            Path f = SharedData.path("ct-phantom/1mm/I" + n);
            Files.copy(f, dir.resolve("b" + f.getFileName()));
        }
        JsonNode all = new ObjectMapper().readTree(Cli.run("info", "--json", dir.toString()).out());
        assertEquals(2, all.get("dicomSeries").size());
        assertEquals(28, all.get("dims").get(2).asInt(), "default: the series with most slices");

        Cli.Result r = Cli.run("info", "--json", "--series", "202", dir.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode thin = new ObjectMapper().readTree(r.out());
        assertEquals(10, thin.get("dims").get(2).asInt());
        assertEquals(1, thin.get("spacing").get(2).asDouble(), 1e-6);

        Cli.Result none = Cli.run("info", "--series", "999", dir.toString());
        assertEquals(1, none.exit());
        assertEquals(1, none.errLines().length, none.err());
        assertTrue(none.errLines()[0].startsWith("interslice: " + dir + ": "), none.err());
    }

    @Test
    void progressGoesToStderrOnlyWhenAsked() {
        String folder = SharedData.path("ct-phantom/5mm").toString();
        Cli.Result plain = Cli.run("info", folder);
        assertEquals("", plain.err(), "stderr is no terminal in tests: no bar by default");
        Cli.Result bars = Cli.run("--progress", "info", folder);
        assertEquals(0, bars.exit(), bars.err());
        assertTrue(bars.err().contains("DICOM") && bars.err().contains("100%"), bars.err());
        assertFalse(bars.out().contains("100%"), "stdout keeps only the result");
        assertEquals("", Cli.run("info", "--progress", "--quiet", folder).err());
    }

    @Test
    void spacingOptionReachesStackReader() throws Exception {
        // TIFF sections store no spacing; the source declares 40 x 40 x 50 micrometres
        Path stack = SharedData.path("microscopy/mouse-brain-stp");
        Cli.Result r = Cli.run("info", "--json", "--input-spacing", "0.04,0.04,0.05", stack.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertArrayEquals(new int[] {271, 193, 64}, ints(j.get("dims")));
        assertArrayEquals(new double[] {0.04, 0.04, 0.05}, doubles(j.get("spacing")), 1e-12);
        assertEquals("uint16", j.get("pixelType").asText());
        assertEquals(2, j.get("min").asDouble());
        assertEquals(11195, j.get("max").asDouble());
        assertFalse(j.has("dicomSeries"));
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().startsWith("I")).sorted().toList();
        }
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }
}
