package org.interslice.io.fuzz;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.SharedData;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;
import org.interslice.io.nifti.NiftiFormat;

/**
 * The mutation corpus: for each reader, a seed made from real files in shared/data (or a small crop of
 * one, written by our own writer), and a reproducible stream of hostile variants: bit and byte flips in
 * the header, truncation in header and data, hostile header fields (zero, negative, 65535-sized,
 * inconsistent dims; NaN/Inf/zero spacing; singular directions; wrong type codes), corrupt, truncated and
 * over-inflating gzip streams, lengths past the end of DICOM files, compressed and multi-frame DICOM
 * (hostile fragments and offset tables, lying frame counts, functional groups with items missing or
 * repeated: {@link MultiFrameMutations}), and detached data files that are missing.
 */
public final class Corpora {
    /** The reader families of the corpus, in report order. */
    public static final List<String> FAMILIES = List.of(
            "NIfTI-1 .nii", "NIfTI-1 .nii.gz", "NIfTI-2 .nii.gz", "NIfTI pair .hdr/.img",
            "NRRD .nrrd", "NRRD .nhdr+data", "MetaImage .mha", "MetaImage .mhd+.zraw",
            "DICOM file", "DICOM folder", "DICOM RLE", "DICOM JPEG lossless", "DICOM JPEG 2000", "DICOM JPEG baseline",
            "DICOM JPEG-LS", "DICOM JPEG-LS near", "DICOM JPEG 12-bit lossy",
            "DICOM multi-frame CT", "DICOM multi-frame JPEG-LS", "DICOM multi-frame EOT", "DICOM multi-frame MR", "DICOM multi-frame .98",
            "TIFF multi-page", "TIFF folder", "PNG folder");

    private static final Map<String, FuzzCase> SEEDS = new LinkedHashMap<>();

    private Corpora() {}

    /** {@code count} variants of a family, reproducible from the seed. */
    public static List<FuzzCase> variants(String family, int count, long seed, Path scratch) throws IOException {
        FuzzCase base = seed(family, scratch);
        Random r = new Random(seed ^ family.hashCode());
        List<FuzzCase> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(mutate(family, base, r, i));
        return out;
    }

    // ---------------------------------------------------------------- seeds

    static synchronized FuzzCase seed(String family, Path scratch) throws IOException {
        FuzzCase c = SEEDS.get(family);
        if (c == null) {
            c = makeSeed(family, scratch.resolve("seed-" + SEEDS.size()));
            SEEDS.put(family, c);
        }
        return c;
    }

