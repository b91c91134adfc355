package org.interslice.io.zarr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FolderFormat;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.WriteOptions;

/**
 * OME-Zarr images: a folder ({@code .ome.zarr}, {@code .zarr}) read lazily chunk by chunk (see
 * {@link ZarrRegionVolume}); NGFF 0.4 on Zarr v2 and NGFF 0.5 on Zarr v3, level 0 of the multiscale
 * pyramid. Written as NGFF 0.4 / Zarr v2: one level, axes z, y, x in millimeter, chunks of at most
 * {@value #CHUNK}^3, zlib at the write options' deflate level, into a temporary folder renamed into
 * place. NGFF has no anatomical frame: x, y, z are taken as LPS with an identity direction on read and
 * write, so an oblique or flipped volume is refused on write (resample it to an axis-aligned grid first).
 */
public final class OmeZarrFormat implements FolderFormat {
    /** Chunk edge written (clipped to the volume). */
    public static final int CHUNK = 64;

    @Override public String name() { return "OME-Zarr"; }
    @Override public List<String> extensions() { return List.of(".ome.zarr", ".zarr"); }

    /** A folder is never recognized from a file's first bytes. */
    @Override public boolean recognizes(Path path, byte[] head) { return false; }

    @Override
    public boolean recognizesFolder(Path folder) {
        return OmeImage.isZarr(folder);
    }

    @Override
    public Volume read(Path path, ReadOptions options) {
        try (OpenVolume o = open(path, options)) {
            return o.readAll();
        }
    }

    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        if (!Files.isDirectory(path)) throw new IntersliceException(path, "an OME-Zarr image is a folder");
        OmeImage image = OmeImage.open(path);
        options.notes.addAll(image.notes());
        return new ZarrRegionVolume(path, image, options.maxBytes);
    }

    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        Geometry g = v.geometry().affineOnly();
        Layout lay = Layout.toLps(v, g);
        if (lay == null)
            throw new IntersliceException(path, "OME-Zarr stores no direction and this volume is oblique (" + g.orientationCode()
                    + "): resample it to an axis-aligned grid first");
        Path root = out.openFolder(path);
        int[] n = lay.n, c = {Math.min(CHUNK, n[0]), Math.min(CHUNK, n[1]), Math.min(CHUNK, n[2])};
        try {
            ZarrChunkWriter.create(root, path.getFileName().toString(), n, lay.spacing, lay.origin, v.type(), v.isLabel(), c, options.gzipLevel);
            Path level = root.resolve("0");
            int gx = (n[0] + c[0] - 1) / c[0], gy = (n[1] + c[1] - 1) / c[1], gz = (n[2] + c[2] - 1) / c[2];
            int total = gx * gy * gz;
            options.job.forEachSlab("write OME-Zarr chunks", total, k -> {
                int ix = k % gx, iy = k / gx % gy, iz = k / gx / gy;
                ZarrChunkWriter.writeChunk(v, lay.base, lay.step, ix * c[0], iy * c[1], iz * c[2], n, c, ix, iy, iz, options.gzipLevel, level, false);
            });
        } catch (java.io.UncheckedIOException e) {
            throw new IntersliceException(path, "cannot write: " + AtomicFiles.plainReason(e.getCause(), path), e);
        }
    }

    /**
     * How the written LPS grid reads the volume's array: output axis a (x = L, y = P, z = S) runs along
     * the volume's index axis whose direction is +-a; null when the direction is not such a signed
     * permutation (oblique). Voxel (x, y, z) of the output is array index base + x step0 + y step1 + z step2.
     */
    static final class Layout {
        final int[] n = new int[3];
        final long[] step = new long[3];
        long base;
        final double[] spacing = new double[3];
        double[] origin;

        static Layout toLps(Volume v, Geometry g) {
            double[] d = g.direction();
            int[] dims = v.dims();
            long[] stride = {1, dims[0], (long) dims[0] * dims[1]};
            Layout l = new Layout();
            boolean[] used = new boolean[3];
            int[] from = new int[3];
            for (int a = 0; a < 3; a++) {
                int found = -1;
                double sign = 0;
                for (int k = 0; k < 3; k++) {
                    double c = d[3 * a + k];
                    if (Math.abs(Math.abs(c) - 1) < 1e-6) { found = k; sign = Math.signum(c); }
                    else if (Math.abs(c) > 1e-6) return null;
                }
                if (found < 0 || used[found]) return null;
                used[found] = true;
                l.n[a] = dims[found];
                l.spacing[a] = g.spacing(found);
                l.step[a] = sign > 0 ? stride[found] : -stride[found];
                if (sign < 0) l.base += (dims[found] - 1) * stride[found];
                from[found] = sign > 0 ? 0 : dims[found] - 1;
            }
            l.origin = g.indexToWorld(from[0], from[1], from[2]);
            return l;
        }
    }

    static String dtype(PixelType t) {
        switch (t) {
            case UINT8: return "|u1";
            case INT8: return "|i1";
            case UINT16: return "<u2";
            case INT16: return "<i2";
            case UINT32: return "<u4";
            case INT32: return "<i4";
            case FLOAT32: return "<f4";
            default: return "<f8";
        }
    }

    @Override
    public List<Path> inputFiles(Path path) {
        return List.of(path);
    }

    /** Lower-case name check used by tests and {@link org.interslice.io.Formats}. */
    static boolean hasZarrName(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().toLowerCase(Locale.ROOT).endsWith(".zarr");
    }
}
