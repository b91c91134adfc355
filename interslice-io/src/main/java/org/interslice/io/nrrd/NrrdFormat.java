package org.interslice.io.nrrd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.RawRegionVolume;
import org.interslice.io.SafeFiles;
import org.interslice.io.ReadOptions;
import org.interslice.io.TextHeaders;
import org.interslice.io.TextHeaders.DataSpec;
import org.interslice.io.TextHeaders.Encoding;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;

/**
 * NRRD (teem "nearly raw raster data", format versions NRRD0001 to NRRD0005): {@code .nrrd} with the
 * data attached after a blank line, or a {@code .nhdr} header naming a detached data file.
 *
 * <p>Reads 3D scalar data (4D when the extra axis has size 1), types 8 to 32 bits and float/double,
 * encodings raw, gzip and ascii, {@code line skip} and {@code byte skip} (-1 = data at the end, raw only).
 * Geometry: {@code space directions} and {@code space origin} in the file's {@code space}, converted to
 * LPS (right-anterior-superior negates x and y, left-anterior-superior negates x); {@code scanner-xyz}
 * and {@code 3D-right-handed} carry no anatomical meaning and are taken as LPS, as ITK does. Without
 * space directions, {@code spacings} give an axis-aligned grid. A missing {@code endian} field means
 * little endian. The label flag is the key-value pair {@code interslice_label:=true}; a Slicer
 * segmentation ({@code SegmentN_LabelValue} keys) also reads as a label map.
 *
 * <p>Writes NRRD0004 in LPS, gzip encoding: {@code .nrrd} attached; {@code .nhdr} with a detached
 * {@code NAME.raw.gz} written first and named relative to the header.
 */
public final class NrrdFormat implements VolumeFormat {
    private static final Pattern VECTOR_OR_NONE = Pattern.compile("\\(([^)]*)\\)|none", Pattern.CASE_INSENSITIVE);
    private static final String LABEL_KEY = "interslice_label";

    @Override
    public String name() {
        return "NRRD";
    }

    @Override
    public List<String> extensions() {
        return List.of(".nrrd", ".nhdr");
    }

    @Override
    public boolean recognizes(Path path, byte[] head) {
        return head.length >= 8 && new String(head, 0, 7, StandardCharsets.ISO_8859_1).equals("NRRD000");
    }

    @Override
    public Volume read(Path path, ReadOptions options) {
        Header h = Header.parse(path, options.allowOutsideData);
        if (options.header != null) {
            if (h.content != null) options.header.description = h.content;
            options.header.notes.putAll(h.notes);
        }
        return TextHeaders.readVolume(path, h.data, h.type, h.sizes[0], h.sizes[1], h.sizes[2], h.geometry, h.label, options);
    }

