package org.interslice.io.zarr;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.PixelType;
import org.interslice.io.AtomicFiles;

/**
 * One Zarr array as its metadata describe it (Zarr v2 {@code .zarray} or v3 {@code zarr.json}): shape and
 * chunk shape (slowest axis first), sample type and byte order, fill value, codec and how chunk keys are
 * spelled. Everything is checked when parsed; errors are IntersliceException naming the metadata file.
 *
 * @param folder the array's folder (chunk keys are relative to it)
 * @param meta the metadata file (named in errors)
 * @param shape size along each axis, slowest first
 * @param chunks chunk size along each axis
 * @param type sample type
 * @param order byte order of multi-byte samples
 * @param fill value of samples in missing chunks
 * @param codec how each chunk's bytes are stored
 * @param v3 true for Zarr v3 chunk keys ({@code c/0/0/0}) unless {@code separator} says otherwise
 * @param separator separator of chunk key parts
 * @param prefix text before the first key part ("c" + separator for v3 default keys, "" otherwise)
 * @param dimensionNames v3 dimension names, or null
 */
record ZarrArray(Path folder, Path meta, long[] shape, int[] chunks, PixelType type, ByteOrder order, double fill,
                 Codec codec, boolean v3, String separator, String prefix, List<String> dimensionNames) {

    /** Largest metadata file read (they are a few hundred bytes; a bigger one is not metadata). */
    static final long MAX_META = 1 << 20;

    /** Reads a JSON metadata file as an object; IntersliceException naming it otherwise. */
    static Map<String, Object> readJson(Path f) {
        try {
            if (Files.size(f) > MAX_META) throw new IntersliceException(f, "metadata file larger than " + MAX_META + " bytes");
            Object o = Json.parse(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            if (!(o instanceof Map)) throw new IntersliceException(f, "metadata are not a JSON object");
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) o;
            return m;
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read: " + AtomicFiles.plainReason(e, f), e);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(f, e.getMessage(), e);
        }
    }

    /** The array in {@code folder}: its {@code .zarray} (v2) or {@code zarr.json} (v3). */
    static ZarrArray open(Path folder) {
        Path v2 = folder.resolve(".zarray"), v3 = folder.resolve("zarr.json");
        if (Files.isRegularFile(v2)) return parseV2(folder, v2, readJson(v2));
        if (Files.isRegularFile(v3)) return parseV3(folder, v3, readJson(v3));
        throw new IntersliceException(folder, "no Zarr array here (no .zarray or zarr.json)");
    }

    private static ZarrArray parseV2(Path folder, Path f, Map<String, Object> m) {
        Object zf = m.get("zarr_format");
        if (!(zf instanceof Double d) || d != 2) throw new IntersliceException(f, "zarr_format " + zf + " is not 2");
        long[] shape = longs(f, m.get("shape"), "shape");
        long[] ch = longs(f, m.get("chunks"), "chunks");
        if (ch.length != shape.length) throw new IntersliceException(f, "chunks has " + ch.length + " axes, shape " + shape.length);
        Object dt = m.get("dtype");
        if (!(dt instanceof String dts) || dts.length() < 3) throw new IntersliceException(f, "dtype " + dt + " is not a simple type (e.g. \"<u2\")");
        PixelType type = type(f, dts.substring(1));
        ByteOrder order = dts.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        if ("<>|".indexOf(dts.charAt(0)) < 0) throw new IntersliceException(f, "dtype " + dts + " has no byte order mark");
        if (!"C".equals(m.get("order"))) throw new IntersliceException(f, "order " + m.get("order") + " is not supported (only C)");
        if (m.get("filters") != null && !(m.get("filters") instanceof List<?> l && l.isEmpty()))
            throw new IntersliceException(f, "filters are not supported");
        Object comp = m.get("compressor");
        Codec codec;
        if (comp == null) codec = Codec.NONE;
        else if (comp instanceof Map<?, ?> cm && cm.get("id") instanceof String id) {
            codec = Codec.of(id);
            if (codec == null) throw new IntersliceException(f, "compressor " + id + " is not supported (zlib, gzip, zstd, blosc are)");
        } else throw new IntersliceException(f, "compressor " + comp + " has no id");
        Object sep = m.get("dimension_separator");
        String separator = sep == null ? "." : String.valueOf(sep);
        if (!".".equals(separator) && !"/".equals(separator)) throw new IntersliceException(f, "dimension_separator " + sep + " is not . or /");
        return checked(new ZarrArray(folder, f, shape, ints(f, ch), type, order, fill(f, m.get("fill_value")), codec, false, separator, "", null));
    }

    private static ZarrArray parseV3(Path folder, Path f, Map<String, Object> m) {
        Object zf = m.get("zarr_format");
        if (!(zf instanceof Double d) || d != 3) throw new IntersliceException(f, "zarr_format " + zf + " is not 3");
        if (!"array".equals(m.get("node_type"))) throw new IntersliceException(f, "node_type " + m.get("node_type") + " is not array");
        long[] shape = longs(f, m.get("shape"), "shape");
        Map<String, Object> grid = map(f, m.get("chunk_grid"), "chunk_grid");
        if (!"regular".equals(grid.get("name"))) throw new IntersliceException(f, "chunk grid " + grid.get("name") + " is not supported (only regular)");
        long[] ch = longs(f, map(f, grid.get("configuration"), "chunk_grid configuration").get("chunk_shape"), "chunk_shape");
        if (ch.length != shape.length) throw new IntersliceException(f, "chunk_shape has " + ch.length + " axes, shape " + shape.length);
        Object dt = m.get("data_type");
        if (!(dt instanceof String dts)) throw new IntersliceException(f, "data_type " + dt + " is not a name");
        PixelType type = switch (dts) {
            case "uint8" -> PixelType.UINT8;
            case "int8" -> PixelType.INT8;
            case "uint16" -> PixelType.UINT16;
            case "int16" -> PixelType.INT16;
            case "uint32" -> PixelType.UINT32;
            case "int32" -> PixelType.INT32;
            case "float32" -> PixelType.FLOAT32;
            case "float64" -> PixelType.FLOAT64;
            default -> throw new IntersliceException(f, "data_type " + dts + " is not supported");
        };
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        Codec codec = Codec.NONE;
        Object cl = m.get("codecs");
        if (!(cl instanceof List<?> codecs) || codecs.isEmpty()) throw new IntersliceException(f, "codecs " + cl + " is not a list");
        boolean bytesSeen = false;
        for (Object c : codecs) {
            Map<String, Object> cm = map(f, c, "codec");
            Object name = cm.get("name");
            Map<?, ?> conf = cm.get("configuration") instanceof Map<?, ?> x ? x : Map.of();
            if ("bytes".equals(name)) {
                bytesSeen = true;
                order = "big".equals(conf.get("endian")) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            } else if (!bytesSeen) {
                throw new IntersliceException(f, "codec " + name + " before bytes is not supported (no transpose, no sharding)");
            } else {
                Codec k = name instanceof String s ? Codec.of(s) : null;
                if (k == null || k == Codec.NONE || codec != Codec.NONE)
                    throw new IntersliceException(f, "codec " + name + " is not supported (one of gzip, zstd, blosc after bytes)");
                codec = k;
            }
        }
        String separator = "/", prefix = "c/";
        if (m.get("chunk_key_encoding") instanceof Map<?, ?> ke) {
            Object sep = ke.get("configuration") instanceof Map<?, ?> kc ? kc.get("separator") : null;
            if ("v2".equals(ke.get("name"))) {
                separator = sep == null ? "." : String.valueOf(sep);
                prefix = "";
            } else if ("default".equals(ke.get("name"))) {
                separator = sep == null ? "/" : String.valueOf(sep);
                prefix = "c" + separator;
            } else throw new IntersliceException(f, "chunk key encoding " + ke.get("name") + " is not supported");
            if (!".".equals(separator) && !"/".equals(separator)) throw new IntersliceException(f, "chunk key separator " + sep + " is not . or /");
        }
        List<String> names = null;
        if (m.get("dimension_names") instanceof List<?> dn) {
            if (dn.size() != shape.length) throw new IntersliceException(f, "dimension_names has " + dn.size() + " names for " + shape.length + " axes");
            names = new java.util.ArrayList<>();
            for (Object o : dn) names.add(o == null ? null : String.valueOf(o));
        }
        return checked(new ZarrArray(folder, f, shape, ints(f, ch), type, order, fill(f, m.get("fill_value")), codec, true, separator, prefix, names));
    }

    private static ZarrArray checked(ZarrArray a) {
        if (a.shape.length < 1 || a.shape.length > 5) throw new IntersliceException(a.meta, a.shape.length + " axes: only 1 to 5 are supported");
        for (int d = 0; d < a.shape.length; d++) {
            if (a.shape[d] < 1 || a.shape[d] > Integer.MAX_VALUE) throw new IntersliceException(a.meta, "shape " + java.util.Arrays.toString(a.shape) + " is not positive and within 2^31");
            if (a.chunks[d] < 1) throw new IntersliceException(a.meta, "chunks " + java.util.Arrays.toString(a.chunks) + " are not positive");
        }
        long bytes = a.type.bytes;
        for (int c : a.chunks) {
            bytes *= c;
            if (bytes > Integer.MAX_VALUE - 8) throw new IntersliceException(a.meta, "chunks " + java.util.Arrays.toString(a.chunks) + " exceed 2 GiB each");
        }
        return a;
    }

    /** Bytes of one decoded chunk. */
    int chunkBytes() {
        long b = type.bytes;
        for (int c : chunks) b *= c;
        return (int) b;
    }

    /** The file of the chunk with grid indices {@code idx}. */
    Path chunkFile(long[] idx) {
        StringBuilder b = new StringBuilder(prefix);
        for (int d = 0; d < idx.length; d++) {
            if (d > 0) b.append(separator);
            b.append(idx[d]);
        }
        return folder.resolve(b.toString());
    }

    private static PixelType type(Path f, String code) {
        switch (code) {
            case "u1": return PixelType.UINT8;
            case "i1": return PixelType.INT8;
            case "u2": return PixelType.UINT16;
            case "i2": return PixelType.INT16;
            case "u4": return PixelType.UINT32;
            case "i4": return PixelType.INT32;
            case "f4": return PixelType.FLOAT32;
            case "f8": return PixelType.FLOAT64;
            default: throw new IntersliceException(f, "dtype " + code + " is not supported (u1, i1, u2, i2, u4, i4, f4, f8 are)");
        }
    }

    private static double fill(Path f, Object o) {
        if (o == null) return 0;
        if (o instanceof Double d) return d;
        if (o instanceof Boolean b) return b ? 1 : 0;
        if (o instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new IntersliceException(f, "fill_value " + o + " is not a number");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path f, Object o, String what) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IntersliceException(f, what + " is not a JSON object");
    }

    static long[] longs(Path f, Object o, String what) {
        if (!(o instanceof List<?> l) || l.size() > 32) throw new IntersliceException(f, what + " " + o + " is not a short list of numbers");
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(l.get(i) instanceof Double d) || d != Math.rint(d) || Math.abs(d) > 1e15) throw new IntersliceException(f, what + " " + o + " holds a non-integer");
            r[i] = d.longValue();
        }
        return r;
    }

    private static int[] ints(Path f, long[] l) {
        int[] r = new int[l.length];
        for (int i = 0; i < r.length; i++) {
            if (l[i] < 1 || l[i] > Integer.MAX_VALUE) throw new IntersliceException(f, "chunk size " + l[i] + " is not positive and within 2^31");
            r[i] = (int) l[i];
        }
        return r;
    }
}
