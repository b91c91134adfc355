package org.interslice.core.evaluate;

/**
 * Two orthogonal planes through a truth volume along the slice axis, for montages: the xz plane at
 * row y (coronal for an axial scan) and the yz plane at column x (sagittal). Arrays are x (or y)
 * fastest, slice index k slowest: {@code xz[x + nx * k]}, {@code yz[y + ny * k]}.
 *
 * @param y         row of the xz plane
 * @param x         column of the yz plane
 * @param nx        columns
 * @param ny        rows
 * @param nz        slices (of the scored truth: cut or overlap)
 * @param spacingMm x, y, slice spacing in mm, for the aspect ratio
 * @param geometry  the scored volume's geometry: the patient directions of its index axes, so the montage
 *                  draws the planes in the radiological convention whatever the storage order
 * @param truthXz   truth values (clipped to the window when one is set)
 * @param truthYz   truth values
 * @param maskXz    scoring mask on the plane, null when there is none
 * @param maskYz    scoring mask, null when there is none
 * @param planeNames names of the two planes for labels, e.g. {"coronal", "sagittal"}
 */
public record Planes(int y, int x, int nx, int ny, int nz, double[] spacingMm, org.interslice.core.volume.Geometry geometry,
                     float[] truthXz, float[] truthYz, byte[] maskXz, byte[] maskYz, String[] planeNames) {

    /** Copies the xz plane at row y of a nx x ny x nz array. */
    public static float[] xz(float[] v, int nx, int ny, int nz, int y) {
        float[] p = new float[nx * nz];
        for (int k = 0; k < nz; k++) System.arraycopy(v, (k * ny + y) * nx, p, k * nx, nx);
        return p;
    }

    /** Copies the yz plane at column x of a nx x ny x nz array. */
    public static float[] yz(float[] v, int nx, int ny, int nz, int x) {
        float[] p = new float[ny * nz];
        for (int k = 0, o = 0; k < nz; k++) for (int y = 0, i = k * nx * ny + x; y < ny; y++, i += nx) p[o++] = v[i];
        return p;
    }

    static byte[] xz(byte[] v, int nx, int ny, int nz, int y) {
        byte[] p = new byte[nx * nz];
        for (int k = 0; k < nz; k++) System.arraycopy(v, (k * ny + y) * nx, p, k * nx, nx);
        return p;
    }

    static byte[] yz(byte[] v, int nx, int ny, int nz, int x) {
        byte[] p = new byte[ny * nz];
        for (int k = 0, o = 0; k < nz; k++) for (int y = 0, i = k * nx * ny + x; y < ny; y++, i += nx) p[o++] = v[i];
        return p;
    }
}
