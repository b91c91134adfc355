package org.interslice.io.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input whose structure is hostile (issue 21): files plus symbolic links, hard links, FIFOs and
 * folders, what must happen, and for the alias class the planned reads and writes.
 *
 * @param label      what the variant is (class, kind, values)
 * @param files      relative name to bytes
 * @param links      relative name of a symbolic link to its target (as written in the link)
 * @param hardLinks  relative name of a hard link to the relative name of an existing file
 * @param fifos      relative names of FIFOs to create
 * @param entry      the path a user names (relative), "." for the folder
 * @param expect     the outcome that is right for this variant
 * @param reads      alias class: relative names the plan reads
 * @param writes     alias class: relative names the plan writes
 */
public record StructuralCase(String label, Map<String, byte[]> files, Map<String, String> links, Map<String, String> hardLinks,
                             List<String> fifos, String entry, Expect expect, List<String> reads, List<String> writes) {
    /** The right outcome of a variant. */
    public enum Expect {
        /** Must read (a control: the guard must not refuse it). */
        READ,
        /** Must be refused with one line naming a file (a loop, a path outside, an alias). */
        REJECT,
        /** Either, but within the time and memory limits. */
        EITHER
    }

    public StructuralCase {
        files = new LinkedHashMap<>(files);
        links = new LinkedHashMap<>(links);
        hardLinks = new LinkedHashMap<>(hardLinks);
    }

    /** A reader variant. */
    static StructuralCase reading(String label, Map<String, byte[]> files, Map<String, String> links, List<String> fifos, String entry, Expect expect) {
        return new StructuralCase(label, files, links, Map.of(), fifos, entry, expect, List.of(), List.of());
    }

    /** Creates everything under {@code dir} and returns the entry path. */
    public Path materialize(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, e.getValue());
        }
        for (Map.Entry<String, String> e : links.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(e.getValue()));
        }
        for (Map.Entry<String, String> e : hardLinks.entrySet()) Files.createLink(dir.resolve(e.getKey()), dir.resolve(e.getValue()));
        for (String f : fifos) {
            try {
                Process mk = new ProcessBuilder("mkfifo", dir.resolve(f).toString()).start();
                if (mk.waitFor() != 0) throw new IOException("mkfifo failed for " + f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return entry.equals(".") ? dir : dir.resolve(entry);
    }
}
