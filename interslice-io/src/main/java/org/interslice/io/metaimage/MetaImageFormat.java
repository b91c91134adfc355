package org.interslice.io.metaimage;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawRegionVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.TextHeaders;
import org.interslice.io.TextHeaders.DataSpec;
import org.interslice.io.TextHeaders.Encoding;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;

/**
 * MetaImage (ITK MetaIO): {@code .mha} with the data after the header, or {@code .mhd} naming a
 * detached data file ({@code .raw}, or {@code .zraw} when compressed).
 *
 * <p>Reads 3D scalar images of MET_UCHAR, CHAR, USHORT, SHORT, UINT, INT (LONG and ULONG are 4 bytes in
 * MetaIO), FLOAT and DOUBLE; binary (either byte order), zlib-compressed or text data; {@code HeaderSize}
 * skips bytes of a detached file (-1: the data are the file's last bytes). MetaImage world coordinates
 * are LPS already, so geometry is taken as it stands: {@code Offset} (or Position, Origin) is the centre
 * of the first voxel, {@code ElementSpacing} (or ElementSize) the spacing, and {@code TransformMatrix}
 * (or Rotation, Orientation) the direction. {@code AnatomicalOrientation} and {@code CenterOfRotation}
 * are informative and ignored. The label flag is the extra key {@code InterSliceLabel = True}, which
 * MetaIO readers keep as an unknown field.
 *
 * <p>Writes zlib-compressed little-endian data: {@code .mha} attached, {@code .mhd} with
 * {@code NAME.zraw} written first.
 */
public final class MetaImageFormat implements VolumeFormat {
    private static final String LABEL_KEY = "InterSliceLabel";
    /** MetaIO's own keys (lower case); any other key is returned as a note. */
    private static final java.util.Set<String> STANDARD_KEYS = java.util.Set.of("objecttype", "objectsubtype", "ndims", "dimsize", "elementtype",
            "elementspacing", "elementsize", "offset", "position", "origin", "transformmatrix", "rotation", "orientation", "centerofrotation",
            "anatomicalorientation", "binarydata", "binarydatabyteordermsb", "elementbyteordermsb", "compresseddata", "compresseddatasize",
            "elementdatafile", "elementnumberofchannels", "headersize", "comment", "name", "id", "parentid", "color", "modality",
            "elementmin", "elementmax", "transformtype", "acquisitiondate", "elementtoinfo", "interslicelabel", "sequenceid", "elementdatafiles");
    private static final String[] MET_TYPES = {"MET_UCHAR", "MET_CHAR", "MET_USHORT", "MET_SHORT", "MET_UINT", "MET_INT", "MET_FLOAT", "MET_DOUBLE"};
    private static final PixelType[] TYPES = {PixelType.UINT8, PixelType.INT8, PixelType.UINT16, PixelType.INT16, PixelType.UINT32, PixelType.INT32, PixelType.FLOAT32, PixelType.FLOAT64};

    @Override
    public String name() {
        return "MetaImage";
    }

    @Override
    public List<String> extensions() {
        return List.of(".mha", ".mhd");
    }

