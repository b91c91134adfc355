package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a header + data pair is safe against a kill between its renames (issue 21.4):
 * {@link AtomicFiles#commit(int)} stops where a killed process would.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static Volume filled(int seed, int nx) {
        Volume v = Volume.allocate(PixelType.INT16, nx, 3, 2, Geometry.identity());
        short[] d = (short[]) v.array();
        for (int i = 0; i < d.length; i++) d[i] = (short) (i * seed);
        return v;
    }

    /** Writes v to path but stops after {@code renames} renames, as a process killed there. */
    private static void killedWrite(Volume v, Path path, int renames) {
        AtomicFiles out = new AtomicFiles();
        Formats.forWriting(path).write(v, path, out, WriteOptions.defaults());
        out.commit(renames);
    }

    @Test
    void aKillBetweenTheRenamesOfADetachedPairLeavesTheOldVolume() throws IOException {
        for (String[] ext : new String[][] {{".nhdr", ".raw.gz"}, {".mhd", ".zraw"}}) {
            Path h = dir.resolve("out" + ext[0]);
            Volume v1 = filled(3, 4), v2 = filled(5, 6);
            Formats.write(v1, h);
            killedWrite(v2, h, 1);   // new data renamed, header not
            assertArrayEquals((short[]) v1.array(), (short[]) Formats.read(h).array(), "old header still reads its own data");
            Formats.write(v2, h);
            assertArrayEquals((short[]) v2.array(), (short[]) Formats.read(h).array());
            assertTrue(Files.exists(dir.resolve("out.1" + ext[1])) && !Files.exists(dir.resolve("out" + ext[1])), "old data removed after the commit");
            Formats.write(v1, h);
            assertArrayEquals((short[]) v1.array(), (short[]) Formats.read(h).array());
            assertTrue(Files.exists(dir.resolve("out" + ext[1])) && !Files.exists(dir.resolve("out.1" + ext[1])));
        }
    }

    @Test
    void aKillBetweenTheRenamesOfANiftiPairLeavesNoScrambledVolume() {
        Path h = dir.resolve("pair.hdr");
        Formats.write(filled(3, 4), h);
        killedWrite(filled(5, 6), h, 1);   // new .img renamed; the old .hdr was removed first
        assertFalse(Files.exists(h));
        assertThrows(IntersliceException.class, () -> Formats.read(dir.resolve("pair.img")));
        Formats.write(filled(5, 6), h);
        assertArrayEquals((short[]) filled(5, 6).array(), (short[]) Formats.read(h).array());
    }

    @Test
    void temporariesCarryTheWritersProcessId() throws IOException {
        AtomicFiles out = new AtomicFiles();
        out.open(dir.resolve("x.nii")).close();
        try (var s = Files.list(dir)) {
            Path t = s.filter(AtomicFiles::isTemporary).findFirst().orElseThrow();
            assertTrue(AtomicFiles.writerPid(t) == ProcessHandle.current().pid(), t.toString());
        }
        out.close();
    }

    @Test
    void aTemporaryRemovedByAnotherRunFailsWithAPlainReason() throws IOException {
        AtomicFiles out = new AtomicFiles();
        out.open(dir.resolve("y.nii")).close();
        try (var s = Files.list(dir)) {
            for (Path t : s.filter(AtomicFiles::isTemporary).toList()) Files.delete(t);
        }
        IntersliceException e = assertThrows(IntersliceException.class, out::commit);
        assertTrue(e.getMessage().contains("temporary file was removed while this run wrote it"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("y.nii")));
    }

    /** Names in dir that are our temporaries. */
    private long temporaries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(AtomicFiles::isTemporary).count();
        }
    }

    /** Waits (up to 20 s, polling) until no temporary is left in dir: the detached release is asynchronous. */
    private void awaitNoTemporaries() throws IOException, InterruptedException {
        for (int i = 0; i < 200 && temporaries() > 0; i++) Thread.sleep(100);
        assertEquals(0, temporaries(), "the old data of the replaced output was not deleted");
    }

    @Test
    void aReplacedOutputIsFreedAfterTheCommitNotByTheRename() throws IOException, InterruptedException {
        Path f = dir.resolve("r.nii");
        AtomicFiles fresh = new AtomicFiles();
        Formats.forWriting(f).write(filled(3, 4), f, fresh, WriteOptions.defaults());
        fresh.commit();
        assertTrue(fresh.released().isEmpty(), "a fresh output has no old data");
        Path keep = dir.resolve("keep-old-inode");
        Files.createLink(keep, f);   // lets the test look at the old file after the replacement
        AtomicFiles again = new AtomicFiles();
        Formats.forWriting(f).write(filled(5, 6), f, again, WriteOptions.defaults());
        again.commit();
        assertArrayEquals((short[]) filled(5, 6).array(), (short[]) Formats.read(f).array(), "the new volume is in place at once");
        assertEquals(1, again.released().size(), "the old file was given a second name before the rename");
        assertTrue(AtomicFiles.isTemporary(again.released().get(0)));
        awaitNoTemporaries();
        assertEquals(1, ((Number) Files.getAttribute(keep, "unix:nlink")).intValue(), "the old data has no name left but the test's");
        assertArrayEquals((short[]) filled(3, 4).array(), (short[]) Formats.read(keep).array(), "the second name held the old data");
    }

    @Test
    void aKillBeforeTheRenameLeavesTheOldOutputAndAHiddenSecondName() throws IOException {
        Path f = dir.resolve("k.nii");
        Formats.write(filled(3, 4), f);
        killedWrite(filled(5, 6), f, 0);
        assertArrayEquals((short[]) filled(3, 4).array(), (short[]) Formats.read(f).array());
        assertEquals(2, temporaries(), "the new data's temporary and the old output's second name, both hidden");
    }

    @Test
    void aFailedWriteRemovesTheSecondNameAndKeepsTheOldOutput() throws IOException {
        Path f = dir.resolve("z.nii");
        Formats.write(filled(3, 4), f);
        AtomicFiles out = new AtomicFiles();
        Formats.forWriting(f).write(filled(5, 6), f, out, WriteOptions.defaults());
        out.commit(0);
        out.close();
        assertEquals(0, temporaries());
        assertArrayEquals((short[]) filled(3, 4).array(), (short[]) Formats.read(f).array());
    }

    @Test
    void theOldDataFileOfAReplacedHeaderIsReleasedToo() throws IOException, InterruptedException {
        Path h = dir.resolve("d.nhdr");
        Formats.write(filled(3, 4), h);
        AtomicFiles out = new AtomicFiles();
        Formats.forWriting(h).write(filled(5, 6), h, out, WriteOptions.defaults());
        out.commit();
        assertArrayEquals((short[]) filled(5, 6).array(), (short[]) Formats.read(h).array());
        awaitNoTemporaries();
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "only the new header and its data file remain");
        }
    }

    /** Files longer than the early-flush interval: every byte arrives, whether written one by one or in arrays. */
    @Test
    void earlyFlushesKeepEveryByte() throws IOException {
        Path p = dir.resolve("big.bin");
        int n = 2 * AtomicFiles.SYNC_EVERY + 12345;
        byte[] want = new byte[n];
        new java.util.Random(5).nextBytes(want);
        try (AtomicFiles out = new AtomicFiles()) {
            try (java.io.OutputStream os = out.open(p)) {
                int i = 0;
                while (i < n) {
                    int len = Math.min(n - i, (i / 7919) % 3 == 0 ? 1 : 3 << 20);
                    if (len == 1) os.write(want[i]);
                    else os.write(want, i, len);
                    i += len;
                }
            }
            out.commit();
        }
        assertArrayEquals(want, Files.readAllBytes(p));
    }
}
