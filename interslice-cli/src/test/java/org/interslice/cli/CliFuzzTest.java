package org.interslice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.interslice.io.fuzz.Corpora;
import org.interslice.io.fuzz.FuzzCase;
import org.interslice.io.fuzz.StructuralCase;
import org.interslice.io.fuzz.StructuralCorpus;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 3 at the command line: for variants of the reader mutation corpus (interslice-io's
 * {@link Corpora}) that the reader rejects, {@code info}, {@code convert} and {@code resample} exit 1 with exactly one
 * stderr line and no stack trace (one appears with --debug), and write nothing: the output folder stays
 * empty (no output, no temporary) and the variant's own files are unchanged.
 *
 * <p>CI takes the first {@code interslice.clifuzz.count} rejected variants per reader family (default
 * 20) out of at most five times as many; bench/harden-full.sh raises the count. A row per family goes to
 * target/cli-fuzz-report.md.
 */
class CliFuzzTest {
    /** Output extensions cycled through so each writer's failure path is exercised. */
    private static final String[] TARGETS = {".nii.gz", ".nrrd", ".mha", ".tif", ".nii"};

    /** The resample command, where this build has it. */
    private static final boolean HAS_RESAMPLE = Main.commandLine().getSubcommands().containsKey("resample");

    @TempDir
    Path work;

    static List<String> families() {
        return Corpora.FAMILIES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @Timeout(600)
    void rejectedVariantsFailInOneLineAndWriteNothing(String family) throws IOException {
        int wanted = Integer.getInteger("interslice.clifuzz.count", 20);
        long seed = Long.getLong("interslice.fuzz.seed", 20261123L);
        List<FuzzCase> variants = Corpora.variants(family, wanted * 5, seed, work.resolve("seeds"));
        Path outDir = Files.createDirectories(work.resolve("out"));
        int tried = 0, readFine = 0, rejected = 0;
        boolean debugChecked = false;
        long slowestMs = 0;
        String slowest = "";
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) if (m.getType() == MemoryType.HEAP) m.resetPeakUsage();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < variants.size() && rejected < wanted; i++) {
            FuzzCase c = variants.get(i);
            Path dir = work.resolve("v" + i);
            String in = c.materialize(dir).toString();
            String digest = InputGuard.sha256(dir, Set.of());
            tried++;
            long t0 = System.nanoTime();
            Cli.Result info = Cli.run("info", in);
            if (info.exit() == 0) {
                readFine++;
            } else {
                rejected++;
                String line = check("info", info, outDir, failures, c);
                Path target = outDir.resolve("out" + TARGETS[rejected % TARGETS.length]);
                check("convert", Cli.run("convert", in, target.toString()), outDir, failures, c);
                if (HAS_RESAMPLE) check("resample", Cli.run("resample", "--spacing", "2", in, target.toString()), outDir, failures, c);
                if (!debugChecked && line != null) {
                    // --debug adds the stack trace after the same first line
                    Cli.Result d = Cli.run("--debug", "info", in);
                    if (d.exit() != 1 || !d.errLines()[0].equals(line) || !d.err().contains("\tat "))
                        failures.add(c.label() + ": --debug info did not add a stack trace: " + d.err());
                    debugChecked = true;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > slowestMs) { slowestMs = ms; slowest = c.label(); }
            if (!InputGuard.sha256(dir, Set.of()).equals(digest)) failures.add(c.label() + ": files of the variant changed");
            deleteTree(dir);
        }
        Path report = Path.of("target", "cli-fuzz-report.md");
        Files.createDirectories(report.getParent());
        long peak = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) if (m.getType() == MemoryType.HEAP) peak += m.getPeakUsage().getUsed();
        // family | variants run | read by info | rejected: info, convert, resample exit 1 | bad outcomes | slowest | peak heap
        Files.writeString(report, "| " + family + " | " + tried + " | " + readFine + " | " + rejected + " | " + failures.size() + " | "
                        + slowestMs + " ms (" + slowest + ") | " + (peak >> 20) + " MB |\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertEquals(List.of(), failures, () -> family + ": " + failures.size() + " bad CLI outcomes");
        assertTrue(rejected >= Math.min(wanted, 5), family + ": only " + rejected + " of " + tried + " variants were rejected");
    }

    static List<String> structuralClasses() {
        return StructuralCorpus.CLASSES;
    }

