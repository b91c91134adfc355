package org.interslice.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.interslice.core.IntersliceException;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;

/**
 * SHA-256 of an output as the batch report records it: of the file's bytes for a one-file volume; for a
 * volume of several files (a detached header and its data, {@code .hdr}/{@code .img}) or a folder (OME-Zarr,
 * an evaluate report), of the list of its files, each as its path relative to the output's folder, a tab,
 * its own SHA-256 and a newline, sorted by path (our hidden temporaries left out).
 */
final class Digests {
    private Digests() {}

    /** The digest of {@code output} (hex), or an IntersliceException naming it when it cannot be read. */
    static String of(Path output) {
        try {
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(output)) {
                try (Stream<Path> s = Files.walk(output)) {
                    s.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemporary(p)).sorted().forEach(files::add);
                }
            } else {
                files.addAll(volumeFiles(output));
            }
            if (files.size() == 1 && files.get(0).equals(output)) return hex(file(output));
            Path base = Files.isDirectory(output) ? output : output.toAbsolutePath().getParent();
            MessageDigest all = sha();
            for (Path f : files) all.update((base.relativize(f.toAbsolutePath()) + "\t" + hex(file(f)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return hex(all.digest());
        } catch (IOException e) {
            throw new IntersliceException(output, "cannot read the output to hash it: " + e.getMessage(), e);
        }
    }

    /** The files a volume file's format reads (header and data), or just the file for other outputs. */
    private static List<Path> volumeFiles(Path output) {
        try {
            List<Path> f = new ArrayList<>();
            for (Path p : Formats.inputFiles(output)) f.add(p.toAbsolutePath());
            if (f.size() == 1) return List.of(output);
            f.sort(null);
            return f;
        } catch (RuntimeException e) {
            return List.of(output);   // not a volume format: hash the file as it is
        }
    }

    private static byte[] file(Path f) throws IOException {
        MessageDigest d = sha();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return d.digest();
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
