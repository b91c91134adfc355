package org.interslice.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntersliceExceptionTest {
    @Test
    void messageIsFileColonReason() {
        IntersliceException e = new IntersliceException(Path.of("a", "b.nii"), "truncated");
        assertEquals(Path.of("a", "b.nii") + ": truncated", e.getMessage());
        assertEquals("truncated", e.reason());
        assertEquals("truncated", new IntersliceException(null, "truncated").getMessage());
    }

    @Test
    void garbageFromAFileStaysOnOneShortLine() {
        String junk = "value '-1024\n\r\u0000\u0001x" + "y".repeat(5000) + "'";
        IntersliceException e = new IntersliceException(Path.of("f"), junk);
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r") || e.getMessage().contains("\u0000"));
        assertTrue(e.reason().length() <= IntersliceException.MAX_REASON + 3, "length " + e.reason().length());
        assertTrue(e.reason().startsWith("value '-1024????x"));
    }

    /** Issue 21.8: an escape sequence in a file name is printed escaped, not sent to the terminal. */
    @Test
    void controlCharactersInTheFileNameAreEscaped() {
        IntersliceException e = new IntersliceException(Path.of("I1\u001b]0;owned\u0007\u009b2J"), "bad");
        assertEquals("I1\\x1b]0;owned\\x07\\x9b2J: bad", e.getMessage());
        assertEquals("plain/name.nii", IntersliceException.printable("plain/name.nii"));
        assertEquals("a\\nb\\u2028", IntersliceException.printable("a\nb\u2028"));
    }
}
