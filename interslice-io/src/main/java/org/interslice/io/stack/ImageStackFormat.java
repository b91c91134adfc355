package org.interslice.io.stack;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.FolderFormat;
import org.interslice.io.OpenVolume;
import org.interslice.io.RawCodec;
import org.interslice.io.ReadOptions;
import org.interslice.io.WriteOptions;

/**
 * Image stacks through the JDK's own javax.imageio TIFF and PNG plugins (no extra dependency).
 *
 * <p>Reads (a) a TIFF file, one page per z slice (a single 2D TIFF or PNG is a one-slice volume), and
 * (b) a folder of 2D TIFF or PNG images, one per z slice, in natural name order ({@link NaturalOrder}:
 * {@code image_2} before {@code image_10}). Files in the folder are taken by content (magic bytes);
 * other files (LICENSE, notes) are skipped, but a file named {@code .tif}/{@code .tiff}/{@code .png}
 * that is no such image (empty, damaged) is an error naming it. Hidden files are skipped.
 *
 * <p>Pixels: gray 8-bit (uint8), 16-bit (uint16, or int16 when SampleFormat says signed), 32-bit integer
 * (uint32, or int32 when signed), 32-bit float (float32) and 64-bit float (float64). Packed gray of
 * fewer bits (1-bit masks, 4-bit PNG) reads as uint8 with its raw values (0/1 for a min-is-black mask).
 * RGB and palette images are accepted only when every colour channel is equal (then one is taken, a
 * palette index becomes its gray level); alpha is ignored. All images must share size and type.
 *
 * <p>Geometry: pixels carry no physical size, so spacing is {@link ReadOptions#spacingMm} (x, y, z mm)
 * and is <b>1 mm on every axis when not given</b> (callers such as the CLI should warn). Index i is the
 * column (+x), j the row (+y), k the page or image order (+z); direction identity, origin 0. A TIFF
 * written by this class carries its full geometry (spacing, origin, direction, uneven slice positions,
 * label flag) as text in the first page's ImageDescription; it is read back instead, and then
 * {@code spacingMm} is ignored.
 *
 * <p>Writes multi-page classic TIFF ({@code .tif}, {@code .tiff}) of uint8, uint16, int16 or float32,
 * uncompressed or deflate (zlib, TIFF compression 8), gray, one page per z slice.
 */
public final class ImageStackFormat implements FolderFormat {
    /** Compression of written TIFF pages. */
    public enum Compression {
        /** Uncompressed strips: fastest, readable by everything. */
        NONE,
        /** zlib deflate (TIFF compression 8) at {@link WriteOptions#gzipLevel}. */
        DEFLATE
    }

    private static final List<PixelType> WRITABLE = List.of(PixelType.UINT8, PixelType.UINT16, PixelType.INT16, PixelType.FLOAT32);
    /** Classic TIFF addresses bytes with 32-bit offsets; leave room for the directories. */
    private static final long CLASSIC_TIFF_LIMIT = 0xFFFF_FFFFL - (64L << 20);

    private final Compression compression;

    /** Writes uncompressed TIFF. */
    public ImageStackFormat() {
        this(Compression.NONE);
    }

    /** Writes TIFF with the given compression (reading accepts every compression the JDK decodes). */
    public ImageStackFormat(Compression compression) {
        if (compression == null) throw new IllegalArgumentException("compression is null");
        this.compression = compression;
    }

    @Override
    public String name() {
        return "TIFF/PNG stack";
    }

    @Override
    public List<String> extensions() {
        return List.of(".tiff", ".tif");
    }

    @Override
    public boolean recognizes(Path path, byte[] head) {
        return ImageFile.kindOf(head) != null;
    }

    /** True when the folder holds at least one TIFF or PNG image, by magic bytes (DICOM is checked before us). */
    @Override
    public boolean recognizesFolder(Path folder) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (!ImageFile.skipped(p) && Files.isRegularFile(p) && ImageFile.sniff(p) != null) return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /**
     * Reads a TIFF/PNG file or a folder of them (see the class comment for rules and geometry).
     * Checks width * height * count * bytes against {@code options.maxBytes} before allocating.
     */
    @Override
    public Volume read(Path path, ReadOptions options) {
        options.check();
        return Files.isDirectory(path) ? readFolder(path, options) : readFile(path, options);
    }

