package org.interslice.io.dicom;

import java.nio.file.Path;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Rescale;
import org.interslice.core.volume.Volume;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeHeader;

/**
 * Region reads of a DICOM stack: the series is indexed from headers when opening; a region read parses
 * the pixel data of the region's slices only (for a multi-frame object: reads the region's frames only) (in parallel on the options' job), decodes them as
 * {@link DicomPixels} does and keeps the region's rows and columns.
 *
 * <p>Type: the stored type when there is no rescale; one rescale for the stack gives the type that
 * BitsStored's full range needs after it (for 12-bit CT, int16 HU as a whole read gives; a whole read may
 * pick a narrower type from the values it saw when BitsStored is 16); rescales varying per slice give
 * float32, as a whole read does.
 */
final class DicomRegionVolume implements OpenVolume {
    private final Path path;
    private final DicomStack stack;
    private final ReadOptions options;
    private final VolumeHeader header;
    private final PixelType stored;

    DicomRegionVolume(Path path, DicomStack stack, ReadOptions options) {
        this.path = path;
        this.stack = stack;
        this.options = options;
        this.stored = DicomPixels.check(stack);
        DicomHeader f = stack.slices.get(0);
        PixelType type = stored;
        if (options.applyRescale) {
            if (stack.varyingRescale()) type = PixelType.FLOAT32;
            else {
                int bits = DicomPixels.storedBits(f);
                boolean signed = DicomPixels.signed(f);
                double lo = signed ? -Math.pow(2, bits - 1) : 0, hi = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
                type = Rescale.targetType(stored, lo, hi, f.slopeOr1(), f.interceptOr0());
            }
        }
        this.header = new VolumeHeader(f.columns, f.rows, stack.slices.size(), type, stack.geometry, false);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public VolumeHeader header() {
        return header;
    }

    @Override
    public boolean readsRegions() {
        return true;
    }

    @Override
    public boolean typeMatchesWholeRead() {
        DicomHeader f = stack.slices.get(0);
        if (!options.applyRescale || stack.varyingRescale() || Rescale.isIdentity(f.slopeOr1(), f.interceptOr0())) return true;
        return !(f.slopeOr1() == Math.rint(f.slopeOr1()) && f.interceptOr0() == Math.rint(f.interceptOr0()));
    }

    @Override
    public Block read(Interval box) {
        int nx = header.nx(), ny = header.ny();
        box.checkWithin(nx, ny, header.nz());
        DicomHeader f = stack.slices.get(0);
        int bits = DicomPixels.storedBits(f), shift = DicomPixels.highBit(f) + 1 - bits;
        boolean signed = DicomPixels.signed(f);
        Interval slab = new Interval(0, 0, box.z0(), nx, ny, box.nz());
        Geometry sg = Block.crop(header.geometry(), slab);
        Volume raw = Volume.allocate(stored, nx, ny, box.nz(), sg);
        options.job.forEachSlab("read DICOM", box.nz(), k -> {
            DicomHeader h = stack.slices.get(box.z0() + k);
            DicomPixels.decode(DicomFrames.pixels(h, options.maxBytes), h.syntax.bigEndian(), raw, k, bits, shift, signed);
        });
        Volume v = raw;
        if (options.applyRescale && !stack.varyingRescale()) v = Rescale.apply(v, f.slopeOr1(), f.interceptOr0(), header.type());
        else if (options.applyRescale) {
            FloatVolume out = (FloatVolume) Volume.allocate(PixelType.FLOAT32, nx, ny, box.nz(), sg);
            options.job.forEachSlab(box.nz(), k -> {
                DicomHeader h = stack.slices.get(box.z0() + k);
                DicomPixels.rescaleSlice(raw, out, k, h.slopeOr1(), h.interceptOr0());
            });
            v = out;
        }
        Volume data = box.equals(slab) ? v : Block.crop(v, new Interval(box.x0(), box.y0(), 0, box.nx(), box.ny(), box.nz())).data();
        return new Block(data, box, nx, ny, header.nz(), header.geometry());
    }

    @Override
    public void close() {
        // every slice file is opened and closed by its own read
    }
}
