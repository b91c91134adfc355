package org.interslice.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.interslice.core.volume.Geometry;
import org.junit.jupiter.api.Test;

/** {@link Grid#orthogonal()} and {@link GridSpec#keepShear}: properties (positions against nibabel are in ops' ShearedGridTest). */
class GridOrthogonalTest {
    /** A gantry tilt of t degrees about x: the k column leans in y. */
    static Grid tilted(double deg) {
        double t = Math.toRadians(deg);
        return new Grid(30, 40, 12, Geometry.of(new double[] {0.5, 0.5, 2.5}, new double[] {-7, 3, 11},
                new double[] {1, 0, 0, 0, 1, Math.sin(t), 0, 0, Math.cos(t)}));
    }

    @Test
    void orthogonalGridHoldsEveryInputVoxel() {
        Grid in = tilted(18.5);
        assertTrue(in.isSheared());
        Grid o = in.orthogonal();
        assertFalse(o.isSheared());
        assertTrue(o.geometry().isOrthogonal());
        assertEquals(0.5, o.geometry().spacing(0), 1e-12);
        assertEquals(2.5 * Math.cos(Math.toRadians(18.5)), o.geometry().spacing(2), 1e-12);   // slice distance
        Geometry g = o.geometry();
        for (int c = 0; c < 8; c++) {
            double[] w = in.geometry().indexToWorld((c & 1) == 0 ? -0.5 : in.nx() - 0.5, (c & 2) == 0 ? -0.5 : in.ny() - 0.5,
                    (c & 4) == 0 ? -0.5 : in.nz() - 0.5);
            double[] i = g.worldToIndex(w[0], w[1], w[2]);
            for (int a = 0; a < 3; a++) assertTrue(i[a] >= -0.5 - 1e-9 && i[a] <= o.size(a) - 0.5 + 1e-9, "corner " + c + " axis " + a + ": " + i[a]);
        }
    }

    @Test
    void orthogonalInputIsReturnedAsIs() {
        Grid in = tilted(0);
        assertSame(in, in.orthogonal());
    }

    @Test
    void gridSpecDeshearsUnlessKept() {
        Grid in = tilted(10);
        assertFalse(GridSpec.spacing(1).resolve(in).isSheared());
        assertTrue(GridSpec.spacing(1).keepShear(true).resolve(in).isSheared());
        assertTrue(GridSpec.spacing(1).keepShear(true).keepOrigin(true).resolve(in).isSheared(), "keepOrigin keeps keepShear");
        assertTrue(GridSpec.like(in).resolve(tilted(0)).isSheared(), "like copies the reference");
    }
}
