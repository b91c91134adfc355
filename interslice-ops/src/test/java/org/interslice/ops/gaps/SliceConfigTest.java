package org.interslice.ops.gaps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceConfigTest {
    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void roundTripKeepsCarriedColumnsQuotingPaddingAndCrlf(@TempDir Path dir) throws IOException {
        String text = "slice_id,use,stain,exclude_reason,notes,quality_score\r\n"
                + "000,true,DAPI,,\"tissue fold, left\",0.9\r\n"
                + "001,FALSE,\"say \"\"hi\"\"\",torn,\"two\r\nlines\",\r\n"
                + "002,1,,,,\r\n";
        Path in = write(dir, "slice_config.csv", text);
        SliceConfig c = SliceConfig.read(in);
        assertEquals(List.of("slice_id", "use", "stain", "exclude_reason", "notes", "quality_score",
                "interpolated", "interpolation_failed", "interpolation_method_used", "interpolation_fallback_reason"), c.columns());
        assertEquals(3, c.rows().size());
        SliceConfig.Row r1 = c.rows().get(1);
        assertEquals("001", r1.id());
        assertEquals(1, r1.number());
        assertFalse(r1.use());
        assertEquals("say \"hi\"", r1.get("stain"));
        assertEquals("two\r\nlines", r1.get("notes"));
        assertEquals(3, r1.line());
        assertEquals(5, c.rows().get(2).line(), "the quoted line break counts as a line");
        assertEquals("tissue fold, left", c.rows().get(0).get("notes"));
        r1.set("interpolated", "true");
        Path out = dir.resolve("final.csv");
        c.write(out);
        String expected = "slice_id,use,stain,exclude_reason,notes,quality_score,interpolated,interpolation_failed,interpolation_method_used,interpolation_fallback_reason\r\n"
                + "000,true,DAPI,,\"tissue fold, left\",0.9,,,,\r\n"
                + "001,FALSE,\"say \"\"hi\"\"\",torn,\"two\r\nlines\",,true,,,\r\n"
                + "002,1,,,,,,,,\r\n";
        assertEquals(expected, Files.readString(out));
        // and reading what was written gives the same cells
        SliceConfig again = SliceConfig.read(out);
        assertEquals(c.columns(), again.columns());
        for (int i = 0; i < 3; i++) for (String col : c.columns())
            assertEquals(c.rows().get(i).get(col), again.rows().get(i).get(col), col);
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("partial")), "no temporary left");
        }
    }

    @Test
    void booleansInEveryForm(@TempDir Path dir) throws IOException {
        String[] yes = {"true", "TRUE", "True", "1", "yes", "YES", "y", "Y", "t", "T", " yes "};
        String[] no = {"false", "FALSE", "0", "no", "No", "n", "N", "f", "F"};
        for (String s : yes) assertTrue(SliceConfig.bool(s, false), s);
        for (String s : no) assertFalse(SliceConfig.bool(s, true), s);
        assertTrue(SliceConfig.bool("", true));
        assertFalse(SliceConfig.bool("", false));
        assertThrows(IllegalArgumentException.class, () -> SliceConfig.bool("maybe", true));
        Path p = write(dir, "c.csv", "slice_id,use\n1,Y\n2,n\n3,\n");
        SliceConfig c = SliceConfig.read(p);
        assertTrue(c.row(1).use());
        assertFalse(c.row(2).use());
        assertTrue(c.row(3).use(), "an empty use cell means use");
        c.write(dir.resolve("o.csv"));
        assertTrue(Files.readString(dir.resolve("o.csv")).startsWith("slice_id,use,exclude_reason,"), "LF kept, missing columns appended");
        assertFalse(Files.readString(dir.resolve("o.csv")).contains("\r"));
    }

    @Test
    void badFilesNameFileAndLine(@TempDir Path dir) throws IOException {
        String[][] cases = {
            {"slice_id,use\n1,true\n2,perhaps\n", "line 3: use: 'perhaps' is not a boolean"},
            {"slice_id,use\n1,true,extra\n", "line 2: 3 fields, the header has 2"},
            {"slice_id,use\n1,\"open\n", "line 2: a quoted field is not closed"},
            {"slice_id,use\n1,tr\"ue\n", "line 2: a quote inside an unquoted field"},
            {"slice_id,use\n1,\"true\"x\n", "line 2: text after a closing quote"},
            {"use,notes\ntrue,x\n", "line 1: no slice_id column"},
            {"slice_id,use\n01,true\n1,false\n", "line 3: section 1 already has a row on line 2"},
            {"slice_id,use\nabc,true\n", "line 2: slice_id 'abc' holds no section number"},
            // a minus sign is not a separator: -1 was read as section 1
            {"slice_id,use\n0,true\n-1,true\n", "line 3: slice_id '-1' is negative or ambiguous"},
            {"slice_id,use\nz-2,true\n", "line 2: slice_id 'z-2' is negative or ambiguous"},
            {"slice_id,use\n1234567890,true\n", "line 2: slice_id '1234567890': section number too large"},
            {"slice_id,quality_score\n1,good\n", "line 2: quality_score 'good' is not a number"},
            {"slice_id,use,use\n", "line 1: column use appears twice"},
            {"", "empty: no header line"},
            // a typo'd id would make every section in between missing (gaps plan --json ran out of memory)
            {"slice_id,use\n0,true\n99999999,true\n1,true\n", "line 3: section 99999999 is more than 100000 sections after section 0"},
        };
        for (String[] c : cases) {
            Path p = write(dir, "bad.csv", c[0]);
            IntersliceException e = assertThrows(IntersliceException.class, () -> SliceConfig.read(p), c[0]);
            assertTrue(e.getMessage().startsWith(p + ": " + c[1]), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void addedRowsGoInSectionOrder(@TempDir Path dir) throws IOException {
        SliceConfig c = SliceConfig.read(write(dir, "c.csv", "slice_id,use\n03,true\n05,true\n09,true\n"));
        c.add("07");
        c.add("01");
        c.add("11");
        assertEquals(List.of("01", "03", "05", "07", "09", "11"), c.rows().stream().map(SliceConfig.Row::id).toList());
        assertThrows(IllegalArgumentException.class, () -> c.add("5"));
    }
}
