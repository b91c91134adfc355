package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Region reads of DICOM series and image-stack folders (only the region's slices are read): every region
 * equals the same crop of the whole read, in values and voxel positions (uneven and tilted stacks too).
 */
class FolderRegionReadTest {
    private static Path fixture(String name) {
        try {
            return Path.of(FolderRegionReadTest.class.getResource("dicom/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uneven", "tilted", "bigendian", "implicit", "sequence", "deflated"})
    void dicomFixtures(String name) {
        check(fixture(name), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mr-dicom", "ct-phantom/5mm", "microscopy/mouse-brain-stp"})
    void sharedFolders(String name) {
        // the phantom stores 12 bits in uint16 with RescaleIntercept -1024: regions are int16 HU, as the
        // whole read (from the values it saw) is
        check(SharedData.path(name), name.equals("ct-phantom/5mm") ? PixelType.INT16 : null);
    }

    @Test
    void onlyTheRegionsSlicesAreRead(@TempDir Path dir) throws IOException {
        for (Path src : new Path[] {fixture("uneven"), SharedData.path("microscopy/mouse-brain-stp")}) {
            Path copy = dir.resolve(src.getFileName().toString());
            Files.createDirectories(copy);
            List<Path> files;
            try (Stream<Path> s = Files.list(src)) {
                files = s.sorted().toList();
            }
            for (Path f : files) Files.copy(f, copy.resolve(f.getFileName().toString()));
            Volume whole = Formats.read(copy);
            Interval box = new Interval(1, 1, 1, 2, 2, 2);
            try (OpenVolume open = Formats.open(copy, ReadOptions.defaults())) {
                // with every slice file outside z 1..2 gone, the region still reads: they are never opened
                Volume s1 = Block.crop(whole, new Interval(0, 0, 1, whole.nx(), whole.ny(), 1)).data();
                Volume s2 = Block.crop(whole, new Interval(0, 0, 2, whole.nx(), whole.ny(), 1)).data();
                int deleted = 0;
                try (Stream<Path> s = Files.list(copy)) {
                    for (Path f : s.toList()) {
                        Volume one;
                        try {
                            one = Formats.read(f);
                        } catch (org.interslice.core.IntersliceException e) {
                            continue;   // not an image (a licence or readme file)
                        }
                        if (!sameValues(one, s1) && !sameValues(one, s2)) {
                            Files.delete(f);
                            deleted++;
                        }
                    }
                }
                assertEquals(whole.nz() - 2, deleted, "slice files removed");
                Volume got = open.read(box).data(), want = Block.crop(whole, box).data();
                for (int v = 0; v < want.voxelCount(); v++) assertEquals(want.get(v), got.get(v), 0.0, "voxel " + v);
            }
        }
    }

    private static boolean sameValues(Volume a, Volume b) {
        if (a.voxelCount() != b.voxelCount()) return false;
        for (int i = 0; i < a.voxelCount(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    /** @param regionType the type regions must have, or null for the whole read's */
    private static void check(Path p, PixelType regionType) {
        Volume whole = Formats.read(p);
        Random r = new Random(8);
        try (OpenVolume open = Formats.open(p, ReadOptions.defaults())) {
            assertTrue(open.readsRegions());
            VolumeHeader h = open.header();
            assertArrayEquals(whole.dims(), h.dims());
            assertEquals(regionType != null ? regionType : whole.type(), h.type());
            for (int i = 0; i < 8; i++) {
                int[] n = whole.dims(), o = new int[3], s = new int[3];
                for (int a = 0; a < 3; a++) {
                    o[a] = r.nextInt(n[a]);
                    s[a] = 1 + r.nextInt(Math.min(n[a] - o[a], 40));
                }
                Interval box = Interval.of(o, s);
                Block got = open.read(box);
                Volume want = Block.crop(whole, box).data();
                assertEquals(h.type(), got.data().type());
                assertTrue(want.geometry().approxEquals(got.data().geometry(), s[0], s[1], s[2], 1e-9), p + " " + box + " geometry");
                for (int v = 0; v < want.voxelCount(); v++)
                    if (Double.compare(want.get(v), got.data().get(v)) != 0)
                        fail(p.getFileName() + " " + box + ": voxel " + v + " expected " + want.get(v) + " got " + got.data().get(v));
            }
        }
    }
}
