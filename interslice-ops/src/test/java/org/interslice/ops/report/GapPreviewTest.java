package org.interslice.ops.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

/**
 * The preview's panels in the radiological display: patient right on the viewer's left, anterior at the top of
 * a slice, superior at the top of a cut along the slice axis, whatever order the array stores them in.
 */
class GapPreviewTest {
    /** 3 x 2 pixels numbered in array order: value = x + 3 y. */
    static final float[] P = {0, 1, 2, 3, 4, 5};

    static Geometry dir(double... d) {
        return Geometry.of(new double[] {1, 1, 1}, new double[3], d);
    }

    @Test
    void lpsStoredSliceIsDrawnAsStored() {
        // x toward patient left, y toward posterior: already radiological
        GapPreview.Panel p = GapPreview.oriented("s", P, 3, 2, 1, Geometry.identity(), 0, 1);
        assertArrayEquals(P, p.pixels());
        assertArrayEquals(new String[] {"R", "L", "A", "P"}, p.edges());
    }

    @Test
    void rasStoredSliceIsFlippedBothWays() {
        // x toward patient right, y toward anterior (a NIfTI stored RAS, e.g. Colin27): both axes reversed
        GapPreview.Panel p = GapPreview.oriented("s", P, 3, 2, 1, dir(-1, 0, 0, 0, -1, 0, 0, 0, 1), 0, 1);
        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0}, p.pixels());
        assertArrayEquals(new String[] {"R", "L", "A", "P"}, p.edges());
    }

    @Test
    void cutAlongTheSliceAxisHasSuperiorAtTheTop() {
        // rows are slices k; k toward superior: the last slice at the top, as the montages draw it
        GapPreview.Panel up = GapPreview.oriented("xz", P, 3, 2, 1, Geometry.identity(), 0, 2);
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2}, up.pixels());
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, up.edges());
        // k toward inferior: drawn as stored
        GapPreview.Panel down = GapPreview.oriented("xz", P, 3, 2, 1, dir(1, 0, 0, 0, 1, 0, 0, 0, -1), 0, 2);
        assertArrayEquals(P, down.pixels());
        assertArrayEquals(new String[] {"R", "L", "S", "I"}, down.edges());
    }

    @Test
    void sagittalSliceHasAnteriorOnTheLeftAndSuperiorUp() {
        // a sagittal stack: x toward anterior, y toward inferior
        GapPreview.Panel p = GapPreview.oriented("s", P, 3, 2, 1, dir(0, 0, 1, -1, 0, 0, 0, -1, 0), 0, 1);
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, p.pixels());
        assertArrayEquals(new String[] {"A", "P", "S", "I"}, p.edges());
    }

    @Test
    void aPanelNotMadeKeepsItsMarks() {
        GapPreview.Panel p = GapPreview.oriented("skipped", null, 3, 2, 1, Geometry.identity(), 0, 1);
        assertArrayEquals(null, p.pixels());
        assertArrayEquals(new String[] {"R", "L", "A", "P"}, p.edges());
    }
}
