package org.interslice.ops.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GapPlanTest {
    /** Sections 00..12: 03 excluded (single), 06 and 07 excluded (run of 2), 10 absent (single), 12 excluded (edge). */
    static final String CONFIG = "slice_id,use,exclude_reason\n00,1,\n01,1,\n02,1,\n03,0,torn\n04,1,\n05,1,\n06,no,\n07,no,\n08,1,\n09,1,\n11,1,\n12,false,\n";

    @Test
    void singleGapRunAbsentAndEdge(@TempDir Path dir) throws IOException {
        SliceConfig c = SliceConfig.read(SliceConfigTest.write(dir, "slice_config.csv", CONFIG));
        GapPlan p = GapPlan.of(c, null);
        assertEquals(0, p.first());
        assertEquals(12, p.last());
        assertEquals(4, p.gaps().size());
        List<GapPlan.Gap> s = p.singles();
        assertEquals(2, s.size());
        assertEquals(3, s.get(0).first());
        assertEquals("use=false (torn)", s.get(0).missing().get(0).reason());
        assertEquals(2, s.get(0).before());
        assertEquals(4, s.get(0).after());
        assertEquals("10", s.get(1).missing().get(0).id(), "an absent section gets the config's padding");
        assertEquals("absent from slice_config.csv", s.get(1).missing().get(0).reason());
        GapPlan.Gap run = p.gaps().get(1);
        assertEquals(GapPlan.Kind.RUN, run.kind());
        assertEquals(6, run.first());
        assertEquals(7, run.last());
        GapPlan.Gap edge = p.gaps().get(3);
        assertEquals(GapPlan.Kind.EDGE, edge.kind());
        assertNull(edge.after());
        assertEquals(8, p.present());
        assertEquals(2, p.warnings().size());
        assertTrue(p.warnings().get(0).startsWith("sections 06 to 07: 2 missing in a row"), p.warnings().get(0));
    }

    @Test
    void missingVolumeIsAGapAndNamesAreParsed(@TempDir Path dir) throws IOException {
        SliceConfig c = SliceConfig.read(SliceConfigTest.write(dir, "slice_config.csv", "slice_id,use\n1,1\n2,1\n3,1\n4,1\n"));
        Path secs = Files.createDirectory(dir.resolve("secs"));
        for (String n : new String[] {"brain_z01.nii", "brain_z02.nii", "brain_z04.nii", "brain_z04.nii.json", "notes.csv", ".hidden05.nii"})
            Files.writeString(secs.resolve(n), "x");
        Sections found = Sections.find(secs);
        assertEquals(List.of(1, 2, 4), List.copyOf(found.byNumber().keySet()));
        assertEquals("brain_z03.nii", found.get(4).nameFor("03"));
        GapPlan p = GapPlan.of(c, found);
        assertEquals(1, p.singles().size());
        assertTrue(p.singles().get(0).missing().get(0).reason().startsWith("no volume in"));
        Files.writeString(secs.resolve("other_4.nrrd"), "x");
        IntersliceException e = assertThrows(IntersliceException.class, () -> Sections.find(secs));
        assertTrue(e.getMessage().contains("section 4 is also brain_z04.nii"), e.getMessage());
        Files.delete(secs.resolve("other_4.nrrd"));
        Files.writeString(secs.resolve("background.nii"), "x");
        e = assertThrows(IntersliceException.class, () -> Sections.find(secs));
        assertTrue(e.getMessage().contains("holds no section number"), e.getMessage());
        Files.delete(secs.resolve("background.nii"));
        // numbers that read as negative or decimal, or too long: refused naming the file (they were sections 1, 5 and a "holds no number")
        String[][] bad = {{"brain_-1.nii", "reads as negative (-1)"}, {"-3.nii", "reads as negative (-3)"}, {"brain_z1.5.nii", "ambiguous (1.5 reads as a decimal)"},
            {"brain_z1234567890.nii", "section number too large (10 digits, at most 9)"}};
        for (String[] b : bad) {
            Files.writeString(secs.resolve(b[0]), "x");
            e = assertThrows(IntersliceException.class, () -> Sections.find(secs));
            assertTrue(e.getMessage().startsWith(secs.resolve(b[0]) + ": ") && e.getMessage().contains(b[1]), e.getMessage());
            Files.delete(secs.resolve(b[0]));
        }
        Files.writeString(secs.resolve("brain-3.nii"), "x");
        assertEquals("brain-", Sections.find(secs).get(3).prefix(), "a hyphen after a letter is a separator");
    }

    @Test
    void absentIdsFollowThePrefixAndPaddingOfTheOthers(@TempDir Path dir) throws IOException {
        SliceConfig c = SliceConfig.read(SliceConfigTest.write(dir, "a.csv", "slice_id,use\nz008,1\nz010,1\n"));
        assertEquals("z009", GapPlan.of(c, null).singles().get(0).missing().get(0).id());
        c = SliceConfig.read(SliceConfigTest.write(dir, "b.csv", "slice_id,use\n8,1\n010,1\n"));
        assertEquals("9", GapPlan.of(c, null).singles().get(0).missing().get(0).id(), "mixed padding: the plain number");
    }
}
