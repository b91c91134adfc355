package org.interslice.io.stack;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.RawCodec;

/**
 * One open TIFF or PNG file read through the JDK's own javax.imageio plugins: its pages, each page's
 * size and pixel type from the header alone (so a decompression bomb is refused before decoding), and
 * decoding of a page into one z slice of a volume. Every failure of ImageIO (IIOException, runtime
 * exceptions on damaged data) becomes an {@link IntersliceException} naming the file.
 *
 * <p>Not thread-safe: one instance per thread; instances are cheap (one reader, one file handle).
 */
final class ImageFile implements Closeable {
    /** Image kinds recognised by their magic bytes. */
    enum Kind { TIFF, BIGTIFF, PNG }

    /**
     * Header facts of one page. {@code colorBands} counts colour channels (alpha excluded); palette
     * pages hold indices into an 8-bit colour map.
     */
    record Plane(int width, int height, PixelType type, int colorBands, boolean palette, ImageTypeSpecifier raw) {
        /**
         * Heap the decoder needs for one page besides the volume: the decoded raster in the file's own
         * layout, plus the copy out of it (int samples, two arrays for colour checks, when not one gray band).
         */
        long decodeBytes() {
            long px = (long) width * height;
            SampleModel sm = raw.getSampleModel();
            long raster = px * sm.getNumBands() * Math.max(1, DataBuffer.getDataTypeSize(sm.getDataType()) / 8);
            boolean direct = !palette && colorBands == 1 && sm.getNumBands() == 1;
            return raster + (direct ? px * type.bytes : px * 4 * (colorBands > 1 ? 2 : 1));
        }

        /** True when two pages can share one volume. */
        boolean sameShape(Plane o) {
            return width == o.width && height == o.height && type == o.type;
        }

        String describe() {
            return width + "x" + height + " " + type.label();
        }
    }

    private final Path path;
    private final Kind kind;
    private final ImageInputStream in;
    private final ImageReader reader;

    private ImageFile(Path path, Kind kind, ImageInputStream in, ImageReader reader) {
        this.path = path;
        this.kind = kind;
        this.in = in;
        this.reader = reader;
    }

