package org.interslice.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Interp;

/**
 * What one {@link ResampleOperation} does; public fields with documented defaults, checked by
 * {@link #check()}. The output grid is given by exactly one of {@link #spacingMm}, {@link #size},
 * {@link #like}, {@link #isotropic}.
 */
public final class ConfigResampleOp {
    /** A mask or label map resampled onto the same output grid, and where it goes. */
    public record Mask(Path input, Path output) {}

    /** Volume file or folder to read. Required. */
    public Path input;
    /** File to write; its extension names the format. Required. */
    public Path output;
    /** How inputs are read (stack spacing, DICOM series); the masks and {@link #like} are read the same way. */
    public ConfigInput read = new ConfigInput();
    /** Output settings (compression level). */
    public ConfigOutput write = new ConfigOutput();

    /** Output spacing, mm, x y z; null unless the grid is given by spacing. */
    public double[] spacingMm;
    /** Output size in voxels, x y z; null unless the grid is given by size. */
    public int[] size;
    /** Reference volume whose grid is copied; null unless the grid is given like a reference. */
    public Path like;
    /** Every axis gets the smallest input spacing times {@link #spacingScale}. Default false. */
    public boolean isotropic;
    /** With {@link #isotropic}: factor on the smallest spacing, positive. Default 1. */
    public double spacingScale = 1;
    /** Keep the first voxel centre instead of the box centre. Default false. */
    public boolean keepOrigin;
    /** Keep a sheared (gantry-tilted) input's shear instead of resampling onto an orthogonal grid. Default false. */
    public boolean keepShear;
    /**
     * Crop of the output grid, {x0, x1, y0, y1, z0, z1} (lo inclusive, hi exclusive); NaN is an open bound
     * (the edge). Output voxel indices, or world LPS mm with {@link #cropMm}. Null (default): no crop.
     */
    public double[] crop;
    /** Read {@link #crop} as world LPS millimetres (then every bound is needed). Default false. */
    public boolean cropMm;

    /**
     * Interpolator asked for; null (default) means linear for images and {@link #labelInterp} for label
     * maps. On a label map an asked-for interpolator that keeps label values (nearest) is honoured (as
     * label-nearest); any other image interpolator is replaced by {@link #labelInterp}, with a note.
     */
    public Interp interp;
    /** Interpolator for label maps and masks, one of the LABEL_* ones. Default LABEL_LINEAR. */
    public Interp labelInterp = Interp.LABEL_LINEAR;
    /** Treat the input as a label map whatever it holds. Default false. */
    public boolean forceLabels;
    /** Treat the input as an image even if it looks like (or is flagged as) a label map. Default false. */
    public boolean forceImage;
    /**
     * Engine settings (order, radius, sigmas, antialias, clamp, output type, default value, memory limit).
     * Its {@code interp} field is ignored: {@link #interp} and the label policy choose it.
     */
    public ConfigResample resample = new ConfigResample();
    /** Masks resampled onto the same grid with {@link #labelInterp}, each keeping its own type. */
    public List<Mask> masks = new ArrayList<>();

    /** Throws IllegalArgumentException naming the first bad field or combination. */
    public ConfigResampleOp check() {
        if (input == null) throw new IllegalArgumentException("no input");
        if (output == null) throw new IllegalArgumentException("no output");
        if (read == null || write == null || resample == null || masks == null) throw new IllegalArgumentException("read, write, resample or masks is null");
        int ways = (spacingMm != null ? 1 : 0) + (size != null ? 1 : 0) + (like != null ? 1 : 0) + (isotropic ? 1 : 0);
        if (ways != 1) throw new IllegalArgumentException("give exactly one of spacing, size, like, isotropic");
        if (!(spacingScale > 0) || Double.isInfinite(spacingScale)) throw new IllegalArgumentException("spacing scale " + spacingScale + " must be positive");
        if (spacingScale != 1 && !isotropic) throw new IllegalArgumentException("spacing scale needs isotropic");
        if (keepOrigin && like != null) throw new IllegalArgumentException("keep-origin has no effect with like (the reference grid is copied)");
        if (crop != null && crop.length != 6) throw new IllegalArgumentException("crop needs 6 bounds, got " + crop.length);
        if (cropMm && crop == null) throw new IllegalArgumentException("crop-mm needs a crop");
        if (forceLabels && forceImage) throw new IllegalArgumentException("labels and image exclude each other");
        if (labelInterp == null || !labelInterp.isLabel())
            throw new IllegalArgumentException("the label interpolator must be label-nearest, label-linear or label-gaussian");
        for (Mask m : masks) if (m == null || m.input() == null || m.output() == null) throw new IllegalArgumentException("a mask needs an input and an output");
        read.check();
        write.check();
        ConfigResample c = resample.copy();
        c.interp = interp != null ? interp : Interp.LINEAR;
        c.check();
        return this;
    }
}