    /** Region reads of raw and gzip data (see {@link RawRegionVolume}); ascii data are read whole. */
    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        Header h = Header.parse(path, options.allowOutsideData);
        OpenVolume v = RawRegionVolume.open(path, h.data, h.type, h.sizes[0], h.sizes[1], h.sizes[2], h.geometry, h.label);
        return v != null ? v : VolumeFormat.super.open(path, options);
    }

    /** The header and, for a detached header, its data file (named even when missing). */
    @Override
    public List<Path> inputFiles(Path path) {
        return TextHeaders.inputFiles(path, p -> Header.parse(p, true).data);
    }

    /** The header and, for a .nhdr, both names its data file may get. */
    @Override
    public List<Path> outputFiles(Path path) {
        return Formats.lowerName(path).endsWith(".nhdr") ? TextHeaders.outputFiles(path, ".nhdr", ".raw.gz") : List.of(path);
    }

    /**
     * gzip, little endian; a .nhdr gets its data in NAME.raw.gz beside it (NAME.1.raw.gz when the header
     * it replaces names NAME.raw.gz, see {@link TextHeaders#dataNameForWrite}).
     */
    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        String dataFile = Formats.lowerName(path).endsWith(".nhdr") ? TextHeaders.dataNameForWrite(path, ".nhdr", ".raw.gz", this, out) : null;
        TextHeaders.writeHeaderAndData(v, path, dataFile, Encoding.GZIP, false, (size, name) -> headerText(v, name, options.header), out, options);
    }

    /** Header text ending in the blank line that precedes attached data (or naming {@code dataFile}). */
    static String headerText(Volume v, String dataFile) {
        return headerText(v, dataFile, new HeaderFields());
    }

    /** The header text with the description as the {@code content} field and the notes as {@code key:=value} pairs. */
    static String headerText(Volume v, String dataFile, HeaderFields fields) {
        Geometry g = v.geometry().affineOnly();
        double[] a = g.affine();
        double[] o = g.origin();
        StringBuilder sb = new StringBuilder(512);
        sb.append("NRRD0004\n# written by Interslice; world frame LPS, mm\n");
        sb.append("type: ").append(typeName(v.type())).append('\n');
        sb.append("dimension: 3\nspace: left-posterior-superior\n");
        sb.append("sizes: ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz()).append('\n');
        sb.append("space directions:");
        // each vector is a column of D * diag(spacing): the step of one index along that axis
        for (int c = 0; c < 3; c++) sb.append(" (").append(TextHeaders.num(a[c])).append(',').append(TextHeaders.num(a[4 + c])).append(',').append(TextHeaders.num(a[8 + c])).append(')');
        sb.append("\nkinds: domain domain domain\n");
        if (v.type().bytes > 1) sb.append("endian: little\n");
        sb.append("encoding: gzip\n");
        sb.append("space origin: (").append(TextHeaders.num(o[0])).append(',').append(TextHeaders.num(o[1])).append(',').append(TextHeaders.num(o[2])).append(")\n");
        if (fields.description != null && !fields.description.isBlank())
            sb.append("content: ").append(fields.description.replace('\n', ' ').replace('\r', ' ')).append('\n');
        for (Map.Entry<String, String> e : fields.notes.entrySet()) sb.append(e.getKey()).append(":=").append(e.getValue()).append('\n');
        if (v.isLabel()) sb.append(LABEL_KEY).append(":=true\n");
        if (dataFile != null) sb.append("data file: ").append(dataFile).append('\n');
        else sb.append('\n');
        return sb.toString();
    }

    private static String typeName(PixelType t) {
        switch (t) {
            case UINT8: return "unsigned char";
            case INT8: return "signed char";
            case UINT16: return "unsigned short";
            case INT16: return "short";
            case UINT32: return "unsigned int";
            case INT32: return "int";
            case FLOAT32: return "float";
            case FLOAT64: return "double";
            default: throw new AssertionError(t);
        }
    }

    /** Every spelling of the NRRD "type" field; 64-bit integers and "block" are rejected by the caller. */
    static PixelType parseType(Path file, String value) {
        String t = value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (t) {
            case "uchar": case "unsigned char": case "uint8": case "uint8_t":
                return PixelType.UINT8;
            case "signed char": case "int8": case "int8_t":
                return PixelType.INT8;
            case "short": case "short int": case "signed short": case "signed short int": case "int16": case "int16_t":
                return PixelType.INT16;
            case "ushort": case "unsigned short": case "unsigned short int": case "uint16": case "uint16_t":
                return PixelType.UINT16;
            case "int": case "signed int": case "int32": case "int32_t":
                return PixelType.INT32;
            case "uint": case "unsigned int": case "uint32": case "uint32_t":
                return PixelType.UINT32;
            case "float":
                return PixelType.FLOAT32;
            case "double":
                return PixelType.FLOAT64;
            case "longlong": case "long long": case "long long int": case "signed long long": case "signed long long int":
            case "int64": case "int64_t": case "ulonglong": case "unsigned long long": case "unsigned long long int":
            case "uint64": case "uint64_t":
                throw new IntersliceException(file, "type '" + value.trim() + "': 64-bit integer samples are not supported (convert to int32 or double)");
            default:
                throw new IntersliceException(file, "unknown or unsupported NRRD type '" + TextHeaders.clip(value.trim()) + "'");
        }
    }

    /** What a NRRD header says: type, the 3 spatial sizes, LPS geometry, label flag, where the data is. */
    static final class Header {
        PixelType type;
        long[] sizes;
        Geometry geometry;
        boolean label;
        DataSpec data;
        String content;
        /** key:=value pairs other than our label flag, in file order. */
        final Map<String, String> notes = new LinkedHashMap<>();

        /** Parses a header; {@code allowOutside}: see {@link ReadOptions#allowOutsideData}. */
        static Header parse(Path file, boolean allowOutside) {
            TextHeaders.Lines lines = TextHeaders.readLines(file, String::isEmpty);
            List<String> l = lines.lines();
            if (l.isEmpty() || !l.get(0).startsWith("NRRD000"))
                throw new IntersliceException(file, "not a NRRD file (no NRRD000X magic on the first line)");
            Map<String, String> fields = new HashMap<>();
            Map<String, String> keys = new HashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();
            for (int i = 1; i < l.size(); i++) {
                String s = l.get(i);
                if (s.isEmpty()) break;
                if (s.startsWith("#")) continue;
                int kv = s.indexOf(":=");
                int fd = s.indexOf(": ");
                if (fd < 0 && s.endsWith(":")) fd = s.length() - 1;
                if (fd >= 0 && (kv < 0 || fd < kv)) {
                    String name = canonical(s.substring(0, fd)), value = s.substring(Math.min(s.length(), fd + 2)).trim();
                    // LIST is followed by one file name per line, not by fields: stop here with a clear reason
                    if (name.equals("data file") && (value.equalsIgnoreCase("list") || value.toUpperCase(Locale.ROOT).startsWith("LIST ")))
                        throw new IntersliceException(file, "data file: LIST (data split over several files) is not supported");
                    fields.put(name, value);
                } else if (kv >= 0) {
                    keys.put(s.substring(0, kv), s.substring(kv + 2));
                    if (!s.substring(0, kv).equals(LABEL_KEY)) notes.put(s.substring(0, kv), s.substring(kv + 2));
                } else {
                    throw new IntersliceException(file, "header line " + (i + 1) + " '" + TextHeaders.clip(s) + "' is neither 'field: value' nor 'key:=value'");
                }
            }
            Header h = new Header();
            h.notes.putAll(notes);
            h.content = fields.get("content");
            h.type = parseType(file, required(file, fields, "type"));
            int dim = (int) Math.min(99, Math.max(-1, TextHeaders.longValue(file, "dimension", required(file, fields, "dimension"))));
            if (dim != 3 && dim != 4)
                throw new IntersliceException(file, "dimension " + dim + ": only 3D volumes are supported (or 4D with one extra axis of size 1)");
            long[] allSizes = TextHeaders.longs(file, "sizes", required(file, fields, "sizes"), dim);
            for (long s : allSizes) if (s < 1) throw new IntersliceException(file, "sizes: " + s + " is not a positive size");
            double[][] dirs = fields.containsKey("space directions") ? directions(file, fields.get("space directions"), dim) : null;
            int extra = dim == 3 ? -1 : extraAxis(file, dirs, fields.get("kinds"), allSizes);
            String[] kinds = fields.containsKey("kinds") ? TextHeaders.tokens(fields.get("kinds"), false) : new String[0];
            for (int a = 0; a < kinds.length; a++) {
                // a colour, vector or tensor axis among the three would be read as a spatial one: refuse
                if (a != extra && !isSpatialKind(kinds[a]))
                    throw new IntersliceException(file, "kinds: axis " + a + " is '" + TextHeaders.clip(kinds[a]) + "' (vector, colour or tensor data is not supported)");
            }
            int[] spatial = new int[3];
            for (int a = 0, n = 0; a < dim; a++) if (a != extra) spatial[n++] = a;
            h.sizes = new long[] {allSizes[spatial[0]], allSizes[spatial[1]], allSizes[spatial[2]]};
            h.geometry = geometry(file, fields, dirs, spatial);
            h.label = TextHeaders.isTrue(keys.getOrDefault(LABEL_KEY, "false"));
            for (String k : keys.keySet()) if (k.startsWith("Segment") && k.endsWith("_LabelValue")) h.label = true;
            h.data = dataSpec(file, fields, lines, h.type, allowOutside);
            return h;
        }

        /** Field names are case-insensitive; "datafile", "lineskip", "byteskip" are old spellings. */
        private static String canonical(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            switch (n) {
                case "datafile": return "data file";
                case "lineskip": return "line skip";
                case "byteskip": return "byte skip";
                default: return n;
            }
        }

        private static String required(Path file, Map<String, String> fields, String name) {
            String v = fields.get(name);
            if (v == null) throw new IntersliceException(file, "NRRD header has no '" + name + "' field (truncated?)");
            return v;
        }

        /** One vector per axis, null for "none". */
        private static double[][] directions(Path file, String value, int dim) {
            double[][] d = new double[dim][];
            Matcher m = VECTOR_OR_NONE.matcher(value);
            int n = 0;
            int end = 0;
            while (m.find()) {
                if (!value.substring(end, m.start()).isBlank() || n == dim)
                    throw new IntersliceException(file, "space directions: expected " + dim + " vectors '(x,y,z)' or 'none', found '" + TextHeaders.clip(value) + "'");
                if (m.group(1) != null) d[n] = TextHeaders.doubles(file, "space directions", m.group(1), 3, true);
                n++;
                end = m.end();
            }
            if (n != dim || !value.substring(end).isBlank())
                throw new IntersliceException(file, "space directions: expected " + dim + " vectors '(x,y,z)' or 'none', found '" + TextHeaders.clip(value) + "'");
            return d;
        }

        /** Kinds an index axis of a scalar volume may have ("???" and "none" say nothing). */
        private static boolean isSpatialKind(String kind) {
            String s = kind.toLowerCase(Locale.ROOT);
            return s.equals("domain") || s.equals("space") || s.equals("???") || s.equals("none");
        }

        /** The non-spatial axis of a 4D header; it must have size 1 (one sample per voxel). */
        private static int extraAxis(Path file, double[][] dirs, String kinds, long[] sizes) {
            int extra = -1;
            if (dirs != null) {
                for (int a = 0; a < 4; a++) if (dirs[a] == null) {
                    if (extra >= 0) throw new IntersliceException(file, "space directions: more than one 'none' axis");
                    extra = a;
                }
            } else if (kinds != null) {
                String[] k = TextHeaders.tokens(kinds, false);
                for (int a = 0; a < k.length && a < 4; a++) if (!isSpatialKind(k[a])) { extra = a; break; }
            }
            if (extra < 0) extra = sizes[0] == 1 ? 0 : (sizes[3] == 1 ? 3 : -1);
            if (extra < 0 || sizes[extra] != 1)
                throw new IntersliceException(file, "4D data with " + (extra < 0 ? "no axis of size 1" : sizes[extra] + " samples on non-spatial axis " + extra)
                        + " (vector, time or multi-channel data) is not supported");
            return extra;
        }

        private static Geometry geometry(Path file, Map<String, String> fields, double[][] dirs, int[] spatial) {
            double[] flip = spaceToLps(file, fields);
            double[] spacing = {1, 1, 1};
            double[] dir = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            if (dirs != null) {
                for (int c = 0; c < 3; c++) {
                    double[] v = dirs[spatial[c]];
                    if (v == null) throw new IntersliceException(file, "space directions: spatial axis " + spatial[c] + " is 'none'");
                    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                    if (!(n > 0)) throw new IntersliceException(file, "space directions: axis " + spatial[c] + " has a zero vector");
                    spacing[c] = n;
                    for (int r = 0; r < 3; r++) dir[3 * r + c] = flip[r] * v[r] / n;
                }
            } else if (fields.containsKey("spacings")) {
                String[] t = TextHeaders.tokens(fields.get("spacings"), false);
                if (t.length < spatial[2] + 1) throw new IntersliceException(file, "spacings: too few values in '" + TextHeaders.clip(fields.get("spacings")) + "'");
                for (int c = 0; c < 3; c++) {
                    double s = TextHeaders.doubles(file, "spacings", t[spatial[c]].equalsIgnoreCase("nan") ? "1" : t[spatial[c]], 1, false)[0];
                    if (s == 0) s = 1;
                    // a negative spacing means the axis runs backwards: keep spacing positive, flip the axis
                    spacing[c] = Math.abs(s);
                    dir[4 * c] = Math.signum(s) * flip[c];
                }
            } else {
                for (int c = 0; c < 3; c++) dir[4 * c] = flip[c];
            }
            double[] origin = new double[3];
            if (fields.containsKey("space origin")) {
                String o = fields.get("space origin").trim();
                if (!o.startsWith("(") || !o.endsWith(")"))
                    throw new IntersliceException(file, "space origin: expected '(x,y,z)', found '" + TextHeaders.clip(o) + "'");
                origin = TextHeaders.doubles(file, "space origin", o.substring(1, o.length() - 1), 3, true);
                for (int r = 0; r < 3; r++) origin[r] *= flip[r];
            }
            try {
                return Geometry.of(spacing, origin, dir);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(file, "invalid geometry: " + e.getMessage());
            }
        }

        /** Sign of each world axis from the file's space to LPS. */
        private static double[] spaceToLps(Path file, Map<String, String> fields) {
            String space = fields.get("space");
            if (space == null) {
                String sd = fields.get("space dimension");
                if (sd != null && TextHeaders.longValue(file, "space dimension", sd) != 3)
                    throw new IntersliceException(file, "space dimension " + sd.trim() + ": only 3D space is supported");
                return new double[] {1, 1, 1};
            }
            switch (space.trim().toLowerCase(Locale.ROOT)) {
                case "left-posterior-superior": case "lps":
                    return new double[] {1, 1, 1};
                case "right-anterior-superior": case "ras":
                    return new double[] {-1, -1, 1};
                case "left-anterior-superior": case "las":
                    return new double[] {1, -1, 1};
                case "scanner-xyz": case "3d-right-handed": case "3d-left-handed":
                    // no anatomical frame: ITK's NRRD reader also takes these as LPS
                    return new double[] {1, 1, 1};
                default:
                    throw new IntersliceException(file, "space '" + TextHeaders.clip(space.trim()) + "' is not supported (time spaces or unknown name)");
            }
        }

        private static DataSpec dataSpec(Path file, Map<String, String> fields, TextHeaders.Lines lines, PixelType type, boolean allowOutside) {
            Encoding enc;
            String e = required(file, fields, "encoding").toLowerCase(Locale.ROOT);
            switch (e) {
                case "raw": enc = Encoding.RAW; break;
                case "gzip": case "gz": enc = Encoding.GZIP; break;
                case "ascii": case "text": case "txt": enc = Encoding.TEXT; break;
                default: throw new IntersliceException(file, "encoding '" + TextHeaders.clip(e) + "' is not supported (raw, gzip, ascii)");
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            String endian = fields.get("endian");
            if (endian != null) {
                switch (endian.toLowerCase(Locale.ROOT)) {
                    case "little": break;
                    case "big": order = ByteOrder.BIG_ENDIAN; break;
                    default: throw new IntersliceException(file, "endian '" + TextHeaders.clip(endian) + "' is neither little nor big");
                }
            }
            long lineSkip = fields.containsKey("line skip") ? TextHeaders.longValue(file, "line skip", fields.get("line skip")) : 0;
            long byteSkip = fields.containsKey("byte skip") ? TextHeaders.longValue(file, "byte skip", fields.get("byte skip")) : 0;
            if (lineSkip < 0) throw new IntersliceException(file, "line skip " + lineSkip + " is negative");
            if (byteSkip < -1) throw new IntersliceException(file, "byte skip " + byteSkip + " is below -1");
            if (byteSkip == -1 && enc != Encoding.RAW) throw new IntersliceException(file, "byte skip -1 (data at the end) needs raw encoding, not " + e);
            Path data = file;
            long start;
            String df = fields.get("data file");
            if (df != null) {
                if (df.contains("%") && TextHeaders.tokens(df, false).length >= 4)
                    throw new IntersliceException(file, "data file: a numbered file pattern (data split over several files) is not supported");
                data = TextHeaders.dataFile(file, df);
                // before any skip reads it
                if (!allowOutside) TextHeaders.requireInside(file, data);
                start = 0;
            } else {
                if (!lines.ended()) throw new IntersliceException(file, "truncated: the header has no blank line before its data and names no data file");
                start = lines.dataOffset();
            }
            long min = start;
            // every skip is bounded by the data file's size: a huge skip over /proc or a device never ends
            long length = lineSkip > 0 || byteSkip > 0 ? dataLength(file, data) : 0;
            if (lineSkip > 0) start = skipLines(data, start, lineSkip, length);
            if (enc == Encoding.RAW) {
                if (byteSkip > 0 && byteSkip > length - start)
                    throw new IntersliceException(file, "byte skip " + byteSkip + " reaches past the end of the " + length + "-byte data file");
                return new DataSpec(data, byteSkip == -1 ? -1 : start + byteSkip, Math.max(min, start), enc, order, 0);
            }
            // for compressed and text data, the byte skip counts decoded bytes (as teem does)
            return new DataSpec(data, start, min, enc, order, byteSkip);
        }

        /** Size of the data file, which must be a regular file (checked before any skip is honoured). */
        private static long dataLength(Path header, Path data) {
            if (!Files.exists(data)) throw new IntersliceException(data, "data file named by " + header.getFileName() + " does not exist");
            SafeFiles.requireRegularFile(data, "data file named by " + header.getFileName());
            try {
                return Files.size(data);
            } catch (IOException e) {
                throw new IntersliceException(data, "cannot read: " + e.getMessage(), e);
            }
        }

        /** Offset after {@code n} more line ends from {@code from}, reading no further than {@code length}. */
        private static long skipLines(Path data, long from, long n, long length) {
            if (n > length - from) throw new IntersliceException(data, "line skip " + n + " is more lines than the file's " + Math.max(0, length - from) + " bytes can hold");
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(data), 1 << 16)) {
                RawCodec.skipFully(in, from, data);
                long pos = from;
                for (long seen = 0; seen < n; ) {
                    int b = pos < length ? in.read() : -1;
                    if (b < 0) throw new IntersliceException(data, "truncated: ended before " + n + " lines were skipped (line skip)");
                    pos++;
                    if (b == '\n') seen++;
                }
                return pos;
            } catch (IOException e) {
                throw new IntersliceException(data, "cannot read: " + e.getMessage(), e);
            }
        }
    }
}
