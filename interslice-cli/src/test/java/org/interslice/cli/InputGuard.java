package org.interslice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Proves that the CLI never modifies its inputs: SHA-256 of every file and folder named on a command
 * line, taken before and after the command runs. A folder's digest covers the relative name, size and
 * content of every file under it, so a file added to an input folder (a stray temporary) is a change too.
 *
 * <p>Outputs are told apart by the command model, not by guessing: an argument whose parameter label is
 * {@code OUT} or an option named {@code --out}. A successful command may change its outputs; a failed one
 * must leave every path it was given exactly as it found it.
 */
final class InputGuard {
    private final Map<Path, String> before = new LinkedHashMap<>();
    private final Set<Path> outputs;

    private InputGuard(Set<Path> outputs) {
        this.outputs = outputs;
    }

    /** Digests every existing path among {@code args} (also {@code --opt=PATH} values) of command line {@code cl}. */
    static InputGuard before(CommandLine cl, String... args) {
        InputGuard g = new InputGuard(outputs(cl, args));
        for (String a : args) {
            for (String s : new String[] {a, a.contains("=") ? a.substring(a.indexOf('=') + 1) : null}) {
                if (s == null || s.isEmpty() || s.startsWith("-")) continue;
                Path p;
                try {
                    p = Path.of(s).toAbsolutePath().normalize();
                } catch (java.nio.file.InvalidPathException e) {
                    continue;
                }
                if (Files.exists(p) && !g.before.containsKey(p)) g.before.put(p, sha256(p, g.outputs));
            }
        }
        return g;
    }

    /** Throws AssertionError naming the first path that changed (outputs excepted when the command succeeded). */
    void after(int exitCode, String[] args) {
        for (Map.Entry<Path, String> e : before.entrySet()) {
            Path p = e.getKey();
            if (exitCode == 0 && outputs.contains(p)) continue;
            String now = Files.exists(p) ? sha256(p, outputs) : "(deleted)";
            if (!now.equals(e.getValue()))
                throw new AssertionError("command " + String.join(" ", args) + " (exit " + exitCode + ") modified "
                        + (outputs.contains(p) ? "the existing output " : "its input ") + p);
        }
    }

    /** Paths given as OUT parameters or --out options; empty when the arguments do not parse. */
    private static Set<Path> outputs(CommandLine cl, String[] args) {
        Set<Path> out = new java.util.HashSet<>();
        ParseResult pr;
        try {
            // execute() parses again from scratch, so parsing here first changes nothing it does
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return out;   // a usage error runs nothing
        }
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            for (ArgSpec a : r.matchedArgs()) {
                // a label such as "FILE OUT" (arity 2) names its values in turn: only the OUT ones are outputs
                String[] labels = a.paramLabel().replaceAll("[<>]", "").trim().split("\\s+");
                boolean outOption = a instanceof OptionSpec o && List.of(o.names()).contains("--out");
                List<String> values = a.originalStringValues();
                for (int i = 0; i < values.size(); i++) {
                    if (outOption || "OUT".equals(labels[i % labels.length])) out.add(Path.of(values.get(i)).toAbsolutePath().normalize());
                }
            }
        }
        return out;
    }

    /** SHA-256 of a file's bytes, or of a folder's sorted (name, size, content) list skipping {@code skip} paths. */
    static String sha256(Path p, Set<Path> skip) {
        MessageDigest md = digest();
        try {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(p)) {
                    files = s.filter(f -> !skip.contains(f.toAbsolutePath().normalize()) && !f.equals(p)).sorted().toList();
                }
                for (Path f : files) {
                    md.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    if (Files.isRegularFile(f)) {
                        md.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.UTF_8));
                        update(md, f);
                    }
                }
            } else if (Files.isRegularFile(p)) {
                update(md, p);
            } else {
                // a FIFO or device has no content to compare (reading a FIFO would block): its kind only
                md.update("special".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, Path f) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
