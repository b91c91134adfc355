package org.interslice.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Rescale;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;
import org.interslice.io.RawCodec;
import org.interslice.io.ReadOptions;

/**
 * Reads the pixels of a {@link DicomStack} into one volume: native (uncompressed) single-frame slices
 * of 8, 16 or 32 allocated bits, signed or unsigned, in either byte order; bits above BitsStored are
 * masked off (and the sign extended for signed data). The stored type is kept (uint16 stays uint16), then
 * the rescale is applied: one slope/intercept for the stack through {@link Rescale}, or per slice into
 * float32 when they differ.
 */
final class DicomPixels {
    private DicomPixels() {}

    /** Checks that every slice decodes the same way, and returns the stored pixel type. */
    static PixelType check(DicomStack s) {
        DicomHeader f = s.slices.get(0);
        for (DicomHeader h : s.slices) {
            if (h.samplesPerPixel > 1)
                throw new IntersliceException(h.file, "SamplesPerPixel " + h.samplesPerPixel + " (" + h.photometric + " colour) is not supported: only single-sample (grey) images");
            if (h.photometric != null && h.photometric.trim().toUpperCase(java.util.Locale.ROOT).startsWith("PALETTE"))
                throw new IntersliceException(h.file, "PALETTE COLOR image: its values are indices into a colour table, not intensities (not supported; export it as greyscale)");
            if (h.rows < 1 || h.columns < 1) throw new IntersliceException(h.file, "missing or zero Rows/Columns");
            if (h.bitsAllocated != 8 && h.bitsAllocated != 16 && h.bitsAllocated != 32)
                throw new IntersliceException(h.file, "BitsAllocated " + h.bitsAllocated + " is not supported (8, 16 or 32)");
            int stored = storedBits(h);
            if (stored < 1 || stored > h.bitsAllocated || highBit(h) >= h.bitsAllocated || highBit(h) + 1 < stored)
                throw new IntersliceException(h.file, "BitsStored " + stored + " / HighBit " + highBit(h) + " do not fit BitsAllocated " + h.bitsAllocated);
            if (h.pixelRepresentation > 1) throw new IntersliceException(h.file, "PixelRepresentation " + h.pixelRepresentation + " is not 0 or 1");
            if (h.bitsAllocated != f.bitsAllocated || storedBits(h) != storedBits(f) || highBit(h) != highBit(f) || signed(h) != signed(f))
                throw new IntersliceException(h.file, "pixel format (bits " + h.bitsAllocated + "/" + storedBits(h) + ", signed " + signed(h)
                        + ") differs from " + f.file.getFileName() + " in the same series");
            if (h.encapsulated && FrameDecoder.codec(h.syntax) == null) throw FrameDecoder.unsupported(h.file, h.syntax);
            long need = (long) h.rows * h.columns * h.bytesPerSample();
            if (!h.encapsulated && h.source == null && need > h.pixelLength)
                throw new IntersliceException(h.file, "pixel data holds " + h.pixelLength + " bytes, " + h.rows + " rows x " + h.columns + " columns x " + h.bitsAllocated + " bits need " + need);
        }
        boolean sg = signed(f);
        switch (f.bitsAllocated) {
            case 8: return sg ? PixelType.INT8 : PixelType.UINT8;
            case 16: return sg ? PixelType.INT16 : PixelType.UINT16;
            default: return sg ? PixelType.INT32 : PixelType.UINT32;
        }
    }

    static int storedBits(DicomHeader h) {
        return h.bitsStored > 0 ? h.bitsStored : h.bitsAllocated;
    }

    static int highBit(DicomHeader h) {
        return h.highBit >= 0 ? h.highBit : storedBits(h) - 1;
    }

    static boolean signed(DicomHeader h) {
        return h.pixelRepresentation == 1;
    }

