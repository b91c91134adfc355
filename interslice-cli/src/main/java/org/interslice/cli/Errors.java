package org.interslice.cli;

import java.io.PrintWriter;
import org.interslice.core.IntersliceException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one stderr line and an exit code: 1 for {@link IntersliceException} (bad input,
 * failed file operation), 2 for bad usage, 3 for anything else (a bug). Stack traces only with --debug.
 */
final class Errors implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {
    static final int INPUT = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int INTERNAL = 3;

    private final Main main;

    Errors(Main main) {
        this.main = main;
    }

    @Override
    public int getExitCode(Throwable t) {
        return t instanceof IntersliceException ? INPUT : INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof IntersliceException) {
            // the message is already "file: reason", one line
            err.println("interslice: " + oneLine(ex.getMessage()));
        } else {
            err.println("interslice: internal error: " + oneLine(ex.toString()) + "; rerun with --debug");
        }
        if (main.debug) ex.printStackTrace(err);
        err.flush();
        return cmd.getExitCodeExceptionMapper() != null ? cmd.getExitCodeExceptionMapper().getExitCode(ex) : getExitCode(ex);
    }

    /** One line for an Error that escaped the command (out of memory, a failed assertion); exit code 3. */
    static int fatal(CommandLine cl, Throwable t) {
        PrintWriter err = cl.getErr();
        if (t instanceof OutOfMemoryError) {
            err.println("interslice: internal error: out of memory (" + oneLine(t.getMessage())
                    + "); give Java more heap with INTERSLICE_JAVA_OPTS=-Xmx<size>");
        } else {
            err.println("interslice: internal error: " + oneLine(t.toString()) + "; rerun with --debug");
        }
        if (((Main) cl.getCommand()).debug) t.printStackTrace(err);
        err.flush();
        return INTERNAL;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("interslice: " + oneLine(ex.getMessage()));
        // "did you mean" for a mistyped subcommand or option
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (main.debug) ex.printStackTrace(err);
        err.flush();
        return USAGE;
    }

    /** One line with control characters escaped (a file name cannot act on the terminal). */
    static String oneLine(String s) {
        return s == null ? "" : IntersliceException.printable(s.replace('\n', ' ').replace('\r', ' '));
    }
}
