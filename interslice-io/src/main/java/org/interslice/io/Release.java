package org.interslice.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the old data of replaced outputs off the critical path. Freeing a large file's blocks is
 * synchronous in the file system (measured 0.14-0.17 s for 163 MB on this machine's ext4) and a process
 * does not end before a thread inside such a call returns, so a daemon thread alone would still make the
 * run wait. Where {@code /bin/rm} exists it is started detached (no input or output, never waited for)
 * and finishes after this process if need be; elsewhere, or when it cannot start, a daemon thread
 * deletes. Either way a file not yet deleted when the process dies is a hidden temporary carrying our
 * process id, removed by the next run that writes the same output ({@link FilePlan#check()}).
 *
 * <p>Where {@code /bin/sh} exists, the rm is its background job, a tenth of a second later
 * ({@code sh -c '(sleep 0.1; exec "$0" "$@") &' /bin/rm -f -- FILES}): the shell, our child, ends at once
 * and the rm is no child of ours. Started straight from the JVM it was not detached enough: the JVM's
 * exit waited for it (measured: a child sleeping 0.3 s kept an exiting JVM 0.3 s; with a shell's
 * background job in between, not at all); and freeing the old file while this process exits and frees
 * its own memory slowed that exit by about 20 ms more, hence the delay (the old data lives that much longer
 * under its hidden name). A re-run of ch2 to 0.3 mm linear: the process ended 45-51 ms after its last mark
 * (fresh outputs: 12-25), 35-45 with the background job alone, 15-30 with the delay; paired runs replacing
 * an output 618 -> 565 ms (bench/results/release-detached.md).
 */
final class Release {
    private static final File RM = new File("/bin/rm");
    private static final File SH = new File("/bin/sh");

    private Release() {}

    /** Deletes {@code files} soon, without waiting; a copy of the list is taken. */
    static void later(List<Path> files) {
        if (files.isEmpty()) return;
        List<Path> copy = List.copyOf(files);
        if (RM.canExecute() && detachedRm(copy)) return;
        Thread t = new Thread(() -> {
            for (Path p : copy) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover is a hidden temporary, removed by the next run
                }
            }
        }, "interslice-release");
        t.setDaemon(true);
        t.start();
    }

    private static boolean detachedRm(List<Path> files) {
        List<String> cmd = new ArrayList<>();
        cmd.add(RM.getPath());
        cmd.add("-f");
        cmd.add("--");
        for (Path p : files) cmd.add(p.toAbsolutePath().toString());
        if (SH.canExecute()) cmd.addAll(0, List.of(SH.getPath(), "-c", "(sleep 0.1; exec \"$0\" \"$@\") &"));
        try {
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }
}
