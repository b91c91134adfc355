package org.interslice.io.nifti;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Rescale;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.Gzip;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.SlabWriter;
import org.interslice.io.VolumeHeader;
import org.interslice.io.RawRegionVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeFormat;
import org.interslice.io.WriteOptions;

/**
 * NIfTI-1 and NIfTI-2: single files ({@code .nii}, {@code .nii.gz}) and header/data pairs
 * ({@code .hdr} + {@code .img}, or both gzipped: {@code .hdr.gz} + {@code .img.gz}).
 *
 * <p><b>Reading.</b> Either byte order (told by sizeof_hdr), extensions skipped (vox_offset honoured),
 * 3D scalar data of types uint8, int8, uint16, int16, uint32, int32, float32, float64; other datatypes
 * and 4D+ data (more than one volume) are refused with {@link IntersliceException}. Geometry follows
 * nibabel: the sform when sform_code &gt; 0 (kept exactly, even when sheared), else the qform when
 * qform_code &gt; 0, else nibabel's pixdim-only fallback (x flipped, grid centred at the origin); see
 * {@link NiftiTransforms}. Spatial units metre and micron are converted to mm (nibabel ignores units,
 * ITK converts them). ITK 5 differs from nibabel where the sform is sheared or, with sform_code 2..5,
 * differs from a present qform: ITK then uses the qform (or fails without one), while nibabel and this
 * reader use the sform. scl_slope/scl_inter are applied when {@link ReadOptions#applyRescale} (slope 0
 * or NaN means none); intent_code 1002 (NIFTI_INTENT_LABEL) marks a label map.
 *
 * <p><b>Writing.</b> Little-endian NIfTI-1, or NIfTI-2 when requested ({@code new NiftiFormat(2)}) or
 * when a dimension exceeds 32767; no extensions (voxel data at 352, or 544 for NIfTI-2; 0 in a pair's
 * .img). sform = the exact affine, qform = its closest rigid transform; codes, intent, aux_file, the
 * temporal unit and descrip come from {@link WriteOptions#header} (see {@link #apply}: codes 1 when not
 * given, and qform_code 0 for a sheared grid, whose sform only is exact); pixdim = the
 * spacing, units mm, scl_slope 1 and scl_inter 0 (volumes already hold physical values); label maps get
 * intent_code 1002. The file's fields are returned in {@link ReadOptions#header} when asked. NIfTI-1 stores the affine in float32 (about 1e-7 relative). Uneven slice positions
 * ({@link Geometry#sliceOrigins()}) cannot be stored: the mean-step affine is written.
 */
public final class NiftiFormat implements VolumeFormat {
    /** NIFTI_INTENT_LABEL: values are indices of labels. */
    static final int INTENT_LABEL = 1002;
    /** Deflate cannot compress more than about 1032:1; a header claiming more data than that is corrupt. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private final int writeVersion;

    /** Writes NIfTI-1 (NIfTI-2 only when a dimension needs it). */
    public NiftiFormat() {
        this(1);
    }

    /** @param writeVersion 1 or 2: the NIfTI version written (reading accepts both) */
    public NiftiFormat(int writeVersion) {
        if (writeVersion != 1 && writeVersion != 2) throw new IllegalArgumentException("NIfTI version " + writeVersion + " is not 1 or 2");
        this.writeVersion = writeVersion;
    }

    @Override
    public String name() {
        return "NIfTI";
    }

    @Override
    public List<String> extensions() {
        return List.of(".nii.gz", ".hdr.gz", ".img.gz", ".nii", ".hdr", ".img");
    }

    @Override
    public boolean recognizes(Path path, byte[] head) {
        if (looksLikeNifti(head)) return true;
        // a pair's .img holds bare voxels: recognise it by the header beside it
        Path header = pairHeader(path);
        return header != null && !header.equals(path) && looksLikeNifti(headOf(header));
    }

