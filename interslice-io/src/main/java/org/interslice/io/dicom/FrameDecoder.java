package org.interslice.io.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.interslice.core.IntersliceException;
import org.interslice.io.RawCodec;

/**
 * Decodes one compressed frame into native little-endian samples ({@code rows * columns * bytes}), as
 * the native reader would have read them: encapsulated uncompressed (.1.98), RLE, JPEG-LS and 12-bit lossy JPEG (ours, {@link RleDecoder},
 * {@link JpegLsDecoder}, {@link JpegDctDecoder}), JPEG lossless, baseline and
 * extended 8-bit (TwelveMonkeys imageio-jpeg), JPEG 2000 (jai-imageio-jpeg2000). The codestream's
 * size and component count are checked against the header before the decoder allocates its image,
 * and that image plus the output are counted against the memory limit first. Anything a decoder throws
 * on a corrupt codestream becomes an {@link IntersliceException} naming the file.
 */
final class FrameDecoder {
    private FrameDecoder() {}

    enum Codec { RLE, JPEG, JPEG_LS, JPEG2000, RAW }

    /** The codec that decodes a transfer syntax, or null when none does here. */
    static Codec codec(TransferSyntax ts) {
        switch (ts.uid()) {
            case "1.2.840.10008.1.2.5": return Codec.RLE;
            // Encapsulated Uncompressed Explicit VR Little Endian: each frame's fragments hold its native bytes
            case "1.2.840.10008.1.2.1.98": return Codec.RAW;
            case "1.2.840.10008.1.2.4.50": case "1.2.840.10008.1.2.4.51":
            case "1.2.840.10008.1.2.4.57": case "1.2.840.10008.1.2.4.70":
                return Codec.JPEG;
            case "1.2.840.10008.1.2.4.80": case "1.2.840.10008.1.2.4.81": return Codec.JPEG_LS;
            case "1.2.840.10008.1.2.4.90": case "1.2.840.10008.1.2.4.91": return Codec.JPEG2000;
            default: return null;
        }
    }

    /** The error for a syntax no codec here decodes. */
    static IntersliceException unsupported(Path file, TransferSyntax ts) {
        return new IntersliceException(file, "compressed transfer syntax " + ts.describe() + " is not supported (convert with e.g. dcmdjpeg or gdcmconv --raw)");
    }

    /**
     * Bytes that decoding one frame of {@code h} holds at once: its compressed bytes (at most what
     * follows the pixel data tag), the decoder's image and the decoded frame; 0 for native data.
     */
    static long workBytes(DicomHeader h) {
        if (!h.encapsulated) return 0;
        Codec c = codec(h.syntax);
        long pixels = (long) h.rows * h.columns;
        // a frame of a multi-frame object holds only its own compressed bytes, not the whole pixel data
        long compressed = h.source != null && h.source.fragments != null ? h.source.fragments.largestFrame() : Math.max(0, h.pixelLength);
        long decoder = c == Codec.RLE || c == Codec.RAW ? 0 : c == Codec.JPEG_LS ? 8L * (h.columns + 2) : 4L * pixels;
        return compressed + decoder + pixels * Math.max(1, h.bytesPerSample());
    }

    /** Decodes {@code src}, the bytes of one frame of {@code h} (single sample, 8/16/32 bits allocated). */
    static byte[] decode(DicomHeader h, byte[] src, long maxBytes) {
        Codec c = codec(h.syntax);
        if (c == null) throw unsupported(h.file, h.syntax);
        int bytes = h.bytesPerSample(), pixels = h.rows * h.columns;
        // the output, plus a decoder image of up to 4 bytes per sample
        RawCodec.checkAllocation(h.file, h.columns, h.rows, 1, bytes, maxBytes, c == Codec.RLE || c == Codec.RAW ? 0 : c == Codec.JPEG_LS ? 8L * (h.columns + 2) : 4L * pixels);
        // (JpegDctDecoder needs less than the ImageIO decoders: two 8x8 blocks)
        if (c == Codec.RLE) return RleDecoder.decode(h.file, src, pixels, bytes);
        if (c == Codec.RAW) {
            if (src.length < pixels * bytes)
                throw new IntersliceException(h.file, "encapsulated uncompressed frame of " + src.length + " bytes, " + h.rows + " rows x " + h.columns + " columns x " + 8 * bytes + " bits need " + pixels * bytes);
            return java.util.Arrays.copyOf(src, pixels * bytes);
        }
        if (c == Codec.JPEG_LS) return JpegLsDecoder.decode(h.file, src, h.columns, h.rows, bytes);
        // 12-bit lossy JPEG (in 16 allocated bits): ours, the ImageIO decoders refuse it
        if (c == Codec.JPEG && (h.syntax.uid().endsWith(".50") || h.syntax.uid().endsWith(".51")) && h.bitsAllocated > 8)
            return JpegDctDecoder.decode(h.file, src, h.columns, h.rows, bytes);
        ImageReaderSpi spi = provider(c == Codec.JPEG ? "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi" : "com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi");
        String what = c == Codec.JPEG ? "JPEG" : "JPEG 2000";
        ImageReader r = null;
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(src))) {
            r = spi.createReaderInstance();
            r.setInput(iis, true, true);
            int w = r.getWidth(0), ht = r.getHeight(0);
            if (w != h.columns || ht != h.rows)
                throw new IntersliceException(h.file, what + " codestream is " + w + "x" + ht + ", the header says " + h.columns + "x" + h.rows);
            Raster ras = r.canReadRaster() ? r.readRaster(0, null) : r.read(0).getRaster();
            if (ras.getWidth() != w || ras.getHeight() != ht || ras.getNumBands() != 1)
                throw new IntersliceException(h.file, what + " codestream decodes to " + ras.getWidth() + "x" + ras.getHeight() + " with " + ras.getNumBands() + " components, expected " + w + "x" + ht + " grey");
            return samples(ras, w, ht, bytes);
        } catch (IntersliceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a third-party decoder reports a corrupt codestream in many ways (IIOException, index errors)
            throw new IntersliceException(h.file, "corrupt " + what + " pixel data in " + h.syntax.describe() + ": " + e, e);
        } finally {
            if (r != null) r.dispose();
        }
    }

    /** Band 0 of {@code ras} as little-endian samples of {@code bytes} bytes (the low bits of each value). */
    private static byte[] samples(Raster ras, int w, int ht, int bytes) {
        byte[] out = new byte[w * ht * bytes];
        int[] row = new int[w];
        int x0 = ras.getMinX(), y0 = ras.getMinY();
        for (int y = 0, o = 0; y < ht; y++) {
            ras.getSamples(x0, y0 + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int v = row[x];
                for (int b = 0; b < bytes; b++) out[o++] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }

    private static ImageReaderSpi provider(String className) {
        IIORegistry reg = IIORegistry.getDefaultInstance();
        java.util.Iterator<ImageReaderSpi> it = reg.getServiceProviders(ImageReaderSpi.class, true);
        while (it.hasNext()) {
            ImageReaderSpi s = it.next();
            if (s.getClass().getName().equals(className)) return s;
        }
        throw new IllegalStateException("image decoder " + className + " is not on the class path");
    }
}
