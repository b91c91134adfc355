package org.interslice.core.gaps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.interslice.core.exec.Job;
import org.junit.jupiter.api.Test;

/**
 * zmorph on a label map: a body (label 3) holding an organ (label 7) on background 0, the after section moved
 * by 6 px right and 3 px down (half a move is not a whole pixel, so any blend of values would show). The label
 * path may only output labels of the surfaces, keeps both surfaces exactly, and puts the moved organ half way.
 */
class ZMorphLabelsTest {
    static final int NX = 72, NY = 64;

    /** Body: a 40 x 32 rectangle; organ: a disc of radius 11 inside it, both at (cx, cy). */
    static float[] plane(double cx, double cy) {
        float[] p = new float[NX * NY];
        for (int y = 0; y < NY; y++)
            for (int x = 0; x < NX; x++) {
                double dx = x - cx, dy = y - cy;
                p[y * NX + x] = dx * dx + dy * dy <= 121 ? 7 : (Math.abs(dx) <= 20 && Math.abs(dy) <= 16 ? 3 : 0);
            }
        return p;
    }

    static float[][] section(double cx, double cy) {
        return new float[][] {plane(cx, cy), plane(cx, cy), plane(cx, cy)};
    }

    static double[] centroid(float[] p, int label) {
        double sx = 0, sy = 0, n = 0;
        for (int y = 0; y < NY; y++) for (int x = 0; x < NX; x++) if (p[y * NX + x] == label) {
            sx += x;
            sy += y;
            n++;
        }
        return new double[] {sx / n, sy / n, n};
    }

    static TreeSet<Float> values(float[] p) {
        TreeSet<Float> s = new TreeSet<>();
        for (float v : p) s.add(v);
        return s;
    }

    /** The exact int surfaces: labels above 2^24 (not floats) come out as they went in, surfaces kept bit for bit. */
    @Test
    void intSurfacesKeepLabelsAbove2To24Exact() {
        float[][] before = section(30, 28), after = section(36, 31);
        int[] lb = new int[NX * NY], la = new int[NX * NY];
        for (int i = 0; i < lb.length; i++) {
            lb[i] = big(before[2][i]);
            la[i] = big(after[0][i]);
        }
        ConfigZMorph c = new ConfigZMorph();
        c.labels = true;
        ZMorph.Outcome o = ZMorph.reconstruct(before, after, lb, la, NX, NY, 3, c, Job.serial());
        assertTrue(o.ok(), "failed: " + o.failureReason());
        assertArrayEquals(lb, o.labelPlanes()[0], "t = 0: the before surface");
        assertArrayEquals(la, o.labelPlanes()[2], "t = 1: the after surface");
        TreeSet<Integer> mid = new TreeSet<>();
        for (int l : o.labelPlanes()[1]) mid.add(l);
        assertEquals(new TreeSet<>(java.util.List.of(0, 16777217, 16777219)), mid);
        // the same planes as the float path gives with small labels, only renamed
        ZMorph.Outcome small = ZMorph.reconstruct(before, after, NX, NY, 3, c, Job.serial());
        for (int i = 0; i < NX * NY; i++) assertEquals(big(small.planes()[1][i]), o.labelPlanes()[1][i], "pixel " + i);
        assertEquals(null, ZMorph.reconstruct(before, after, NX, NY, 3, new ConfigZMorph(), Job.serial()).labelPlanes(), "image path");
    }

    /** Labels 3 and 7 renamed to 16777217 and 16777219 (2^24 + 1 and + 3: not floats), in the same order (ties go to the smaller). */
    private static int big(float label) {
        return label == 3 ? 16777217 : label == 7 ? 16777219 : 0;
    }

    @Test
    void labelsStayLabelsAndAMovedLabelLandsHalfWay() {
        float[][] before = section(30, 28), after = section(36, 31);
        ConfigZMorph c = new ConfigZMorph();
        c.labels = true;
        ZMorph.Outcome o = ZMorph.reconstruct(before, after, NX, NY, 3, c, Job.serial());
        assertTrue(o.ok(), "failed: " + o.failureReason() + " " + o.diagnostics().toMap());
        assertTrue(o.diagnostics().labels);
        assertEquals(0, o.diagnostics().foregroundThreshold, "foreground: every label but 0");
        assertArrayEquals(before[2], o.planes()[0], "t = 0: the before surface");
        assertArrayEquals(after[0], o.planes()[2], "t = 1: the after surface");
        assertEquals(0, o.diagnostics().residualBefore);
        assertEquals(0, o.diagnostics().residualAfter);
        float[] mid = o.planes()[1];
        TreeSet<Float> allowed = values(before[2]);
        allowed.addAll(values(after[0]));
        assertTrue(allowed.containsAll(values(mid)), "new values: " + values(mid) + " not in " + allowed);
        // the organ lies half way, at (33, 29.5), its area kept
        double[] organ = centroid(mid, 7), body = centroid(mid, 3), organBefore = centroid(before[2], 7);
        assertEquals(33, organ[0], 0.75, "organ x");
        assertEquals(29.5, organ[1], 0.75, "organ y");
        assertEquals(organBefore[2], organ[2], 0.08 * organBefore[2], "organ area");
        assertEquals(33, body[0], 0.75, "body x");
        assertEquals(29.5, body[1], 0.75, "body y");

        // the image path on the same planes invents values between the labels (what the label path prevents)
        ZMorph.Outcome img = ZMorph.reconstruct(before, after, NX, NY, 3, new ConfigZMorph(), Job.serial());
        assertTrue(img.ok());
        assertFalse(allowed.containsAll(values(img.planes()[1])), "the image path should blend values here");
    }

    @Test
    void labelsAreReconstructedByZmorphOnly() {
        ConfigZMorph c = new ConfigZMorph();
        c.labels = true;
        c.method = GapMethod.AVERAGE;
        assertThrows(IllegalArgumentException.class, c::check);
    }
}
