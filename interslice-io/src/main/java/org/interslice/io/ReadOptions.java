package org.interslice.io;

import java.util.ArrayList;
import java.util.List;
import org.interslice.core.exec.Job;

/** Options for reading; public fields with documented defaults, checked by {@link #check()}. */
public final class ReadOptions {
    /**
     * Voxel spacing in mm (x, y, z) for formats that carry none (TIFF/PNG stacks); null means 1 mm.
     * Ignored by formats whose files state their spacing.
     */
    public double[] spacingMm = null;
    /** Apply the file's rescale slope/intercept so values are physical (default true). */
    public boolean applyRescale = true;
    /**
     * Refuse a read whose voxels plus decoder buffers (an image page's raster and copies, per decoding
     * thread) need more than this many bytes, before allocating; default: the JVM's maximum heap.
     */
    public long maxBytes = Runtime.getRuntime().maxMemory();
    /**
     * Which series of a DICOM folder to read: its SeriesInstanceUID or SeriesNumber, with "#N" for the
     * N-th stack of a series split in several (multi-frame dimensions, orientation); null (default)
     * reads the series with the most slices. Ignored by other formats.
     */
    public String series = null;
    /**
     * Let a detached header (NRRD {@code data file}, MetaImage {@code ElementDataFile}) name a data file
     * outside its own folder and the folders below it. Default false: a header from elsewhere (a shared
     * batch manifest, a download) cannot make the reader read {@code /etc/shadow} or {@code ../../x}.
     */
    public boolean allowOutsideData = false;
    /** Threads and progress for decoding. */
    public Job job = Job.defaults();
    /**
     * Output: readers add a one-line note here for each thing they assumed that the file does not say
     * (e.g. the 1 mm spacing of an image stack read without {@link #spacingMm}). Never null.
     */
    public final List<String> notes = new ArrayList<>();
    /** Output, when non-null: the reader stores the file's {@link HeaderFields} here. Default null. */
    public HeaderFields header = null;
    /**
     * When non-null, readers that know the volume's size, type and geometry before its voxels (NIfTI) tell
     * it here once, before reading them, so that a caller can prepare its work meanwhile (e.g. warm the
     * JIT up). Called on the reading thread; must return quickly. Only when the voxels keep the stored type
     * (no rescale). Default null.
     */
    public java.util.function.Consumer<VolumeHeader> onHeader = null;
    /**
     * When non-null, readers that read the voxels straight into the volume they return, in z order (NIfTI,
     * single file or pair, gzipped or not, when the voxels keep the stored type and carry no label flag),
     * hand that volume here right after allocating it, with the count of its z slices read so far: it
     * grows as they are read, and fails with the reader's exception when the read fails. Slices counted
     * may be used while the read goes on; the read is over only when the reader returns (a gzip trailer is
     * checked last). Called once on the reading thread; must return quickly. Default null.
     */
    public java.util.function.BiConsumer<org.interslice.core.volume.Volume, org.interslice.core.exec.SlicesReady> onVoxels = null;

    public ReadOptions check() {
        if (spacingMm != null) {
            if (spacingMm.length != 3) throw new IllegalArgumentException("spacing needs 3 values, got " + spacingMm.length);
            for (double s : spacingMm) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spacing " + s + " must be positive and finite");
        }
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes = " + maxBytes + " must be positive");
        if (job == null) throw new IllegalArgumentException("job is null");
        return this;
    }

    public static ReadOptions defaults() {
        return new ReadOptions();
    }
}
