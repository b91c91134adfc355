package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.interslice.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A manifest of real operations on local[2]: every good row's output is byte for byte the output of the
 * same command run by the command line in this process; bad rows fail with their one-line reason and
 * the others go on; a re-run skips complete work and redoes what changed; --force redoes all.
 */
class BatchRunTest {
    static final Path PHANTOM = Path.of("..", "samples", "ct-phantom", "phantom-5mm.nii.gz").toAbsolutePath().normalize();
    static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = Sparks.context("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void rowsEqualTheCommandLineAndBadRowsFailAlone() throws IOException {
        Path manifest = dir.resolve("jobs.csv");
        Files.writeString(manifest, String.join("\n",
                "# phantom jobs",
                "input,output,operation,options",
                PHANTOM + ",out/iso2.nii,resample,\"--spacing 2,2,2 --interp linear\"",
                PHANTOM + ",out/thin.nii.gz,interpolate,--factor 2 --method linear --no-sidecar",
                PHANTOM + ",out/copy.nrrd,convert,--type float32",
                "missing.nii.gz,out/never.nii,resample,--isotropic",
                PHANTOM + ",out/bad.nii,resample,--spacing -1",
                PHANTOM + ",out/lanczos.nii,resample,\"--size 60,60,20 --interp lanczos\"",
                ""));
        Path report = dir.resolve("results.csv");
        List<Outcome> o = BatchRun.run(spark, manifest, report, false);
        assertEquals(6, o.size());
        assertEquals(List.of("ok", "ok", "ok", "failed", "failed", "ok"), o.stream().map(Outcome::status).toList(), o.toString());
        assertTrue(o.get(3).error().contains("missing.nii.gz") && !o.get(3).error().contains("\n"), o.get(3).error());
        assertTrue(o.get(4).error().startsWith("bad request:") && o.get(4).error().contains("-1"), o.get(4).error());
        // the same commands through the command line, one by one
        cli("resample", PHANTOM.toString(), dir.resolve("iso2.nii").toString(), "--spacing", "2,2,2", "--interp", "linear");
        cli("interpolate", PHANTOM.toString(), dir.resolve("thin.nii.gz").toString(), "--factor", "2", "--method", "linear", "--no-sidecar");
        cli("convert", PHANTOM.toString(), dir.resolve("copy.nrrd").toString(), "--type", "float32");
        cli("resample", PHANTOM.toString(), dir.resolve("lanczos.nii").toString(), "--size", "60,60,20", "--interp", "lanczos");
        String[] names = {"iso2.nii", "thin.nii.gz", "copy.nrrd", null, null, "lanczos.nii"};
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) continue;
            Path batch = dir.resolve("out").resolve(names[i]);
            assertEquals(batch.toString(), o.get(i).output());
            assertEquals(Digests.of(dir.resolve(names[i])), o.get(i).sha256(), names[i] + ": batch output differs from the command line's");
            assertEquals(-1, Files.mismatch(batch, dir.resolve(names[i])), names[i]);
        }
        // the report: header and one line per row, in row order
        List<String> lines = Files.readAllLines(report);
        assertEquals(String.join(",", Outcome.HEADER), lines.get(0));
        assertEquals(7, lines.size());
        assertTrue(lines.get(1).startsWith("1,ok,,"), lines.get(1));

        // a re-run skips what is complete; a removed output and a changed one are made again
        Files.delete(dir.resolve("out/thin.nii.gz"));
        Files.write(dir.resolve("out/copy.nrrd"), new byte[] {1, 2, 3});
        List<Outcome> again = BatchRun.run(spark, manifest, report, false);
        assertEquals(List.of("skipped", "ok", "ok", "failed", "failed", "skipped"), again.stream().map(Outcome::status).toList());
        assertEquals(o.get(2).sha256(), again.get(2).sha256());
        assertEquals(o.get(1).sha256(), again.get(1).sha256());
        // --force runs every row
        List<Outcome> forced = BatchRun.run(spark, manifest, report, true);
        assertEquals(List.of("ok", "ok", "ok", "failed", "failed", "ok"), forced.stream().map(Outcome::status).toList());
        assertEquals(o.get(0).sha256(), forced.get(0).sha256());
    }

    @Test
    void twoRowsWritingOneOutputAreRefused() throws IOException {
        Path manifest = dir.resolve("dup.csv");
        Files.writeString(manifest, "operation,input,output,options\nconvert," + PHANTOM + ",a.nii,\nconvert," + PHANTOM + ",a.nii,--type float32\nconvert,\"unclosed,b.nii,\n");
        List<Outcome> o = BatchRun.run(spark, manifest, dir.resolve("r.csv"), false);
        assertEquals(List.of("ok", "failed", "failed"), o.stream().map(Outcome::status).toList(), o.toString());
        assertTrue(o.get(1).error().contains("also written by row 1"), o.get(1).error());
        assertTrue(o.get(2).error().contains("manifest line 4: unclosed quote"), o.get(2).error());
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), err.toString());
    }
}