    @Override
    public List<Path> inputFiles(Path path) {
        if (!isPairName(path)) return List.of(path);
        return List.of(existingOr(stem(path), ".hdr", ".hdr.gz"), existingOr(stem(path), ".img", ".img.gz"));
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Volume read(Path path, ReadOptions options) {
        Path headerFile = isPairName(path) ? existingOr(stem(path), ".hdr", ".hdr.gz") : path;
        if (!Files.isRegularFile(headerFile)) throw new IntersliceException(path, "no NIfTI header " + headerFile.getFileName() + " beside it");
        Opened hs = open(headerFile);
        try (InputStream in = hs.in) {
            NiftiHeader h = readHeader(in, headerFile);
            if (options.header != null) fields(h, options.header);
            PixelType type = pixelType(h.datatype, headerFile);
            long[] n = spatialDims(h, headerFile);
            Geometry g = geometry(h, headerFile);
            if (h.single) {
                // nibabel treats a single-file vox_offset below the header's end as that end
                long offset = Math.max(voxOffset(h, headerFile), h.version == 1 ? NiftiHeader.DATA_OFFSET_V1 : NiftiHeader.DATA_OFFSET_V2);
                return readVoxels(in, hs, headerFile, h.size(), offset, n, type, g, h, options);
            }
            Path dataFile = existingOr(stem(headerFile), ".img", ".img.gz");
            if (!Files.isRegularFile(dataFile)) throw new IntersliceException(headerFile, "NIfTI pair without its data file " + dataFile.getFileName());
            Opened ds = open(dataFile);
            try (InputStream din = ds.in) {
                return readVoxels(din, ds, dataFile, 0, voxOffset(h, headerFile), n, type, g, h, options);
            }
        } catch (IOException e) {
            throw new IntersliceException(headerFile, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Opens for region reads: the header is read and checked now; a region read fetches only its bytes
     * ({@code .nii}, {@code .img}) or inflates forward to its end ({@code .nii.gz}, {@code .img.gz}).
     * Label flag and rescale as {@link #read}; see {@link org.interslice.io.OpenVolume} for the type.
     */
    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        Path headerFile = isPairName(path) ? existingOr(stem(path), ".hdr", ".hdr.gz") : path;
        if (!Files.isRegularFile(headerFile)) throw new IntersliceException(path, "no NIfTI header " + headerFile.getFileName() + " beside it");
        Opened hs = open(headerFile);
        NiftiHeader h;
        try (InputStream in = hs.in) {
            h = readHeader(in, headerFile);
        } catch (IOException e) {
            throw new IntersliceException(headerFile, "cannot read: " + e.getMessage(), e);
        }
        PixelType type = pixelType(h.datatype, headerFile);
        long[] n = spatialDims(h, headerFile);
        for (long d : n) if (d < 1 || d > Integer.MAX_VALUE) throw new IntersliceException(headerFile, "invalid dimensions " + n[0] + "x" + n[1] + "x" + n[2]);
        Geometry g = geometry(h, headerFile);
        Path dataFile = headerFile;
        long offset;
        boolean gzip = hs.gzip;
        if (h.single) {
            offset = Math.max(voxOffset(h, headerFile), h.version == 1 ? NiftiHeader.DATA_OFFSET_V1 : NiftiHeader.DATA_OFFSET_V2);
        } else {
            dataFile = existingOr(stem(headerFile), ".img", ".img.gz");
            if (!Files.isRegularFile(dataFile)) throw new IntersliceException(headerFile, "NIfTI pair without its data file " + dataFile.getFileName());
            offset = voxOffset(h, headerFile);
            Opened ds = open(dataFile);
            gzip = ds.gzip;
            try {
                ds.in.close();
            } catch (IOException e) {
                throw new IntersliceException(dataFile, "cannot read: " + e.getMessage(), e);
            }
        }
        double slope = options.applyRescale ? h.sclSlope : 1, inter = options.applyRescale ? h.sclInter : 0;
        RawRegionVolume.Layout layout = gzip
                ? new RawRegionVolume.Layout(dataFile, 0, offset, RawRegionVolume.Compression.GZIP, h.order, type, slope, inter)
                : new RawRegionVolume.Layout(dataFile, offset, 0, RawRegionVolume.Compression.NONE, h.order, type, slope, inter);
        return RawRegionVolume.open(path, (int) n[0], (int) n[1], (int) n[2], g, h.intentCode == INTENT_LABEL, layout);
    }

    /** Reads sizeof_hdr, picks version and byte order from it, then the rest of the header. */
    private static NiftiHeader readHeader(InputStream in, Path file) throws IOException {
        byte[] first = new byte[4];
        if (RawCodec.readFully(in, first, 4) < 4) throw new IntersliceException(file, "truncated NIfTI header");
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        int size = NiftiHeader.headerSize(first, order);
        if (size < 0) {
            order = ByteOrder.BIG_ENDIAN;
            size = NiftiHeader.headerSize(first, order);
        }
        if (size < 0) throw new IntersliceException(file, "not a NIfTI file (sizeof_hdr is neither 348 nor 540 in either byte order)");
        byte[] b = new byte[size];
        byte[] rest = new byte[size - 4];
        if (RawCodec.readFully(in, rest, rest.length) < rest.length) {
            throw new IntersliceException(file, "truncated NIfTI header (" + size + " bytes expected)");
        }
        System.arraycopy(first, 0, b, 0, 4);
        System.arraycopy(rest, 0, b, 4, rest.length);
        return NiftiHeader.decode(b, order, file);
    }

    /** vox_offset as a byte count; IntersliceException when negative, NaN or absurd. */
    private static long voxOffset(NiftiHeader h, Path file) {
        double v = h.voxOffset;
        if (!(v >= 0) || v > Long.MAX_VALUE / 2) throw new IntersliceException(file, "invalid vox_offset " + v);
        return (long) v;
    }

    /** dim[1..3] after checking dim[0] and that dims 4..7 describe a single volume. */
    private static long[] spatialDims(NiftiHeader h, Path file) {
        long nd = h.dim[0];
        if (nd < 1 || nd > 7) throw new IntersliceException(file, "invalid dim[0] = " + nd + " (must be 1..7)");
        long[] n = {1, 1, 1};
        for (int i = 1; i <= nd && i <= 3; i++) n[i - 1] = h.dim[i];
        long volumes = 1;
        for (int i = 4; i <= nd; i++) {
            if (h.dim[i] < 1) throw new IntersliceException(file, "invalid dim[" + i + "] = " + h.dim[i]);
            volumes = Math.multiplyHigh(volumes, h.dim[i]) != 0 ? Long.MAX_VALUE : volumes * h.dim[i];
        }
        if (volumes != 1) {
            throw new IntersliceException(file, nd + "D with " + volumes + " volumes is not supported (dims "
                    + java.util.Arrays.toString(java.util.Arrays.copyOfRange(h.dim, 1, (int) nd + 1)) + "); extract one volume first");
        }
        return n;
    }

    /** NIfTI datatype code to pixel type; IntersliceException naming any other code. */
    static PixelType pixelType(int datatype, Path file) {
        switch (datatype) {
            case 2: return PixelType.UINT8;
            case 4: return PixelType.INT16;
            case 8: return PixelType.INT32;
            case 16: return PixelType.FLOAT32;
            case 64: return PixelType.FLOAT64;
            case 256: return PixelType.INT8;
            case 512: return PixelType.UINT16;
            case 768: return PixelType.UINT32;
            default: throw new IntersliceException(file, "NIfTI datatype " + datatype + " (" + datatypeName(datatype) + ") is not supported");
        }
    }

    private static String datatypeName(int code) {
        switch (code) {
            case 0: return "unknown";
            case 1: return "binary";
            case 32: return "complex64";
            case 128: return "RGB24";
            case 1024: return "int64";
            case 1280: return "uint64";
            case 1536: return "float128";
            case 1792: return "complex128";
            case 2048: return "complex256";
            case 2304: return "RGBA32";
            default: return "not a NIfTI datatype";
        }
    }

    /** NIfTI datatype code of a pixel type. */
    static int datatype(PixelType t) {
        switch (t) {
            case UINT8: return 2;
            case INT16: return 4;
            case INT32: return 8;
            case FLOAT32: return 16;
            case FLOAT64: return 64;
            case INT8: return 256;
            case UINT16: return 512;
            case UINT32: return 768;
            default: throw new AssertionError(t);
        }
    }

    private static Geometry geometry(NiftiHeader h, Path file) {
        NiftiTransforms.Source src = NiftiTransforms.choose(h);
        double[] ras = NiftiTransforms.rasAffine(h, file);
        return NiftiTransforms.toGeometry(ras, NiftiTransforms.mmPerUnit(h.xyztUnits), file, src);
    }

    /**
     * Checks the declared size against the file (and memory) before allocating, skips from
     * {@code position} to {@code offset}, reads the voxels, applies label flag and rescale.
     */
    private static Volume readVoxels(InputStream in, Opened src, Path file, long position, long offset, long[] n,
                                     PixelType type, Geometry g, NiftiHeader h, ReadOptions options) {
        long bytes = RawCodec.checkAllocation(file, n[0], n[1], n[2], type.bytes, options.maxBytes);
        if (offset < position) throw new IntersliceException(file, "vox_offset " + offset + " lies inside the header");
        long needed = offset + bytes;
        if (!src.gzip && src.length < needed) {
            throw new IntersliceException(file, "truncated: header declares " + bytes + " bytes of voxel data at offset " + offset
                    + ", file has " + src.length + " bytes");
        }
        if (src.gzip && needed / MAX_DEFLATE_RATIO > src.length + 1024) {
            throw new IntersliceException(file, "truncated or corrupt: header declares " + needed + " bytes, more than "
                    + src.length + " compressed bytes can hold");
        }
        if (src.gzip) Gzip.requireDecodedLength(file, 0, needed, Gzip::input);
        RawCodec.skipFully(in, offset - position, file);
        if (options.onHeader != null && (!options.applyRescale || Rescale.isIdentity(h.sclSlope, h.sclInter)))
            options.onHeader.accept(new VolumeHeader((int) n[0], (int) n[1], (int) n[2], type, g, h.intentCode == INTENT_LABEL));
        Volume v = Volume.allocate(type, (int) n[0], (int) n[1], (int) n[2], g);
        // the voxels arrive in the returned volume itself (no label view, no rescaled copy): tell them as they come
        org.interslice.core.exec.SlicesReady ready = options.onVoxels != null && h.intentCode != INTENT_LABEL
                && (!options.applyRescale || Rescale.isIdentity(h.sclSlope, h.sclInter)) ? new org.interslice.core.exec.SlicesReady(v.nz()) : null;
        if (ready == null) {
            RawCodec.read(in, v, h.order, file);
            if (src.gzip) Gzip.finish(in, file);
        } else {
            options.onVoxels.accept(v, ready);
            int slice = v.nx() * v.ny(), nz = v.nz();
            try {
                RawCodec.read(in, v, h.order, file, voxels -> ready.publish(slice == 0 ? nz : voxels / slice));
                if (src.gzip) Gzip.finish(in, file);
            } catch (RuntimeException | Error e) {
                ready.fail(e);
                throw e;
            }
            ready.publish(v.nz());
        }
        if (h.intentCode == INTENT_LABEL) v = v.asLabel(true);
        if (options.applyRescale) v = Rescale.apply(v, h.sclSlope, h.sclInter);
        return v;
    }

    // ---------------------------------------------------------------- writing

    /** The file, or for a pair name both files of the pair. */
    @Override
    public List<Path> outputFiles(Path path) {
        if (!isPairName(path)) return List.of(path);
        Path stem = stem(path);
        String n = stem.getFileName().toString(), gz = Formats.lowerName(path).endsWith(".gz") ? ".gz" : "";
        return List.of(stem.resolveSibling(n + ".hdr" + gz), stem.resolveSibling(n + ".img" + gz));
    }

    /**
     * Writes {@code v} as NIfTI (see the class comment for what is stored); {@code .hdr}/{@code .img}
     * names write a pair, {@code .hdr.gz}/{@code .img.gz} a gzipped pair. {@code v} is not modified.
     */
    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        boolean pair = isPairName(path);
        String lower = Formats.lowerName(path);
        boolean gzip = lower.endsWith(".gz");
        NiftiHeader h = header(v, pair, options.header);
        if (!pair) {
            writeFile(out, path, gzip, options, h.encode(), v);
            return;
        }
        Path stem = stem(path);
        Path img = stem.resolveSibling(stem.getFileName() + (gzip ? ".img.gz" : ".img"));
        Path hdr = stem.resolveSibling(stem.getFileName() + (gzip ? ".hdr.gz" : ".hdr"));
        // data first: AtomicFiles renames in opening order, so the header never names missing data; the
        // pair's names are fixed, so an old header is removed before the renames: a kill in between leaves
        // data without a header (refused), never an old header over new data
        for (Path old : inputFiles(path)) if (Files.isRegularFile(old) && Formats.lowerName(old).contains(".hdr")) out.removeBeforeCommit(old);
        writeFile(out, img, gzip, options, null, v);
        byte[] hb = h.encode();
        writeFile(out, hdr, gzip, options, java.util.Arrays.copyOf(hb, h.size()), null);
    }

    /** Single-file NIfTI (.nii, .nii.gz) streams: the header comes first and is known before the voxels. */
    @Override
    public boolean writesSlabs(Path path) {
        return !isPairName(path);
    }

    @Override
    public SlabWriter slabWriter(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        return slabWriter(v, new VolumeHeader(v.nx(), v.ny(), v.nz(), v.type(), v.geometry(), v.isLabel()), path, out, options);
    }

    @Override
    public SlabWriter slabWriter(VolumeHeader h, Path path, AtomicFiles out, WriteOptions options) {
        return slabWriter(null, h, path, out, options);
    }

    /** The file opened and its header written; v: the volume whose slabs are written, or null when blocks are given. */
    private SlabWriter slabWriter(Volume v, VolumeHeader h, Path path, AtomicFiles out, WriteOptions options) {
        if (!writesSlabs(path)) throw new UnsupportedOperationException("a NIfTI pair is written whole");
        boolean gzip = Formats.lowerName(path).endsWith(".gz");
        OutputStream raw = out.open(path);
        try {
            OutputStream os = gzip ? Gzip.output(raw, options) : raw;
            os.write(header(h.nx(), h.ny(), h.nz(), h.type(), h.geometry(), h.label(), false, options.header).encode());
            return new NiftiSlabWriter(path, os, v, h, options.job);
        } catch (IOException e) {
            try {
                raw.close();
            } catch (IOException ignored) {
                // the write failed already; AtomicFiles removes the temporary
            }
            throw AtomicFiles.cannotWrite(path, e);
        }
    }

    /** Copies the header fields a caller may carry to another file into {@code f}. */
    private static void fields(NiftiHeader h, HeaderFields f) {
        f.sformCode = h.sformCode;
        f.qformCode = h.qformCode;
        f.intentCode = h.intentCode;
        f.intentParams = h.intentP.clone();
        f.intentName = h.intentName;
        f.auxFile = h.auxFile;
        f.xyztUnits = h.xyztUnits;
        f.description = h.descrip;
    }

    /**
     * Applies the caller's header fields: sform and qform codes as given (1 when not given; the sform
     * code at least 1 when both are 0, since the written affine must place the volume), except that a
     * sheared grid gets qform_code 0 (a qform is rigid and would disagree with the exact sform, and
     * readers that prefer the qform, such as ITK, would place the voxels elsewhere). The intent is kept
     * unless the label flag decides it; the spatial unit is mm (the geometry is converted to mm
     * on reading) or unknown when it was unknown, the temporal unit is kept. Description and notes go to descrip (79 bytes).
     */
    static void apply(HeaderFields f, Geometry g, boolean label, NiftiHeader h) {
        int sform = f.sformCode != null ? f.sformCode : 1, qform = f.qformCode != null ? f.qformCode : 1;
        if (sform <= 0 && qform <= 0) sform = 1;
        if (!g.isOrthogonal()) {
            qform = 0;
            if (sform <= 0) sform = 1;
        }
        h.sformCode = sform;
        h.qformCode = qform;
        if (label) {
            h.intentCode = INTENT_LABEL;
        } else if (f.intentCode != null && f.intentCode != INTENT_LABEL) {
            h.intentCode = f.intentCode;
            if (f.intentParams != null) System.arraycopy(f.intentParams, 0, h.intentP, 0, 3);
            if (f.intentName != null) h.intentName = f.intentName;
        }
        if (f.auxFile != null) h.auxFile = f.auxFile;
        // spatial unit: mm (the geometry was converted to mm on reading), or unknown (0) kept as it was
        if (f.xyztUnits != null) h.xyztUnits = ((f.xyztUnits & 7) == 0 ? 0 : 2) | (f.xyztUnits & 0x38);
        if (f.description != null || !f.notes.isEmpty()) h.descrip = f.descripLine(79);   // an empty descrip read stays empty
    }

    private NiftiHeader header(Volume v, boolean pair, HeaderFields fields) {
        return header(v.nx(), v.ny(), v.nz(), v.type(), v.geometry(), v.isLabel(), pair, fields);
    }

    private NiftiHeader header(int nx, int ny, int nz, PixelType type, Geometry g, boolean label, boolean pair, HeaderFields fields) {
        NiftiHeader h = new NiftiHeader();
        boolean big = nx > Short.MAX_VALUE || ny > Short.MAX_VALUE || nz > Short.MAX_VALUE;
        h.version = big ? 2 : writeVersion;
        h.single = !pair;
        h.order = ByteOrder.LITTLE_ENDIAN;
        h.dim[0] = 3;
        h.dim[1] = nx;
        h.dim[2] = ny;
        h.dim[3] = nz;
        for (int i = 4; i < 8; i++) h.dim[i] = 1;
        for (int i = 4; i < 8; i++) h.pixdim[i] = 1;
        h.datatype = datatype(type);
        h.bitpix = 8 * type.bytes;
        h.voxOffset = pair ? 0 : (h.version == 1 ? NiftiHeader.DATA_OFFSET_V1 : NiftiHeader.DATA_OFFSET_V2);
        h.sclSlope = 1;
        h.sclInter = 0;
        h.xyztUnits = 2;   // NIFTI_UNITS_MM
        h.intentCode = label ? INTENT_LABEL : 0;
        h.descrip = "Interslice";
        NiftiTransforms.store(g, h);
        apply(fields, g, label, h);
        return h;
    }

    private static void writeFile(AtomicFiles out, Path target, boolean gzip, WriteOptions options, byte[] header, Volume v) {
        try (OutputStream raw = out.open(target); OutputStream os = gzip ? Gzip.output(raw, options) : raw) {
            if (header != null) os.write(header);
            if (v != null) RawCodec.write(os, v, ByteOrder.LITTLE_ENDIAN, options.job);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(target, e);
        }
    }

    // ---------------------------------------------------------------- files and magic

    /** An open (possibly gunzipping) stream, whether it is gzip, and the length of the file on disk. */
    private record Opened(InputStream in, boolean gzip, long length) {}

    private static Opened open(Path file) {
        try {
            long length = Files.size(file);
            BufferedInputStream b = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            b.mark(2);
            byte[] m = new byte[2];
            int got = RawCodec.readFully(b, m, 2);
            b.reset();
            boolean gz = Gzip.isGzip(java.util.Arrays.copyOf(m, got));
            return new Opened(gz ? Gzip.input(b) : b, gz, length);
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** True when the first bytes (gzipped or not) start a NIfTI header. */
    private static boolean looksLikeNifti(byte[] head) {
        byte[] b = head;
        int n = head.length;
        if (Gzip.isGzip(head)) {
            b = new byte[NiftiHeader.SIZE_V1];
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
                n = RawCodec.readFully(in, b, b.length);
            } catch (IOException e) {
                // the head is a cut-off stream: whatever was inflated before the cut is still usable
                n = 0;
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
                    int r;
                    while (n < b.length && (r = in.read(b, n, b.length - n)) > 0) n += r;
                } catch (IOException again) {
                    // keep the n bytes inflated so far
                }
            }
        }
        return NiftiHeader.looksLikeNifti(b, n);
    }

    private static byte[] headOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = new byte[1024];
            int n = RawCodec.readFully(in, b, b.length);
            return java.util.Arrays.copyOf(b, n);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean isPairName(Path p) {
        String n = Formats.lowerName(p);
        return n.endsWith(".hdr") || n.endsWith(".img") || n.endsWith(".hdr.gz") || n.endsWith(".img.gz");
    }

    /** The header of a pair given by its .img name, or null for other names. */
    private static Path pairHeader(Path p) {
        String n = Formats.lowerName(p);
        if (!n.endsWith(".img") && !n.endsWith(".img.gz")) return null;
        Path h = existingOr(stem(p), ".hdr", ".hdr.gz");
        return Files.isRegularFile(h) ? h : null;
    }

    /** The path without its NIfTI extension (case kept). */
    private static Path stem(Path p) {
        String name = p.getFileName().toString();
        String lower = Formats.lowerName(p);
        for (String e : List.of(".nii.gz", ".hdr.gz", ".img.gz", ".nii", ".hdr", ".img")) {
            if (lower.endsWith(e)) return p.resolveSibling(name.substring(0, name.length() - e.length()));
        }
        return p;
    }

    /** stem + first ending if that file exists, else stem + second if it exists, else stem + first. */
    private static Path existingOr(Path stem, String first, String second) {
        Path a = stem.resolveSibling(stem.getFileName() + first);
        if (Files.exists(a)) return a;
        Path b = stem.resolveSibling(stem.getFileName() + second);
        return Files.exists(b) ? b : a;
    }
}
