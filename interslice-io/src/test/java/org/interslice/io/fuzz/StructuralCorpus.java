package org.interslice.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.interslice.io.fuzz.StructuralCase.Expect;

/**
 * The structural corpus (issue 21): variants that mutate how an input refers to bytes rather than the
 * bytes themselves, in five classes, each a reproducible stream from a seed:
 * <ul>
 *   <li>{@code loops}: TIFF directory chains that come back (self, A-B-A, longer cycles, sub-directory
 *       and EXIF pointers), point outside the file or into the middle of data, in files and folders;</li>
 *   <li>{@code skips}: NRRD line/byte skips, MetaImage HeaderSize and NIfTI vox_offset from 0 to
 *       Long.MAX_VALUE, on raw, gzip and text data, and data files that never end or block (/proc, /dev,
 *       FIFOs);</li>
 *   <li>{@code outside paths}: detached data files named absolute, with {@code ..}, or through a link
 *       that leaves the header's folder (each would read fine if allowed), with inside controls;</li>
 *   <li>{@code memory}: headers claiming up to 2^31 voxels over short gzip/zlib streams and PNG/TIFF
 *       pages of up to 2^31 pixels, read under a 64 MiB limit;</li>
 *   <li>{@code aliases}: planned outputs that are an input under another spelling ({@code ./}, {@code ..},
 *       a symbolic or hard link, a linked folder), a detached data file of an input, a file inside an
 *       input folder, or another output; with fresh-name controls.</li>
 * </ul>
 */
public final class StructuralCorpus {
    /** The classes, in report order. */
    public static final List<String> CLASSES = List.of("loops", "skips", "outside paths", "memory", "aliases");

    private static final long[] SKIPS = {0, 1, 7, 64, 1000, 1_000_000, 1_000_000_000L, 1L << 31, (1L << 32) + 1, 1L << 62, Long.MAX_VALUE, -1, -2};

    private StructuralCorpus() {}

    /** {@code count} variants of class {@code cls}, reproducible from {@code seed} (see {@link #variant}). */
    public static List<StructuralCase> variants(String cls, int count, long seed) {
        List<StructuralCase> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(variant(cls, i, seed));
        return out;
    }

    /** Variant {@code i} of class {@code cls}: made on demand (memory variants hold up to 2 MB each). */
    public static StructuralCase variant(String cls, int i, long seed) {
        Random r = new Random(seed * 1_000_003L + cls.hashCode() * 7919L + i);
        String tag = cls + " #" + i + " ";
        switch (cls) {
            case "loops": return loop(tag, r);
            case "skips": return skip(tag, r);
            case "outside paths": return outside(tag, r);
            case "memory": return memory(tag, r);
            case "aliases": return alias(tag, r);
            default: throw new IllegalArgumentException(cls);
        }
    }

    // ---------------------------------------------------------------- loops

