package org.interslice.ops;

import org.interslice.io.FilePlan;

import java.util.List;
import java.util.Locale;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;

/**
 * The {@code convert} operation: reads a volume, optionally changes its voxel type or label flag, and
 * writes it in the format named by the output's extension with its geometry unchanged. Never prints.
 */
public final class ConvertOperation {
    private final ConfigConvertOp config;

    /** @param config checked here; not modified */
    public ConvertOperation(ConfigConvertOp config) {
        config.check();
        this.config = config;
    }

    /** What a conversion wrote, and what the caller should tell the user. */
    public record Result(Written output, List<String> notes, List<String> warnings) {}

    /**
     * Runs the conversion. Refuses (before reading) an output that is an input file or has no writable
     * extension.
     *
     * @param job threads and progress for reading and writing
     * @throws org.interslice.core.IntersliceException for unreadable input or a failed write
     */
    public Result run(Job job) {
        // a missing input, an output that is an input, a bad output name or place: refused before reading
        List<String> cleaned = new FilePlan().read(config.input).write(config.output, config.write.format).check();
        long t0 = System.nanoTime();
        Messages m = new Messages();
        for (String n : cleaned) m.note(n);
        HeaderFields header = new HeaderFields();   // carried through: the geometry is unchanged
        Volume v = Inputs.read(config.input, config.read, job, m, header);
        config.write.checkGrid(config.output, v.dims(), v.geometry());   // before converting
        org.interslice.io.Derivation derivation = null;
        if (Derivations.dicom(config.output, config.write.format)) {
            String converted = config.type != null && config.type != v.type() ? "values converted from " + v.type().label() + " to " + config.type.label() : null;
            derivation = Derivations.convert(v, header, "type=" + (config.type == null ? "kept" : config.type.label()) + " labels=" + config.labels, converted);
        }
        if (config.type != null) {
            String clip = clipped(v, config.type);
            if (clip != null) m.warn(config.input + ": " + clip);
            v = v.convert(config.type);
        }
        if (config.labels) v = v.asLabel(true);
        org.interslice.io.WriteOptions options = config.write.options(job, header);
        options.derivation = derivation;
        Written w = Inputs.write(v, config.output, "output", options, t0, m);
        return new Result(w, m.notes(), m.warnings());
    }

    /**
     * A warning when converting {@code v} to {@code type} saturates voxels (how many, and the range kept),
     * else null. One pass over the voxels, none when {@code type} holds every value of v's type (a
     * 35 MB uint8 input to uint8: 40-70 ms of one core before any work, saved).
     */
    public static String clipped(Volume v, PixelType type) {
        if (v.type().integer && type.holds(v.type().min, v.type().max)) return null;
        double lo = type.min, hi = type.max;
        long below = 0, above = 0;
        for (int i = 0, n = v.voxelCount(); i < n; i++) {
            double x = v.get(i);
            if (x < lo - 0.5) below++;
            else if (x > hi + 0.5) above++;
        }
        if (below + above == 0) return null;
        return String.format(Locale.ROOT, "%d voxels (%.1f%%) lie outside %s's range [%s, %s] and were clipped to it (%d below, %d above)",
                below + above, 100.0 * (below + above) / v.voxelCount(), type.label(), fmt(lo), fmt(hi), below, above);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }
}
