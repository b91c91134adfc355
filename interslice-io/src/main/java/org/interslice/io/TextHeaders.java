package org.interslice.io;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.InflaterInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;

/**
 * What the text-header formats (NRRD, MetaImage) share: reading the header lines and where the data
 * starts, parsing numbers with errors that name the file, resolving a detached data file, checking the
 * declared size against the bytes really there before anything is allocated, and decoding or encoding
 * the voxel stream (raw, gzip, zlib or ASCII text). Each format keeps only its own keys and geometry.
 */
public final class TextHeaders {
    /** Largest header we read; a longer one is not a header (or is binary data without its end line). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /**
     * Deflate's best case is about 1032:1 (RFC 1951 stores at most 258 bytes per ~2-bit code), so a
     * compressed stream shorter than need/1032 cannot hold the declared voxels: rejected before allocating.
     */
    private static final long MAX_DEFLATE_RATIO = 1032;

    /** How voxel bytes are stored after the header's offset. */
    public enum Encoding {
        /** Binary samples as they are. */
        RAW,
        /** A gzip stream (RFC 1952) of binary samples: NRRD "gzip". */
        GZIP,
        /** A zlib stream (RFC 1950) of binary samples: MetaImage CompressedData. */
        ZLIB,
        /** Decimal numbers separated by white space (NRRD "ascii", MetaImage BinaryData = False). */
        TEXT
    }

    /**
     * The header lines (line ends removed) and the byte offset right after the last line read.
     *
     * @param ended true when the end predicate matched (false: the file ended first)
     */
    public record Lines(List<String> lines, long dataOffset, boolean ended) {}

    /**
     * Where and how a header says its voxels are stored.
     *
     * @param file the file holding the data (the header itself when attached)
     * @param offset byte offset of the (possibly compressed) data in {@code file}; -1 means "the last
     *        voxel-count * bytes bytes of the file" (raw only)
     * @param minOffset smallest legal start (the header's end for attached data), to reject -1 offsets that
     *        would reach into the header
     * @param encoding how the bytes are stored
     * @param order byte order of multi-byte samples
     * @param skipDecoded bytes to drop from the decoded stream before the voxels (NRRD byte skip with gzip)
     */
    public record DataSpec(Path file, long offset, long minOffset, Encoding encoding, ByteOrder order, long skipDecoded) {}

    private TextHeaders() {}

