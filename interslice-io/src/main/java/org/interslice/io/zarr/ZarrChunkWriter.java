package org.interslice.io.zarr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;

/**
 * Writes one OME-Zarr image (NGFF 0.4, Zarr v2, one level, zlib chunks) in pieces: the metadata once
 * ({@link #create}, e.g. by a Spark driver into a folder it later renames into place), then any
 * chunk-aligned block of voxels at a time ({@link #writeBlock}, e.g. by the task that computed the block),
 * each chunk file appearing whole (written beside its name and renamed), so a retried or duplicated task
 * rewrites identical bytes safely. {@link OmeZarrFormat#write} writes a whole volume's chunks through the
 * same {@link #writeChunk}, so a volume written in blocks has the same chunk files as one written whole
 * (the whole writer adds pyramid levels and header notes to the metadata).
 *
 * <p>Layout: axes z, y, x (slowest first) in millimetre; {@code scale} is the spacing and
 * {@code translation} the first voxel centre in LPS; chunk files are {@code 0/iz/iy/ix}, padded with 0
 * past the volume's edge.
 */
public final class ZarrChunkWriter {
    private ZarrChunkWriter() {}

    /**
     * Writes the group, multiscale and array metadata into the empty folder {@code root}.
     *
     * @param name the image name recorded in the multiscale metadata (e.g. the output's file name)
     * @param dims size x y z
     * @param spacingMm x y z
     * @param originLps the first voxel centre, x y z
     * @param chunk chunk edge per axis, x y z (each clipped to the size)
     * @param deflateLevel zlib level 1..9, 0 for chunks stored without a compressor
     */
    public static void create(Path root, String name, int[] dims, double[] spacingMm, double[] originLps, PixelType type, boolean label,
                              int[] chunk, int deflateLevel) {
        int nx = dims[0], ny = dims[1], nz = dims[2];
        int cx = Math.min(chunk[0], nx), cy = Math.min(chunk[1], ny), cz = Math.min(chunk[2], nz);
        double[] s = spacingMm, o = originLps;
        try {
            put(root.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
            put(root.resolve(".zattrs"), OmeZarrFormat.attributes(name, java.util.List.of(s), java.util.List.of(o), label, new org.interslice.io.HeaderFields()));
            Path level = Files.createDirectory(root.resolve("0"));
            put(level.resolve(".zarray"), arrayJson(dims, new int[] {cx, cy, cz}, type, deflateLevel));
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(root, e);
        }
    }

    /** The {@code .zarray} of one level: size {@code n} and chunks {@code c} (x y z), zlib at {@code deflateLevel} (no compressor at 0). */
    static String arrayJson(int[] n, int[] c, PixelType type, int deflateLevel) {
        return "{\n  \"zarr_format\": 2,\n  \"shape\": [" + n[2] + ", " + n[1] + ", " + n[0] + "],\n"
                + "  \"chunks\": [" + c[2] + ", " + c[1] + ", " + c[0] + "],\n  \"dtype\": \"" + OmeZarrFormat.dtype(type) + "\",\n"
                + "  \"compressor\": " + (deflateLevel == 0 ? "null" : "{\"id\": \"zlib\", \"level\": " + deflateLevel + "}") + ",\n  \"fill_value\": 0,\n"
                + "  \"filters\": null,\n  \"order\": \"C\",\n  \"dimension_separator\": \"/\"\n}\n";
    }

    /** Chunk edge per axis (x y z) of the array {@link #create} wrote in {@code root}. */
    public static int[] chunkSize(Path root) {
        ZarrArray a = ZarrArray.open(root.resolve("0"));
        return new int[] {a.chunks()[2], a.chunks()[1], a.chunks()[0]};
    }

    /**
     * Writes the chunks of {@code data}, the voxels of {@code box} of the array in {@code root} (x fastest,
     * identity direction: index axes are x, y, z). The box must be chunk-aligned: it starts on a chunk
     * corner and ends on one or at the array's edge. Each chunk file is written beside its name and renamed
     * into place, replacing one a failed attempt left.
     *
     * @throws IllegalArgumentException for a box that is not chunk-aligned, outside the array, or of another
     *         size or type than {@code data}
     */
    public static void writeBlock(Path root, Volume data, Interval box) {
        ZarrArray a = ZarrArray.open(root.resolve("0"));
        int[] n = {(int) a.shape()[2], (int) a.shape()[1], (int) a.shape()[0]};
        int[] c = {a.chunks()[2], a.chunks()[1], a.chunks()[0]};
        if (data.type() != a.type()) throw new IllegalArgumentException("block of " + data.type() + " for an array of " + a.type());
        for (int ax = 0; ax < 3; ax++) {
            if (box.size(ax) != data.dims()[ax]) throw new IllegalArgumentException("block " + box + " does not match its data " + data.nx() + "x" + data.ny() + "x" + data.nz());
            if (box.offset(ax) % c[ax] != 0 || box.end(ax) > n[ax] || (box.end(ax) % c[ax] != 0 && box.end(ax) != n[ax]))
                throw new IllegalArgumentException("block " + box + " is not aligned to the chunks " + c[0] + "x" + c[1] + "x" + c[2] + " of " + n[0] + "x" + n[1] + "x" + n[2]);
        }
        int level = deflateLevel(a);
        Path folder = root.resolve("0");
        for (int iz = box.z0() / c[2]; iz * c[2] < box.end(2); iz++)
            for (int iy = box.y0() / c[1]; iy * c[1] < box.end(1); iy++)
                for (int ix = box.x0() / c[0]; ix * c[0] < box.end(0); ix++)
                    writeChunk(data, 0, new long[] {1, data.nx(), (long) data.nx() * data.ny()},
                            ix * c[0] - box.x0(), iy * c[1] - box.y0(), iz * c[2] - box.z0(), n, c, ix, iy, iz, level, folder, true);
    }

    private static int deflateLevel(ZarrArray a) {
        try {
            Object comp = ZarrArray.readJson(a.meta()).get("compressor");
            if (comp == null) return 0;   // stored without a compressor
            if (comp instanceof java.util.Map<?, ?> m && m.get("level") instanceof Double d) return (int) (double) d;
        } catch (IntersliceException e) {
            // fall through to the default
        }
        return Deflater.DEFAULT_COMPRESSION;
    }

    /**
     * One chunk (ix, iy, iz) of an array of size {@code n} and chunk size {@code c}: its voxels come from
     * {@code v} at array index {@code base + x step0 + y step1 + z step2}, (x, y, z) counted from the
     * chunk's first voxel at ({@code sx}, {@code sy}, {@code sz}) of that layout. Padded with 0 past the edge.
     *
     * @param atomic write beside the name and rename (for chunks written into a visible folder)
     */
    static void writeChunk(Volume v, long base, long[] step, int sx, int sy, int sz, int[] n, int[] c, int ix, int iy, int iz,
                           int deflateLevel, Path level, boolean atomic) {
        int cx = c[0], cy = c[1], cz = c[2];
        int bpv = v.type().bytes;
        ByteBuffer bb = ByteBuffer.allocate(cx * cy * cz * bpv).order(ByteOrder.LITTLE_ENDIAN);
        int ex = Math.min(cx, n[0] - ix * cx), ey = Math.min(cy, n[1] - iy * cy), ez = Math.min(cz, n[2] - iz * cz);
        for (int z = 0; z < ez; z++) for (int y = 0; y < ey; y++) {
            bb.position(((z * cy) + y) * cx * bpv);
            long src = base + sx * step[0] + (sy + y) * step[1] + (sz + z) * step[2];
            for (int i = 0; i < ex; i++) put(bb, v, (int) (src + i * step[0]));
        }
        byte[] bytes = bb.array();
        if (deflateLevel != 0) {   // 0: stored without a compressor
            Deflater def = new Deflater(deflateLevel);
            ByteArrayOutputStream bo = new ByteArrayOutputStream(bb.capacity() / 2 + 64);
            try {
                def.setInput(bb.array());
                def.finish();
                byte[] buf = new byte[1 << 16];
                while (!def.finished()) bo.write(buf, 0, def.deflate(buf));
            } finally {
                def.end();
            }
            bytes = bo.toByteArray();
        }
        try {
            Path dir = Files.createDirectories(level.resolve(Integer.toString(iz)).resolve(Integer.toString(iy)));
            Path f = dir.resolve(Integer.toString(ix));
            Path w = atomic ? dir.resolve("." + ix + AtomicFiles.TEMP_MARK + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)) : f;
            AtomicFiles.writeNew(w, bytes);
            if (atomic) Files.move(w, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ByteBuffer bb, Volume v, int i) {
        double x = v.get(i);
        switch (v.type()) {
            case UINT8: case INT8: bb.put((byte) (long) x); break;
            case UINT16: case INT16: bb.putShort((short) (long) x); break;
            case UINT32: case INT32: bb.putInt((int) (long) x); break;
            case FLOAT32: bb.putFloat((float) x); break;
            default: bb.putDouble(x);
        }
    }

    static void put(Path f, String text) throws IOException {
        AtomicFiles.writeNew(f, text.getBytes(StandardCharsets.UTF_8));
    }

    static String num(double x) {
        return Double.toString(x);
    }

    /** True when {@code g}'s direction is the identity (index axes along L, P, S): what {@link #writeBlock} places. */
    public static boolean isIdentityDirection(Geometry g) {
        double[] d = g.direction();
        for (int i = 0; i < 9; i++) if (Math.abs(d[i] - (i % 4 == 0 ? 1 : 0)) > 1e-9) return false;
        return g.sliceOrigins() == null;
    }
}