    /**
     * Issue 21 at the command line: the first {@code interslice.clistructural.count} variants (default
     * 10) of each structural class. Variants that must be refused make {@code info} and {@code convert}
     * (aliases: {@code resample} with a mask, or {@code convert} of a folder) exit 1 with one line and
     * write nothing; controls run with exit 0; nothing ends with exit 3 or a hang. {@link Cli} checksums
     * every input before and after. A row per class goes to target/cli-structural-report.md.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structuralClasses")
    @Timeout(600)
    void structuralVariantsEndAsTheirClassDemands(String cls) throws IOException {
        int count = Integer.getInteger("interslice.clistructural.count", 10);
        long seed = Long.getLong("interslice.fuzz.seed", 20261123L);
        List<String> failures = new ArrayList<>();
        int refused = 0, accepted = 0;
        for (StructuralCase c : StructuralCorpus.variants(cls, count, seed)) {
            Path dir = work.resolve("s" + refused + "-" + accepted);
            Path entry = c.materialize(dir);
            Path outDir = Files.createDirectories(work.resolve("sout"));
            List<Cli.Result> runs = new ArrayList<>();
            if (cls.equals("aliases")) {
                List<String> w = c.writes();
                if (w.get(1).startsWith("stack/")) runs.add(Cli.run("convert", dir.resolve("stack").toString(), dir.resolve(w.get(1)).toString()));
                else runs.add(Cli.run("resample", dir.resolve("in/a.nii").toString(), dir.resolve(w.get(0)).toString(), "--like", dir.resolve("in/src.nhdr").toString(),
                        "--mask", dir.resolve("in/m.nii").toString(), dir.resolve(w.get(1)).toString()));
            } else {
                String allow = cls.equals("skips") ? "--allow-outside-data" : "--quiet";
                runs.add(Cli.run("info", allow, entry.toString()));
                runs.add(Cli.run("convert", allow, entry.toString(), outDir.resolve("x.nii").toString()));
            }
            for (Cli.Result r : runs) {
                String problem = null;
                if (r.exit() == 0) {
                    accepted++;
                    if (c.expect() == StructuralCase.Expect.REJECT) problem = "exit 0, must be refused";
                } else {
                    refused++;
                    if (r.exit() != 1) problem = "exit " + r.exit();
                    else if (c.expect() == StructuralCase.Expect.READ) problem = "refused a control";
                    else if (r.errLines().length != 1 || !r.errLines()[0].startsWith("interslice: ")) problem = "not one clean line";
                    else if (!r.out().isEmpty()) problem = "printed to stdout";
                }
                if (problem != null) failures.add(c.label() + ": " + problem + ": " + r.err().strip());
            }
            if (c.expect() == StructuralCase.Expect.REJECT && !cls.equals("aliases")) {
                try (Stream<Path> left = Files.list(outDir)) {
                    List<Path> l = left.toList();
                    if (!l.isEmpty()) failures.add(c.label() + ": left " + l);
                }
            }
            deleteTree(outDir);
            deleteTree(dir);
        }
        Path report = Path.of("target", "cli-structural-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, "| " + cls + " | " + count + " | " + accepted + " | " + refused + " | " + failures.size() + " |\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertEquals(List.of(), failures, () -> cls + ": " + failures.size() + " bad CLI outcomes");
    }

    /**
     * Checks one failed run: exit 1, one stderr line "interslice: FILE: reason", no stack trace, nothing on
     * stdout, output folder empty. Returns the line, or null after recording a failure.
     */
    private static String check(String what, Cli.Result r, Path outDir, List<String> failures, FuzzCase c) throws IOException {
        String problem = null;
        String[] lines = r.errLines();
        if (r.exit() != 1) problem = "exit " + r.exit();
        else if (lines.length != 1) problem = lines.length + " stderr lines";
        else if (!lines[0].startsWith("interslice: ") || lines[0].startsWith("interslice: internal error")) problem = "not a clean error line";
        else if (!r.out().isEmpty()) problem = "printed to stdout";
        List<String> left;
        try (Stream<Path> s = Files.list(outDir)) {
            left = s.map(p -> p.getFileName().toString()).toList();
        }
        if (problem == null && !left.isEmpty()) problem = "left " + left + " in the output folder";
        for (String n : left) Files.deleteIfExists(outDir.resolve(n));
        if (problem == null) return lines[0];
        failures.add(c.label() + ": " + what + ": " + problem + ": " + r.err().strip());
        return null;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
