package org.interslice.io;

import java.nio.file.Path;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Volume;

/**
 * The {@link OpenVolume} of a format without region reads: the first call to {@link #header()} or
 * {@link #read} reads the whole volume through {@link VolumeFormat#read}; regions are cropped from it.
 */
final class WholeReadVolume implements OpenVolume {
    private final VolumeFormat format;
    private final Path path;
    private final ReadOptions options;
    private Volume whole;

    WholeReadVolume(VolumeFormat format, Path path, ReadOptions options) {
        this.format = format;
        this.path = path;
        this.options = options;
    }

    private synchronized Volume whole() {
        if (whole == null) whole = format.read(path, options);
        return whole;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public VolumeHeader header() {
        Volume v = whole();
        return new VolumeHeader(v.nx(), v.ny(), v.nz(), v.type(), v.geometry(), v.isLabel());
    }

    @Override
    public Block read(Interval box) {
        Volume v = whole();
        if (box.equals(Interval.whole(v.nx(), v.ny(), v.nz()))) return Block.whole(v);
        return Block.crop(v, box);
    }

    @Override
    public boolean readsRegions() {
        return false;
    }

    @Override
    public synchronized void close() {
        whole = null;
    }
}
