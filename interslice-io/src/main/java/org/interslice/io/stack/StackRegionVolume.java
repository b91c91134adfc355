package org.interslice.io.stack;

import java.nio.file.Path;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;
import org.interslice.io.VolumeHeader;

/**
 * Region reads of an image stack: opening reads the first image's (or page's) size and type and the
 * geometry; a region read decodes only the region's pages of a multi-page TIFF (one reader, kept open,
 * one read at a time) or only the region's files of a folder (in parallel on the options' job), and keeps
 * the region's rows and columns. Each page or file read is checked against the first, as a whole read does.
 */
final class StackRegionVolume implements OpenVolume {
    private final Path path;
    private final List<Path> files;     // folder: one file per slice; null for a multi-page file
    private final ReadOptions options;
    private final VolumeHeader header;
    private final ImageFile.Plane first;
    private ImageFile file;              // the multi-page file, open until close()

    private StackRegionVolume(Path path, List<Path> files, ImageFile file, ImageFile.Plane first, VolumeHeader header, ReadOptions options) {
        this.path = path;
        this.files = files;
        this.file = file;
        this.first = first;
        this.header = header;
        this.options = options;
    }

    /** A multi-page (or single-page) TIFF or a PNG file. */
    static StackRegionVolume ofFile(Path path, ReadOptions options, Geometry defaultGeometry) {
        ImageFile f = ImageFile.open(path);
        try {
            int pages = f.pages();
            String description = f.description();
            GeometryText.Parsed stored = GeometryText.isOurs(description) ? GeometryText.parse(description, path) : null;
            ImageFile.Plane first = f.plane(0, options.maxBytes);
            if (stored != null && (stored.nx() != first.width() || stored.ny() != first.height() || stored.nz() != pages))
                throw new IntersliceException(path, "holds " + pages + " page(s) of " + first.width() + "x" + first.height()
                        + " but its interslice geometry says " + stored.nx() + "x" + stored.ny() + "x" + stored.nz() + " (truncated or edited?)");
            Geometry g = stored != null ? stored.geometry() : defaultGeometry;
            VolumeHeader h = new VolumeHeader(first.width(), first.height(), pages, first.type(), g, stored != null && stored.label());
            return new StackRegionVolume(path, null, f, first, h, options);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** A folder of 2D images, one per slice, in the order given. */
    static StackRegionVolume ofFolder(Path folder, List<Path> files, ReadOptions options, Geometry g) {
        if (files.isEmpty()) throw new IntersliceException(folder, "folder holds no TIFF or PNG images");
        ImageFile.Plane first;
        try (ImageFile f = ImageFile.open(files.get(0))) {
            first = f.plane(0, options.maxBytes);
        }
        VolumeHeader h = new VolumeHeader(first.width(), first.height(), files.size(), first.type(), g, false);
        return new StackRegionVolume(folder, List.copyOf(files), null, first, h, options);
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
    public Block read(Interval box) {
        int nx = header.nx(), ny = header.ny();
        box.checkWithin(nx, ny, header.nz());
        Interval slab = new Interval(0, 0, box.z0(), nx, ny, box.nz());
        Geometry sg = Block.crop(header.geometry(), slab);
        Volume v = Volume.allocate(header.type(), nx, ny, box.nz(), sg).with(sg, header.label());
        if (files == null) readPages(v, box.z0());
        else readFiles(v, box.z0());
        Volume data = box.equals(slab) ? v : Block.crop(v, new Interval(box.x0(), box.y0(), 0, box.nx(), box.ny(), box.nz())).data();
        return new Block(data, box, nx, ny, header.nz(), header.geometry());
    }

    private synchronized void readPages(Volume v, int z0) {
        if (file == null) throw new IllegalStateException(path + " is closed");
        for (int k = 0; k < v.nz(); k++) {
            options.job.checkCancelled();
            ImageFile.Plane p = file.plane(z0 + k, options.maxBytes);
            if (!p.sameShape(first))
                throw new IntersliceException(path, "page " + (z0 + k + 1) + " is " + p.describe() + " but page 1 is " + first.describe() + ": all pages of a stack must match");
            file.read(z0 + k, p, v, k);
        }
    }

    private void readFiles(Volume v, int z0) {
        String firstName = files.get(0).getFileName().toString();
        options.job.forEachSlab("read images", v.nz(), k -> {
            Path f = files.get(z0 + k);
            try (ImageFile img = ImageFile.open(f)) {
                if (img.pages() != 1) throw new IntersliceException(f, "holds " + img.pages() + " pages; a folder stack needs one 2D image per file");
                ImageFile.Plane p = img.plane(0, options.maxBytes);
                if (!p.sameShape(first))
                    throw new IntersliceException(f, "is " + p.describe() + " but " + firstName + " is " + first.describe() + ": all images of a stack must match");
                img.read(0, p, v, k);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (file != null) file.close();
        file = null;
    }
}
