package org.interslice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the command line in-process with captured stdout and stderr, as {@link Main#main} does (Errors
 * that escape picocli included). Every run is guarded by {@link InputGuard}: a file or folder named on
 * the command line that the command changed (other than its output, on success) fails the test.
 */
final class Cli {
    /** Exit code and everything printed. */
    record Result(int exit, String out, String err) {
        /** stderr lines, without the empty last one. */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    private Cli() {}

    static Result run(String... args) {
        return run(Main.commandLine(args), args);
    }

    static Result run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputGuard guard = InputGuard.before(cl, args);
        int code = Main.run(cl, args);
        guard.after(code, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The bundled samples folder of this repository (tests run in interslice-cli/). */
    static Path samples() {
        return Path.of("").toAbsolutePath().getParent().resolve("samples");
    }

    /** A file of the bundled ct-phantom sample; fails when it is missing (it is committed). */
    static Path sample(String name) {
        Path p = samples().resolve("ct-phantom").resolve(name);
        if (!Files.isRegularFile(p)) throw new AssertionError("bundled sample missing: " + p);
        return p;
    }
}