    /**
     * Reads header lines (ISO-8859-1, LF or CRLF) until {@code isLast} accepts a line (it is included) or
     * the file ends. Throws IntersliceException naming {@code file} when the header is longer than
     * {@link #MAX_HEADER_BYTES} or the file cannot be read.
     */
    public static Lines readLines(Path file, Predicate<String> isLast) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(128);
        long pos = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                pos++;
                if (pos > MAX_HEADER_BYTES)
                    throw new IntersliceException(file, "header longer than " + (MAX_HEADER_BYTES >> 20) + " MiB: not a valid header or its end line is missing");
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String s = stripCr(line);
                line.setLength(0);
                lines.add(s);
                if (isLast.test(s)) return new Lines(lines, pos, true);
            }
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + AtomicFiles.describe(e), e);
        }
        if (line.length() > 0) {
            // a last line without its newline: a complete detached header, or a truncated attached one
            String s = stripCr(line);
            lines.add(s);
            return new Lines(lines, pos, isLast.test(s));
        }
        return new Lines(lines, pos, false);
    }

    private static String stripCr(StringBuilder sb) {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
    }

    /** Splits a value at white space (and, when {@code commas}, at commas); empty tokens dropped. */
    public static String[] tokens(String value, boolean commas) {
        String v = value.trim();
        if (v.isEmpty()) return new String[0];
        return v.split(commas ? "[\\s,]+" : "\\s+");
    }

    /** Exactly {@code n} whole numbers from a value; IntersliceException naming file and key otherwise. */
    public static long[] longs(Path file, String key, String value, int n) {
        String[] t = exactly(file, key, value, n, false, "integers");
        long[] r = new long[n];
        try {
            for (int i = 0; i < n; i++) r[i] = Long.parseLong(t[i]);
        } catch (NumberFormatException e) {
            throw new IntersliceException(file, key + ": '" + clip(value) + "' holds a value that is not an integer");
        }
        return r;
    }

    private static String[] exactly(Path file, String key, String value, int n, boolean commas, String what) {
        String[] t = tokens(value, commas);
        if (t.length != n) throw new IntersliceException(file, key + ": expected " + n + " " + what + ", found '" + clip(value) + "'");
        return t;
    }

    /** One whole number. */
    public static long longValue(Path file, String key, String value) {
        return longs(file, key, value, 1)[0];
    }

    /**
     * Exactly {@code n} finite decimal numbers from a value (separated by white space, or commas when
     * {@code commas}); IntersliceException naming file and key otherwise.
     */
    public static double[] doubles(Path file, String key, String value, int n, boolean commas) {
        String[] t = exactly(file, key, value, n, commas, "numbers");
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                r[i] = Double.parseDouble(t[i]);
            } catch (NumberFormatException e) {
                r[i] = Double.NaN;
            }
            if (!Double.isFinite(r[i])) throw new IntersliceException(file, key + ": '" + clip(t[i]) + "' is not a finite number");
        }
        return r;
    }

    /** True for "true", "yes", "1" (any case), the spellings both formats use for flags. */
    public static boolean isTrue(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("1");
    }

    /** Shortens a value quoted in an error so a corrupt header cannot make a huge message. */
    public static String clip(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /**
     * Resolves a detached data file named in {@code header}: a relative name is taken against the
     * header's folder. Existence is checked when reading (so {@code inputFiles} can still name it).
     */
    public static Path dataFile(Path header, String name) {
        String n = name.trim();
        if (n.isEmpty()) throw new IntersliceException(header, "empty data file name");
        try {
            Path given = Path.of(n);
            Path folder = header.toAbsolutePath().getParent();
            return given.isAbsolute() || folder == null ? given : folder.resolve(given).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IntersliceException(header, "invalid data file name '" + clip(n) + "'");
        }
    }

    /**
     * Throws IntersliceException naming {@code header} unless {@code data} (links and {@code ..} resolved)
     * is the header itself or lies in the header's folder or below it.
     */
    public static void requireInside(Path header, Path data) {
        if (data.equals(header) || SafeFiles.inside(data, header.toAbsolutePath().getParent())) return;
        throw new IntersliceException(header, "its data file " + clip(data.toString()) + " lies outside the header's folder: refused (allow it with --allow-outside-data)");
    }

    /**
     * Reads the voxels a header describes into a new volume. Checks first, before allocating: the voxel
     * count against one array and {@code options.maxBytes}, and the bytes in the data file against what
     * the encoding needs (exact for raw, the deflate bound for compressed data). Every failure is an
     * IntersliceException naming {@code header} or the data file.
     */
    public static Volume readVolume(Path header, DataSpec spec, PixelType type, long nx, long ny, long nz,
                                    Geometry g, boolean isLabel, ReadOptions options) {
        long need = RawCodec.checkAllocation(header, nx, ny, nz, type.bytes, options.maxBytes);
        Path f = spec.file();
        if (!options.allowOutsideData) requireInside(header, f);
        if (!Files.exists(f)) throw new IntersliceException(f, "data file named by " + header.getFileName() + " does not exist");
        SafeFiles.requireRegularFile(f, "data file named by " + header.getFileName());
        long length;
        try {
            length = Files.size(f);
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read: " + AtomicFiles.describe(e), e);
        }
        long start = spec.offset();
        if (start < 0) {
            if (spec.encoding() != Encoding.RAW) throw new IntersliceException(header, "data at the file's end (skip -1) needs raw encoding, not " + spec.encoding().name().toLowerCase(Locale.ROOT));
            start = length - need;
            if (start < spec.minOffset()) throw new IntersliceException(f, "truncated voxel data: expected " + need + " bytes, found " + Math.max(0, length - spec.minOffset()));
        }
        if (spec.skipDecoded() > 0 && spec.encoding() != Encoding.RAW && spec.skipDecoded() / MAX_DEFLATE_RATIO > length)
            throw new IntersliceException(header, "byte skip " + spec.skipDecoded() + " is beyond what the " + length + "-byte data file can hold");
        long available = length - start;
        checkAvailable(f, spec.encoding(), need + (spec.encoding() == Encoding.RAW ? spec.skipDecoded() : 0), nx * ny * nz, available);
        if (spec.encoding() == Encoding.GZIP || spec.encoding() == Encoding.ZLIB)
            Gzip.requireDecodedLength(f, start, need + spec.skipDecoded(), raw -> decoded(raw, spec.encoding()));
        Volume v = Volume.allocate(type, (int) nx, (int) ny, (int) nz, g).with(g, isLabel);
        try (InputStream raw = Files.newInputStream(f)) {
            RawCodec.skipFully(raw, start, f);
            InputStream in = decoded(raw, spec.encoding());
            RawCodec.skipFully(in, spec.skipDecoded(), f);
            if (spec.encoding() == Encoding.TEXT) AsciiSamples.read(in, v, f);
            else RawCodec.read(in, v, spec.order(), f);
            if (spec.encoding() == Encoding.GZIP || spec.encoding() == Encoding.ZLIB) Gzip.finish(in, f);
        } catch (java.io.EOFException e) {
            throw new IntersliceException(f, "truncated compressed data: " + AtomicFiles.describe(e), e);
        } catch (IOException e) {
            throw new IntersliceException(f, "cannot read voxel data: " + AtomicFiles.describe(e), e);
        }
        return v;
    }

    private static void checkAvailable(Path f, Encoding e, long need, long voxels, long available) {
        if (available < 0) throw new IntersliceException(f, "truncated: the file ends before its voxel data starts");
        switch (e) {
            case RAW:
                if (available < need) throw new IntersliceException(f, "truncated voxel data: expected " + need + " bytes, found " + available);
                break;
            case GZIP: case ZLIB:
                if (available < 8 || available < need / MAX_DEFLATE_RATIO)
                    throw new IntersliceException(f, "compressed data of " + available + " bytes cannot hold the declared " + need + " bytes (truncated or wrong sizes)");
                break;
            case TEXT:
                // every number takes at least one character
                if (available < voxels) throw new IntersliceException(f, "truncated text data: " + voxels + " numbers declared, only " + available + " bytes present");
                break;
            default: throw new AssertionError(e);
        }
    }

    private static InputStream decoded(InputStream raw, Encoding e) throws IOException {
        switch (e) {
            case GZIP: return Gzip.input(raw);
            case ZLIB:
                // some writers use gzip where zlib is declared: accept either, by magic
                BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
                b.mark(2);
                int b0 = b.read(), b1 = b.read();
                b.reset();
                if (b0 == 0x1f && b1 == 0x8b) return Gzip.input(b);
                return new BufferedInputStream(new InflaterInputStream(b, new java.util.zip.Inflater(), 1 << 16), 1 << 16);
            case TEXT: return new BufferedInputStream(raw, 1 << 16);
            default: return raw;
        }
    }

    /**
     * Writes {@code v}'s samples to {@code out} in the given encoding (TEXT is not written) and byte order,
     * then finishes the compressed stream; {@code out} is closed. Returns the bytes written to {@code out}
     * (the compressed size for GZIP and ZLIB).
     */
    public static long writeVoxels(OutputStream out, Volume v, Encoding e, ByteOrder order, WriteOptions options) throws IOException {
        CountingStream counted = new CountingStream(out);
        OutputStream s;
        switch (e) {
            case RAW: s = counted; break;
            case GZIP: s = Gzip.output(counted, options); break;
            case ZLIB: s = Gzip.zlibOutput(counted, options); break;
            default: throw new IllegalArgumentException("cannot write " + e + " samples");
        }
        try (OutputStream closing = s) {
            RawCodec.write(closing, v, order, options.job);
        }
        return counted.count;
    }

    /**
     * The header and, when its data are detached, the data file (named even when missing), for
     * {@link VolumeFormat#inputFiles}; just the header when it cannot be parsed.
     */
    public static List<Path> inputFiles(Path header, Function<Path, DataSpec> parse) {
        try {
            Path data = parse.apply(header).file();
            return data.equals(header) ? List.of(header) : List.of(header, data);
        } catch (IntersliceException e) {
            return List.of(header);
        }
    }

    /**
     * The two names a detached data file of {@code header} may get: {@code STEM.EXT} and
     * {@code STEM.1.EXT}. A write uses the one the existing header does not name, so the header (renamed
     * last) always names complete data of its own write: a run killed between the two renames leaves the
     * old header with its old data, never the old header over new data.
     */
    public static List<String> dataNames(Path header, String headerExt, String dataExt) {
        String base = header.getFileName().toString();
        String stem = base.substring(0, base.length() - headerExt.length());
        return List.of(stem + dataExt, stem + ".1" + dataExt);
    }

    /**
     * Picks the data file name for writing {@code header} (see {@link #dataNames}) and, when an existing
     * header is replaced, has {@code out} remove its old data file after the commit (only when it is one
     * of our two names beside the header: a data file the old header shares with others is kept).
     */
    public static String dataNameForWrite(Path header, String headerExt, String dataExt, VolumeFormat format, AtomicFiles out) {
        List<String> names = dataNames(header, headerExt, dataExt);
        if (!Files.isRegularFile(header)) return names.get(0);
        List<Path> old = format.inputFiles(header);
        if (old.size() < 2) return names.get(0);
        Path oldData = SafeFiles.real(old.get(1));
        String use = names.get(0);
        for (String n : names) if (oldData.equals(SafeFiles.real(header.resolveSibling(n)))) {
            use = n.equals(names.get(0)) ? names.get(1) : names.get(0);
            out.removeAfterCommit(header.resolveSibling(n));
        }
        return use;
    }

    /** The header and both names of its data file, for {@link VolumeFormat#outputFiles}. */
    public static List<Path> outputFiles(Path header, String headerExt, String dataExt) {
        List<Path> r = new ArrayList<>();
        r.add(header);
        for (String n : dataNames(header, headerExt, dataExt)) r.add(header.resolveSibling(n));
        return r;
    }

    /**
     * Writes a header and its voxels (little endian, {@code encoding}) through {@code out}: attached
     * after the header in {@code path} when {@code dataFile} is null, else into {@code dataFile} beside
     * {@code path}, opened first so that AtomicFiles commits it before the header that names it.
     *
     * @param header header text from (bytes of encoded data, data file name or null)
     * @param sizeInHeader true when the header states the encoded size: attached data are then encoded to
     *        memory first (a stream cannot go back to patch the header)
     */
    public static void writeHeaderAndData(Volume v, Path path, String dataFile, Encoding encoding, boolean sizeInHeader,
                                          BiFunction<Long, String, String> header, AtomicFiles out, WriteOptions options) {
        try {
            if (dataFile != null) {
                long n = writeVoxels(out.open(path.resolveSibling(dataFile)), v, encoding, ByteOrder.LITTLE_ENDIAN, options);
                try (OutputStream h = out.open(path)) {
                    writeText(h, header.apply(n, dataFile));
                }
            } else if (sizeInHeader) {
                Chunks z = new Chunks();
                long n = writeVoxels(z, v, encoding, ByteOrder.LITTLE_ENDIAN, options);
                try (OutputStream os = out.open(path)) {
                    writeText(os, header.apply(n, null));
                    z.writeTo(os);
                }
            } else {
                OutputStream os = out.open(path);
                writeText(os, header.apply(-1L, null));
                writeVoxels(os, v, encoding, ByteOrder.LITTLE_ENDIAN, options);
            }
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(path, e);
        }
    }

    /** Writes a header's text as ISO-8859-1 bytes (what both formats specify). */
    public static void writeText(OutputStream out, CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Shortest decimal that reads back to exactly {@code d} ("1.0", "0.1", "1.0E-5"). */
    public static String num(double d) {
        return Double.toString(d == 0 ? 0.0 : d);  // no "-0.0" in headers
    }

    /** Counts bytes passing through, so a writer learns its compressed size. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** An in-memory byte sink in 1 MiB blocks (no single array limit, no copy on growth). */
    private static final class Chunks extends OutputStream {
        private final List<byte[]> full = new ArrayList<>();
        private byte[] cur = new byte[1 << 20];
        private int pos;

        @Override
        public void write(int b) {
            if (pos == cur.length) next();
            cur[pos++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (pos == cur.length) next();
                int n = Math.min(len, cur.length - pos);
                System.arraycopy(b, off, cur, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        private void next() {
            full.add(cur);
            cur = new byte[1 << 20];
            pos = 0;
        }

        void writeTo(OutputStream os) throws IOException {
            for (byte[] b : full) os.write(b);
            os.write(cur, 0, pos);
        }
    }
}
