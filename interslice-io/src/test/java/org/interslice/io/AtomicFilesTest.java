package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
