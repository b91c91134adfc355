package org.interslice.io.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decoding of a Blosc (version 1 format) container as numcodecs writes it: a 16-byte header (format
 * version, codec version, flags, type size, uncompressed size, block size, compressed size), then either
 * the bytes as they are (flag 0x2) or one start offset per block and the blocks. A block is one stream,
 * or one stream per byte of the type (split, flag 0x10 clear), each preceded by its compressed length
 * (equal to the stream's size when stored raw); the codec is in flags bits 5-7 (1 lz4/lz4hc, 3 zlib,
 * 4 zstd; BloscLZ and Snappy are refused). Byte shuffle (flag 0x1) stores byte j of every element
 * together; bit shuffle (flag 0x4) stores bit k of byte j of every element together, eight elements to
 * a byte, least significant bit first. Layout from the c-blosc 1.x format notes (README_HEADER.rst).
 */
final class Blosc {
    private static final int HEADER = 16;

    private Blosc() {}

    static byte[] decode(byte[] in, int expected) {
        if (in.length < HEADER) throw new IllegalArgumentException("Blosc data of " + in.length + " bytes are shorter than its 16-byte header");
        ByteBuffer h = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int version = in[0] & 0xff, flags = in[2] & 0xff, typesize = in[3] & 0xff;
        int nbytes = h.getInt(4), blocksize = h.getInt(8), cbytes = h.getInt(12);
        if (nbytes != expected) throw new IllegalArgumentException("Blosc header declares " + nbytes + " bytes, expected " + expected);
        if (cbytes < HEADER || cbytes > in.length) throw new IllegalArgumentException("Blosc header declares " + cbytes + " compressed bytes, the chunk has " + in.length);
        if (typesize < 1) throw new IllegalArgumentException("Blosc type size 0");
        byte[] out = new byte[expected];
        if ((flags & 0x2) != 0) {
            if (HEADER + (long) nbytes > cbytes) throw new IllegalArgumentException("Blosc stored data are truncated");
            System.arraycopy(in, HEADER, out, 0, nbytes);
            return out;
        }
        if (nbytes == 0) return out;
        if (blocksize < 1)
            throw new IllegalArgumentException("Blosc block size " + blocksize + " is invalid");
        int nblocks = (int) ((nbytes + (long) blocksize - 1) / blocksize);
        if (HEADER + 4L * nblocks > cbytes) throw new IllegalArgumentException("Blosc block offsets are truncated");
        int codec = (flags >> 5) & 0x7;
        boolean dontSplit = (flags & 0x10) != 0;
        boolean shuffle = (flags & 0x1) != 0 && typesize > 1;
        boolean bitshuffle = (flags & 0x4) != 0 && blocksize >= typesize;
        byte[] tmp = shuffle || bitshuffle ? new byte[Math.min(blocksize, nbytes)] : null;
        for (int b = 0; b < nblocks; b++) {
            int start = h.getInt(HEADER + 4 * b);
            int bsize = b == nblocks - 1 && nbytes % blocksize != 0 ? nbytes % blocksize : blocksize;
            boolean leftover = b == nblocks - 1 && nbytes % blocksize != 0;
            int streams = !dontSplit && !leftover ? typesize : 1;
            if (bsize % streams != 0) streams = 1;
            int neblock = bsize / streams;
            byte[] dst = tmp != null ? tmp : out;
            int dstAt = tmp != null ? 0 : b * blocksize;
            int src = start;
            for (int s = 0; s < streams; s++) {
                if (src < HEADER || src > cbytes - 4) throw new IllegalArgumentException("Blosc block " + b + " starts outside the data");
                int len = h.getInt(src);
                src += 4;
                if (len < 0 || len > cbytes - src) throw new IllegalArgumentException("Blosc block " + b + " is truncated");
                if (len == neblock) System.arraycopy(in, src, dst, dstAt, neblock);
                else stream(codec, in, src, len, dst, dstAt, neblock);
                src += len;
                dstAt += neblock;
            }
            if (shuffle) unshuffle(tmp, bsize, typesize, out, b * blocksize);
            else if (bitshuffle) unbitshuffle(tmp, bsize, typesize, out, b * blocksize, version);
        }
        return out;
    }

    private static void stream(int codec, byte[] in, int off, int len, byte[] out, int at, int n) {
        switch (codec) {
            case 1: Codec.lz4Into(in, off, len, out, at, n); break;
            case 3: Codec.inflateInto(in, off, len, out, at, n); break;
            case 4: Codec.zstdInto(in, off, len, out, at, n); break;
            case 0: throw new IllegalArgumentException("Blosc codec BloscLZ is not supported (lz4, zlib and zstd are)");
            case 2: throw new IllegalArgumentException("Blosc codec Snappy is not supported (lz4, zlib and zstd are)");
            default: throw new IllegalArgumentException("unknown Blosc codec " + codec);
        }
    }

    /** Byte unshuffle of one block: byte j of element i is stored at j * elements + i. */
    static void unshuffle(byte[] src, int bsize, int typesize, byte[] out, int at) {
        int n = bsize / typesize;
        for (int j = 0; j < typesize; j++) {
            int from = j * n;
            for (int i = 0; i < n; i++) out[at + i * typesize + j] = src[from + i];
        }
        int rest = n * typesize;
        System.arraycopy(src, rest, out, at + rest, bsize - rest);
    }

    /**
     * Bit unshuffle of one block: for whole groups of eight elements, bit k of byte j of element i is bit
     * i % 8 of byte ((j * 8 + k) * n + i) / 8; the bytes after the last whole group are stored as they are
     * (format version 2 and older store the whole block as it is when the count is not a multiple of 8).
     */
    static void unbitshuffle(byte[] src, int bsize, int typesize, byte[] out, int at, int version) {
        int elements = bsize / typesize;
        int n = elements - elements % 8;
        if (version <= 2 && elements % 8 != 0) n = 0;
        java.util.Arrays.fill(out, at, at + n * typesize, (byte) 0);
        int rowBytes = n / 8;
        for (int j = 0; j < typesize; j++) {
            for (int k = 0; k < 8; k++) {
                int row = (j * 8 + k) * rowBytes;
                for (int q = 0; q < rowBytes; q++) {
                    int bits = src[row + q] & 0xff;
                    if (bits == 0) continue;
                    for (int t = 0; t < 8; t++) {
                        if ((bits >> t & 1) != 0) {
                            int i = q * 8 + t;
                            out[at + i * typesize + j] |= (byte) (1 << k);
                        }
                    }
                }
            }
        }
        int rest = n * typesize;
        System.arraycopy(src, rest, out, at + rest, bsize - rest);
    }
}
