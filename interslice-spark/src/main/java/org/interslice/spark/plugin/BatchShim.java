package org.interslice.spark.plugin;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code interslice batch ...} as the command line sees it at start-up: every argument is handed to the
 * real command ({@code org.interslice.spark.BatchCommand}), which is loaded only now, from
 * {@code lib/} beside this class's jar (the launcher's {@code interslice-spark/target/plugin/lib/}: this
 * module's classes and Spark's closure, about 130 jars the JVM would otherwise open at every start), or
 * from the class path when the module is on it already (the launcher's {@code batch}, tests, the cluster
 * jar under spark-submit).
 */
@Command(name = "batch", description = "Run operations on Apache Spark: a manifest of rows, or one volume in blocks (batch --help).",
        helpCommand = false)
final class BatchShim implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ClassLoader loader = loader();
        Thread.currentThread().setContextClassLoader(loader);
        chooseLogging(loader);
        Object command = Class.forName("org.interslice.spark.BatchCommand", true, loader).getDeclaredConstructor().newInstance();
        CommandLine cl = new CommandLine(command);
        cl.getCommandSpec().name("interslice batch");   // usage lines as the user typed the command
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(spec.commandLine().getOut());
        cl.setErr(spec.commandLine().getErr());
        ParseResult parsed = cl.parseArgs(args.toArray(new String[0]));   // a usage error propagates: exit 2
        if (CommandLine.printHelpIfRequested(parsed)) return 0;
        while (parsed.hasSubcommand()) parsed = parsed.subcommand();
        Object leaf = parsed.commandSpec().userObject();
        @SuppressWarnings("unchecked") Callable<Integer> run = (Callable<Integer>) leaf;
        return run.call();   // errors propagate to the command line's handler (exit 1 for bad input)
    }

    /** Log4j's SLF4J provider, which Spark's logging configuration drives. */
    static final String LOG4J_PROVIDER = "org.apache.logging.slf4j.SLF4JServiceProvider";

    /**
     * Names Spark's SLF4J provider (Log4j) as the one to use, when the SLF4J API that {@code loader} sees
     * can load it and none is named yet: with another provider on the class path too (interslice-learn
     * brings slf4j-nop for its library's logging), SLF4J would otherwise print five lines about several
     * providers on every run, and pick one by class path order. Its notes about the named provider are
     * silenced (warnings and errors still show).
     *
     * @return the provider named, or null when left to SLF4J
     */
    static String chooseLogging(ClassLoader loader) {
        if (System.getProperty("slf4j.provider") != null) return null;
        try {
            ClassLoader api = Class.forName("org.slf4j.LoggerFactory", false, loader).getClassLoader();
            Class.forName(LOG4J_PROVIDER, false, api);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        System.setProperty("slf4j.provider", LOG4J_PROVIDER);
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "WARN");
        return LOG4J_PROVIDER;
    }

    /** lib/*.jar beside this jar in a class loader over the application's, or the application's own. */
    private static ClassLoader loader() throws IOException {
        ClassLoader app = BatchShim.class.getClassLoader();
        if (app.getResource("org/interslice/spark/BatchCommand.class") != null) return app;   // the launcher's batch class path
        URL self = BatchShim.class.getProtectionDomain().getCodeSource() == null ? null : BatchShim.class.getProtectionDomain().getCodeSource().getLocation();
        if (self == null || !"file".equals(self.getProtocol())) return app;
        Path lib;
        try {
            lib = Path.of(self.toURI()).resolveSibling("lib");
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return app;   // not a plain file: use the class path as it is
        }
        if (!Files.isDirectory(lib)) return app;
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) jars.add(url(p.toFile()));
        }
        return new URLClassLoader(jars.toArray(new URL[0]), app);
    }

    private static URL url(File f) throws MalformedURLException {
        return f.toURI().toURL();
    }
}
