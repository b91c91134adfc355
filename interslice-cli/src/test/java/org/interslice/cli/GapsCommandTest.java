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
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
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
}
