package org.interslice.io.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --pyramid}: every level's values, shape, scale and translation against numpy/scipy
 * ({@code tools/reference/pyramid_expected.py fixture}, committed as {@code pyramid_expected.json}); chunks
 * without a compressor at level 0; Interslice attributes in {@code .zattrs} read back as header notes.
 */
class PyramidWriteTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> fixture() throws IOException {
        try (InputStream in = PyramidWriteTest.class.getResourceAsStream("pyramid_expected.json")) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The volumes of the reference script, built by the same formulas. */
    static Volume volume(String name, Map<String, Object> c) {
        List<?> d = (List<?>) c.get("dims_xyz"), s = (List<?>) c.get("spacing_xyz"), o = (List<?>) c.get("origin_xyz");
        int nx = num(d.get(0)), ny = num(d.get(1)), nz = num(d.get(2));
        Geometry g = Geometry.of(new double[] {(Double) s.get(0), (Double) s.get(1), (Double) s.get(2)},
                new double[] {(Double) o.get(0), (Double) o.get(1), (Double) o.get(2)}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        PixelType t = PixelType.parse((String) c.get("dtype"));
        Volume v = Volume.allocate(t, nx, ny, nz, g);
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            double val = switch (name) {
                case "image" -> ((x * 37L + y * 101L + z * 211L) * 7919L) % 2000 - 700;
                case "float" -> (float) (Math.sin(x * 0.7) * 100 + y * 3.25 - z * 1.5);
                default -> ((x * 13L + y * 7L + z * 5L) * 31L) % 7;
            };
            v.set(v.index(x, y, z), val);
        }
        return v.asLabel((Boolean) c.get("label"));
    }

    private static int num(Object o) {
        return (int) (double) (Double) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void levelsMatchNumpyInValuesShapeScaleAndTranslation() throws IOException {
        Map<String, Object> cases = (Map<String, Object>) fixture().get("cases");
        assertEquals(3, cases.size());
        for (Map.Entry<String, Object> e : cases.entrySet()) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            List<Object> levels = (List<Object>) c.get("levels");
            WriteOptions w = WriteOptions.defaults();
            w.pyramidLevels = levels.size() - 1;
            Path p = dir.resolve(e.getKey() + ".ome.zarr");
            Volume v = volume(e.getKey(), c);
            Formats.write(v, p, w);
            Map<String, Object> attrs = ZarrArray.readJson(p.resolve(".zattrs"));
            Map<String, Object> ms = (Map<String, Object>) ((List<Object>) attrs.get("multiscales")).get(0);
            List<Object> ds = (List<Object>) ms.get("datasets");
            assertEquals(levels.size(), ds.size(), e.getKey());
            assertEquals(v.isLabel() ? "mode" : "mean", ms.get("type"));
            for (int k = 0; k < levels.size(); k++) {
                Map<String, Object> want = (Map<String, Object>) levels.get(k);
                Map<String, Object> got = (Map<String, Object>) ds.get(k);
                assertEquals(Integer.toString(k), got.get("path"));
                List<Object> ct = (List<Object>) got.get("coordinateTransformations");
                assertClose((List<Object>) want.get("scale_zyx"), (List<Object>) ((Map<String, Object>) ct.get(0)).get("scale"), e.getKey() + " scale " + k);
                assertClose((List<Object>) want.get("translation_zyx"), (List<Object>) ((Map<String, Object>) ct.get(1)).get("translation"), e.getKey() + " translation " + k);
                Volume lv = Formats.read(p.resolve(Integer.toString(k)));   // the level's bare array
                List<Object> shape = (List<Object>) want.get("shape_zyx");
                assertEquals(List.of(num(shape.get(2)), num(shape.get(1)), num(shape.get(0))), List.of(lv.nx(), lv.ny(), lv.nz()), e.getKey() + " shape " + k);
                assertEquals(v.type(), lv.type());
                List<Object> vals = (List<Object>) want.get("values");
                assertEquals(vals.size(), lv.voxelCount());
                double tol = v.type() == PixelType.FLOAT32 ? 1e-4 : 0;
                for (int i = 0; i < vals.size(); i++)
                    assertEquals((Double) vals.get(i), lv.get(i), tol, e.getKey() + " level " + k + " voxel " + i);
            }
            // the image itself reads back as level 0, where it was
            Volume back = Formats.read(p);
            assertEquals(v.nx(), back.nx());
            for (int i = 0; i < v.voxelCount(); i++) assertEquals(v.get(i), back.get(i), 0.0);
        }
    }