    private static FuzzCase makeSeed(String family, Path dir) throws IOException {
        Files.createDirectories(dir);
        switch (family) {
            case "NIfTI-1 .nii": return written(crop(Formats.read(SharedData.path("ct-head/head.nii.gz")), 80, 90, 50, 40, 36, 8), dir, "head.nii", null);
            case "NIfTI-1 .nii.gz": return written(crop(Formats.read(SharedData.path("ct-head/head.nii.gz")), 80, 90, 50, 40, 36, 8), dir, "head.nii.gz", null);
            case "NIfTI-2 .nii.gz": return written(crop(Formats.read(SharedData.path("mr-brain/ch2-1mm.nii.gz")), 70, 80, 80, 40, 36, 8), dir, "ch2.nii.gz", new NiftiFormat(2));
            case "NIfTI pair .hdr/.img": return real(SharedData.path("niivue-samples"), "ras.hdr", "ras.hdr", "ras.img");
            case "NRRD .nrrd": return written(crop(Formats.read(SharedData.path("niivue-samples/FLAIR.nrrd")), 40, 50, 60, 40, 36, 8), dir, "flair.nrrd", null);
            case "NRRD .nhdr+data": return written(crop(Formats.read(SharedData.path("niivue-samples/FLAIR.nrrd")), 40, 50, 60, 40, 36, 8), dir, "flair.nhdr", null);
            case "MetaImage .mha": return real(SharedData.path("niivue-samples"), "mha.mha", "mha.mha");
            case "MetaImage .mhd+.zraw": return written(crop(Formats.read(SharedData.path("niivue-samples/mha.mha")), 10, 10, 10, 40, 36, 8), dir, "mr.mhd", null);
            case "DICOM file": return real(SharedData.path("ct-phantom/5mm"), "I10", "I10");
            case "DICOM folder": {
                FuzzCase f = real(SharedData.path("ct-phantom/5mm"), ".", "I10", "I20", "I30");
                return f;
            }
            // compressed pixel data encoded by GDCM/dcmtk (test resources, see tools/reference/dicom_compressed_fixtures.sh)
            case "DICOM RLE": return resourceFile("compressed/u12-rle-gdcm/I140");
            case "DICOM JPEG lossless": return resourceFile("compressed/s16-jpeg70frag-dcmtk/I140");
            case "DICOM JPEG 2000": return resourceFile("compressed/u12-j2k90-gdcm/I140");
            case "DICOM JPEG baseline": return resourceFile("compressed/u8-jpeg50-dcmtk/I140");
            case "DICOM JPEG-LS": return resourceFile("compressed/u12-jls80-dcmtk/I140");
            case "DICOM JPEG-LS near": return resourceFile("compressed/u8-jls81-dcmtk/I140");
            case "DICOM JPEG 12-bit lossy": return resourceFile("compressed/u12-jpeg51-dcmtk/I140");
            // multi-frame objects (tools/reference/dicom_multiframe_fixtures.sh): native enhanced CT with shuffled
            // frames, JPEG-LS behind a basic or an extended offset table, a 2-stack MR without offset table, .1.98
            case "DICOM multi-frame CT": return resourceFile("multiframe/enh-ct.dcm");
            case "DICOM multi-frame JPEG-LS": return resourceFile("multiframe/enh-ct-jls.dcm");
            case "DICOM multi-frame EOT": return resourceFile("multiframe/enh-ct-jls-eot.dcm");
            case "DICOM multi-frame MR": return resourceFile("multiframe/enh-mr-2t-jls.dcm");
            case "DICOM multi-frame .98": return resourceFile("multiframe/enh-ct-raw98.dcm");
            case "TIFF multi-page": return written(crop(stackSeed(), 100, 60, 0, 64, 48, 6), dir, "mouse.tif", null);
            case "TIFF folder": return real(SharedData.path("microscopy/mouse-brain-stp"), ".", "image_0100.tif", "image_0101.tif", "image_0102.tif");
            case "PNG folder": return pngFolder(crop(stackSeed(), 100, 60, 0, 64, 48, 3));
            default: throw new IllegalArgumentException("unknown family " + family);
        }
    }

    private static Volume stackSeed() {
        return Formats.read(SharedData.path("microscopy/mouse-brain-stp"));
    }

    /** One compressed DICOM fixture from the io test resources (read as a stream: the CLI tests see them in a jar). */
    private static FuzzCase resourceFile(String name) throws IOException {
        try (java.io.InputStream in = Corpora.class.getResourceAsStream("/org/interslice/io/dicom/" + name)) {
            if (in == null) throw new IOException("missing test resource " + name);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("I140", in.readAllBytes());
            return new FuzzCase("seed", files, "I140");
        }
    }

