package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code interslice batch} reaches the command line through the plugin seam, with its exit codes. */
class BatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLineRunsAManifestAndExitsOneOnAFailedRow() throws Exception {
        CommandLine cl = Main.commandLine();
        assertTrue(cl.getSubcommands().containsKey("batch"), "batch added by the plugin");
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, "input,output,operation,options\n" + BatchRunTest.PHANTOM + ",out/a.mha,convert,\nnone.nii,out/b.nii,convert,\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("batch", manifest.toString(), "--out-report", dir.resolve("r.csv").toString(), "--master", "local[1]");
        assertEquals(1, code, err.toString());
        assertTrue(out.toString().contains("2 rows: 1 written, 0 skipped (complete), 1 failed"), out.toString());
        assertTrue(err.toString().contains("interslice: row 2: ") && err.toString().contains("none.nii"), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/a.mha")));
        assertEquals(3, Files.readAllLines(dir.resolve("r.csv")).size());
        // usage errors: exit 2
        assertEquals(2, cl.execute("batch", manifest.toString()));
        assertEquals(2, cl.execute("batch", "resample", manifest.toString(), dir.resolve("o.nii").toString(), "--isotropic", "--master", "local[1]"));
    }
}