    private static StructuralCase loop(String tag, Random r) {
        int pages = 1 + r.nextInt(5);
        int kind = r.nextInt(7);
        long[] next = new long[pages];
        for (int k = 0; k < pages; k++) next[k] = k + 1 < pages ? ifdOffset(k + 1) : 0;
        int[] subTarget = new int[pages];
        java.util.Arrays.fill(subTarget, -1);
        int subTag = 0;
        Expect expect = Expect.REJECT;
        String what;
        switch (kind) {
            case 0: { int j = r.nextInt(pages); next[pages - 1] = ifdOffset(j); what = "last page -> page " + j; break; }
            case 1: { int k = r.nextInt(pages); next[k] = ifdOffset(k); what = "page " + k + " -> itself"; break; }
            case 2: { int k = r.nextInt(pages); subTarget[k] = r.nextInt(pages); subTag = r.nextBoolean() ? 330 : 34665;
                what = "page " + k + " " + (subTag == 330 ? "SubIFD" : "EXIF") + " -> page " + subTarget[k]; break; }
            case 3: { next[pages - 1] = (1L << 31) + r.nextInt(1000); what = "next directory past the end"; break; }
            case 4: { next[pages - 1] = 8 + ifdBytes() * pages + 1 + r.nextInt(200); expect = Expect.EITHER; what = "next directory inside the pixel data"; break; }
            case 5: { what = "valid chain (control)"; expect = Expect.READ; break; }
            default: { next[pages - 1] = 3; what = "next directory inside the file header"; break; }
        }
        byte[] tiff = tiff(pages, next, subTarget, subTag);
        if (r.nextInt(4) == 0) {
            // in a folder stack: the damaged file among good single-page ones; a folder member must be one page
            Map<String, byte[]> f = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) f.put("s" + i + ".tif", tiff(1, new long[] {0}, new int[] {-1}, 0));
            f.put("s3.tif", tiff);
            Expect e = expect == Expect.READ && pages > 1 ? Expect.REJECT : expect;
            return StructuralCase.reading(tag + "folder, " + pages + " pages, " + what, f, Map.of(), List.of(), ".", e);
        }
        return StructuralCase.reading(tag + pages + " pages, " + what, Map.of("x.tif", tiff), Map.of(), List.of(), "x.tif", expect);
    }

    private static int ifdBytes() {
        return 2 + 10 * 12 + 4;
    }

    private static long ifdOffset(int k) {
        return 8 + (long) ifdBytes() * k;
    }

    /**
     * A little-endian TIFF of 16x16 8-bit pages, 10 entries per directory (the tenth a SubIFD or EXIF
     * pointer when {@code subTarget[k] >= 0}, else a harmless XResolution-free Software-less filler
     * tag 305 with no payload beyond the entry), next offsets as given.
     */
    static byte[] tiff(int pages, long[] next, int[] subTarget, int subTag) {
        int strips = 8 + ifdBytes() * pages;
        ByteBuffer b = ByteBuffer.allocate(strips + 256 * pages).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int k = 0; k < pages; k++) {
            b.putShort((short) 10);
            int[][] e = {{256, 3, 16}, {257, 3, 16}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
                    {273, 4, strips + 256 * k}, {277, 3, 1}, {278, 3, 16}, {279, 4, 256}, {0, 0, 0}};
            e[9] = subTarget[k] >= 0 ? new int[] {subTag, 4, (int) ifdOffset(subTarget[k])} : new int[] {284, 3, 1};
            for (int[] f : e) {
                b.putShort((short) f[0]).putShort((short) f[1]).putInt(1);
                if (f[1] == 3) b.putShort((short) f[2]).putShort((short) 0);
                else b.putInt(f[2]);
            }
            b.putInt((int) next[k]);
        }
        for (int i = 0; i < 256 * pages; i++) b.put((byte) (i * 7));
        return b.array();
    }

    // ---------------------------------------------------------------- skips

    private static final String[] SINKS = {"/proc/self/pagemap", "/dev/zero", "/dev/urandom", "/proc/self/mem"};

    private static StructuralCase skip(String tag, Random r) {
        long a = SKIPS[r.nextInt(SKIPS.length)], b = SKIPS[r.nextInt(SKIPS.length)];
        String[] encodings = {"raw", "gzip", "ascii"};
        String enc = encodings[r.nextInt(3)];
        int format = r.nextInt(4);
        int sink = r.nextInt(6);   // 0..3: a system file, 4: a FIFO, 5: a real file
        byte[] data = data(enc, 64, r.nextInt(3) == 0 ? r.nextInt(200) : 0);
        Map<String, byte[]> f = new LinkedHashMap<>();
        List<String> fifos = new ArrayList<>();
        String dataName = "d.raw";
        if (sink < 4) dataName = SINKS[sink];
        else if (sink == 4) fifos.add("d.raw");
        else f.put("d.raw", data);
        Expect expect = sink < 5 ? Expect.REJECT : Expect.EITHER;
        String where = sink < 4 ? dataName : sink == 4 ? "a FIFO" : "a file";
        switch (format) {
            case 0: {
                String h = "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: " + enc + "\nline skip: " + a + "\nbyte skip: " + b + "\ndata file: " + dataName + "\n";
                f.put("x.nhdr", h.getBytes(StandardCharsets.ISO_8859_1));
                return StructuralCase.reading(tag + "nhdr " + enc + " line skip " + a + " byte skip " + b + " over " + where, f, Map.of(), fifos, "x.nhdr", expect);
            }
            case 1: {
                // attached: the skips run over the header's own file
                String h = "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: " + enc + "\nline skip: " + a + "\nbyte skip: " + b + "\n\n";
                f.clear();
                f.put("x.nrrd", concat(h.getBytes(StandardCharsets.ISO_8859_1), data));
                return StructuralCase.reading(tag + "nrrd " + enc + " line skip " + a + " byte skip " + b, f, Map.of(), List.of(), "x.nrrd", Expect.EITHER);
            }
            case 2: {
                String compressed = enc.equals("gzip") ? "CompressedData = True\n" : "";
                String h = "ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\n" + compressed + "HeaderSize = " + a
                        + "\nElementDataFile = " + dataName + "\n";
                if (enc.equals("gzip") && sink == 5) f.put("d.raw", zlib(data(("raw"), 64, 0)));
                f.put("x.mhd", h.getBytes(StandardCharsets.ISO_8859_1));
                return StructuralCase.reading(tag + "mhd HeaderSize " + a + (compressed.isEmpty() ? "" : " zlib") + " over " + where, f, Map.of(), fifos, "x.mhd", expect);
            }
            default: {
                float[] offsets = {352, 1e9f, 1e30f, Float.NaN, Float.POSITIVE_INFINITY, -1, 3e9f, (float) a};
                float off = offsets[r.nextInt(offsets.length)];
                f.clear();
                f.put("x.nii", nifti(4, 4, 4, off));
                return StructuralCase.reading(tag + "nii vox_offset " + off, f, Map.of(), List.of(), "x.nii", Expect.EITHER);
            }
        }
    }

    /** 64 voxels of uint8 in an encoding, plus {@code extra} bytes (room for small skips). */
    private static byte[] data(String enc, int voxels, int extra) {
        byte[] raw = new byte[voxels + extra];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) (i * 3 + (i % 5 == 0 ? '\n' : 0));
        if (enc.equals("gzip")) return gzip(raw);
        if (enc.equals("ascii")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < voxels + extra; i++) sb.append(i % 200).append(i % 8 == 7 ? '\n' : ' ');
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        return raw;
    }

    /** A NIfTI-1 single file of uint8 nx*ny*nz voxels (all present) with the given vox_offset. */
    static byte[] nifti(int nx, int ny, int nz, float voxOffset) {
        ByteBuffer b = ByteBuffer.allocate(352 + nx * ny * nz).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.putShort(40, (short) 3).putShort(42, (short) nx).putShort(44, (short) ny).putShort(46, (short) nz);
        for (int i = 4; i < 8; i++) b.putShort(40 + 2 * i, (short) 1);
        b.putShort(70, (short) 2).putShort(72, (short) 8);   // datatype uint8, bitpix
        for (int i = 0; i < 8; i++) b.putFloat(76 + 4 * i, 1f);
        b.putFloat(108, voxOffset);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        return b.array();
    }

    // ---------------------------------------------------------------- outside paths

    private static StructuralCase outside(String tag, Random r) {
        boolean nrrd = r.nextBoolean();
        int kind = r.nextInt(8);
        byte[] raw = data("raw", 64, 0);
        Map<String, byte[]> f = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        // the header lives in h/ (or h/a/ for deeper ..), a secret file of the right size next to it
        f.put("secret/s.raw", raw);
        String header = "h/x" + (nrrd ? ".nhdr" : ".mhd");
        String name;
        Expect expect = Expect.REJECT;
        switch (kind) {
            case 0: name = "../secret/s.raw"; break;
            case 1: name = "./sub/../../secret/s.raw"; f.put("h/sub/keep", new byte[0]); break;
            case 2: name = "in.raw"; links.put("h/in.raw", "../secret/s.raw"); break;
            case 3: name = "sub/in.raw"; links.put("h/sub", "../secret"); f.remove("secret/s.raw"); f.put("secret/in.raw", raw); break;
            case 4: name = "/etc/passwd"; break;
            case 5: name = "d.raw"; f.put("h/d.raw", raw); expect = Expect.READ; break;
            case 6: name = "deep/er/d.raw"; f.put("h/deep/er/d.raw", raw); expect = Expect.READ; break;
            default: name = "in.raw"; f.put("h/real.raw", raw); links.put("h/in.raw", "real.raw"); expect = Expect.READ; break;
        }
        String h = nrrd ? "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: raw\ndata file: " + name + "\n"
                : "ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_UCHAR\nElementDataFile = " + name + "\n";
        f.put(header, h.getBytes(StandardCharsets.ISO_8859_1));
        return StructuralCase.reading(tag + (nrrd ? "nhdr" : "mhd") + " data file " + name, f, links, List.of(), header, expect);
    }

    // ---------------------------------------------------------------- memory

    private static StructuralCase memory(String tag, Random r) {
        int kind = r.nextInt(5);
        // 2^24 .. 2^31 voxels claimed over at most 1 MB of compressed bytes
        int bits = 24 + r.nextInt(8);
        long n = 1L << bits;
        int nx = 1 << Math.min(15, bits / 2), ny = (int) Math.min(32767, n / nx), nz = (int) Math.max(1, n / ((long) nx * ny));
        byte[] noise = new byte[4096 << r.nextInt(9)];
        r.nextBytes(noise);
        String dims = nx + "x" + ny + "x" + nz;
        switch (kind) {
            case 0: {
                byte[] h = nifti(nx, ny, nz, 352);
                ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putShort(70, (short) 4).putShort(72, (short) 16);
                return StructuralCase.reading(tag + "nii.gz " + dims + " int16 over " + noise.length + " bytes", Map.of("x.nii.gz", gzip(concat(java.util.Arrays.copyOf(h, 352), noise))),
                        Map.of(), List.of(), "x.nii.gz", Expect.REJECT);
            }
            case 1: {
                String h = "NRRD0004\ntype: short\ndimension: 3\nsizes: " + nx + " " + ny + " " + nz + "\nencoding: gzip\n\n";
                return StructuralCase.reading(tag + "nrrd gzip " + dims + " over " + noise.length + " bytes", Map.of("x.nrrd", concat(h.getBytes(StandardCharsets.ISO_8859_1), gzip(noise))),
                        Map.of(), List.of(), "x.nrrd", Expect.REJECT);
            }
            case 2: {
                String h = "ObjectType = Image\nNDims = 3\nDimSize = " + nx + " " + ny + " " + nz + "\nElementType = MET_FLOAT\nCompressedData = True\nElementDataFile = LOCAL\n";
                return StructuralCase.reading(tag + "mha zlib " + dims + " over " + noise.length + " bytes", Map.of("x.mha", concat(h.getBytes(StandardCharsets.ISO_8859_1), zlib(noise))),
                        Map.of(), List.of(), "x.mha", Expect.REJECT);
            }
            case 3: {
                int w = 1 << (12 + r.nextInt(4)), hgt = 1 << (12 + r.nextInt(4));
                return StructuralCase.reading(tag + "png " + w + "x" + hgt + " over " + noise.length + " bytes", Map.of("x.png", png(w, hgt, noise)),
                        Map.of(), List.of(), "x.png", Expect.REJECT);
            }
            default: {
                int w = 1 << (12 + r.nextInt(4)), hgt = 1 << (12 + r.nextInt(4));
                byte[] t = tiff(1, new long[] {0}, new int[] {-1}, 0);
                ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
                // entry i of the directory at 8 starts at 10 + 12 i: tag, type, count, value
                b.putShort(12, (short) 4).putInt(18, w);            // ImageWidth as LONG
                b.putShort(24, (short) 4).putInt(30, hgt);          // ImageLength as LONG
                b.putShort(96, (short) 4).putInt(102, hgt);         // RowsPerStrip: one strip
                b.putInt(114, 256 + noise.length);                  // StripByteCounts: the pixels and the noise
                return StructuralCase.reading(tag + "tif " + w + "x" + hgt + " over " + noise.length + " bytes", Map.of("x.tif", concat(t, noise)),
                        Map.of(), List.of(), "x.tif", Expect.REJECT);
            }
        }
    }

    /** A valid PNG signature and IHDR (8-bit grey, w x h) followed by one IDAT of the given bytes and IEND. */
    static byte[] png(int w, int h, byte[] idat) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(o, "IHDR", ihdr.array());
        chunk(o, "IDAT", zlib(idat));
        chunk(o, "IEND", new byte[0]);
        return o.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream o, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        o.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        o.writeBytes(t);
        o.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        o.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    // ---------------------------------------------------------------- aliases

    private static StructuralCase alias(String tag, Random r) {
        Map<String, byte[]> f = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        Map<String, String> hard = new LinkedHashMap<>();
        f.put("in/a.nii", nifti(4, 4, 4, 352));
        // a detached input whose data file is named like another header's data
        f.put("in/src.nhdr", "NRRD0004\ntype: uint8\ndimension: 3\nsizes: 4 4 4\nencoding: gzip\ndata file: shared.raw.gz\n".getBytes(StandardCharsets.ISO_8859_1));
        f.put("in/shared.raw.gz", gzip(new byte[64]));
        f.put("stack/s0.tif", tiff(1, new long[] {0}, new int[] {-1}, 0));
        f.put("stack/s1.tif", tiff(1, new long[] {0}, new int[] {-1}, 0));
        f.put("in/m.nii", nifti(4, 4, 4, 352));
        List<String> reads = new ArrayList<>(List.of("in/a.nii", "in/src.nhdr", "stack", "in/m.nii"));
        List<String> writes = new ArrayList<>();
        writes.add("out/o" + r.nextInt(3) + ".nii.gz");
        int kind = r.nextInt(11);
        String what;
        Expect expect = Expect.REJECT;
        switch (kind) {
            case 0: writes.add("in/a.nii"); what = "output = input"; break;
            case 1: writes.add("./in/./a.nii"); what = "output = ./input"; break;
            case 2: writes.add("out/../in/a.nii"); what = "output = out/../input"; break;
            case 3: links.put("out/link.nii", "../in/a.nii"); writes.add("out/link.nii"); what = "output = symbolic link to input"; break;
            case 4: hard.put("out/hard.nii", "in/a.nii"); writes.add("out/hard.nii"); what = "output = hard link to input"; break;
            case 5: links.put("alias", "in"); writes.add("alias/m.nii"); what = "output through a linked folder = mask input"; break;
            case 6: writes.add("in/shared.nhdr"); what = "output's data file = input's data file"; break;
            case 7: writes.add("stack/s" + r.nextInt(3) + ".tif"); what = "output inside the input folder"; break;
            case 8: writes.add(writes.get(0)); what = "two outputs the same"; break;
            case 9: writes.add(writes.get(0).replace("out/", "out/sub/../")); what = "two outputs the same through .."; break;
            default: writes.add("out/fresh" + r.nextInt(100) + ".nrrd"); what = "distinct outputs (control)"; expect = Expect.READ; break;
        }
        f.put("out/.keep", new byte[0]);
        f.put("out/sub/.keep", new byte[0]);
        return new StructuralCase(tag + what + " " + writes, f, links, hard, List.of(), ".", expect, reads, writes);
    }

    // ---------------------------------------------------------------- bytes

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(b);
            }
            return z.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zlib(byte[] b) {
        try {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
                d.write(b);
            }
            return z.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