    /** The kind the first bytes announce, or null when they are no TIFF or PNG. */
    static Kind kindOf(byte[] head) {
        if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == '\r' && head[5] == '\n' && head[6] == 0x1a && head[7] == '\n') return Kind.PNG;
        if (head.length < 4) return null;
        boolean ii = head[0] == 'I' && head[1] == 'I', mm = head[0] == 'M' && head[1] == 'M';
        if (!ii && !mm) return null;
        int version = ii ? (head[2] & 0xFF) | (head[3] & 0xFF) << 8 : (head[2] & 0xFF) << 8 | (head[3] & 0xFF);
        return version == 42 ? Kind.TIFF : version == 43 ? Kind.BIGTIFF : null;
    }

    /** The kind of a file from its first bytes; null when empty, unreadable or no TIFF/PNG. */
    static Kind sniff(Path p) {
        try (InputStream s = Files.newInputStream(p)) {
            byte[] b = new byte[8];
            int n = RawCodec.readFully(s, b, 8);
            return kindOf(n == 8 ? b : java.util.Arrays.copyOf(b, n));
        } catch (IOException e) {
            return null;
        }
    }

    /** Opens a file, checking its magic; IntersliceException naming it when it is empty or no TIFF/PNG. */
    static ImageFile open(Path p) {
        long size;
        try {
            size = Files.size(p);
        } catch (IOException e) {
            throw new IntersliceException(p, "cannot read: " + e.getMessage(), e);
        }
        if (size == 0) throw new IntersliceException(p, "empty file (0 bytes)");
        Kind kind = sniff(p);
        if (kind == null) throw new IntersliceException(p, "not a TIFF or PNG image (damaged or another format)");
        if (kind == Kind.BIGTIFF)
            throw new IntersliceException(p, "BigTIFF is not supported (the JDK reads classic TIFF only); save as classic TIFF or a folder of images");
        if (kind == Kind.TIFF) walkDirectories(p);
        ImageInputStream in = null;
        try {
            in = new FileImageInputStream(p.toFile());
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(kind == Kind.TIFF ? "tiff" : "png");
            if (!it.hasNext()) throw new IntersliceException(p, "this JDK has no " + kind + " reader");
            ImageReader r = jdkFirst(it);
            // PNG metadata (text chunks, gamma) is never used; TIFF metadata holds SampleFormat and our geometry
            r.setInput(in, false, kind == Kind.PNG);
            return new ImageFile(p, kind, in, r);
        } catch (IOException | RuntimeException e) {
            closeQuietly(in);
            if (e instanceof IntersliceException ie) throw ie;
            throw damaged(p, e);
        }
    }

    Kind kind() {
        return kind;
    }

    /** Most image directories (pages plus sub-directories) a TIFF may hold before it is refused. */
    static final int MAX_DIRECTORIES = 65536;

    /** TIFF tags whose value points to more directories: SubIFDs, EXIF, GPS, interoperability. */
    private static final int[] IFD_POINTER_TAGS = {330, 34665, 34853, 40965};

    /**
     * Walks the chain of image file directories (and the directories they point to) of a classic TIFF
     * before the JDK decoder sees it: the JDK follows a chain that points back into itself forever.
     * Refuses a directory visited twice, an offset outside the file and more than
     * {@link #MAX_DIRECTORIES} directories. Returns the number of pages in the main chain.
     */
    static int walkDirectories(Path p) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            java.nio.ByteBuffer hdr = java.nio.ByteBuffer.allocate(8);
            if (readAt(ch, hdr, 0) < 8) throw new IntersliceException(p, "truncated TIFF header");
            java.nio.ByteOrder order = hdr.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
            hdr.order(order);
            java.util.Set<Long> visited = new java.util.HashSet<>();
            java.util.ArrayDeque<Long> pending = new java.util.ArrayDeque<>();
            int pages = 0;
            long next = hdr.getInt(4) & 0xFFFFFFFFL;
            // the main chain first (its length is the page count), queueing sub-directories as they appear
            while (next != 0) {
                pages++;
                next = directory(ch, p, size, order, next, visited, pending, "page " + pages);
            }
            while (!pending.isEmpty()) {
                long sub = pending.poll();
                for (long n = sub; n != 0; ) n = directory(ch, p, size, order, n, visited, pending, "a sub-directory");
            }
            if (pages == 0) throw new IntersliceException(p, "holds no image (first directory offset is 0)");
            return pages;
        } catch (IOException e) {
            throw new IntersliceException(p, "cannot read: " + describe(e), e);
        }
    }

    /** Checks one directory at {@code at}, queues the directories it points to, returns the next one's offset. */
    private static long directory(java.nio.channels.FileChannel ch, Path p, long size, java.nio.ByteOrder order, long at,
                                  java.util.Set<Long> visited, java.util.ArrayDeque<Long> pending, String what) throws IOException {
        if (at < 8 || at + 2 > size) throw new IntersliceException(p, "image directory of " + what + " at offset " + at + " lies outside the " + size + "-byte file");
        if (!visited.add(at)) throw new IntersliceException(p, "image directory chain loops back to offset " + at + " (at " + what + "): damaged or crafted TIFF");
        if (visited.size() > MAX_DIRECTORIES) throw new IntersliceException(p, "more than " + MAX_DIRECTORIES + " image directories: damaged or crafted TIFF");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2).order(order);
        readAt(ch, b, at);
        int entries = b.getShort(0) & 0xFFFF;
        long end = at + 2 + 12L * entries + 4;
        if (end > size) throw new IntersliceException(p, "image directory of " + what + " at offset " + at + " (" + entries + " entries) runs past the end of the file");
        java.nio.ByteBuffer e = java.nio.ByteBuffer.allocate(12 * entries + 4).order(order);
        readAt(ch, e, at + 2);
        for (int i = 0; i < entries; i++) {
            int tag = e.getShort(12 * i) & 0xFFFF, type = e.getShort(12 * i + 2) & 0xFFFF;
            long count = e.getInt(12 * i + 4) & 0xFFFFFFFFL;
            boolean pointer = false;
            for (int t : IFD_POINTER_TAGS) pointer |= t == tag;
            // LONG (4) or IFD (13) values; one fits in the entry, more are stored at an offset
            if (!pointer || (type != 4 && type != 13) || count == 0) continue;
            if (count == 1) {
                pending.add(e.getInt(12 * i + 8) & 0xFFFFFFFFL);
            } else {
                long off = e.getInt(12 * i + 8) & 0xFFFFFFFFL;
                if (count > MAX_DIRECTORIES || off + 4 * count > size)
                    throw new IntersliceException(p, "sub-directory list of " + what + " lies outside the file");
                java.nio.ByteBuffer l = java.nio.ByteBuffer.allocate((int) (4 * count)).order(order);
                readAt(ch, l, off);
                for (int k = 0; k < count; k++) pending.add(l.getInt(4 * k) & 0xFFFFFFFFL);
            }
        }
        return e.getInt(12 * entries) & 0xFFFFFFFFL;
    }

    private static int readAt(java.nio.channels.FileChannel ch, java.nio.ByteBuffer b, long at) throws IOException {
        int got = 0;
        while (b.hasRemaining()) {
            int r = ch.read(b, at + got);
            if (r < 0) break;
            got += r;
        }
        return got;
    }

    /** Number of pages (1 for PNG). */
    int pages() {
        try {
            int n = reader.getNumImages(true);
            if (n < 1) throw new IntersliceException(path, "holds no image");
            return n;
        } catch (IOException | RuntimeException e) {
            throw wrap(e);
        }
    }

    /** The first page's TIFF ImageDescription, or null (PNG, or no such tag). */
    String description() {
        if (kind != Kind.TIFF) return null;
        TIFFField f = tiffField(0, BaselineTIFFTagSet.TAG_IMAGE_DESCRIPTION);
        return f == null || f.getCount() < 1 ? null : f.getAsString(0);
    }

    private TIFFField tiffField(int page, int tag) {
        try {
            IIOMetadata md = reader.getImageMetadata(page);
            return md == null ? null : TIFFDirectory.createFromMetadata(md).getTIFFField(tag);
        } catch (IOException | RuntimeException e) {
            throw wrap(e);
        }
    }

    /**
     * Size and pixel type of a page from its header only. Refuses pages whose pixel count alone exceeds
     * {@code maxBytes} or one array, before anything is decoded.
     */
    Plane plane(int page, long maxBytes) {
        try {
            int w = reader.getWidth(page), h = reader.getHeight(page);
            if (w < 1 || h < 1) throw new IntersliceException(path, "invalid image size " + w + "x" + h);
            // a PNG or TIFF header may claim any size: check it before the decoder allocates
            RawCodec.checkAllocation(path, w, h, 1, 1, maxBytes);
            ImageTypeSpecifier raw = reader.getRawImageType(page);
            if (raw == null) throw new IntersliceException(path, "image type not supported by the JDK " + kind + " reader");
            SampleModel rsm = raw.getSampleModel();
            RawCodec.checkAllocation(path, w, h, 1, rsm.getNumBands() * Math.max(1, DataBuffer.getDataTypeSize(rsm.getDataType()) / 8), maxBytes);
            ColorModel cm = raw.getColorModel();
            SampleModel sm = raw.getSampleModel();
            if (cm instanceof IndexColorModel) {
                // the JDK gives bilevel gray TIFFs (e.g. 1-bit masks) a made-up black/white palette:
                // min-is-black keeps its raw 0/1 values instead of becoming 0/255
                if (kind == Kind.TIFF && photometric(page) == BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO)
                    return new Plane(w, h, PixelType.UINT8, 1, false, raw);
                return new Plane(w, h, PixelType.UINT8, 3, true, raw);
            }
            int colorBands = cm != null ? cm.getNumColorComponents() : sm.getNumBands();
            PixelType type;
            switch (sm.getDataType()) {
                case DataBuffer.TYPE_BYTE: type = PixelType.UINT8; break;
                case DataBuffer.TYPE_USHORT: type = PixelType.UINT16; break;
                case DataBuffer.TYPE_SHORT: type = PixelType.INT16; break;
                case DataBuffer.TYPE_INT: type = signedInts(page) ? PixelType.INT32 : PixelType.UINT32; break;
                case DataBuffer.TYPE_FLOAT: type = PixelType.FLOAT32; break;
                case DataBuffer.TYPE_DOUBLE: type = PixelType.FLOAT64; break;
                default: throw new IntersliceException(path, "unsupported sample data type " + sm.getDataType());
            }
            return new Plane(w, h, type, colorBands, false, raw);
        } catch (IOException | RuntimeException e) {
            throw wrap(e);
        }
    }

    /** TIFF PhotometricInterpretation of a page, -1 when absent. */
    private int photometric(int page) {
        TIFFField f = tiffField(page, BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION);
        return f != null && f.getCount() > 0 ? f.getAsInt(0) : -1;
    }

    /** 32-bit integer TIFF samples are unsigned unless SampleFormat (tag 339) says 2 (signed). */
    private boolean signedInts(int page) {
        if (kind != Kind.TIFF) return false;
        TIFFField f = tiffField(page, BaselineTIFFTagSet.TAG_SAMPLE_FORMAT);
        return f != null && f.getCount() > 0 && f.getAsInt(0) == BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER;
    }

    /**
     * Decodes a page (whose header is {@code p}, of the same type as {@code dst}) into z slice {@code k}
     * of {@code dst}. Gray pages are copied in bulk; RGB and palette pages only when all colour channels
     * are equal, else IntersliceException asking for a grayscale conversion.
     */
    void read(int page, Plane p, Volume dst, int k) {
        Raster r;
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            // decode into the file's own sample layout: no colour conversion, no widening
            param.setDestinationType(p.raw());
            BufferedImage bi = reader.read(page, param);
            r = bi.getRaster();
        } catch (IOException | RuntimeException e) {
            throw wrap(e);
        }
        int w = p.width(), h = p.height();
        if (r.getWidth() != w || r.getHeight() != h)
            throw new IntersliceException(path, "decoded " + r.getWidth() + "x" + r.getHeight() + ", header said " + w + "x" + h);
        int x0 = r.getMinX(), y0 = r.getMinY(), n = w * h, off = k * n;
        Object array = dst.array();
        if (!p.palette() && p.colorBands() == 1 && r.getNumBands() == 1 && r.getSampleModel() instanceof ComponentSampleModel) {
            // one gray channel: the raster's own primitive array, copied row-block at once
            Object data = r.getDataElements(x0, y0, w, h, null);
            if (data.getClass() == array.getClass() && java.lang.reflect.Array.getLength(data) == n) {
                System.arraycopy(data, 0, array, off, n);
                return;
            }
        }
        int type = r.getSampleModel().getDataType();
        if (p.palette()) {
            copyInts(paletteGray(r, (IndexColorModel) p.raw().getColorModel(), x0, y0, w, h), dst, off);
        } else if (type == DataBuffer.TYPE_FLOAT) {
            float[] s0 = r.getSamples(x0, y0, w, h, 0, (float[]) null);
            float[] sb = p.colorBands() > 1 ? new float[n] : null;
            for (int b = 1; b < p.colorBands(); b++) {
                r.getSamples(x0, y0, w, h, b, sb);
                for (int i = 0; i < n; i++) if (Float.compare(s0[i], sb[i]) != 0) throw colour(i % w, i / w);
            }
            System.arraycopy(s0, 0, array, off, n);
        } else if (type == DataBuffer.TYPE_DOUBLE) {
            double[] s0 = r.getSamples(x0, y0, w, h, 0, (double[]) null);
            double[] sb = p.colorBands() > 1 ? new double[n] : null;
            for (int b = 1; b < p.colorBands(); b++) {
                r.getSamples(x0, y0, w, h, b, sb);
                for (int i = 0; i < n; i++) if (Double.compare(s0[i], sb[i]) != 0) throw colour(i % w, i / w);
            }
            System.arraycopy(s0, 0, array, off, n);
        } else {
            // integer samples of any layout (packed bits, interleaved RGB, gray + alpha): band by band
            int[] s0 = r.getSamples(x0, y0, w, h, 0, (int[]) null);
            int[] sb = p.colorBands() > 1 ? new int[n] : null;
            for (int b = 1; b < p.colorBands(); b++) {
                r.getSamples(x0, y0, w, h, b, sb);
                for (int i = 0; i < n; i++) if (s0[i] != sb[i]) throw colour(i % w, i / w);
            }
            copyInts(s0, dst, off);
        }
    }

    /** Palette indices mapped to their gray level; a coloured entry in use is refused. */
    private int[] paletteGray(Raster r, IndexColorModel icm, int x0, int y0, int w, int h) {
        int size = icm.getMapSize();
        byte[] red = new byte[size], green = new byte[size], blue = new byte[size];
        icm.getReds(red);
        icm.getGreens(green);
        icm.getBlues(blue);
        int[] idx = r.getSamples(x0, y0, w, h, 0, (int[]) null);
        for (int i = 0; i < idx.length; i++) {
            int v = idx[i];
            if (v < 0 || v >= size) throw new IntersliceException(path, "palette index " + v + " outside the " + size + "-entry colour map");
            if (red[v] != green[v] || red[v] != blue[v]) throw colour(i % w, i / w);
            idx[i] = red[v] & 0xFF;
        }
        return idx;
    }

    /** Stores int samples into the volume's array (narrowing to its storage type). */
    private static void copyInts(int[] s, Volume dst, int off) {
        int n = s.length;
        if (dst instanceof ByteVolume b) {
            byte[] d = b.data();
            for (int i = 0; i < n; i++) d[off + i] = (byte) s[i];
        } else if (dst instanceof ShortVolume sv) {
            short[] d = sv.data();
            for (int i = 0; i < n; i++) d[off + i] = (short) s[i];
        } else if (dst instanceof IntVolume iv) {
            System.arraycopy(s, 0, iv.data(), off, n);
        } else {
            throw new IllegalStateException("integer samples for a " + dst.type() + " volume");
        }
    }

    private IntersliceException colour(int x, int y) {
        return new IntersliceException(path, "RGB image with differing colour channels at pixel (" + x + ", " + y + ") (convert to grayscale first)");
    }

    private IntersliceException wrap(Exception e) {
        if (e instanceof IntersliceException ie) return ie;
        return damaged(path, e);
    }

    /** One line naming the file for anything ImageIO throws on damaged or truncated data. */
    static IntersliceException damaged(Path p, Exception e) {
        String m = e instanceof IOException io ? describe(io) : e.toString();
        m = m == null ? e.getClass().getSimpleName() : m.replaceAll("[\\r\\n]+", " ");
        return new IntersliceException(p, "corrupt or truncated image (" + m + ")", e);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        // IIOException often wraps the real reason (EOFException, inflater errors)
        if (c != null && c.getMessage() != null && (m == null || !m.contains(c.getMessage()))) m = (m == null ? "" : m + ": ") + c.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(in);
    }

    private static void closeQuietly(ImageInputStream s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException ignored) {
            // read-only handle: nothing to lose
        }
    }

    /** True for our own temporary outputs and hidden files, which a folder read skips. */
    static boolean skipped(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") || AtomicFiles.isTemporary(p);
    }

    /**
     * The JDK's own plugin (com.sun.imageio) when the iterator offers it, else the first: other
     * plugins on the class path (jai-imageio-core, pulled in for DICOM's JPEG 2000) register TIFF
     * readers and writers that behave differently.
     */
    static <T> T jdkFirst(Iterator<T> it) {
        T first = null;
        while (it.hasNext()) {
            T t = it.next();
            if (t.getClass().getName().startsWith("com.sun.imageio.")) return t;
            if (first == null) first = t;
        }
        return first;
    }
}
