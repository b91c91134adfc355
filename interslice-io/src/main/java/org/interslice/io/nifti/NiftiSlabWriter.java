package org.interslice.io.nifti;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.interslice.io.AtomicFiles;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;
import org.interslice.io.RawCodec;
import org.interslice.io.SlabWriter;
import org.interslice.io.VolumeHeader;

/**
 * The voxels of a single-file NIfTI after its header, slab by slab in z order (little-endian, as
 * {@link NiftiFormat#write} writes them): from the whole volume ({@link #write(int, int)}) or from blocks
 * holding the next slices alone ({@link #write(Volume)}).
 */
final class NiftiSlabWriter implements SlabWriter {
    private final Path path;
    private final OutputStream os;
    /** The whole volume whose slabs are written, or null when blocks are given. */
    private final Volume v;
    private final long slice;
    private final int nz;
    private final Job job;
    /** The encoding buffer, reused by every slab (1 MiB; none for bytes). */
    private byte[] buf;
    /** Slices written so far. */
    private int next;

    NiftiSlabWriter(Path path, OutputStream os, Volume v, VolumeHeader h, Job job) {
        this.path = path;
        this.os = os;
        this.v = v;
        this.slice = (long) h.nx() * h.ny();
        this.nz = h.nz();
        this.job = job;
    }

    @Override
    public void write(int z0, int z1) {
        if (v == null) throw new IllegalStateException("opened without a volume: give blocks");
        try {
            buf = RawCodec.write(os, v, ByteOrder.LITTLE_ENDIAN, job, (int) (z0 * slice), (int) (z1 * slice), buf);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(path, e);
        }
    }

    @Override
    public void write(Volume block) {
        if (v != null) throw new IllegalStateException("opened with a volume: give slice ranges");
        if ((long) block.nx() * block.ny() != slice || next + block.nz() > nz)
            throw new IllegalArgumentException("block " + block + " does not follow slice " + next + " of " + nz);
        try {
            // progress in the whole file's voxels, as a whole write reports it
            buf = RawCodec.write(os, block, ByteOrder.LITTLE_ENDIAN, null, 0, block.voxelCount(), buf);
            next += block.nz();
            if (job != null) job.report(RawCodec.WRITE_TASK, next * slice, nz * slice);
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(path, e);
        }
    }

    @Override
    public void close() {
        try {
            os.close();
        } catch (IOException e) {
            throw AtomicFiles.cannotWrite(path, e);
        }
    }
}
