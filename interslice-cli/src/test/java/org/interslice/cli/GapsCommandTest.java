package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.interslice.core.register.Affine2D;
import org.interslice.core.register.Warp;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.ReadOptions;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaps plan} and {@code gaps finalise} on the command line: output, JSON, exit codes, the final CSV. */
class GapsCommandTest {
    /** Sections 00, 01, 03, 04 as small NIfTI volumes (02 is lost). */
    static Path sections(Path dir) {
        try {
            Files.createDirectories(dir);
            for (int s : new int[] {0, 1, 3, 4}) {
                Volume v = Volume.allocate(PixelType.UINT8, 6, 5, 3, Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 3 * s}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
                for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i + s) % 50);
                Formats.write(v, dir.resolve(String.format("slice_z%02d.nii.gz", s)));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** slice_config.csv for 00..04, section 02 excluded, with a carried column. */
    static Path config(Path dir) {
        try {
            return Files.writeString(dir.resolve("slice_config.csv"), "slice_id,use,exclude_reason,stain\n00,1,,a\n01,1,,b\n02,0,torn,c\n03,1,,d\n04,1,,e\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An outcome folder as gaps fill leaves it: section 02 reconstructed, plus a sidecar that is not an outcome. */
    static Path outcomes(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("slice_z02.diagnostics.json"),
                    "{\"slice_id\": \"02\", \"interpolated\": true, \"method\": \"zmorph\", \"method_used\": \"zmorph\", \"fallback_reason\": null}");
            Files.writeString(dir.resolve("slice_z02.ome.zarr.json"), "{\"tool\": \"interslice gaps fill\"}");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void planListsSingleGapsRunsAndAbsentSections(@TempDir Path dir) throws IOException {
        Path cfg = Files.writeString(dir.resolve("slice_config.csv"),
                "slice_id,use,exclude_reason\n00,1,\n01,1,\n02,0,torn\n03,1,\n04,n,\n05,n,\n06,1,\n08,1,\n");
        Cli.Result r = Cli.run("gaps", "plan", "--config", cfg.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("sections 0 to 8, 5 present, 4 missing in 3 gaps, 2 single (reconstructable)"), r.out());
        assertTrue(r.out().matches("(?s).*single +02 +between 01 and 03 +fill +use=false \\(torn\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*run +04-05 +between 03 and 06 +never filled.*"), r.out());
        assertTrue(r.out().matches("(?s).*single +07 +between 06 and 08 +fill +absent from slice_config.csv.*"), r.out());
        assertTrue(r.err().contains("interslice: warning: sections 04 to 05: 2 missing in a row, not reconstructed"), r.err());

        r = Cli.run("gaps", "plan", "--config", cfg.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("singleGaps").asInt());
        assertEquals("single", j.get("gaps").get(0).get("kind").asText());
        assertEquals("02", j.get("gaps").get(0).get("sections").get(0).get("slice_id").asText());
        assertEquals("01", j.get("gaps").get(0).get("before").get("slice_id").asText());
        assertEquals("run", j.get("gaps").get(1).get("kind").asText());
        assertFalse(j.get("gaps").get(1).get("fill").asBoolean());
        assertEquals("07", j.get("gaps").get(2).get("sections").get(0).get("slice_id").asText());

        // bad input: exit 1 with one line naming the file and line
        Path bad = Files.writeString(dir.resolve("bad.csv"), "slice_id,use\n01,maybe\n");
        r = Cli.run("gaps", "plan", "--config", bad.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("bad.csv: line 2: use: 'maybe' is not a boolean"), r.err());
        assertEquals(2, Cli.run("gaps", "plan").exit(), "--config is required");
    }

    @Test
    void planWithSectionsAndFinaliseWriteTheAuditTrail(@TempDir Path dir) throws IOException {
        Path secs = sections(dir.resolve("secs"));
        Path cfg = config(dir);
        Cli.Result r = Cli.run("gaps", "plan", "--config", cfg.toString(), "--sections", secs.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(secs.resolve("slice_z01.nii.gz").toAbsolutePath().normalize().toString(), j.get("gaps").get(0).get("before").get("volume").asText());

        Path out = outcomes(dir.resolve("out"));
        r = Cli.run("gaps", "finalise", "--config", cfg.toString(), "--sections", secs.toString(), "--outcomes", out.toString());
        assertEquals(0, r.exit(), r.err());
        Path fin = dir.resolve("slice_config_final.csv");
        assertTrue(r.out().contains("wrote " + fin.toAbsolutePath() + ": 1 reconstructed, 0 failed"), r.out());
        assertEquals("slice_id,use,exclude_reason,stain,quality_score,notes,interpolated,interpolation_failed,interpolation_method_used,interpolation_fallback_reason\n"
                + "00,1,,a,,,false,false,,\n01,1,,b,,,false,false,,\n02,0,torn,c,,,true,false,zmorph,\n03,1,,d,,,false,false,,\n04,1,,e,,,false,false,,\n",
                Files.readString(fin));
        // a hard skip: failed, with the gate's reason
        Files.writeString(out.resolve("slice_z02.diagnostics.json"),
                "{\"slice_id\": \"02\", \"ok\": false, \"method\": \"zmorph\", \"method_used\": \"zmorph\", \"fallback_reason\": \"low_overlap_ncc\"}");
        r = Cli.run("gaps", "finalise", "--config", cfg.toString(), "--outcomes", out.toString(), "--out", dir.resolve("f2.csv").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(dir.resolve("f2.csv")).contains("\n02,0,torn,c,,,false,true,zmorph,low_overlap_ncc\n"));
        // the config itself is an input: never the output
        r = Cli.run("gaps", "finalise", "--config", cfg.toString(), "--outcomes", out.toString(), "--out", cfg.toString());
        assertEquals(1, r.exit(), r.err());
    }

    /**
     * Serial sections cut from real anatomy: axial planes 130-169 of Colin27 at 0.5 mm (301 x 370) as five
     * OME-Zarr sections of 8 planes (slice_z00 .. slice_z04,
     * each placed at its depth), section s moved in-plane by s x (1.5, -1) px and s x 1 degree (a
     * histology-like drift); section {@code lost} not written; section {@code noise} (-1 for none) replaced by noise.
     */
    static Path mrSections(Path dir, int lost, int noise) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int s = 0; s < 5; s++)
            if (s != lost) Formats.write(mrSection(s, s == noise), dir.resolve(String.format("slice_z%02d.ome.zarr", s)));
        return dir;
    }

    /** Section s of {@link #mrSections} (noise when {@code noise}). */
    static synchronized Volume mrSection(int s, boolean noise) {
        if (ch2Cache == null) ch2Cache = Formats.read(SharedData.path("mr-brain/ch2.nii.gz")).toFloat();
        FloatVolume f = ch2Cache;
        int nx = f.nx(), ny = f.ny(), n = nx * ny;
        float[] moved = new float[n];
        SplittableRandom r = new SplittableRandom(5);
        double a = Math.toRadians(s), c = Math.cos(a), si = Math.sin(a);
        double[] drift = Affine2D.about(new double[] {c, -si, si, c}, (nx - 1) / 2.0, (ny - 1) / 2.0, 1.5 * s, -s);
        double[] o = f.geometry().indexToWorld(0, 0, 130 + 8 * s);
        Volume v = Volume.allocate(PixelType.UINT8, nx, ny, 8, Geometry.of(f.geometry().spacing(), o, f.geometry().direction()));
        for (int k = 0; k < 8; k++) {
            float[] plane = java.util.Arrays.copyOfRange(f.data(), (130 + 8 * s + k) * n, (131 + 8 * s + k) * n);
            Warp.affine(plane, nx, ny, drift, moved, null);
            for (int i = 0; i < n; i++) v.set(k * n + i, noise ? r.nextInt(256) : moved[i]);
        }
        return v;
    }

    /** Colin27 at 0.5 mm, read once per test run. */
    private static FloatVolume ch2Cache;

    @Test
    void fillReconstructsTheSingleGapFromRegionReadsAndFinaliseRecordsIt(@TempDir Path dir) throws IOException {
        Path secs = mrSections(dir.resolve("secs"), 2, -1);
        Path cfg = Files.writeString(dir.resolve("slice_config.csv"), "slice_id,use,exclude_reason\n00,1,\n01,1,\n02,0,lost\n03,1,\n04,1,\n");
        Path filled = dir.resolve("filled");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", filled.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("section 02: filled by zmorph, 8 planes"), r.out() + r.err());
        Path vol = filled.resolve("slice_z02.ome.zarr");
        ReadOptions ro = ReadOptions.defaults();
        ro.header = new HeaderFields();
        Volume v = Formats.read(vol, ro);
        Volume before = Formats.read(secs.resolve("slice_z01.ome.zarr"));
        assertEquals(java.util.List.of(before.nx(), before.ny(), 8), java.util.List.of(v.nx(), v.ny(), v.nz()));
        assertEquals(PixelType.UINT8, v.type());
        // placed right after the section before: the 8 planes fit between the neighbours' positions
        double[] want = before.geometry().indexToWorld(0, 0, 8), got = v.geometry().origin();
        for (int a = 0; a < 3; a++) assertEquals(want[a], got[a], 1e-6);
        assertEquals("true", ro.header.notes.get("interpolated"));
        assertEquals("[\"slice_z01.ome.zarr\",\"slice_z03.ome.zarr\"]", ro.header.notes.get("source"));
        assertTrue(Files.readString(vol.resolve(".zattrs")).contains("\"interpolated\": true"));
        JsonNode d = new ObjectMapper().readTree(filled.resolve("slice_z02.ome.zarr.diagnostics.json").toFile());
        assertEquals("02", d.get("slice_id").asText());
        assertTrue(d.get("interpolated").asBoolean());
        assertEquals("[2,3,4,5,6,7]", d.get("before").get("planes_read").toString(), "only the last W + slab/2 planes are read");
        assertEquals("[0,1,2,3,4,5]", d.get("after").get("planes_read").toString());
        assertTrue(Files.isRegularFile(filled.resolve("slice_z02.ome.zarr.json")), "provenance sidecar");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(filled.resolve("slice_z02.ome.zarr.preview.png").toFile());
        assertTrue(png.getWidth() > 400, "preview of four panels");
        // the middle plane follows the true (dropped, drifted) section better than either neighbour surface does
        Volume truthSecs = mrSection(2, false);
        Volume after = Formats.read(secs.resolve("slice_z03.ome.zarr"));
        double made = ncc(v, 4, truthSecs, 4), fromBefore = ncc(before, 7, truthSecs, 4), fromAfter = ncc(after, 0, truthSecs, 4);
        assertTrue(made > Math.max(fromBefore, fromAfter), made + " vs surfaces " + fromBefore + ", " + fromAfter);

        r = Cli.run("gaps", "finalise", "--config", cfg.toString(), "--sections", secs.toString(), "--outcomes", filled.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(dir.resolve("slice_config_final.csv")).contains("\n02,0,lost,,,true,false,zmorph,\n"));

        // a neighbour of unrelated content: a hard skip, no volume (the earlier one is removed), the reason recorded
        Path bad = mrSections(dir.resolve("bad"), 2, 3);
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", bad.toString(), "--out", filled.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("interslice: section 02 skipped (no volume written): "), r.err());
        assertFalse(Files.exists(vol), "no volume for a skipped section");
        d = new ObjectMapper().readTree(filled.resolve("slice_z02.ome.zarr.diagnostics.json").toFile());
        assertFalse(d.get("interpolated").asBoolean());
        String reason = d.get("fallback_reason").asText();
        r = Cli.run("gaps", "finalise", "--config", cfg.toString(), "--outcomes", filled.toString(), "--out", dir.resolve("f2.csv").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(dir.resolve("f2.csv")).contains("\n02,0,lost,,,false,true,zmorph," + reason + "\n"), reason);
        // the output folder may not be the sections folder
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", secs.toString());
        assertEquals(1, r.exit(), r.err());
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", secs.resolve("filled").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("inside) the sections folder"), r.err());
        assertEquals(2, Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString()).exit(), "--out is required");
    }

    @Test
    void neighboursOnDifferentGridsAreSkippedWithoutAVolume(@TempDir Path dir) throws IOException {
        Path secs = Files.createDirectories(dir.resolve("secs"));
        for (int s : new int[] {0, 2}) {
            Volume v = Volume.allocate(PixelType.UINT8, s == 0 ? 20 : 22, 20, 4, Geometry.identity());
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, i % 97);
            Formats.write(v, secs.resolve("sec" + s + ".nii.gz"));
        }
        Path cfg = Files.writeString(dir.resolve("c.csv"), "slice_id,use\n0,1\n1,0\n2,1\n");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", dir.resolve("o").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("section 1 skipped (no volume written): neighbour_grids_differ"), r.err());
        assertFalse(Files.exists(dir.resolve("o/sec1.nii.gz")));
        JsonNode d = new ObjectMapper().readTree(dir.resolve("o/sec1.nii.gz.diagnostics.json").toFile());
        assertEquals("neighbour_grids_differ", d.get("fallback_reason").asText());
        assertTrue(Files.isRegularFile(dir.resolve("o/sec1.nii.gz.preview.png")));
    }