    private static FuzzCase real(Path folder, String entry, String... names) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String n : names) files.put(n, Files.readAllBytes(folder.resolve(n)));
        return new FuzzCase("seed", files, entry);
    }

    private static FuzzCase written(Volume v, Path dir, String name, VolumeFormat format) throws IOException {
        Path p = dir.resolve(name);
        if (format == null) {
            Formats.write(v, p);
        } else {
            try (AtomicFiles out = new AtomicFiles()) {
                format.write(v, p, out, WriteOptions.defaults());
                out.commit();
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path f : Formats.inputFiles(p)) files.put(f.getFileName().toString(), Files.readAllBytes(f));
        return new FuzzCase("seed", files, name);
    }

    private static FuzzCase pngFolder(Volume v) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int z = 0; z < v.nz(); z++) {
            BufferedImage im = new BufferedImage(v.nx(), v.ny(), BufferedImage.TYPE_USHORT_GRAY);
            short[] px = ((DataBufferUShort) im.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) px[i] = (short) v.get(z * px.length + i);
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            ImageIO.write(im, "png", bo);
            files.put("slice_" + z + ".png", bo.toByteArray());
        }
        return new FuzzCase("seed", files, ".");
    }

    /** A sub-box of a volume with its exact geometry (origin moved to the box's first voxel). */
    static Volume crop(Volume v, int x0, int y0, int z0, int nx, int ny, int nz) {
        nx = Math.min(nx, v.nx() - x0);
        ny = Math.min(ny, v.ny() - y0);
        nz = Math.min(nz, v.nz() - z0);
        Geometry g = v.geometry().affineOnly();
        Geometry cg = Geometry.of(g.spacing(), g.indexToWorld(x0, y0, z0), g.direction());
        Volume out = Volume.allocate(v.type(), nx, ny, nz, cg).with(cg, v.isLabel());
        for (int z = 0; z < nz; z++) for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++)
            out.set(out.index(x, y, z), v.get(v.index(x + x0, y + y0, z + z0)));
        return out;
    }

    // ---------------------------------------------------------------- mutations

    private static FuzzCase mutate(String family, FuzzCase base, Random r, int i) {
        List<String> names = new ArrayList<>(base.files().keySet());
        String main = family.startsWith("NRRD .nhdr") || family.startsWith("MetaImage .mhd") || family.startsWith("NIfTI pair")
                ? names.get(names.size() - 1).matches(".*\\.(nhdr|mhd|hdr)$") ? names.get(names.size() - 1) : names.get(0)
                : names.get(r.nextInt(names.size()));
        for (String n : names) if (n.matches(".*\\.(nhdr|mhd|hdr)$")) main = n;
        if (base.entry().equals(".")) main = names.get(r.nextInt(names.size()));
        String data = null;
        for (String n : names) if (!n.equals(main)) data = n;
        byte[] b = base.files().get(main);
        boolean gz = main.endsWith(".gz");
        int strategy = r.nextInt(data != null && !base.entry().equals(".") ? 9 : 7);
        String label = family + " #" + i + " ";
        if (family.startsWith("DICOM multi-frame") && r.nextBoolean()) {
            String[] what = new String[1];
            byte[] m = MultiFrameMutations.mutate(b, r, what);
            return base.with(label + "multi-frame " + what[0] + " of " + main, main, m);
        }
        switch (strategy) {
            case 0: return base.with(label + "bit flips in header of " + main, main, onContent(b, gz, c -> Mutations.flipBits(c, headerRegion(family, c), r)));
            case 1: return base.with(label + "byte sets in header of " + main, main, onContent(b, gz, c -> Mutations.setBytes(c, headerRegion(family, c), r)));
            case 2: return base.with(label + "truncated " + main, main, Mutations.truncate(b, b.length, r));
            case 3: return base.with(label + "truncated header of " + main, main, onContent(b, gz, c -> Mutations.truncate(c, headerRegion(family, c), r)));
            case 4: case 5: {
                String[] what = new String[1];
                byte[] m = onContent(b, gz, c -> fieldMutation(family, c, r, what));
                return base.with(label + "field " + what[0] + " of " + main, main, m);
            }
            case 6: return streamMutation(family, base, main, b, r, label);
            case 7: return base.with(label + "data file removed", data, null);
            default: {
                byte[] d = base.files().get(data);
                return base.with(label + "data file truncated", data, Mutations.truncate(d, d.length, r));
            }
        }
    }

    /** Applies a mutation to the decompressed content of a gzip file and recompresses it. */
    private static byte[] onContent(byte[] b, boolean gz, Function<byte[], byte[]> f) {
        if (!gz) return f.apply(b);
        return Mutations.gzip(f.apply(Mutations.gunzip(b)));
    }

    private static int headerRegion(String family, byte[] c) {
        if (family.startsWith("NIfTI-2")) return 544;
        if (family.startsWith("NIfTI")) return 352;
        if (family.startsWith("NRRD") || family.startsWith("MetaImage")) return Math.min(c.length, Math.max(64, Mutations.textHeaderLength(c)));
        if (family.startsWith("DICOM multi-frame")) return Math.min(c.length, 4096); // the functional groups run past 2 KB
        if (family.startsWith("DICOM")) return Math.min(c.length, 2048);
        return Math.min(c.length, 1024);
    }

    /** Compressed-stream attacks: corrupt deflate bytes, a gzip bomb, an empty file, a JPEG in place. */
    private static FuzzCase streamMutation(String family, FuzzCase base, String main, byte[] b, Random r, String label) {
        switch (r.nextInt(4)) {
            case 0: {
                byte[] m = b.clone();
                int from = Math.min(b.length - 1, b.length / 3);
                for (int k = 0; k < 1 + r.nextInt(16); k++) m[from + r.nextInt(b.length - from)] ^= (byte) (1 + r.nextInt(255));
                return base.with(label + "corrupt bytes in the data of " + main, main, m);
            }
            case 1: {
                if (main.endsWith(".gz")) return base.with(label + "gzip bomb " + main, main, Mutations.gzipBomb(Mutations.gunzip(b), 300L << 20));
                // a raw or attached file followed by a stream that inflates far beyond the declared size
                return base.with(label + "appended zero bomb " + main, main, concat(b, Mutations.gzipBomb(new byte[0], 64L << 20)));
            }
            case 2: return base.with(label + "empty " + main, main, new byte[0]);
            default: return base.with(label + "JPEG bytes as " + main, main, tinyJpeg());
        }
    }

    private static byte[] fieldMutation(String family, byte[] c, Random r, String[] what) {
        if (family.startsWith("NIfTI-2")) return nifti2Field(c, r, what);
        if (family.startsWith("NIfTI")) return nifti1Field(c, r, what);
        if (family.startsWith("NRRD")) return textField(c, r, what, new String[] {"sizes:", "type:", "dimension:", "encoding:", "space directions:", "space origin:", "endian:", "byte skip:", "data file:", "space:"},
                new String[] {"0 0 0", "-1 5 5", "65535 65535 65535", "40 36", "40 36 8 2", "nan 1 1", "float128", "7", "bzip9", "(nan,0,0) (0,1,0) (0,0,1)", "(0,0,0) (0,0,0) (0,0,0)", "(1,0,0) (1,0,0) (0,0,1)", "(inf,0,0)", "middle", "-5", "99999999", "missing.raw.gz", "../../../etc/passwd", "weird-space"});
        if (family.startsWith("MetaImage")) return textField(c, r, what, new String[] {"DimSize =", "ElementType =", "ElementSpacing =", "TransformMatrix =", "CompressedDataSize =", "HeaderSize =", "ElementDataFile =", "NDims =", "ElementNumberOfChannels =", "BinaryDataByteOrderMSB =", "Offset ="},
                new String[] {"0 0 0", "-1 5 5", "65535 65535 65535", "40 36", "MET_LONG_LONG", "MET_NONE", "nan 1 1", "0 0 0", "0 0 0 0 0 0 0 0 0", "1 0 0 1 0 0 0 0 1", "99999999999", "-7", "LIST", "missing.zraw", "4", "3 1", "True", "inf 0 0"});
        if (family.startsWith("DICOM")) return dicomField(c, r, what);
        if (family.startsWith("TIFF")) return tiffField(c, r, what);
        return pngField(c, r, what);
    }

    private static byte[] nifti1Field(byte[] c, Random r, String[] what) {
        ByteOrder o = LITTLE_ENDIAN;
        switch (r.nextInt(9)) {
            case 0: what[0] = "dim[0]"; return Mutations.put(c, 40, 2, pick(r, 0, 8, -1, 4), o);
            case 1: { int a = 1 + r.nextInt(3); what[0] = "dim[" + a + "]"; return Mutations.put(c, 40 + 2 * a, 2, pick(r, 0, -1, 32767, -32768, 1000), o); }
            case 2: what[0] = "datatype"; return Mutations.put(c, 70, 2, pick(r, 0, 1, 3, 32, 128, 1024, 1792, 0x7FFF), o);
            case 3: what[0] = "bitpix"; return Mutations.put(c, 72, 2, pick(r, 0, 7, 64, -16), o);
            case 4: { int a = 1 + r.nextInt(3); what[0] = "pixdim[" + a + "]"; return Mutations.putFloat(c, 76 + 4 * a, pickF(r), o); }
            case 5: what[0] = "vox_offset"; return Mutations.putFloat(c, 108, (float) pick(r, -1, 0, 1e12, 351, 7), o);
            case 6: what[0] = "scl_slope"; return Mutations.putFloat(c, 112, pickF(r), o);
            case 7: { what[0] = "srow"; byte[] m = c; int row = r.nextInt(3); boolean zero = r.nextBoolean();
                for (int k = 0; k < 4; k++) m = Mutations.putFloat(m, 280 + 16 * row + 4 * k, zero ? 0f : pickF(r), o);
                return Mutations.put(m, 254, 2, 1, o); }
            default: { what[0] = "quatern"; byte[] m = Mutations.put(c, 254, 2, 0, o);
                return Mutations.putFloat(Mutations.put(m, 252, 2, 1, o), 256 + 4 * r.nextInt(6), pickF(r), o); }
        }
    }

    private static byte[] nifti2Field(byte[] c, Random r, String[] what) {
        ByteOrder o = LITTLE_ENDIAN;
        switch (r.nextInt(7)) {
            case 0: what[0] = "dim[0]"; return Mutations.put(c, 16, 8, pick(r, 0, 8, -1, 4), o);
            case 1: { int a = 1 + r.nextInt(3); what[0] = "dim[" + a + "]"; return Mutations.put(c, 16 + 8 * a, 8, pick(r, 0, -1, 65535, Long.MAX_VALUE, 1L << 40), o); }
            case 2: what[0] = "datatype"; return Mutations.put(c, 12, 2, pick(r, 0, 3, 32, 128, 1024, 0x7FFF), o);
            case 3: { int a = 1 + r.nextInt(3); what[0] = "pixdim[" + a + "]"; return Mutations.putDouble(c, 104 + 8 * a, pickF(r), o); }
            case 4: what[0] = "vox_offset"; return Mutations.put(c, 168, 8, pick(r, -1, 0, 1L << 50, 543, Long.MIN_VALUE), o);
            case 5: what[0] = "scl_slope"; return Mutations.putDouble(c, 176, pickF(r), o);
            default: { what[0] = "srow"; byte[] m = c; int row = r.nextInt(3); boolean zero = r.nextBoolean();
                for (int k = 0; k < 4; k++) m = Mutations.putDouble(m, 400 + 32 * row + 8 * k, zero ? 0 : pickF(r), o);
                return m; }
        }
    }

    private static byte[] textField(byte[] c, Random r, String[] what, String[] keys, String[] values) {
        String key = keys[r.nextInt(keys.length)];
        String value = values[r.nextInt(values.length)];
        what[0] = key + " " + value;
        return Mutations.replaceLine(c, java.util.regex.Pattern.quote(key), value);
    }

    /** DICOM: a value of Rows/Columns/BitsAllocated, or the length of a random element, made hostile. */
    private static byte[] dicomField(byte[] c, Random r, String[] what) {
        List<Integer> starts = explicitElementStarts(c);
        if (starts.isEmpty()) { what[0] = "none"; return c; }
        int pixelItems = encapsulatedStart(c);
        int choice = r.nextInt(pixelItems < 0 ? 3 : 6);
        if (choice >= 3) return encapsulatedField(c, pixelItems, r, what);
        if (choice < 2) {
            int[][] tags = {{0x0028, 0x0010}, {0x0028, 0x0011}, {0x0028, 0x0100}, {0x0028, 0x0101}, {0x0028, 0x0103}, {0x0028, 0x0002}};
            int[] t = tags[r.nextInt(tags.length)];
            for (int s : starts) {
                ByteBuffer bb = ByteBuffer.wrap(c).order(LITTLE_ENDIAN);
                if ((bb.getShort(s) & 0xFFFF) == t[0] && (bb.getShort(s + 2) & 0xFFFF) == t[1] && s + 10 <= c.length) {
                    what[0] = String.format("(%04X,%04X) value", t[0], t[1]);
                    return Mutations.put(c, s + 8, 2, pick(r, 0, 1, 7, 64, 65535, 3), LITTLE_ENDIAN);
                }
            }
        }
        int s = starts.get(r.nextInt(starts.size()));
        boolean longForm = isLongVr(c[s + 4], c[s + 5]);
        what[0] = String.format("length of element at %d", s);
        if (longForm) return Mutations.put(c, s + 8, 4, pick(r, 0xFFFFFFFFL, 0x7FFFFFF0L, 0xFFFFFFF0L, c.length, 3), LITTLE_ENDIAN);
        return Mutations.put(c, s + 6, 2, pick(r, 0xFFFF, 0xFFFE, 1, 0), LITTLE_ENDIAN);
    }

    /** Offset of the first item after an encapsulated Pixel Data header (7FE0,0010) OB, undefined length; -1 if none. */
    private static int encapsulatedStart(byte[] c) {
        for (int i = 132; i + 12 <= c.length; i++) {
            if ((c[i] & 0xFF) == 0xE0 && c[i + 1] == 0x7F && c[i + 2] == 0x10 && c[i + 3] == 0 && c[i + 4] == 'O' && c[i + 5] == 'B'
                    && c[i + 8] == -1 && c[i + 9] == -1 && c[i + 10] == -1 && c[i + 11] == -1) return i + 12;
        }
        return -1;
    }

    /**
     * Encapsulated pixel data made hostile: an item length (basic offset table or a fragment: zero, odd,
     * one past the end, undefined, huge), a basic offset table entry, the codestream cut inside a
     * fragment, the codestream given to another decoder (transfer syntax swapped), or a lying
     * NumberOfFrames inserted.
     */
    private static byte[] encapsulatedField(byte[] c, int start, Random r, String[] what) {
        List<Integer> items = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(c).order(LITTLE_ENDIAN);
        for (int at = start; at + 8 <= c.length && (bb.getShort(at) & 0xFFFF) == 0xFFFE && (bb.getShort(at + 2) & 0xFFFF) == 0xE000; ) {
            items.add(at);
            at += 8 + bb.getInt(at + 4);
        }
        if (items.isEmpty()) { what[0] = "none"; return c; }
        switch (r.nextInt(6)) {
            case 4: {
                // the codestream handed to another decoder: the transfer syntax UID swapped for one of equal length
                String[] uids = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70",
                    "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91"};
                String text = new String(c, 0, Math.min(c.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
                String to = uids[r.nextInt(uids.length)];
                for (String u : uids) {
                    int at = text.indexOf(u);
                    if (at >= 0) {
                        what[0] = "transfer syntax " + u + " -> " + to;
                        byte[] m = c.clone();
                        System.arraycopy(to.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, m, at, to.length());
                        return m;
                    }
                }
                what[0] = "no JPEG transfer syntax (RLE kept)";
                return c;
            }
            case 5: {
                // a lying NumberOfFrames (0028,0008) IS inserted before Rows (0028,0010)
                byte[] rows = {0x28, 0, 0x10, 0, 'U', 'S', 2, 0};
                String[] values = {"0 ", "2 ", "-1", "99999999", "1 ", "x "};
                String v = values[r.nextInt(values.length)];
                for (int at = 132; at + rows.length <= c.length; at++) {
                    if (java.util.Arrays.equals(c, at, at + rows.length, rows, 0, rows.length)) {
                        byte[] el = new byte[8 + v.length()];
                        System.arraycopy(new byte[] {0x28, 0, 0x08, 0, 'I', 'S', (byte) v.length(), 0}, 0, el, 0, 8);
                        System.arraycopy(v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, el, 8, v.length());
                        what[0] = "NumberOfFrames '" + v.trim() + "'";
                        byte[] m = new byte[c.length + el.length];
                        System.arraycopy(c, 0, m, 0, at);
                        System.arraycopy(el, 0, m, at, el.length);
                        System.arraycopy(c, at, m, at + el.length, c.length - at);
                        return m;
                    }
                }
                what[0] = "no Rows element";
                return c;
            }
            case 0: case 1: {
                int k = r.nextInt(items.size()), at = items.get(k);
                long len = bb.getInt(at + 4) & 0xFFFFFFFFL;
                what[0] = "length of pixel item " + k;
                return Mutations.put(c, at + 4, 4, pick(r, 0, len + 1, len - 1, len + 8, c.length - at, 0xFFFFFFFFL, 0x7FFFFFF0L, 3), LITTLE_ENDIAN);
            }
            case 2: {
                int bot = items.get(0);
                if (bb.getInt(bot + 4) < 4) { what[0] = "empty offset table kept"; return c; }
                what[0] = "basic offset table entry";
                return Mutations.put(c, bot + 8, 4, pick(r, 1, 8, 0xFFFFFFFFL, c.length), LITTLE_ENDIAN);
            }
            default: {
                int last = items.get(items.size() - 1);
                what[0] = "cut inside the last fragment";
                int end = Math.min(c.length, last + 8 + Math.max(1, (bb.getInt(last + 4) & 0x7FFFFFFF) / 2));
                return java.util.Arrays.copyOf(c, end);
            }
        }
    }

    /** Offsets of explicit-VR little-endian element headers found by scanning (good enough to aim at). */
    private static List<Integer> explicitElementStarts(byte[] c) {
        List<Integer> l = new ArrayList<>();
        for (int i = 132; i + 8 < c.length && i < 8192; i += 2) {
            if (Character.isUpperCase(c[i + 4]) && Character.isUpperCase(c[i + 5]) && (c[i] & 1) == 0 && c[i + 1] == 0
                    && (c[i + 3] == 0 || c[i + 3] == 0x10 || c[i + 3] == 0x01)) l.add(i);
        }
        return l;
    }

    private static boolean isLongVr(byte a, byte b) {
        String vr = "" + (char) a + (char) b;
        return List.of("OB", "OW", "OF", "OD", "OL", "SQ", "UC", "UR", "UT", "UN").contains(vr);
    }

    /** TIFF: a tag of the first IFD (width, length, bits, offsets, counts) set to a hostile value. */
    private static byte[] tiffField(byte[] c, Random r, String[] what) {
        if (c.length < 8) { what[0] = "none"; return c; }
        ByteOrder o = c[0] == 'M' ? ByteOrder.BIG_ENDIAN : LITTLE_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(c).order(o);
        long ifd = bb.getInt(4) & 0xFFFFFFFFL;
        if (ifd + 2 > c.length) { what[0] = "none"; return c; }
        int n = bb.getShort((int) ifd) & 0xFFFF;
        int[] wanted = {256, 257, 258, 273, 277, 279, 259, 339};
        int tag = wanted[r.nextInt(wanted.length)];
        for (int e = 0; e < n; e++) {
            int at = (int) ifd + 2 + 12 * e;
            if (at + 12 > c.length) break;
            if ((bb.getShort(at) & 0xFFFF) == tag) {
                what[0] = "TIFF tag " + tag;
                int type = bb.getShort(at + 2) & 0xFFFF;
                long v = pick(r, 0, 65535, 0x7FFFFFFFL, 3, c.length + 1000L);
                return type == 3 ? Mutations.put(c, at + 8, 2, v, o) : Mutations.put(c, at + 8, 4, v, o);
            }
        }
        what[0] = "TIFF tag " + tag + " absent";
        return c;
    }

    /** PNG: IHDR width/height/bit depth/colour type made hostile. */
    private static byte[] pngField(byte[] c, Random r, String[] what) {
        switch (r.nextInt(3)) {
            case 0: what[0] = "IHDR width"; return Mutations.put(c, 16, 4, pick(r, 0, 200000, 0x7FFFFFFF, 1), ByteOrder.BIG_ENDIAN);
            case 1: what[0] = "IHDR height"; return Mutations.put(c, 20, 4, pick(r, 0, 200000, 0x7FFFFFFF, 1), ByteOrder.BIG_ENDIAN);
            default: what[0] = "IHDR depth/colour"; return Mutations.put(c, 24 + r.nextInt(2), 1, pick(r, 0, 3, 6, 8, 16, 255), ByteOrder.BIG_ENDIAN);
        }
    }

    private static long pick(Random r, long... v) {
        return v[r.nextInt(v.length)];
    }

    private static double pick(Random r, double... v) {
        return v[r.nextInt(v.length)];
    }

    private static float pickF(Random r) {
        float[] v = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -1f, 1e-30f, 1e30f};
        return v[r.nextInt(v.length)];
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] m = new byte[a.length + b.length];
        System.arraycopy(a, 0, m, 0, a.length);
        System.arraycopy(b, 0, m, a.length, b.length);
        return m;
    }

    private static byte[] tinyJpeg() {
        try {
            BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            ByteArrayOutputStream bo = new ByteArrayOutputStream();
            ImageIO.write(im, "jpg", bo);
            return bo.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
