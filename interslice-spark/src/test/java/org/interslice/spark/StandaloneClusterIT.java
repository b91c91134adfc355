package org.interslice.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.interslice.cli.Main;
import org.interslice.io.SharedData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 18 item 4 on a real Spark standalone cluster, run by {@code ./mvnw verify} (failsafe, after
 * {@code package}, so the cluster jar exists): a master and a worker (2 cores) are started as child JVMs on
 * 127.0.0.1 from Spark's jars alone (the module's {@code target/plugin/lib/} Spark closure plus the Jackson
 * release on this class path), at free ports, with the worker's folder under {@code target/}. A batch of real
 * volumes from ../shared/data is submitted with {@code SparkSubmit} and the cluster jar, as a user would
 * submit to an existing cluster; every output must equal, byte for byte, the same command run on this
 * machine by the command line in this JVM. The batch is submitted again with {@code --force} and its
 * executor ({@code CoarseGrainedExecutorBackend}, a child of the worker) killed with SIGKILL as soon as it
 * starts a task: the driver must lose the running tasks, run them again on a new executor, and every output
 * must again be byte for byte the first run's. Every child is stopped in {@code finally} and by a shutdown
 * hook, and every wait has a deadline, so a hung Spark fails the test instead of hanging the build.
 */
class StandaloneClusterIT {
    private static final long START_SECONDS = 90, SUBMIT_SECONDS = 240;
    private static final Pattern RETRIED = Pattern.compile("Running task \\d+\\.[1-9]\\d* in stage");

    private final List<Process> started = new ArrayList<>();
    private final Thread reaper = new Thread(this::stopAll, "spark-it-reaper");

    /** One manifest row: input (under shared/data), output name, operation, options. */
    private record Row(Path input, String output, String operation, String options) {}

    @Test
    void aBatchOnAStandaloneClusterEqualsTheCommandLineAndSurvivesAKilledExecutor() throws Exception {
        List<Row> rows = List.of(
                new Row(SharedData.path("ct-phantom/5mm"), "phantom-1mm.nii", "interpolate", "--factor 5 --method linear --no-sidecar"),
                new Row(SharedData.path("mr-brain/ch2-1mm.nii.gz"), "ch2-1.5mm.nii", "resample", "--spacing 1.5 --interp bspline"),
                new Row(SharedData.path("niivue-samples/torsoLabel.nii.gz"), "torso-2.5mm.nii.gz", "resample", "--spacing 0.782,0.782,2.5"),
                new Row(SharedData.path("niivue-samples/FLAIR.nrrd"), "flair.mha", "convert", "--type float32"),
                new Row(SharedData.path("mr-brain/aal.nii.gz"), "aal-1.5mm.nii", "resample", "--spacing 1.5 --interp lanczos"));
        Path target = Path.of(System.getProperty("interslice.spark.target", "target")).toAbsolutePath();
        Path clusterJar = Path.of(System.getProperty("interslice.spark.clusterJar", ""));
        assertTrue(Files.isRegularFile(clusterJar), "no cluster jar at " + clusterJar + " (failsafe runs after package)");
        Path work = Files.createTempDirectory(Files.createDirectories(target), "spark-it-");
        Path jars = sparkHome(target.resolve("plugin/lib"), work.resolve("home"));
        String cp = jars + "/*";
        Map<String, String> env = Map.of("SPARK_HOME", jars.getParent().toString(), "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_SCALA_VERSION", "2.13");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int port = freePort();
            Process master = start(work.resolve("master.log"), env, "-Xmx256m", "-cp", cp, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            awaitLine(master, work.resolve("master.log"), "I have been elected leader");
            Path workerDir = Files.createDirectories(work.resolve("worker"));
            Process worker = start(work.resolve("worker.log"), env, "-Xmx256m", "-cp", cp, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", workerDir.toString(), "spark://127.0.0.1:" + port);
            awaitLine(worker, work.resolve("worker.log"), "Successfully registered with master");

            Path manifest = work.resolve("jobs.csv");
            StringBuilder m = new StringBuilder("input,output,operation,options\n");
            for (Row r : rows) m.append(r.input).append(",out/").append(r.output).append(',').append(r.operation).append(",\"").append(r.options).append("\"\n");
            Files.writeString(manifest, m);
            List<String> submit = List.of("-Xmx1g", "-cp", cp, "org.apache.spark.deploy.SparkSubmit", "--master", "spark://127.0.0.1:" + port,
                    "--class", "org.interslice.cli.Main", "--executor-memory", "1g", "--conf", "spark.task.maxFailures=4",
                    clusterJar.toString(), "batch", manifest.toString());

            // run 1: the batch on the cluster
            Process run1 = start(work.resolve("submit1.log"), env, concat(submit, "--out-report", work.resolve("run1.csv").toString()));
            assertEquals(0, awaitExit(run1, work.resolve("submit1.log")), "run 1 failed:\n" + tail(work.resolve("submit1.log")));
            List<List<String>> report1 = report(work.resolve("run1.csv"), rows.size());

            // the same rows on this machine, by the command line
            Path single = Files.createDirectories(work.resolve("single"));
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                List<String> args = new ArrayList<>(List.of(r.operation, r.input.toString(), single.resolve(r.output).toString()));
                args.addAll(List.of(r.options.split(" ")));
                cli(args);
                Path out = work.resolve("out").resolve(r.output);
                assertEquals("ok", report1.get(i).get(1), r.output + ": " + report1.get(i));
                assertEquals(out.toString(), report1.get(i).get(4));
                assertEquals(-1, Files.mismatch(out, single.resolve(r.output)), r.output + ": the cluster's output differs from the command line's");
                assertEquals(Digests.of(out), report1.get(i).get(5), r.output + ": report's SHA-256");
            }

            // run 2: again with --force, its executor killed with SIGKILL as soon as it runs a task
            List<Path> oldApps = apps(workerDir);
            Process run2 = start(work.resolve("submit2.log"), env, concat(submit, "--out-report", work.resolve("run2.csv").toString(), "--force"));
            ProcessHandle killed = killExecutorOnFirstTask(worker, run2, workerDir, oldApps);
            assertNotNull(killed, "the executor was not seen running a task before the batch ended:\n" + tail(work.resolve("submit2.log")));
            assertEquals(0, awaitExit(run2, work.resolve("submit2.log")), "run 2 failed:\n" + tail(work.resolve("submit2.log")));
            List<List<String>> report2 = report(work.resolve("run2.csv"), rows.size());
            String driverLog = Files.readString(work.resolve("submit2.log"));
            assertTrue(driverLog.contains("Lost executor") || driverLog.contains("ExecutorLostFailure"), "the driver did not lose the executor:\n" + tail(work.resolve("submit2.log")));
            Path app2 = apps(workerDir).stream().filter(a -> !oldApps.contains(a)).findFirst().orElseThrow();
            List<Path> executors = executorDirs(app2);
            assertTrue(executors.size() >= 2, "no new executor after the kill: " + executors);
            StringBuilder executorLogs = new StringBuilder();
            for (Path e : executors) executorLogs.append(read(e.resolve("stderr")));
            assertTrue(RETRIED.matcher(executorLogs).find(), "no task ran a second attempt after the kill");
            for (int i = 0; i < rows.size(); i++) {
                assertEquals("ok", report2.get(i).get(1), rows.get(i).output + ": " + report2.get(i));
                assertEquals(report1.get(i).get(5), report2.get(i).get(5), rows.get(i).output + ": retried output differs from run 1");
                Path out = work.resolve("out").resolve(rows.get(i).output);
                assertEquals(-1, Files.mismatch(out, single.resolve(rows.get(i).output)), rows.get(i).output);
            }
        } finally {
            stopAll();
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "processes left behind");
        deleteTree(work);
    }

