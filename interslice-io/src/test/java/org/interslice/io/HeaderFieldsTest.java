package org.interslice.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The description and key-value notes of {@link WriteOptions#header} reach every writable header format and read back. */
class HeaderFieldsTest {
    static Volume small() {
        Volume v = Volume.allocate(PixelType.INT16, 4, 3, 2, Geometry.identity());
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, i);
        return v;
    }

    @Test
    void notesRoundTripInEveryTextFormat(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"a.nrrd", "a.nhdr", "a.mha", "a.mhd"}) {
            WriteOptions wo = WriteOptions.defaults();
            wo.header.description = "resampled for a test";
            wo.header.note("interslice_synthesized", "3,7").note("method", "linear");
            Path p = dir.resolve(name);
            Formats.write(small(), p, wo);
            ReadOptions ro = ReadOptions.defaults();
            ro.header = new HeaderFields();
            Volume back = Formats.read(p, ro);
            assertEquals(24, back.voxelCount());
            assertEquals("resampled for a test", ro.header.description, name);
            assertEquals(Map.of("interslice_synthesized", "3,7", "method", "linear"), ro.header.notes, name);
        }
    }

    @Test
    void niftiPutsDescriptionAndNotesInDescrip(@TempDir Path dir) throws Exception {
        WriteOptions wo = WriteOptions.defaults();
        wo.header.description = "test";
        wo.header.note("synth", "3,7");
        wo.header.sformCode = 4;
        wo.header.qformCode = 0;
        Path p = dir.resolve("a.nii");
        Formats.write(small(), p, wo);
        byte[] b = Files.readAllBytes(p);
        assertEquals("test; synth=3,7", new String(b, 148, 15, java.nio.charset.StandardCharsets.ISO_8859_1));
        ReadOptions ro = ReadOptions.defaults();
        ro.header = new HeaderFields();
        Formats.read(p, ro);
        assertEquals("test; synth=3,7", ro.header.description);
        assertEquals(4, ro.header.sformCode);
        assertEquals(0, ro.header.qformCode);
        // a long description is cut to descrip's 79 bytes, never past it
        wo.header.description = "x".repeat(200);
        Formats.write(small(), p, wo);
        Formats.read(p, ro);
        assertEquals(79, ro.header.description.length());
    }

    @Test
    void badNotesAreRefused() {
        HeaderFields h = new HeaderFields();
        assertThrows(IllegalArgumentException.class, () -> h.note("has space", "v"));
        assertThrows(IllegalArgumentException.class, () -> h.note("k", "two\nlines"));
        assertTrue(h.isEmpty());
    }
}
