package org.interslice.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.interslice.core.IntersliceException;

/**
 * Path checks every reader and writer shares: which files may be read at all (regular files only: a
 * FIFO blocks a reader forever, a device or a {@code /proc} file has no end or lies about its size),
 * where a path really points (links and {@code ..} resolved, also for files that do not exist yet), and
 * whether a path lies inside a folder.
 */
public final class SafeFiles {
    /** Pseudo file systems whose files report sizes that are not their content (or have no end). */
    private static final String[] PSEUDO_ROOTS = {"/proc", "/sys", "/dev"};

    private SafeFiles() {}

    /**
     * Throws IntersliceException naming {@code file} unless it is a regular file (links followed) outside
     * the pseudo file systems {@code /proc}, {@code /sys} and {@code /dev}. {@code role} says what the
     * file is for in the message, e.g. "input" or "data file named by x.nhdr".
     */
    public static void requireRegularFile(Path file, String role) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IntersliceException(file, role + " does not exist or cannot be read (" + AtomicFiles.describe(e) + ")", e);
        }
        if (a.isDirectory()) throw new IntersliceException(file, role + " is a folder, not a file");
        if (!a.isRegularFile())
            throw new IntersliceException(file, role + " is not a regular file (a pipe, device or socket): refusing to read it");
        if (isPseudo(file))
            throw new IntersliceException(file, role + " lies in a system folder (/proc, /sys, /dev) whose files are not image data: refusing to read it");
    }

    /** True when the real location of {@code p} is under /proc, /sys or /dev. */
    public static boolean isPseudo(Path p) {
        String s = real(p).toString();
        for (String root : PSEUDO_ROOTS) if (s.equals(root) || s.startsWith(root + "/")) return true;
        return false;
    }

    /**
     * Where {@code p} really is: absolute, {@code ..} removed and every link resolved. For a path that does
     * not exist, its nearest existing ancestor is resolved and the rest appended, so a planned output can be
     * compared with existing inputs.
     */
    public static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path rest = null;
        for (Path cur = abs; cur != null; cur = cur.getParent()) {
            try {
                Path r = cur.toRealPath();
                return rest == null ? r : r.resolve(rest).normalize();
            } catch (IOException e) {
                // missing (or unreadable) here: try the parent
                Path name = cur.getFileName();
                if (name == null) break;
                rest = rest == null ? name : name.resolve(rest);
            }
        }
        return abs;
    }

    /** True when {@code p} (real location) is {@code folder} or lies below it. */
    public static boolean inside(Path p, Path folder) {
        return real(p).startsWith(real(folder));
    }
}
