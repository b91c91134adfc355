package org.interslice.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolateOperationTest {
    @TempDir
    Path tmp;

    private Path write(String name, int nz, double dz) {
        int nx = 9, ny = 8;
        short[] d = new short[nx * ny * nz];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < d.length; i++) d[i] = (short) r.nextInt(-1000, 2000);
        Geometry g = Geometry.of(new double[] {0.5, 0.5, dz}, new double[] {1, 2, 3}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        Path p = tmp.resolve(name);
        Formats.write(new ShortVolume(nx, ny, nz, PixelType.INT16, d, g, false), p);
        return p;
    }

    private ConfigInterpolateOperation config(Path in, Path out, double factor, String method) {
        ConfigInterpolateOperation c = new ConfigInterpolateOperation();
        c.input = in;
        c.output = out;
        c.synthesis.factor = factor;
        c.synthesis.method = method;
        return c;
    }

    @Test
    void writesTheOutputAndASidecarSayingWhatEverySliceIs() throws Exception {
        Path in = write("thick.nii.gz", 5, 4);
        Path out = tmp.resolve("thin.nrrd");
        InterpolateOperation.Result r;
        try (Job job = Job.of(2, null)) {
            r = InterpolateOperation.run(config(in, out, 4, "lanczos"), job);
        }
        Volume a = Formats.read(in), b = Formats.read(out);
        assertEquals(17, b.nz());
        assertEquals(1.0, b.geometry().spacing(2), 1e-9);
        assertArrayEquals(a.geometry().origin(), b.geometry().origin(), 1e-9);
        short[] da = ((ShortVolume) a).data(), db = ((ShortVolume) b).data();
        for (int k = 0; k < 5; k++) for (int p = 0; p < 72; p++) assertEquals(da[k * 72 + p], db[4 * k * 72 + p]);
        Path side = tmp.resolve("thin.nrrd.json");
        assertEquals(side, r.sidecar());
        JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(side));
        assertEquals("lanczos", j.get("method").asText());
        assertEquals(Provenance.VERSION, j.get("version").asText());
        assertEquals(in.toAbsolutePath().normalize().toString(), j.get("input").asText());
        assertEquals(4.0, j.get("parameters").get("factor").asDouble());
        assertEquals("z", j.get("sliceAxis").asText());
        assertEquals(5, j.get("measuredPositionsMm").size());
        assertEquals(16.0, j.get("measuredPositionsMm").get(4).asDouble(), 1e-9);
        JsonNode slices = j.get("slices");
        assertEquals(17, slices.size());
        assertEquals("measured", slices.get(8).get("kind").asText());
        assertEquals(2, slices.get(8).get("inputSlice").asInt());
        JsonNode s = slices.get(9);
        assertEquals("synthesized", s.get("kind").asText());
        assertEquals(2, s.get("from").get(0).asInt());
        assertEquals(3, s.get("from").get(1).asInt());
        assertEquals(0.25, s.get("t").asDouble(), 1e-12);
        assertEquals(3 + 9.0, s.get("originLps").get(2).asDouble(), 1e-9);
        assertEquals(12, j.get("synthesizedCount").asInt());
    }

    @Test
    void positionsFileGivesTheSectionPositions() throws Exception {
        Path in = write("sections.nii.gz", 4, 1);
        Path pos = tmp.resolve("positions.txt");
        Files.writeString(pos, "# section positions, mm\n0\n2.0\n\n6, \n7\n");
        ConfigInterpolateOperation c = config(in, tmp.resolve("out.nii.gz"), 0, "linear");
        c.synthesis.spacingMm = 0.5;
        c.positionsFile = pos;
        InterpolateOperation.Result r = InterpolateOperation.run(c, Job.serial());
        assertEquals(15, r.interpolation().volume().nz());
        assertEquals(3, r.interpolation().plan().measured(14));
        JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(r.sidecar()));
        assertEquals(pos.toAbsolutePath().normalize().toString(), j.get("parameters").get("positionsFile").asText());
        Files.writeString(pos, "0\n1\n");
        IntersliceException e = assertThrows(IntersliceException.class, () -> InterpolateOperation.run(c, Job.serial()));
        assertTrue(e.getMessage().contains("2 slice positions given for 4 slices"), e.getMessage());
        Files.writeString(pos, "0\nten\n");
        e = assertThrows(IntersliceException.class, () -> InterpolateOperation.run(c, Job.serial()));
        assertTrue(e.getMessage().startsWith(pos.toString()) && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void refusesTooMuchMemoryAndOverwritingTheInputBeforeWriting() {
        Path in = write("in.nii.gz", 4, 3);
        ConfigInterpolateOperation c = config(in, tmp.resolve("big.nii.gz"), 100, "linear");
        c.maxMemoryBytes = 1 << 16;
        IntersliceException e = assertThrows(IntersliceException.class, () -> InterpolateOperation.prepare(c, Job.serial()));
        assertTrue(e.getMessage().contains("refused: needs about"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("big.nii.gz")));
        assertThrows(IntersliceException.class, () -> InterpolateOperation.prepare(config(in, in, 2, "linear"), Job.serial()));
        ConfigInterpolateOperation noSide = config(in, tmp.resolve("plain.nii.gz"), 2, "linear");
        noSide.sidecar = false;
        assertNull(InterpolateOperation.run(noSide, Job.serial()).sidecar());
        assertFalse(Files.exists(tmp.resolve("plain.nii.gz.json")));
    }

    /** --pyramid deeper than the interpolated grid halves is refused by prepare, before any slice is made. */
    @Test
    void tooDeepPyramidIsRefusedBeforeWork() {
        Path in = write("in.nii.gz", 4, 3);
        ConfigInterpolateOperation c = config(in, tmp.resolve("out.ome.zarr"), 2, "linear");
        c.write.pyramidLevels = 8;
        IntersliceException e = assertThrows(IntersliceException.class, () -> InterpolateOperation.prepare(c, Job.serial()));
        assertEquals(c.output, e.file());
        assertTrue(e.getMessage().contains("ask for at most"), e.getMessage());
        c.write.pyramidLevels = 1;
        assertTrue(Files.isDirectory(InterpolateOperation.run(c, Job.serial()).output()));
    }

    /**
     * A real gantry-tilted (15 degrees) DICOM series with gaps of 5, 10 and 15 mm, cut from the phantom
     * series by tools/reference/tilted_uneven_fixture.py, which also computed (numpy) where every output
     * slice must land and what linear interpolation puts there.
     */
    @Test
    void tiltedUnevenDicomSeriesLandsWhereTheGeometrySays() throws Exception {
        Path series = Path.of("src/test/resources/tilted-uneven");
        java.util.List<String> lines = Files.readAllLines(Path.of("src/test/resources/tilted-uneven.expected.txt"));
        ConfigInterpolateOperation c = config(series, tmp.resolve("tilted.nii.gz"), 0, "linear");
        c.synthesis.spacingMm = 2.5;
        c.keepShear = true;
        InterpolateOperation.Result r = InterpolateOperation.run(c, Job.serial());
        Volume out = Formats.read(r.output());
        assertEquals(25, out.nz());
        assertEquals(8, out.nz() - r.interpolation().plan().synthesizedCount());
        assertEquals(15.0, out.geometry().gantryTiltDegrees(), 1e-3);
        short[] d = ((ShortVolume) out).data();
        int plane = out.nx() * out.ny(), checkedSlices = 0;
        double[] w = new double[3];
        for (String l : lines) {
            String[] f = l.trim().split(" ");
            if (f[0].equals("origin")) {
                int j = Integer.parseInt(f[1]);
                out.geometry().indexToWorld(0, 0, j, w);
                for (int a = 0; a < 3; a++) assertEquals(Double.parseDouble(f[2 + a]), w[a], 1e-4, "slice " + j + " axis " + a);
            } else if (f[0].equals("values")) {
                int j = Integer.parseInt(f[1]);
                for (int p = 0; p < plane; p++) assertEquals(Integer.parseInt(f[2 + p]), d[j * plane + p], "slice " + j + " voxel " + p);
                checkedSlices++;
            }
        }
        assertEquals(25, checkedSlices);
        JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(r.sidecar()));
        assertEquals("DICOM", j.get("inputFormat").asText());
        assertEquals(35.0, j.get("measuredPositionsMm").get(4).asDouble(), 1e-6);
        assertEquals("measured", j.get("slices").get(14).get("kind").asText());
        assertEquals(4, j.get("slices").get(14).get("inputSlice").asInt());
        assertEquals(0.5, j.get("slices").get(11).get("t").asDouble(), 1e-9);
    }

    /**
     * By default the tilted result moves onto the orthogonal grid of the same slice planes: every output
     * slice keeps its height along the normal, and each voxel is the in-plane linear interpolation of the
     * sheared result at its world position (computed here from the two geometries, not by the resampler).
     */
    @Test
    void tiltedSeriesIsDetiltedOntoTheSameSlicePlanesByDefault() throws Exception {
        Path series = Path.of("src/test/resources/tilted-uneven");
        ConfigInterpolateOperation kept = config(series, tmp.resolve("kept.nii.gz"), 0, "linear");
        kept.synthesis.spacingMm = 2.5;
        kept.keepShear = true;
        Volume sheared = InterpolateOperation.run(kept, Job.serial()).written();
        ConfigInterpolateOperation c = config(series, tmp.resolve("straight.nrrd"), 0, "linear");
        c.synthesis.spacingMm = 2.5;
        InterpolateOperation.Prepared p = InterpolateOperation.prepare(c, Job.serial());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("orthogonal grid")), p.notes().toString());
        InterpolateOperation.Result r = InterpolateOperation.execute(p, Job.serial());
        Volume out = Formats.read(r.output());
        assertTrue(out.geometry().isOrthogonal());
        assertEquals(25, out.nz());
        assertEquals(2.5, out.geometry().spacing(2), 1e-9);
        double[] n = sheared.geometry().normal(), a = new double[3], ix = new double[3];
        for (int j = 0; j < 25; j++) {
            double hs = Geometry.dot(sheared.geometry().indexToWorld(0, 0, j, a), n);
            double ho = Geometry.dot(out.geometry().indexToWorld(0, 0, j, a), n);
            assertEquals(hs, ho, 1e-6, "height of slice " + j);
        }
        int inside = 0;
        for (int k = 0; k < out.nz(); k++)
            for (int y = 0; y < out.ny(); y++)
                for (int x = 0; x < out.nx(); x++) {
                    out.geometry().indexToWorld(x, y, k, a);
                    sheared.geometry().worldToIndex(a[0], a[1], a[2], ix);
                    assertEquals(k, ix[2], 1e-6);
                    int x0 = (int) Math.floor(ix[0]), y0 = (int) Math.floor(ix[1]);
                    if (x0 < 0 || y0 < 0 || x0 + 1 >= sheared.nx() || y0 + 1 >= sheared.ny()) continue;
                    double fx = ix[0] - x0, fy = ix[1] - y0;
                    double v = (1 - fy) * ((1 - fx) * at(sheared, x0, y0, k) + fx * at(sheared, x0 + 1, y0, k))
                            + fy * ((1 - fx) * at(sheared, x0, y0 + 1, k) + fx * at(sheared, x0 + 1, y0 + 1, k));
                    assertEquals(v, out.get(out.index(x, y, k)), 0.5 + 1e-3, "voxel " + x + "," + y + "," + k);
                    inside++;
                }
        assertTrue(inside > 20000, inside + " voxels checked");
        JsonNode j = new ObjectMapper().readTree(Files.readAllBytes(r.sidecar()));
        assertTrue(j.get("grid").asText().startsWith("orthogonal"), j.get("grid").asText());
        assertEquals(out.nx(), j.get("outputDims").get(0).asInt());
        // the header says which slices were synthesized
        String header = new String(Files.readAllBytes(r.output()), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("interslice_synthesized:=1,3-5,7,9-13,15,17,19-23"), header.substring(0, 600));
    }

    private static double at(Volume v, int x, int y, int z) {
        return v.get(v.index(x, y, z));
    }
}
