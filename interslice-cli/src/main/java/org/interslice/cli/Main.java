package org.interslice.cli;

import java.io.PrintWriter;
import org.interslice.core.exec.Job;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code interslice} command. Each subcommand is its own class in this package and is
 * listed in {@link #COMMANDS} below; that one line is all it takes to add a command. The options here
 * are global: they are accepted before or after the subcommand name.
 *
 * <p>Start-up: picocli builds a command's model by reflection over its annotations (each annotation type
 * read costs a proxy class generated at run time, outside any class-data archive), so a run that names a
 * built-in command registers only that one; help, usage, unknown and plugin commands register every
 * command.
 */
@Command(name = "interslice", mixinStandardHelpOptions = true, version = "interslice 0.1.0",
        description = "Anisotropic or gappy 3D images to faithful finer grids.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:bad input or failed operation on a file (one line naming the file)",
                "2:bad usage", "3:internal error (rerun with --debug)"})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = "--progress", scope = ScopeType.INHERIT,
            description = "Draw progress bars on stderr even when it is not a terminal.")
    boolean progress;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress bars.")
    boolean quiet;

    /** The built-in subcommands, in the order usage lists them. */
    private static final Class<?>[] COMMANDS = {InfoCommand.class, ConvertCommand.class, ResampleCommand.class,
        InterpolateCommand.class, DemoCommand.class, EvaluateCommand.class, GapsCommand.class, CommandLine.HelpCommand.class};

    /**
     * The names of the first {@code NAMES.length} {@link #COMMANDS} (their {@code @Command} names; MainTest checks), so
     * that finding the named command reads no annotations (reading them parsed the class annotations of every
     * command before picocli read the named one's).
     */
    static final String[] NAMES = {"info", "convert", "resample", "interpolate", "demo", "evaluate", "gaps"};

    public static void main(String[] args) {
        TimelineLog timeline = TimelineLog.fromEnvironment();   // null unless INTERSLICE_TIMELINE is set
        if (timeline == null) System.exit(run(commandLine(args), args));
        timeline.mark("main");
        CommandLine cl = commandLine(args);
        ((Main) cl.getCommand()).timeline = timeline;
        int code = run(cl, args);
        timeline.mark("exit " + code);
        timeline.print(System.err);
        System.exit(code);
    }

    /** Executes {@code args}; also turns Errors (which picocli lets through) into exit code 3. */
    static int run(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (VirtualMachineError | AssertionError e) {
            return Errors.fatal(cl, e);
        }
    }

    /** The configured command line (error handling, exit codes); tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(null, true);
    }

    /**
     * The command line for running {@code args}: only the named built-in command when the first word
     * that is not a global option names one (the others' models are never built), else every command.
     */
    public static CommandLine commandLine(String... args) {
        Class<?> only = null;
        for (String a : args) {
            if (a.startsWith("-")) {
                if (a.equals("--debug") || a.equals("--progress") || a.equals("-q") || a.equals("--quiet")) continue;
                // the version needs no command; --help or a mistake: the whole command line answers
                if ((a.equals("--version") || a.equals("-V")) && args.length == 1) return commandLine(Main.class, false);
                break;
            }
            for (int i = 0; i < NAMES.length; i++) if (a.equals(NAMES[i])) only = COMMANDS[i];
            break;
        }
        return commandLine(only, only == null);
    }

    private static CommandLine commandLine(Class<?> only, boolean plugins) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        for (Class<?> c : COMMANDS) if (only == null || c == only) cl.addSubcommand(c);
        Errors errors = new Errors(main);
        // commands of modules on the class path that the CLI does not depend on (learn, spark)
        if (plugins) for (CommandPlugin plugin : java.util.ServiceLoader.load(CommandPlugin.class)) cl.addSubcommand(plugin.command());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(new ClosingJob(main));
        return cl;
    }

    /**
     * Runs the command, then ends its thread pool (idle workers would also exit by themselves). A class, not a
     * lambda: a lambda of picocli's interface (a Java 5 class file) keeps that interface and RunLast out of the
     * launcher's class-data archive ("old class has been linked" at dump time) and is spun at run time.
     */
    private static final class ClosingJob implements CommandLine.IExecutionStrategy {
        private final Main main;

        ClosingJob(Main main) {
            this.main = main;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                main.closeJob();
            }
        }
    }

    @Override
    public void run() {
        // no subcommand: show what there is
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Progress output for one command: a bar on stderr when stderr is a terminal or --progress was
     * given, nothing with --quiet. Close it when the command ends.
     */
    ConsoleProgress progress(PrintWriter err) {
        boolean on = !quiet && (progress || System.console() != null);
        return new ConsoleProgress(on ? err : null, this);
    }

    /** The pool of this command run: every step of one command shares it (views of one Job). */
    private Job job;
    /** Where the command's job marks its phases ({@link TimelineLog}), or null. */
    private Job.Timeline timeline;

    private synchronized Job commandJob() {
        if (job == null) {
            job = Job.of(Runtime.getRuntime().availableProcessors(), null).withTimeline(timeline);
            job.mark("command parsed");   // the command asks for its job first thing
        }
        return job;
    }

    private synchronized void closeJob() {
        if (job != null) job.close();
        job = null;
    }

    /**
     * A job on all cores reporting to {@code progress}: a view of the one pool of the command run that made
     * the progress ({@link #progress}), so a command makes one pool however many steps it runs; other
     * progress listeners get a job of their own.
     */
    static Job job(Job.Progress progress) {
        if (progress instanceof ConsoleProgress cp && cp.owner() != null) return cp.owner().commandJob().withProgress(progress);
        return Job.of(Runtime.getRuntime().availableProcessors(), progress);
    }
}