    /** Reads every slice (in parallel on the options' job) and applies the rescale. */
    static Volume read(Path where, DicomStack s, ReadOptions options) {
        PixelType type = check(s);
        DicomHeader f = s.slices.get(0);
        int nx = f.columns, ny = f.rows, nz = s.slices.size();
        // compressed slices: each thread decoding a frame holds its buffers beside the volume
        long work = Math.min(options.job.threads(), nz) * FrameDecoder.workBytes(f);
        RawCodec.checkAllocation(where, nx, ny, nz, type.bytes, options.maxBytes, work);
        Geometry g = s.geometry;
        Volume v = Volume.allocate(type, nx, ny, nz, g);
        int bits = storedBits(f), shift = highBit(f) + 1 - bits;
        boolean signed = signed(f);
        options.job.forEachSlab("read DICOM", nz, k -> {
            DicomHeader h = s.slices.get(k);
            decode(DicomFrames.pixels(h, options.maxBytes), h.syntax.bigEndian(), v, k, bits, shift, signed);
        });
        if (!options.applyRescale) return v;
        if (!s.varyingRescale()) return Rescale.apply(v, f.slopeOr1(), f.interceptOr0());
        RawCodec.checkAllocation(where, nx, ny, nz, 4, options.maxBytes);
        FloatVolume out = (FloatVolume) Volume.allocate(PixelType.FLOAT32, nx, ny, nz, g);
        options.job.forEachSlab(nz, k -> rescaleSlice(v, out, k, s.slices.get(k).slopeOr1(), s.slices.get(k).interceptOr0()));
        return out;
    }

    /** Decodes one slice's bytes into slice k of v, masking unused high bits and extending the sign. */
    static void decode(byte[] px, boolean bigEndian, Volume v, int k, int bits, int shift, boolean signed) {
        int n = v.nx() * v.ny(), off = k * n;
        ByteBuffer bb = ByteBuffer.wrap(px, 0, n * v.type().bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int allocated = v.type().bytes * 8;
        boolean whole = bits == allocated && shift == 0;
        int mask = bits == 32 ? -1 : (1 << bits) - 1, sign = 1 << (bits - 1);
        if (v instanceof ByteVolume b) {
            byte[] d = b.data();
            bb.get(d, off, n);
            if (!whole) for (int i = off, e = off + n; i < e; i++) d[i] = (byte) fit(d[i] & 0xFF, shift, mask, sign, signed);
        } else if (v instanceof ShortVolume s) {
            short[] d = s.data();
            bb.asShortBuffer().get(d, off, n);
            if (!whole) for (int i = off, e = off + n; i < e; i++) d[i] = (short) fit(d[i] & 0xFFFF, shift, mask, sign, signed);
        } else {
            int[] d = ((IntVolume) v).data();
            bb.asIntBuffer().get(d, off, n);
            if (!whole) for (int i = off, e = off + n; i < e; i++) d[i] = fit(d[i], shift, mask, sign, signed);
        }
    }

    /** The BitsStored-bit value at HighBit, as an int (sign-extended when signed). */
    private static int fit(int raw, int shift, int mask, int sign, boolean signed) {
        int x = (raw >>> shift) & mask;
        return signed && (x & sign) != 0 ? x | ~mask : x;
    }

    /** out slice k = slope * v slice k + intercept, in float. */
    static void rescaleSlice(Volume v, FloatVolume out, int k, double slope, double intercept) {
        int n = v.nx() * v.ny(), off = k * n;
        float[] o = out.data();
        boolean unsigned = !v.type().signed;
        if (v instanceof ByteVolume b) {
            byte[] d = b.data();
            for (int i = off, e = off + n; i < e; i++) o[i] = (float) (slope * (unsigned ? d[i] & 0xFF : d[i]) + intercept);
        } else if (v instanceof ShortVolume s) {
            short[] d = s.data();
            for (int i = off, e = off + n; i < e; i++) o[i] = (float) (slope * (unsigned ? d[i] & 0xFFFF : d[i]) + intercept);
        } else {
            int[] d = ((IntVolume) v).data();
            for (int i = off, e = off + n; i < e; i++) o[i] = (float) (slope * (unsigned ? d[i] & 0xFFFFFFFFL : d[i]) + intercept);
        }
    }
}
