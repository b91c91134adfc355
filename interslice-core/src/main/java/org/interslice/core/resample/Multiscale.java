package org.interslice.core.resample;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.core.volume.VoxelRows;

/**
 * One level of a multiscale pyramid: a volume made 2x coarser along chosen index axes by blocks of 2 (or 1
 * along an axis not halved). Images get the block mean (computed in double, rounded to the voxel type as
 * {@link Volume#set} does: half away from zero, saturating); label maps the block's most common label,
 * the smallest on ties, so every output value is an input label. An odd size gives a last block of one
 * voxel along that axis: the output has ceil(n / 2) voxels, and the mean or mode is over the voxels the
 * block holds (the same as padding by repeating the edge voxel).
 *
 * <p>Geometry: the spacing of a halved axis doubles and the first voxel centre moves to the centre of the
 * first block, {@code origin' = indexToWorld((f - 1) / 2)} per axis with f = 2 or 1, so every level
 * covers the same physical box from the same corner and overlays level 0 exactly. Per-slice positions of
 * uneven stacks are not kept (the affine of the volume is used).
 */
public final class Multiscale {
    private Multiscale() {}

    /**
     * The next level of {@code v}.
     *
     * @param halve which index axes (x, y, z) to halve; an axis of size 1 is never halved
     * @param job threads (parallel over output planes) and progress
     * @return a new volume of v's type and label flag; v is not modified
     */
    public static Volume halve(Volume v, boolean[] halve, Job job) {
        if (halve.length != 3) throw new IllegalArgumentException("halve needs 3 flags, got " + halve.length);
        final int nx = v.nx(), ny = v.ny(), nz = v.nz();
        final int fx = halve[0] && nx > 1 ? 2 : 1, fy = halve[1] && ny > 1 ? 2 : 1, fz = halve[2] && nz > 1 ? 2 : 1;
        final int ox = (nx + fx - 1) / fx, oy = (ny + fy - 1) / fy, oz = (nz + fz - 1) / fz;
        Geometry g = v.geometry().affineOnly();
        double[] s = g.spacing();
        Geometry og = Geometry.of(new double[] {s[0] * fx, s[1] * fy, s[2] * fz},
                g.indexToWorld((fx - 1) / 2.0, (fy - 1) / 2.0, (fz - 1) / 2.0), g.direction());
        final Volume out = Volume.allocate(v.type(), ox, oy, oz, og).asLabel(v.isLabel());
        final boolean label = v.isLabel();
        job.forEachSlab("pyramid level", oz, k -> {
            double[] row = new double[nx];
            double[] sum = new double[ox];
            double[] res = new double[ox];
            int cap = fx * fy * fz;
            double[] vals = label ? new double[ox * cap] : null;
            int[] cnt = new int[ox];
            int z0 = k * fz, z1 = Math.min(nz, z0 + fz);
            for (int j = 0; j < oy; j++) {
                int y0 = j * fy, y1 = Math.min(ny, y0 + fy);
                java.util.Arrays.fill(sum, 0);
                java.util.Arrays.fill(cnt, 0);
                for (int z = z0; z < z1; z++) for (int y = y0; y < y1; y++) {
                    VoxelRows.get(v, nx * (y + ny * z), row, nx);
                    if (label) {
                        for (int x = 0; x < nx; x++) {
                            int i = x / fx;
                            vals[i * cap + cnt[i]++] = row[x];
                        }
                    } else {
                        for (int x = 0; x < nx; x++) {
                            int i = x / fx;
                            sum[i] += row[x];
                            cnt[i]++;
                        }
                    }
                }
                if (label) for (int i = 0; i < ox; i++) res[i] = mode(vals, i * cap, cnt[i]);
                else for (int i = 0; i < ox; i++) res[i] = sum[i] / cnt[i];
                VoxelRows.set(out, ox * (j + oy * k), res, ox);
            }
        });
        return out;
    }

    /**
     * Which axes the next level halves for a volume of spacing {@code s} (mm, x y z) and size {@code n},
     * where x and y are the in-plane axes: x and y always (when larger than one voxel); z when that brings
     * the level closer to isotropic, i.e. when its spacing is below the new in-plane spacing / sqrt(2)
     * (so an isotropic volume stays isotropic and thick sections keep their planes until the in-plane grid
     * has caught up with them).
     */
    public static boolean[] axesToHalve(double[] s, int[] n) {
        double inPlane = 2 * Math.max(n[0] > 1 ? s[0] : 0, n[1] > 1 ? s[1] : 0);
        boolean z = n[2] > 1 && s[2] * Math.sqrt(2) < inPlane;
        return new boolean[] {n[0] > 1, n[1] > 1, z};
    }

    /**
     * How many levels after level 0 still make the volume coarser: for spacing {@code s} and size {@code n}
     * (x, y in-plane, as {@link #axesToHalve}), the levels until one would halve no axis (every axis it may
     * halve is down to one voxel), so that a level beyond would only repeat the one before.
     */
    public static int usefulLevels(double[] s, int[] n) {
        double[] sp = s.clone();
        int[] sz = n.clone();
        int levels = 0;
        while (levels < 64) {
            boolean[] h = axesToHalve(sp, sz);
            boolean any = false;
            for (int a = 0; a < 3; a++) {
                if (!h[a] || sz[a] <= 1) continue;
                sz[a] = (sz[a] + 1) / 2;
                sp[a] *= 2;
                any = true;
            }
            if (!any) break;
            levels++;
        }
        return levels;
    }

    /** The most common of {@code a[off .. off + n)}, the smallest on ties; sorts that range in place. */
    static double mode(double[] a, int off, int n) {
        for (int i = off + 1; i < off + n; i++) {   // insertion sort: n <= 8
            double x = a[i];
            int j = i - 1;
            while (j >= off && a[j] > x) { a[j + 1] = a[j]; j--; }
            a[j + 1] = x;
        }
        double best = a[off];
        int bestRun = 0;
        for (int i = off; i < off + n;) {
            int e = i;
            while (e < off + n && a[e] == a[i]) e++;
            if (e - i > bestRun) { bestRun = e - i; best = a[i]; }
            i = e;
        }
        return best;
    }
}
