package org.interslice.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The operation settings a command line stands for, made by the command's own picocli parse and checks
 * but without running it or printing anything: for modules that run the same operations elsewhere (the
 * Spark {@code batch} command runs manifest rows on executors), so that there is one parser of each
 * command's options.
 */
public final class CommandConfigs {
    /** The commands whose settings {@link #parse} returns. */
    public static final List<String> COMMANDS = List.of("resample", "interpolate", "convert", "evaluate");

    private CommandConfigs() {}

    /**
     * Parses one command line as {@code interslice} would.
     *
     * @param args the subcommand's name and its arguments, e.g. {@code resample in.nii out.nii --spacing 1}
     * @return a {@link org.interslice.ops.ConfigResampleOp}, {@link org.interslice.ops.ConfigInterpolateOperation},
     *         {@link org.interslice.ops.ConfigConvertOp} or {@link org.interslice.ops.report.ConfigEvaluateRun}
     * @throws IllegalArgumentException for a usage error (the message the command line would print), a
     *         command not in {@link #COMMANDS}, or a help or version request
     */
    public static Object parse(List<String> args) {
        if (args.isEmpty() || !COMMANDS.contains(args.get(0)))
            throw new IllegalArgumentException("operation '" + (args.isEmpty() ? "" : args.get(0)) + "' is not one of " + String.join(", ", COMMANDS));
        CommandLine cl = Main.commandLine();
        try {
            ParseResult parsed = cl.parseArgs(args.toArray(new String[0]));
            ParseResult sub = parsed.subcommand();
            if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested()) throw new IllegalArgumentException("help was asked for, not an operation");
            Object command = sub.commandSpec().userObject();
            if (command instanceof ResampleCommand r) return r.config();
            if (command instanceof InterpolateCommand i) return i.config();
            if (command instanceof ConvertCommand c) return c.config();
            if (command instanceof EvaluateCommand e) return e.config();
            throw new IllegalStateException("no settings for " + command.getClass().getName());
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
