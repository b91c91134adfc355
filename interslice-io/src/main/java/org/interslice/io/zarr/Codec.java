package org.interslice.io.zarr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.interslice.io.RawCodec;

/**
 * How the bytes of one chunk are stored: raw, zlib, gzip, Zstandard or a Blosc container. Decoding
 * yields exactly the expected number of bytes or fails with IllegalArgumentException saying why (the
 * caller names the chunk file); the output is allocated once at its expected size, which the caller
 * checked against the memory limit.
 */
enum Codec {
    NONE, ZLIB, GZIP, ZSTD, BLOSC;

    /** The codec of a numcodecs / Zarr v3 codec id, or null when unsupported. */
    static Codec of(String id) {
        if (id == null) return NONE;
        switch (id) {
            case "zlib": return ZLIB;
            case "gzip": return GZIP;
            case "zstd": return ZSTD;
            case "blosc": return BLOSC;
            default: return null;
        }
    }

    /** The {@code expected} bytes that {@code in} decodes to. */
    byte[] decode(byte[] in, int expected) {
        switch (this) {
            case NONE:
                if (in.length != expected) throw new IllegalArgumentException("holds " + in.length + " bytes, expected " + expected);
                return in;
            case ZLIB: return inflate(in, expected);
            case GZIP: return gunzip(in, expected);
            case ZSTD: return zstd(in, 0, in.length, expected);
            default: return Blosc.decode(in, expected);
        }
    }

    /** Inflates zlib data to exactly {@code expected} bytes. */
    static byte[] inflate(byte[] in, int expected) {
        byte[] out = new byte[expected];
        inflateInto(in, 0, in.length, out, 0, expected);
        return out;
    }

    /** Inflates zlib data {@code in[off, off+len)} to exactly {@code n} bytes at {@code out[at]}. */
    static void inflateInto(byte[] in, int off, int len, byte[] out, int at, int n) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in, off, len);
            int got = 0;
            while (got < n) {
                int k = inf.inflate(out, at + got, n - got);
                if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) break;
                got += k;
            }
            if (got < n) throw new IllegalArgumentException("zlib data end after " + got + " of " + n + " bytes");
            if (!inf.finished() && inf.inflate(new byte[1]) > 0) throw new IllegalArgumentException("zlib data hold more than the expected " + n + " bytes");
            if (!inf.finished()) throw new IllegalArgumentException("zlib data are truncated (the stream has no end)");
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt zlib data (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }

    private static byte[] gunzip(byte[] in, int expected) {
        byte[] out = new byte[expected];
        try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(in), 1 << 16)) {
            int got = RawCodec.readFully(g, out, expected);
            if (got < expected) throw new IllegalArgumentException("gzip data end after " + got + " of " + expected + " bytes");
            if (g.read() >= 0) throw new IllegalArgumentException("gzip data hold more than the expected " + expected + " bytes");
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt gzip data (" + e.getMessage() + ")");
        }
        return out;
    }

    /** Decompresses one Zstandard frame to exactly {@code expected} bytes. */
    static byte[] zstd(byte[] in, int off, int len, int expected) {
        byte[] out = new byte[expected];
        zstdInto(in, off, len, out, 0, expected);
        return out;
    }

    static void zstdInto(byte[] in, int off, int len, byte[] out, int at, int n) {
        long declared;
        int got;
        try {
            declared = io.airlift.compress.zstd.ZstdDecompressor.getDecompressedSize(in, off, len);
            if (declared >= 0 && declared != n) throw new IllegalArgumentException("zstd frame declares " + declared + " bytes, expected " + n);
            got = new io.airlift.compress.zstd.ZstdDecompressor().decompress(in, off, len, out, at, n);
        } catch (io.airlift.compress.MalformedInputException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt zstd data (" + e.getMessage() + ")");
        }
        if (got != n) throw new IllegalArgumentException("zstd data hold " + got + " bytes, expected " + n);
    }

    /** Decompresses one raw LZ4 block to exactly {@code n} bytes at {@code out[at]}. */
    static void lz4Into(byte[] in, int off, int len, byte[] out, int at, int n) {
        int got;
        try {
            got = new io.airlift.compress.lz4.Lz4Decompressor().decompress(in, off, len, out, at, n);
        } catch (io.airlift.compress.MalformedInputException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt lz4 data (" + e.getMessage() + ")");
        }
        if (got != n) throw new IllegalArgumentException("lz4 data hold " + got + " bytes, expected " + n);
    }
}