    /** True when one of the first text lines is an "ObjectType =" or "NDims =" key line. */
    @Override
    public boolean recognizes(Path path, byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", 8)) {
            String key = keyOf(line);
            if (key == null) return false;
            if (key.equalsIgnoreCase("ObjectType") || key.equalsIgnoreCase("NDims")) return true;
        }
        return false;
    }

    /** The key of a "Key = Value" line, or null when the line is not one. */
    private static String keyOf(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) return null;
        String k = line.substring(0, eq).trim();
        return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : null;
    }

    @Override
    public Volume read(Path path, ReadOptions options) {
        Header h = Header.parse(path);
        if (!options.allowOutsideData) TextHeaders.requireInside(path, h.data.file());
        if (h.compressedSize >= 0 && h.data.encoding() == Encoding.ZLIB && Files.isRegularFile(h.data.file())) {
            long available = size(h.data.file()) - h.data.offset();
            if (available < h.compressedSize)
                throw new IntersliceException(h.data.file(), "truncated: CompressedDataSize is " + h.compressedSize + " bytes, only " + Math.max(0, available) + " present");
        }
        if (options.header != null) {
            if (h.comment != null) options.header.description = h.comment;
            options.header.notes.putAll(h.notes);
        }
        return TextHeaders.readVolume(path, h.data, h.type, h.dims[0], h.dims[1], h.dims[2], h.geometry, h.label, options);
    }

    /** Region reads of raw and zlib data (see {@link RawRegionVolume}); text data are read whole. */
    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        Header h = Header.parse(path);
        if (!options.allowOutsideData) TextHeaders.requireInside(path, h.data.file());   // as whole reads do
        OpenVolume v = RawRegionVolume.open(path, h.data, h.type, h.dims[0], h.dims[1], h.dims[2], h.geometry, h.label);
        return v != null ? v : VolumeFormat.super.open(path, options);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The header and, for an .mhd, its data file (named even when missing). */
    @Override
    public List<Path> inputFiles(Path path) {
        return TextHeaders.inputFiles(path, p -> Header.parse(p).data);
    }

    /** The header and, for an .mhd, both names its data file may get. */
    @Override
    public List<Path> outputFiles(Path path) {
        return Formats.lowerName(path).endsWith(".mhd") ? TextHeaders.outputFiles(path, ".mhd", ".zraw") : List.of(path);
    }

    /**
     * zlib-compressed little endian; the header states the compressed size (ITK needs it). An .mhd gets
     * NAME.zraw (NAME.1.zraw when the header it replaces names NAME.zraw).
     */
    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        String dataFile = Formats.lowerName(path).endsWith(".mhd") ? TextHeaders.dataNameForWrite(path, ".mhd", ".zraw", this, out) : null;
        TextHeaders.writeHeaderAndData(v, path, dataFile, Encoding.ZLIB, true,
                (size, name) -> headerText(v, size, name == null ? "LOCAL" : name, options.header), out, options);
    }

    /**
     * Header text in the key order ITK writes. TransformMatrix lists the direction of index axis i, then
     * of j, then of k (the columns of our direction matrix, one after another), as ITK does.
     */
    static String headerText(Volume v, long compressedSize, String dataFile) {
        return headerText(v, compressedSize, dataFile, new HeaderFields());
    }

    /** The header text with the description as MetaIO's {@code Comment} and the notes as extra {@code Key = Value} lines. */
    static String headerText(Volume v, long compressedSize, String dataFile, HeaderFields fields) {
        Geometry g = v.geometry().affineOnly();
        double[] d = g.direction(), o = g.origin(), s = g.spacing();
        StringBuilder sb = new StringBuilder(512);
        sb.append("ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n");
        sb.append("CompressedData = True\nCompressedDataSize = ").append(compressedSize).append('\n');
        sb.append("TransformMatrix =");
        for (int c = 0; c < 3; c++) for (int r = 0; r < 3; r++) sb.append(' ').append(TextHeaders.num(d[3 * r + c]));
        sb.append("\nOffset = ").append(TextHeaders.num(o[0])).append(' ').append(TextHeaders.num(o[1])).append(' ').append(TextHeaders.num(o[2]));
        sb.append("\nCenterOfRotation = 0 0 0\nAnatomicalOrientation = ").append(metaOrientation(g.orientationCode()));
        sb.append("\nElementSpacing = ").append(TextHeaders.num(s[0])).append(' ').append(TextHeaders.num(s[1])).append(' ').append(TextHeaders.num(s[2]));
        sb.append("\nDimSize = ").append(v.nx()).append(' ').append(v.ny()).append(' ').append(v.nz()).append('\n');
        if (fields.description != null && !fields.description.isBlank())
            sb.append("Comment = ").append(fields.description.replace('\n', ' ').replace('\r', ' ')).append('\n');
        for (Map.Entry<String, String> e : fields.notes.entrySet()) {
            // a note named like a MetaIO key would change the header's meaning: it gets a prefix
            String k = STANDARD_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT)) ? "Note_" + e.getKey() : e.getKey();
            sb.append(k).append(" = ").append(e.getValue()).append('\n');
        }
        if (v.isLabel()) sb.append(LABEL_KEY).append(" = True\n");
        sb.append("ElementType = ").append(MET_TYPES[typeIndex(v.type())]).append('\n');
        sb.append("ElementDataFile = ").append(dataFile).append('\n');
        return sb.toString();
    }

    /**
     * MetaIO names where each axis comes FROM (ITK maps "increasing toward left" to R), so LPS-toward
     * letters become their opposites: an identity direction is "RAI".
     */
    static String metaOrientation(String towardCode) {
        StringBuilder sb = new StringBuilder(3);
        for (char c : towardCode.toCharArray()) sb.append("RLAPIS".charAt("LRPASI".indexOf(c)));
        return sb.toString();
    }

    private static int typeIndex(PixelType t) {
        for (int i = 0; i < TYPES.length; i++) if (TYPES[i] == t) return i;
        throw new AssertionError(t);
    }

    /** What a MetaImage header says. */
    static final class Header {
        PixelType type;
        long[] dims;
        Geometry geometry;
        boolean label;
        long compressedSize = -1;
        DataSpec data;
        String comment;
        /** Keys MetaIO does not define, with their original case, in file order. */
        final Map<String, String> notes = new LinkedHashMap<>();

        static Header parse(Path file) {
            TextHeaders.Lines lines = TextHeaders.readLines(file, s -> "ElementDataFile".equalsIgnoreCase(keyOf(s)));
            Map<String, String> f = new HashMap<>();
            Map<String, String> extra = new LinkedHashMap<>();
            int n = 0;
            for (String s : lines.lines()) {
                n++;
                if (s.isBlank()) continue;
                String k = keyOf(s);
                if (k == null) throw new IntersliceException(file, "header line " + n + " '" + TextHeaders.clip(s) + "' is not 'Key = Value' (not a MetaImage header?)");
                f.put(k.toLowerCase(Locale.ROOT), s.substring(s.indexOf('=') + 1).trim());
                if (!STANDARD_KEYS.contains(k.toLowerCase(Locale.ROOT))) extra.put(k, s.substring(s.indexOf('=') + 1).trim());
            }
            if (!lines.ended()) throw new IntersliceException(file, "truncated: the header has no ElementDataFile line");
            String ot = f.get("objecttype");
            if (ot != null && !ot.equalsIgnoreCase("Image")) throw new IntersliceException(file, "ObjectType '" + TextHeaders.clip(ot) + "' is not an Image");
            long nd = TextHeaders.longValue(file, "NDims", required(file, f, "ndims"));
            if (nd != 3) throw new IntersliceException(file, "NDims " + nd + ": only 3D images are supported");
            Header h = new Header();
            h.notes.putAll(extra);
            h.comment = f.get("comment");
            h.dims = TextHeaders.longs(file, "DimSize", required(file, f, "dimsize"), 3);
            for (long d : h.dims) if (d < 1) throw new IntersliceException(file, "DimSize: " + d + " is not a positive size");
            h.type = type(file, required(file, f, "elementtype"));
            String ch = f.get("elementnumberofchannels");
            if (ch != null && TextHeaders.longValue(file, "ElementNumberOfChannels", ch) != 1)
                throw new IntersliceException(file, "ElementNumberOfChannels " + ch + ": only one value per voxel is supported");
            h.geometry = geometry(file, f);
            h.label = TextHeaders.isTrue(f.getOrDefault(LABEL_KEY.toLowerCase(Locale.ROOT), "false"));
            h.data = dataSpec(file, f, lines, h);
            return h;
        }

        private static String required(Path file, Map<String, String> f, String key) {
            String v = f.get(key);
            if (v == null) throw new IntersliceException(file, "MetaImage header has no " + key + " key");
            return v;
        }

        /** The first of several synonymous keys present, or null. */
        private static String first(Map<String, String> f, String... keys) {
            for (String k : keys) if (f.containsKey(k)) return f.get(k);
            return null;
        }

        private static PixelType type(Path file, String value) {
            String t = value.trim().toUpperCase(Locale.ROOT);
            for (int i = 0; i < MET_TYPES.length; i++) if (MET_TYPES[i].equals(t)) return TYPES[i];
            // MetaIO's MET_ValueTypeSize gives MET_LONG and MET_ULONG 4 bytes on every platform
            if (t.equals("MET_LONG")) return PixelType.INT32;
            if (t.equals("MET_ULONG")) return PixelType.UINT32;
            if (t.equals("MET_LONG_LONG") || t.equals("MET_ULONG_LONG"))
                throw new IntersliceException(file, "ElementType " + t + ": 64-bit integer samples are not supported");
            throw new IntersliceException(file, "ElementType '" + TextHeaders.clip(value.trim()) + "' is not supported (scalar MET_UCHAR ... MET_DOUBLE)");
        }

        private static Geometry geometry(Path file, Map<String, String> f) {
            String sp = first(f, "elementspacing", "elementsize");
            double[] spacing = sp == null ? new double[] {1, 1, 1} : TextHeaders.doubles(file, "ElementSpacing", sp, 3, false);
            String or = first(f, "offset", "position", "origin");
            double[] origin = or == null ? new double[3] : TextHeaders.doubles(file, "Offset", or, 3, false);
            String tm = first(f, "transformmatrix", "rotation", "orientation");
            double[] m = tm == null ? new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1} : TextHeaders.doubles(file, "TransformMatrix", tm, 9, false);
            // ITK's MetaImageIO (Modules/IO/Meta/src/itkMetaImageIO.cxx) reads TransformMatrix entries
            // [3*i .. 3*i+2] as the direction of index axis i (SetDirection(i, ...)) and writes them
            // the same way from GetDirection(i): consecutive triples are the COLUMNS of the direction
            // matrix. Our direction is row-major with columns = axes, so transpose.
            double[] dir = {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
            double[] sign = new double[3];
            for (int c = 0; c < 3; c++) {
                // a negative spacing means the axis runs backwards: keep spacing positive, flip the axis
                sign[c] = spacing[c] < 0 ? -1 : 1;
                spacing[c] = Math.abs(spacing[c]);
            }
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) dir[3 * r + c] *= sign[c];
            try {
                return Geometry.of(spacing, origin, dir);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(file, "invalid geometry: " + e.getMessage());
            }
        }

        private static DataSpec dataSpec(Path file, Map<String, String> f, TextHeaders.Lines lines, Header h) {
            boolean compressed = TextHeaders.isTrue(f.getOrDefault("compresseddata", "false"));
            boolean binary = TextHeaders.isTrue(f.getOrDefault("binarydata", "true"));
            Encoding enc = compressed ? Encoding.ZLIB : (binary ? Encoding.RAW : Encoding.TEXT);
            String msb = first(f, "elementbyteordermsb", "binarydatabyteordermsb");
            ByteOrder order = msb != null && TextHeaders.isTrue(msb) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String cs = f.get("compresseddatasize");
            if (compressed && cs != null) {
                h.compressedSize = TextHeaders.longValue(file, "CompressedDataSize", cs);
                if (h.compressedSize < 0) throw new IntersliceException(file, "CompressedDataSize " + h.compressedSize + " is negative");
            }
            String df = required(file, f, "elementdatafile");
            if (df.equalsIgnoreCase("LOCAL")) return new DataSpec(file, lines.dataOffset(), lines.dataOffset(), enc, order, 0);
            if (df.toUpperCase(Locale.ROOT).startsWith("LIST"))
                throw new IntersliceException(file, "ElementDataFile LIST (one file per slice) is not supported");
            if (df.contains("%") && TextHeaders.tokens(df, false).length >= 4)
                throw new IntersliceException(file, "ElementDataFile with a numbered file pattern (one file per slice) is not supported");
            long skip = f.containsKey("headersize") ? TextHeaders.longValue(file, "HeaderSize", f.get("headersize")) : 0;
            if (skip < -1) throw new IntersliceException(file, "HeaderSize " + skip + " is below -1");
            if (skip == -1 && enc != Encoding.RAW) throw new IntersliceException(file, "HeaderSize -1 (data at the end) needs uncompressed binary data");
            return new DataSpec(TextHeaders.dataFile(file, df), skip, 0, enc, order, 0);
        }
    }
}
