package org.interslice.io.zarr;

import java.io.IOException;
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
 * pyramid. Written as NGFF 0.4 / Zarr v2: level 0 plus {@link WriteOptions#pyramidLevels} coarser levels
 * ({@link org.interslice.core.resample.Multiscale}: x and y halved each level, z when that brings the level
 * closer to isotropic; block mean for images, block mode for label maps; each dataset with its own scale
 * and translation), axes z, y, x in millimeter, chunks of {@link #chunkShape} (at most {@value #CHUNK_DEPTH} planes deep), zlib at the write
 * options' deflate level (no compressor at level 0), into a temporary folder renamed into place. The
 * header's description and notes go to {@code .zattrs} as an {@value #ATTRIBUTES} object and are read back
 * into {@link ReadOptions#header}. NGFF has no anatomical frame: x, y, z are taken as LPS with an identity direction on read and
 * write, so an oblique or flipped volume is refused on write (resample it to an axis-aligned grid first).
 */
public final class OmeZarrFormat implements FolderFormat {
    /** Chunk edge written (clipped to the volume). */
    public static final int CHUNK = 64;
    /**
     * Planes per written chunk at most: a region read decodes whole chunks, so a one-plane read decodes this
     * many planes of every chunk it touches (64 before; a section's neighbour read 6 planes and decoded 64).
     */
    public static final int CHUNK_DEPTH = 16;
    /** Decoded bytes per written chunk at most (in-plane edge 256, 128 or 64, whichever fits first). */
    public static final long CHUNK_BYTES = 2L << 20;

    /**
     * The chunk shape written for a level of {@code n} voxels (x y z) of {@code type}: {@value #CHUNK_DEPTH}
     * planes deep, in-plane edge the largest of 256, 128, 64 keeping a chunk within {@value #CHUNK_BYTES}
     * bytes (uint8 256x256x16 = 1 MiB, int16 2 MiB, float32 and float64 128x128x16 = 1 and 2 MiB), each
     * clipped to the size. Reading accepts any chunk shape.
     */
    public static int[] chunkShape(int[] n, PixelType type) {
        int cz = Math.min(CHUNK_DEPTH, n[2]);
        int edge = 256;
        while (edge > CHUNK && (long) edge * edge * CHUNK_DEPTH * type.bytes > CHUNK_BYTES) edge /= 2;
        return new int[] {Math.min(edge, n[0]), Math.min(edge, n[1]), cz};
    }

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
        if (options.header != null) image.fill(options.header);
        return new ZarrRegionVolume(path, image, options.maxBytes);
    }

    @Override
    public boolean writesFolder() {
        return true;
    }

    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        Layout lay = checked(path, v.dims(), v.geometry(), options);
        Path root = out.openFolder(path);
        try {
            ZarrChunkWriter.put(root.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
            List<Layout> levels = new java.util.ArrayList<>();
            Volume level = v;
            for (int k = 0; k <= options.pyramidLevels; k++) {
                if (k > 0) {
                    // which of the volume's index axes are the written x, y, z decides what is halved
                    boolean[] lps = org.interslice.core.resample.Multiscale.axesToHalve(lay.spacing, lay.n);
                    boolean[] own = new boolean[3];
                    for (int a = 0; a < 3; a++) own[lay.axis[a]] = lps[a];
                    level = org.interslice.core.resample.Multiscale.halve(level, own, options.job);
                    lay = Layout.toLps(level.dims(), level.geometry());
                }
                writeLevel(level, lay, Files.createDirectory(root.resolve(Integer.toString(k))), options);
                levels.add(lay);
            }
            List<double[]> spacings = new java.util.ArrayList<>(), origins = new java.util.ArrayList<>();
            for (Layout l : levels) {
                spacings.add(l.spacing);
                origins.add(l.origin);
            }
            ZarrChunkWriter.put(root.resolve(".zattrs"), attributes(path.getFileName().toString(), spacings, origins, v.isLabel(), options.header));
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(path, e);
        } catch (java.io.UncheckedIOException e) {
            throw AtomicFiles.cannotWrite(path, e.getCause());
        }
    }

    @Override
    public void checkWritable(Path path, int[] dims, Geometry g, WriteOptions options) {
        checked(path, dims, g, options);
    }

    /** The written layout of a {@code dims} grid on {@code geometry}; IntersliceException for an oblique grid or too many pyramid levels. */
    private static Layout checked(Path path, int[] dims, Geometry geometry, WriteOptions options) {
        Geometry g = geometry.affineOnly();
        Layout lay = Layout.toLps(dims, g);
        if (lay == null)
            throw new IntersliceException(path, "OME-Zarr stores no direction and this volume is oblique (" + g.orientationCode()
                    + "): resample it to an axis-aligned grid first");
        int useful = org.interslice.core.resample.Multiscale.usefulLevels(lay.spacing, lay.n);
        if (options.pyramidLevels > useful)
            throw new IntersliceException(path, "--pyramid " + options.pyramidLevels + " asks for more levels than this " + lay.n[0] + " x " + lay.n[1] + " x "
                    + lay.n[2] + " volume has: level " + useful + " is the last that halves an axis (a level beyond repeats it); ask for at most " + useful);
        return lay;
    }

    /**
     * The image's {@code .zattrs}: NGFF 0.4 multiscales, one dataset per level with its own scale and
     * translation (each level's first voxel centre, so viewers overlay the levels), the label flag, and the
     * header's description and notes as an {@value #ATTRIBUTES} object (see {@link #attributeValue}).
     */
    static String attributes(String imageName, List<double[]> spacings, List<double[]> origins, boolean label, org.interslice.io.HeaderFields header) {
        String name = imageName.replace("\\", "\\\\").replace("\"", "\\\"");
        StringBuilder a = new StringBuilder("{\n  \"multiscales\": [\n    {\n      \"version\": \"0.4\",\n      \"name\": \"")
                .append(name).append("\",\n      \"axes\": [\n");
        for (String ax : new String[] {"z", "y", "x"})
            a.append("        {\"name\": \"").append(ax).append("\", \"type\": \"space\", \"unit\": \"millimeter\"}").append(ax.equals("x") ? "\n" : ",\n");
        a.append("      ],\n      \"datasets\": [\n");
        for (int k = 0; k < spacings.size(); k++) {
            double[] s = spacings.get(k), o = origins.get(k);
            a.append("        {\n          \"path\": \"").append(k).append("\",\n          \"coordinateTransformations\": [\n")
                    .append("            {\"type\": \"scale\", \"scale\": [").append(ZarrChunkWriter.num(s[2])).append(", ").append(ZarrChunkWriter.num(s[1])).append(", ").append(ZarrChunkWriter.num(s[0])).append("]},\n")
                    .append("            {\"type\": \"translation\", \"translation\": [").append(ZarrChunkWriter.num(o[2])).append(", ").append(ZarrChunkWriter.num(o[1])).append(", ").append(ZarrChunkWriter.num(o[0])).append("]}\n")
                    .append("          ]\n        }").append(k + 1 < spacings.size() ? ",\n" : "\n");
        }
        a.append("      ]");
        if (spacings.size() > 1) a.append(",\n      \"type\": \"").append(label ? "mode" : "mean").append('"');
        a.append("\n    }\n  ]");
        if (label) a.append(",\n  \"image-label\": {\n    \"version\": \"0.4\"\n  }");
        if (header.description != null || !header.notes.isEmpty()) {
            a.append(",\n  \"").append(ATTRIBUTES).append("\": {");
            boolean first = true;
            if (header.description != null) {
                a.append("\n    \"description\": ").append(Json.quote(header.description));
                first = false;
            }
            for (java.util.Map.Entry<String, String> e : header.notes.entrySet()) {
                a.append(first ? "\n" : ",\n").append("    ").append(Json.quote(e.getKey())).append(": ").append(attributeValue(e.getValue()));
                first = false;
            }
            a.append("\n  }");
        }
        a.append("\n}\n");
        return a.toString();
    }

    /** Name of the {@code .zattrs} object holding Interslice's own attributes. */
    public static final String ATTRIBUTES = "interslice";

    /**
     * A note's value as JSON: the value itself when it is a JSON boolean, number, array or object that
     * reads back to the same text ({@code true}, {@code 0.5}, {@code ["a.zarr","b.zarr"]}), else a JSON
     * string, so notes read back exactly and {@code "interpolated": true} is a real boolean.
     */
    static String attributeValue(String v) {
        try {
            Object o = Json.parse(v);
            if (!(o instanceof String) && o != null && Json.write(o).equals(v)) return v;
        } catch (IllegalArgumentException e) {
            // not JSON: a string
        }
        return Json.quote(v);
    }

    /** One level's array: {@code .zarray} and its chunks, compressed by zlib at the deflate level (none at 0). */
    private static void writeLevel(Volume v, Layout lay, Path level, WriteOptions options) throws IOException {
        int nx = lay.n[0], ny = lay.n[1], nz = lay.n[2];
        int[] shape = chunkShape(lay.n, v.type());
        int cx = shape[0], cy = shape[1], cz = shape[2];
        ZarrChunkWriter.put(level.resolve(".zarray"), ZarrChunkWriter.arrayJson(lay.n, new int[] {cx, cy, cz}, v.type(), options.gzipLevel));
        int gx = (nx + cx - 1) / cx, gy = (ny + cy - 1) / cy, gz = (nz + cz - 1) / cz;
        int total = gx * gy * gz;
        options.job.forEachSlab("write OME-Zarr chunks", total, k -> {
            int ix = k % gx, iy = k / gx % gy, iz = k / gx / gy;
            ZarrChunkWriter.writeChunk(v, lay.base, lay.step, ix * cx, iy * cy, iz * cz, lay.n, new int[] {cx, cy, cz}, ix, iy, iz,
                    options.gzipLevel, level, false);
        });
    }

    /**
     * How the written LPS grid reads the volume's array: output axis a (x = L, y = P, z = S) runs along
     * the volume's index axis whose direction is +-a; null when the direction is not such a signed
     * permutation (oblique). Voxel (x, y, z) of the output is array index base + x step0 + y step1 + z step2.
     */
    static final class Layout {
        final int[] n = new int[3];
        /** The volume's index axis that written axis a (x, y, z) runs along. */
        final int[] axis = new int[3];
        final long[] step = new long[3];
        long base;
        final double[] spacing = new double[3];
        double[] origin;

        static Layout toLps(int[] dims, Geometry g) {
            double[] d = g.direction();
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
                l.axis[a] = found;
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