    /**
     * Opens a TIFF/PNG file or folder for region reads: a region read decodes only its pages or files
     * (see {@code StackRegionVolume}); geometry as {@link #read}.
     */
    @Override
    public OpenVolume open(Path path, ReadOptions options) {
        options.check();
        if (Files.isDirectory(path)) return StackRegionVolume.ofFolder(path, imageFiles(path), options, defaultGeometry(options));
        return StackRegionVolume.ofFile(path, options, defaultGeometry(options));
    }

    private Volume readFile(Path path, ReadOptions options) {
        try (ImageFile f = ImageFile.open(path)) {
            int pages = f.pages();
            String description = f.description();
            GeometryText.Parsed stored = GeometryText.isOurs(description) ? GeometryText.parse(description, path) : null;
            ImageFile.Plane first = f.plane(0, options.maxBytes);
            if (stored != null && (stored.nx() != first.width() || stored.ny() != first.height() || stored.nz() != pages))
                throw new IntersliceException(path, "holds " + pages + " page(s) of " + first.width() + "x" + first.height()
                        + " but its interslice geometry says " + stored.nx() + "x" + stored.ny() + "x" + stored.nz() + " (truncated or edited?)");
            RawCodec.checkAllocation(path, first.width(), first.height(), pages, first.type().bytes, options.maxBytes, first.decodeBytes());
            Geometry g = stored != null ? stored.geometry() : defaultGeometry(options);
            Volume v = Volume.allocate(first.type(), first.width(), first.height(), pages, g).with(g, stored != null && stored.label());
            for (int k = 0; k < pages; k++) {
                options.job.checkCancelled();
                ImageFile.Plane p = k == 0 ? first : f.plane(k, options.maxBytes);
                if (!p.sameShape(first))
                    throw new IntersliceException(path, "page " + (k + 1) + " is " + p.describe() + " but page 1 is " + first.describe() + ": all pages of a stack must match");
                f.read(k, p, v, k);
                options.job.report("read TIFF pages", k + 1, pages);
            }
            return v;
        }
    }

    private Volume readFolder(Path folder, ReadOptions options) {
        List<Path> files = imageFiles(folder);
        if (files.isEmpty()) throw new IntersliceException(folder, "folder holds no TIFF or PNG images");
        int n = files.size();
        ImageFile.Plane first;
        try (ImageFile f = ImageFile.open(files.get(0))) {
            first = f.plane(0, options.maxBytes);
        }
        // files are decoded in parallel: one page's decoder buffers per thread
        RawCodec.checkAllocation(folder, first.width(), first.height(), n, first.type().bytes, options.maxBytes,
                first.decodeBytes() * Math.min(n, options.job.threads()));
        Geometry g = defaultGeometry(options);
        Volume v = Volume.allocate(first.type(), first.width(), first.height(), n, g);
        String firstName = files.get(0).getFileName().toString();
        // one reader per file, files decoded in parallel on the job's threads into disjoint slices
        options.job.forEachSlab("read images", n, k -> {
            Path file = files.get(k);
            try (ImageFile f = ImageFile.open(file)) {
                int pages = f.pages();
                if (pages != 1)
                    throw new IntersliceException(file, "holds " + pages + " pages; a folder stack needs one 2D image per file");
                ImageFile.Plane p = f.plane(0, options.maxBytes);
                if (!p.sameShape(first))
                    throw new IntersliceException(file, "is " + p.describe() + " but " + firstName + " is " + first.describe() + ": all images of a stack must match");
                f.read(0, p, v, k);
            }
        });
        return v;
    }