    private static void assertClose(List<Object> want, List<Object> got, String what) {
        assertEquals(want.size(), got.size(), what);
        for (int i = 0; i < want.size(); i++) assertEquals((Double) want.get(i), (Double) got.get(i), 1e-9, what);
    }

    @Test
    void morePyramidLevelsThanTheVolumeHasAreRefusedBeforeAnyWrite() {
        Volume v = Volume.allocate(PixelType.INT16, 40, 40, 3, Geometry.identity());
        WriteOptions w = WriteOptions.defaults();
        w.pyramidLevels = 6;   // 40x40x3 reaches 1x1x1 at level 6
        Path ok = dir.resolve("ok.ome.zarr");
        Formats.write(v, ok, w);
        assertTrue(Files.isDirectory(ok.resolve("6")));
        w.pyramidLevels = 7;   // level 7 would repeat level 6
        Path p = dir.resolve("deep.ome.zarr");
        org.interslice.core.IntersliceException e = org.junit.jupiter.api.Assertions.assertThrows(org.interslice.core.IntersliceException.class, () -> Formats.write(v, p, w));
        assertTrue(e.getMessage().contains("ask for at most 6"), e.getMessage());
        assertTrue(e.getMessage().contains("deep.ome.zarr"), e.getMessage());
        assertTrue(!Files.exists(p), "nothing written");
    }

    @Test
    void levelZeroWritesChunksWithoutACompressor() throws IOException {
        Volume v = Volume.allocate(PixelType.UINT16, 5, 4, 3, Geometry.identity());
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i * 1000);
        WriteOptions w = WriteOptions.defaults();
        w.gzipLevel = 0;
        Path p = dir.resolve("raw.ome.zarr");
        Formats.write(v, p, w);
        assertNull(ZarrArray.readJson(p.resolve("0/.zarray")).get("compressor"));
        assertEquals(5 * 4 * 3 * 2, Files.size(p.resolve("0/0/0/0")), "one chunk, raw bytes");
        Volume back = Formats.read(p);
        for (int i = 0; i < v.voxelCount(); i++) assertEquals(v.get(i), back.get(i), 0.0);
    }

    @Test
    void notesAreWrittenAsAttributesAndReadBack() throws IOException {
        Volume v = Volume.allocate(PixelType.UINT8, 3, 3, 2, Geometry.identity());
        WriteOptions w = WriteOptions.defaults();
        w.header.description = "section 05, reconstructed";
        w.header.note("interpolated", "true").note("method", "zmorph").note("source", "[\"s04.ome.zarr\",\"s06.ome.zarr\"]")
                .note("alpha", "0.5").note("padded", "007");
        Path p = dir.resolve("attrs.ome.zarr");
        Formats.write(v, p, w);
        String text = Files.readString(p.resolve(".zattrs"));
        assertTrue(text.contains("\"interpolated\": true"), text);
        assertTrue(text.contains("\"source\": [\"s04.ome.zarr\",\"s06.ome.zarr\"]"), text);
        assertTrue(text.contains("\"padded\": \"007\""), "007 is not the JSON number it would read back as: " + text);
        ReadOptions r = ReadOptions.defaults();
        r.header = new HeaderFields();
        Formats.read(p, r);
        assertEquals("section 05, reconstructed", r.header.description);
        assertEquals(Map.of("interpolated", "true", "method", "zmorph", "source", "[\"s04.ome.zarr\",\"s06.ome.zarr\"]", "alpha", "0.5", "padded", "007"),
                r.header.notes);
    }
}