    @Test
    void anOutputFolderInsideTheSectionsFolderIsRefusedBeforeAnyWrite(@TempDir Path dir) throws IOException {
        Path secs = sections(dir.resolve("secs"));
        Path cfg = config(dir);
        // a subfolder would be read as a section folder by the next run (its PNG previews make an image
        // stack); a folder inside a section's own OME-Zarr or DICOM folder would change that input
        for (Path out : new Path[] {secs.resolve("filled"), secs.resolve("slice_z04.nii.gz.d/x")}) {
            Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("is (inside) the sections folder"), r.err());
            assertFalse(Files.exists(out), "nothing written: " + out);
        }
        try (java.util.stream.Stream<Path> s = Files.list(secs)) {
            assertEquals(4, s.count(), "the sections folder is as it was");
        }
    }

    /**
     * {@code --pyramid} deeper than a reconstructed section halves is refused before any section is filled:
     * one line, exit 1, nothing written. Sections 00 to 03 are 24 x 24 (5 levels), 04 to 06 are 8 x 8 (3 levels);
     * gaps 02 and 05 are single. Checked at write time instead, the refusal came after the registration of every
     * section before, and not at all for a section the registration skipped (as both are here: noise sections).
     */
    @Test
    void aPyramidTooDeepForASectionIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path secs = Files.createDirectories(dir.resolve("secs"));
        for (int s : new int[] {0, 1, 3, 4, 6}) {
            int size = s < 4 ? 24 : 8;
            Volume v = Volume.allocate(PixelType.UINT8, size, size, 3, Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 3 * s}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, (i * 7 + s) % 50);
            Formats.write(v, secs.resolve(String.format("slice_z%02d.ome.zarr", s)));
        }
        Path cfg = Files.writeString(dir.resolve("c.csv"), "slice_id,use\n00,1\n01,1\n02,0\n03,1\n04,1\n05,0\n06,1\n");
        Path out = dir.resolve("filled");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString(), "--pyramid", "4");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("slice_z05.ome.zarr") && r.err().contains("--pyramid 4") && r.err().contains("at most 3"), r.err());
        assertFalse(Files.exists(out), "nothing written");
        // 3 levels fit both: the run goes on to the sections (skipped here, each with its diagnostics)
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString(), "--pyramid", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("slice_z02.ome.zarr.diagnostics.json")) && Files.isRegularFile(out.resolve("slice_z05.ome.zarr.diagnostics.json")));
    }

    /** A section that cannot be read (truncated) fails the fill in one line, leaving no output folder behind. */
    @Test
    void anUnreadableSectionLeavesNoOutputFolder(@TempDir Path dir) throws IOException {
        Path secs = sections(dir.resolve("secs"));
        Path cfg = config(dir);
        Path cut = secs.resolve("slice_z01.nii.gz");
        byte[] b = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        Path out = dir.resolve("filled");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("slice_z01.nii.gz"), r.err());
        assertFalse(Files.exists(out), "no empty output folder left");
    }

    @Test
    void labelMapsGetOnlyTheirOwnLabels(@TempDir Path dir) throws IOException {
        // zmorph blends intensities: between labels 3 and 9 it would write 6, a class that is not there;
        // label maps take the label path (nearest-neighbour warps, shape-based blend) or stay a gap
        Volume lab = Volume.allocate(PixelType.UINT8, 6, 5, 5, Geometry.identity()).asLabel(true);
        for (int i = 0; i < lab.voxelCount(); i++) lab.set(i, i % 2 == 0 ? 3 : 9);
        Path in = dir.resolve("lab.nii.gz");
        Formats.write(lab, in);
        Path out = dir.resolve("out.nii.gz");
        Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "2");
        assertEquals(0, r.exit(), r.err());
        Volume back = Formats.read(out);
        for (int i = 0; i < back.voxelCount(); i++) {
            double x = back.get(i);
            assertTrue(x == 3 || x == 9, "voxel " + i + " holds " + x + ", not a label of the input");
        }
    }

    /**
     * Sections one pixel wide (1 x 32 x 4): the registration cannot run on them, so the gap is a hard skip with
     * its reason in one stderr line (exit 0, diagnostics written), never a crash or a hang; a --pyramid deeper
     * than the 32 pixels along y allow (5 levels; x is never halved below its one pixel) is refused first.
     */
    @Test
    void sectionsOnePixelWideAreSkippedInOneLine(@TempDir Path dir) throws IOException {
        Path secs = Files.createDirectories(dir.resolve("secs"));
        for (int s : new int[] {0, 1, 3, 4}) {
            Volume v = Volume.allocate(PixelType.UINT8, 1, 32, 4, Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 4 * s}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
            for (int i = 0; i < v.voxelCount(); i++) v.set(i, 40 + (Math.abs(i % 32 - 16) < 6 ? 150 : 0) + i % 7);
            Formats.write(v, secs.resolve(String.format("slice_z%02d.ome.zarr", s)));
        }
        Path cfg = config(dir), out = dir.resolve("filled");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString(), "--pyramid", "6");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.errLines().length == 1 && r.err().contains("at most 5"), r.err());
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", out.toString(), "--pyramid", "5");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("section 02 skipped") && r.err().contains("image 1 x 32 is too small to register"), r.err());
        assertTrue(Files.isRegularFile(out.resolve("slice_z02.ome.zarr.diagnostics.json")));
    }

    /**
     * average, weighted and morph blend values, so a label map refuses them in both modes: exit 1, one line
     * naming the volume, nothing written (they threw IllegalArgumentException from the settings' check: exit 3,
     * "internal error"; in section mode only after the sections before were filled).
     */
    @Test
    void aLabelMapRefusesTheBlendingMethodsInOneLine(@TempDir Path dir) throws IOException {
        Volume lab = Volume.allocate(PixelType.UINT8, 6, 5, 5, Geometry.identity()).asLabel(true);
        for (int i = 0; i < lab.voxelCount(); i++) lab.set(i, i % 2 == 0 ? 3 : 9);
        Path in = dir.resolve("lab.nii.gz");
        Formats.write(lab, in);
        Path out = dir.resolve("out.nii.gz");
        for (String method : new String[] {"average", "weighted", "morph"}) {
            Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "2", "--method", method);
            assertEquals(1, r.exit(), method + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("interslice: " + in + ": a label map") && r.err().contains(method), r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
        Path secs = sections(dir.resolve("secs"));
        Path cfg = config(dir);
        Path filled = dir.resolve("filled");
        Cli.Result r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", filled.toString(),
                "--labels", "--method", "weighted");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("slice_z01.nii.gz: a label map") && r.err().contains("weighted"), r.err());
        assertFalse(Files.exists(filled), "nothing written");
    }

    /**
     * Labels above 2^24 stay exact through zmorph's label path, in a volume ({@code --missing}) and between
     * sections: 16777217 and 16777219 are not floats (they would be written as 16777216 and 16777220).
     */
    @Test
    void labelsAbove2To24StayExact(@TempDir Path dir) throws IOException {
        int nx = 40, ny = 36;
        java.util.Set<Long> labels = java.util.Set.of(0L, 16777217L, 16777219L);
        Volume lab = Volume.allocate(PixelType.INT32, nx, ny, 9, Geometry.identity()).asLabel(true);
        for (int z = 0; z < 9; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
            double dx = x - 18 - 0.5 * z, dy = y - 17;
            boolean lost = z == 4;   // the missing slice holds nothing: a skipped fill would leave only 0
            lab.set(lab.index(x, y, z), lost ? 0 : dx * dx + dy * dy <= 36 ? 16777217 : Math.abs(dx) <= 12 && Math.abs(dy) <= 10 ? 16777219 : 0);
        }
        Path in = dir.resolve("lab.nii.gz");
        Formats.write(lab, in);
        Path out = dir.resolve("out.nii.gz");
        Cli.Result r = Cli.run("gaps", "fill", in.toString(), out.toString(), "--missing", "4", "-q");
        assertEquals(0, r.exit(), r.err());
        Volume back = Formats.read(out);
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        for (int i = 4 * nx * ny; i < 5 * nx * ny; i++) seen.add((long) back.get(i));
        assertEquals(new java.util.TreeSet<>(labels), seen, "labels of the filled slice");

        Path secs = Files.createDirectories(dir.resolve("secs"));
        for (int s : new int[] {0, 2}) {
            Volume v = Volume.allocate(PixelType.INT32, nx, ny, 4, Geometry.of(new double[] {1, 1, 1}, new double[] {0, 0, 4 * s}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1})).asLabel(true);
            for (int z = 0; z < 4; z++) for (int i = 0; i < nx * ny; i++) v.set(z * nx * ny + i, lab.get((s == 0 ? z / 2 : 6 + z / 2) * nx * ny + i));
            Formats.write(v, secs.resolve("sec" + s + ".nii.gz"));
        }
        Path cfg = Files.writeString(dir.resolve("c.csv"), "slice_id,use\n0,1\n1,0\n2,1\n");
        r = Cli.run("gaps", "fill", "--config", cfg.toString(), "--sections", secs.toString(), "--out", dir.resolve("o").toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        Volume filled = Formats.read(dir.resolve("o/sec1.nii.gz"));
        seen.clear();
        for (int i = 0; i < filled.voxelCount(); i++) seen.add((long) filled.get(i));
        assertEquals(new java.util.TreeSet<>(labels), seen, "labels of the filled section");
    }

    @Test
    void aBrokenOutcomeFileIsOneLineWithoutParserInternals(@TempDir Path dir) throws IOException {
        Path filled = outcomes(dir.resolve("filled"));
        Files.writeString(filled.resolve("cut.diagnostics.json"), "{\"slice_id\": \"02\"");
        Cli.Result r = Cli.run("gaps", "finalise", "--config", config(dir).toString(), "--outcomes", filled.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("cut.diagnostics.json: not valid JSON: "), r.err());
        assertFalse(r.err().contains("Source:") || r.err().contains("REDACTED"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("slice_config_final.csv")));
    }

    /** NCC of plane za of a and plane zb of b over the whole plane. */
    private static double ncc(Volume a, int za, Volume b, int zb) {
        int n = a.nx() * a.ny();
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            double x = a.get(za * n + i), y = b.get(zb * n + i);
            sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
        }
        double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return cov / Math.sqrt(va * vb);
    }
}
