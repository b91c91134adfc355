package org.interslice.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeHeader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mutation corpus through region reads: when the whole read of a variant succeeds, opening it and
 * reading boxes must succeed and equal the same crops of the whole read; when it fails, opening or the
 * region reads either fail cleanly (one IntersliceException line naming a file) or give self-consistent
 * blocks (a region read stops early, so it cannot see damage past its last byte, such as a gzip trailer).
 * Nothing else, within 5 s per variant and 512 MiB per allocation. {@code interslice.region.fuzz.count}
 * variants per reader (default 40 here).
 */
class RegionFuzzTest {
    @TempDir
    Path work;

    static List<String> families() {
        return Corpora.FAMILIES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void regionReadsAgreeWithWholeReadsOrFailCleanly(String family) throws IOException {
        int count = Integer.getInteger("interslice.region.fuzz.count", 40);
        List<FuzzCase> variants = Corpora.variants(family, count, 20261203L, work);
        ReadOptions opts = new ReadOptions();
        opts.maxBytes = 512L << 20;
        opts.job = Job.serial();
        for (int i = 0; i < variants.size(); i++) {
            FuzzCase c = variants.get(i);
            Path entry = c.materialize(work.resolve("v" + i));
            Random r = new Random(i);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(c, entry, opts, r), c.label());
        }
    }

    private static void check(FuzzCase c, Path entry, ReadOptions opts, Random r) {
        Volume whole;
        try {
            whole = Formats.read(entry, opts);
        } catch (IntersliceException e) {
            whole = null;
        }
        try (OpenVolume open = Formats.open(entry, opts)) {
            VolumeHeader h = open.header();
            if (whole != null && (h.nx() != whole.nx() || h.ny() != whole.ny() || h.nz() != whole.nz()))
                fail(c.label() + ": header " + h + " but the whole read is " + whole);
            for (int k = 0; k < 3; k++) {
                int[] n = h.dims(), o = new int[3], s = new int[3];
                for (int a = 0; a < 3; a++) {
                    o[a] = r.nextInt(n[a]);
                    s[a] = 1 + r.nextInt(Math.min(n[a] - o[a], 16));
                }
                Interval box = Interval.of(o, s);
                Block b = open.read(box);
                String bad = FuzzHarness.inconsistency(b.data());
                if (bad != null) fail(c.label() + " " + box + ": " + bad);
                if (whole == null) continue;
                Volume want = Block.crop(whole, box).data();
                for (int v = 0; v < want.voxelCount(); v++)
                    if (Double.compare(want.get(v), b.data().get(v)) != 0)
                        fail(c.label() + " " + box + ": voxel " + v + " is " + b.data().get(v) + ", the whole read has " + want.get(v));
            }
        } catch (IntersliceException e) {
            if (whole != null) fail(c.label() + ": the whole read succeeds but the region read fails: " + e.getMessage());
            String bad = FuzzHarness.judgeFailure(e, c);
            if (bad != null) fail(c.label() + ": " + bad);
        }
    }
}