    /**
     * The images of a folder in natural name order: regular files with TIFF or PNG magic. A file named
     * like an image that is none is an error naming it (an empty or damaged slice must not vanish).
     */
    static List<Path> imageFiles(Path folder) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (ImageFile.skipped(p) || !Files.isRegularFile(p)) continue;
                ImageFile.Kind kind = ImageFile.sniff(p);
                if (kind != null) {
                    out.add(p);
                } else if (looksLikeImage(p)) {
                    long size = Files.size(p);
                    throw new IntersliceException(p, size == 0 ? "empty file (0 bytes)" : "not a TIFF or PNG image (damaged?)");
                }
            }
        } catch (IOException e) {
            throw new IntersliceException(folder, "cannot list folder: " + e.getMessage(), e);
        }
        Comparator<Path> byName = Comparator.comparing(p -> p.getFileName().toString(), NaturalOrder.INSTANCE);
        out.sort(byName);
        return out;
    }

    private static boolean looksLikeImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".png");
    }

    /** The note a read adds when it assumes 1 mm spacing. */
    public static final String DEFAULT_SPACING_NOTE = "image stack stores no voxel spacing: assumed 1 x 1 x 1 mm (give the input spacing, --input-spacing X,Y,Z)";

    /** Spacing from the options (1 mm when not given, with a note), origin 0, identity direction. */
    private static Geometry defaultGeometry(ReadOptions options) {
        if (options.spacingMm == null) options.notes.add(DEFAULT_SPACING_NOTE);
        double[] s = options.spacingMm != null ? options.spacingMm : new double[] {1, 1, 1};
        return Geometry.of(s, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /**
     * Writes {@code v} as a multi-page gray TIFF, one page per z slice, with its geometry in the first
     * page's ImageDescription. Types other than uint8, uint16, int16 and float32 are refused. Not modified: v.
     */
    @Override
    public void write(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        options.check();
        if (!WRITABLE.contains(v.type()))
            throw new IntersliceException(path, "TIFF stacks hold uint8, uint16, int16 or float32, not " + v.type().label() + "; use --type");
        if (compression == Compression.NONE && v.sizeBytes() > CLASSIC_TIFF_LIMIT)
            throw new IntersliceException(path, (v.sizeBytes() >> 20) + " MiB of voxels exceed classic TIFF's 4 GiB; write NIfTI or NRRD instead");
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff");
        ImageWriter writer = ImageFile.jdkFirst(it);
        if (writer == null) throw new IntersliceException(path, "this JDK has no TIFF writer");
        try (OutputStream os = out.open(path); ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression == Compression.DEFLATE) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("ZLib");
                // the JDK maps quality q to deflate level round(9q)
                param.setCompressionQuality(options.gzipLevel / 9f);
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
            }
            writer.prepareWriteSequence(null);
            Object buffer = java.lang.reflect.Array.newInstance(v.array().getClass().getComponentType(), v.nx() * v.ny());
            for (int k = 0; k < v.nz(); k++) {
                options.job.checkCancelled();
                BufferedImage slice = sliceImage(v, k, buffer);
                IIOMetadata md = null;
                if (k == 0) {
                    TIFFDirectory dir = TIFFDirectory.createFromMetadata(writer.getDefaultImageMetadata(new ImageTypeSpecifier(slice), param));
                    String text = GeometryText.format(v.nx(), v.ny(), v.nz(), v.geometry(), v.isLabel());
                    dir.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION),
                            TIFFTag.TIFF_ASCII, 1, new String[] {text}));
                    md = dir.getAsMetadata();
                }
                writer.writeToSequence(new IIOImage(slice, null, md), param);
                options.job.report("write TIFF pages", k + 1, v.nz());
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw AtomicFiles.failed(path, "cannot write TIFF", e);
        } catch (IntersliceException e) {
            throw e;
        } catch (RuntimeException e) {
            // the ImageIO writer reports some failures unchecked; the caller still gets one line naming the file
            throw new IntersliceException(path, "cannot write TIFF (" + e + ")", e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * A gray image over a copy of slice k of v's array, in {@code buffer} (one slice of v's array type,
     * reused across slices). A copy, not a view with a DataBuffer offset: the JDK TIFF writer ignores
     * the offset of byte and short buffers and would write slice 0 every time.
     */
    private static BufferedImage sliceImage(Volume v, int k, Object buffer) {
        int w = v.nx(), h = v.ny(), n = w * h;
        System.arraycopy(v.array(), k * n, buffer, 0, n);
        DataBuffer db;
        int type;
        switch (v.type()) {
            case UINT8: db = new DataBufferByte((byte[]) buffer, n); type = DataBuffer.TYPE_BYTE; break;
            case UINT16: db = new DataBufferUShort((short[]) buffer, n); type = DataBuffer.TYPE_USHORT; break;
            case INT16: db = new DataBufferShort((short[]) buffer, n); type = DataBuffer.TYPE_SHORT; break;
            case FLOAT32: db = new DataBufferFloat((float[]) buffer, n); type = DataBuffer.TYPE_FLOAT; break;
            default: throw new AssertionError(v.type());
        }
        SampleModel sm = new PixelInterleavedSampleModel(type, w, h, 1, w, new int[] {0});
        WritableRaster r = Raster.createWritableRaster(sm, db, null);
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, ColorModel.OPAQUE, type);
        return new BufferedImage(cm, r, false, null);
    }
}
