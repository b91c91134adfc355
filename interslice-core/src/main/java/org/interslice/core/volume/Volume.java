package org.interslice.core.volume;

/**
 * A 3D image: a flat primitive array, x fastest, {@code index = x + nx * (y + ny * z)}, plus its
 * {@link Geometry}, its {@link PixelType} and whether it is a label map.
 *
 * <p>Values are physical (rescale slope and intercept are applied when a file is read). One small
 * subclass per storage type; unsigned types share the signed array type and are widened on access.
 * Views made with {@link #with} share the array, never copy it.
 */
public abstract sealed class Volume permits ByteVolume, ShortVolume, IntVolume, FloatVolume, DoubleVolume {
    /** Largest voxel count one volume may hold (Java arrays are int-indexed). */
    public static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

    protected final int nx, ny, nz;
    protected final PixelType type;
    protected final Geometry geometry;
    protected final boolean label;

    protected Volume(int nx, int ny, int nz, PixelType type, Geometry geometry, boolean label, int arrayLength) {
        long n = checkedVoxels(nx, ny, nz);
        if (arrayLength != n) throw new IllegalArgumentException("array holds " + arrayLength + " values, dims need " + n);
        if (geometry == null) throw new IllegalArgumentException("geometry is null");
        double[] so = geometry.sliceOrigins();
        if (so != null && so.length != 3 * nz)
            throw new IllegalArgumentException("geometry has " + so.length / 3 + " slice positions, volume has " + nz + " slices");
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.type = type;
        this.geometry = geometry;
        this.label = label;
    }

    /**
     * Voxel count of a grid, checked: every dimension at least 1 and the product at most
     * {@link #MAX_VOXELS}; throws IllegalArgumentException naming the dims otherwise.
     */
    public static long checkedVoxels(long nx, long ny, long nz) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("dimensions " + nx + "x" + ny + "x" + nz + " must be positive");
        double n = (double) nx * ny * nz;
        if (n > MAX_VOXELS) throw new IllegalArgumentException(nx + "x" + ny + "x" + nz + " = " + (long) n + " voxels exceeds one array (" + MAX_VOXELS + "): use a block job");
        return nx * ny * nz;
    }

    /** A zero-filled volume of the given type. */
    public static Volume allocate(PixelType type, int nx, int ny, int nz, Geometry g) {
        int n = (int) checkedVoxels(nx, ny, nz);
        switch (type) {
            case UINT8: case INT8: return new ByteVolume(nx, ny, nz, type, new byte[n], g, false);
            case UINT16: case INT16: return new ShortVolume(nx, ny, nz, type, new short[n], g, false);
            case UINT32: case INT32: return new IntVolume(nx, ny, nz, type, new int[n], g, false);
            case FLOAT32: return new FloatVolume(nx, ny, nz, new float[n], g, false);
            case FLOAT64: return new DoubleVolume(nx, ny, nz, new double[n], g, false);
            default: throw new AssertionError(type);
        }
    }

    public final int nx() { return nx; }
    public final int ny() { return ny; }
    public final int nz() { return nz; }
    public final int[] dims() { return new int[] {nx, ny, nz}; }
    public final PixelType type() { return type; }
    public final Geometry geometry() { return geometry; }
    /** True for label maps: values are classes, never to be blended by an image interpolator. */
    public final boolean isLabel() { return label; }
    public final int voxelCount() { return nx * ny * nz; }
    /** Bytes of voxel data in memory. */
    public final long sizeBytes() { return (long) voxelCount() * type.bytes; }
    public final int index(int x, int y, int z) { return x + nx * (y + ny * z); }

    /** The backing array (byte[], short[], int[], float[] or double[]), shared. */
    public abstract Object array();

    /** Value at a flat index, widened (unsigned types are positive). Not for inner loops. */
    public abstract double get(int index);

    /** Stores a value, rounded half away from zero and saturated for integer types. */
    public abstract void set(int index, double value);

    /** A view with other geometry and label flag sharing this array. */
    public abstract Volume with(Geometry g, boolean isLabel);

    public final Volume withGeometry(Geometry g) { return with(g, label); }
    public final Volume asLabel(boolean isLabel) { return with(geometry, isLabel); }

    /** Smallest and largest value, ignoring NaN ({NaN, NaN} when all are NaN). */
    public double[] range() {
        return VoxelRows.range(this);
    }

    /** A copy converted to another type (integer targets round and saturate); same geometry and flag. */
    public Volume convert(PixelType target) {
        Volume out = allocate(target, nx, ny, nz, geometry).with(geometry, label);
        VoxelRows.copy(this, out);
        return out;
    }

    /** This volume as float32: itself when already FLOAT32, else a converted copy. */
    public FloatVolume toFloat() {
        return this instanceof FloatVolume f ? f : (FloatVolume) convert(PixelType.FLOAT32);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + nx + "x" + ny + "x" + nz + " " + type.label() + (label ? " labels" : "") + ", " + geometry + "]";
    }
}