    /** {@code home/jars/}: links to Spark's closure (no Interslice jar) and to the Jackson jars of this class path. */
    private static Path sparkHome(Path lib, Path home) throws IOException, URISyntaxException {
        assertTrue(Files.isDirectory(lib), "no " + lib + " (failsafe runs after package)");
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<Path> links = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            s.filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().startsWith("interslice-")).forEach(links::add);
        }
        // Spark's Jackson (older) is not in the closure: the build's newer one is, as on the launcher's class path
        for (String c : List.of("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty")) {
            try {
                links.add(Path.of(Class.forName(c).getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (ClassNotFoundException e) {
                fail("no " + c + " on the test class path");
            }
        }
        for (Path p : links) Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
        return jars;
    }

    /** Waits for the first executor of the new application to log a running task, then SIGKILLs it. */
    private static ProcessHandle killExecutorOnFirstTask(Process worker, Process driver, Path workerDir, List<Path> oldApps) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUBMIT_SECONDS);
        while (System.nanoTime() < deadline && driver.isAlive()) {
            for (Path app : apps(workerDir)) {
                if (oldApps.contains(app)) continue;
                for (Path e : executorDirs(app)) {
                    if (!read(e.resolve("stderr")).contains("Running task")) continue;
                    Optional<ProcessHandle> exe = worker.toHandle().children()
                            .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).findFirst();
                    if (exe.isPresent()) {
                        exe.get().destroyForcibly();   // SIGKILL
                        exe.get().onExit().get(30, TimeUnit.SECONDS);
                        return exe.get();
                    }
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private static List<Path> apps(Path workerDir) throws IOException {
        try (Stream<Path> s = Files.list(workerDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("app-")).sorted().toList();
        }
    }

    private static List<Path> executorDirs(Path app) throws IOException {
        try (Stream<Path> s = Files.list(app)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The report's rows after its header, as fields (row,status,error,seconds,output,sha256,...). */
    private static List<List<String>> report(Path csv, int rows) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(rows + 1, lines.size(), String.join("\n", lines));
        return lines.subList(1, lines.size()).stream().map(Csv::parse).toList();
    }

    private static void cli(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args.toArray(new String[0])), args + ": " + err);
    }

    private Process start(Path log, Map<String, String> env, String... javaArgs) throws IOException {
        return start(log, env, List.of(javaArgs));
    }

    private synchronized Process start(Path log, Map<String, String> env, List<String> javaArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until the log shows {@code line}; fails when the process ends first or the deadline passes. */
    private static void awaitLine(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (read(log).contains(line)) return;
            if (!p.isAlive()) fail("ended before \"" + line + "\":\n" + tail(log));
            Thread.sleep(100);
        }
        fail("no \"" + line + "\" within " + START_SECONDS + " s:\n" + tail(log));
    }

    private static int awaitExit(Process p, Path log) throws Exception {
        if (!p.waitFor(SUBMIT_SECONDS, TimeUnit.SECONDS)) fail("spark-submit still running after " + SUBMIT_SECONDS + " s:\n" + tail(log));
        return p.exitValue();
    }

    /** Stops every child: descendants (executors) with SIGKILL, then the child with SIGTERM, SIGKILL after 10 s. */
    private synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
        }
        for (Process p : started) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(Path f) {
        try {
            return Files.isRegularFile(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
