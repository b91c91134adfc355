package org.interslice.ops;

import org.interslice.io.FilePlan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.Resampler;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.ConfigInterpolate;
import org.interslice.core.synth.Interpolation;
import org.interslice.core.synth.Interpolator;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.io.HeaderFields;
import org.interslice.io.WriteOptions;
import org.interslice.io.dicom.DicomFormat;

/**
 * The file-level work of {@code interpolate}: reads the input, decides label or image and the method,
 * plans the output slices, checks memory, runs the {@link Interpolator} and writes the output together
 * with its provenance sidecar (both renamed into place in one {@link AtomicFiles} commit, volume first).
 * Two steps, so that a caller can show the plan before any work: {@link #prepare}, then {@link #execute}.
 */
public final class InterpolateOperation {
    private InterpolateOperation() {
    }

    /**
     * Everything decided before the work.
     *
     * @param config         the run's settings (positions already read into {@code config.synthesis})
     * @param input          the volume read
     * @param inputFormat    name of the format it was read with
     * @param interpolator   the configured engine
     * @param choice         method and label decision
     * @param plan           output slices
     * @param estimatedBytes estimated peak memory of the work
     * @param detilt         the orthogonal grid the result moves to, or null when it keeps the input's grid
     * @param header         header fields carried from the input
     * @param notes          notes for the user (file checks, reader, de-tilting)
     */
    public record Prepared(ConfigInterpolateOperation config, Volume input, String inputFormat, Interpolator interpolator,
                           Interpolator.Choice choice, SlicePlan plan, long estimatedBytes, Grid detilt, HeaderFields header, List<String> notes) {
    }

    /**
     * What was written.
     *
     * @param interpolation the interpolated volume (on the input's grid, sheared if it was) and its plan
     * @param written       the volume written: the interpolation, or its de-tilted copy
     * @param output        the output file
     * @param sidecar       the provenance sidecar, null when not written
     * @param seconds       wall time of {@link #execute}
     * @param storedType    the voxel type in the file: the written volume's, or the integer type DICOM stores it as
     */
    public record Result(Interpolation interpolation, Volume written, Path output, Path sidecar, double seconds, PixelType storedType) {
    }

    /** Reads, prepares and executes in one call. */
    public static Result run(ConfigInterpolateOperation config, Job job) {
        return execute(prepare(config, job), job);
    }

    /**
     * Reads the input and decides everything: method, slice axis (the DICOM stacking axis for DICOM input
     * unless an axis is given), output slices, de-tilting, memory. Throws IntersliceException naming the
     * file for bad inputs and refused requests (too much memory, output equal to an input).
     */
    public static Prepared prepare(ConfigInterpolateOperation config, Job job) {
        config.check();
        Path in = config.input;
        // outputs (volume, sidecar) against every input file and each other, output places: before reading
        FilePlan files = new FilePlan().read(in).readFile(config.positionsFile).write(config.output, config.write.format);
        if (config.sidecar) files.writeFile(Provenance.sidecarOf(config.output));
        Messages msg = new Messages();
        for (String n : files.check()) msg.note(n);
        String format = Formats.forReading(in).name();
        ConfigInterpolate s = copy(config.synthesis);
        if (config.positionsFile != null) s.positionsMm = readPositions(config.positionsFile);
        if (s.axis < 0 && "DICOM".equals(format)) s.axis = 2;   // the stacking axis, whatever the spacings
        ConfigInterpolateOperation c = copy(config, s);
        HeaderFields header = new HeaderFields();
        ConfigInput read = config.read.copy();
        if (config.maxMemoryBytes > 0 && read.maxBytes == 0) read.maxBytes = config.maxMemoryBytes;   // the readers count their buffers against it
        Volume v = Inputs.read(in, read, job.quiet(), msg, header);
        Interpolator engine = new Interpolator(s);
        Interpolator.Choice choice;
        SlicePlan plan;
        try {
            choice = engine.choose(v);
            plan = engine.plan(v);
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(config.positionsFile != null && e.getMessage().contains("position") ? config.positionsFile : in, e.getMessage());
        }
        int[] dims = v.dims();
        dims[plan.axis()] = plan.size();
        Grid detilt = null;
        try {
            Volume.checkedVoxels(dims[0], dims[1], dims[2]);
            Grid sheared = new Grid(dims[0], dims[1], dims[2], engine.outputGeometry(v, plan));
            if (!config.keepShear && !sheared.geometry().isOrthogonal()) {
                detilt = sheared.orthogonal();
                Volume.checkedVoxels(detilt.size(0), detilt.size(1), detilt.size(2));
                msg.note(String.format(Locale.ROOT, "%s: sheared grid (gantry tilt %.1f degrees): the result is moved onto an orthogonal grid "
                        + "of the same slice planes, in-plane linear (--keep-shear keeps the shear)", in, v.geometry().gantryTiltDegrees()));
            }
            config.write.checkGrid(config.output, detilt != null ? detilt : sheared);   // e.g. --pyramid deeper than the output halves
        } catch (IllegalArgumentException e) {
            throw new IntersliceException(config.output, "refused: output " + e.getMessage());
        }
        long bytes = engine.estimatePeakBytes(v, plan, choice);
        if (detilt != null) bytes += detilt.voxelCount() * v.type().bytes;
        long limit = config.memoryLimit();
        if (bytes > limit)
            throw new IntersliceException(in, String.format(Locale.ROOT, "refused: needs about %d MB, more than the limit of %d MB (raise --max-memory or -Xmx)",
                    bytes >> 20, limit >> 20));
        List<String> notes = new ArrayList<>(msg.notes());
        notes.addAll(msg.warnings());
        return new Prepared(c, v, format, engine, choice, plan, bytes, detilt, header, notes);
    }

    /** Runs the prepared work and writes the output and its sidecar. */
    public static Result execute(Prepared p, Job job) {
        long t0 = System.nanoTime();
        ConfigInterpolateOperation c = p.config();
        Interpolation r = p.interpolator().run(p.input(), p.choice(), job);
        Volume written = r.volume();
        if (p.detilt() != null) {
            // the orthogonal grid has the same slice planes: only in-plane positions move
            ConfigResample rc = new ConfigResample(r.isLabel() ? Interp.LABEL_NEAREST : Interp.LINEAR);
            rc.antialias = false;
            written = new Resampler(rc).resample(r.volume(), p.detilt(), job.quiet());
        }
        Path out = c.output;
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IntersliceException(out, "output folder does not exist");
        HeaderFields mark = new HeaderFields();
        mark.description = Provenance.headerNote(r);
        mark.note("interslice_synthesized", Provenance.synthesizedList(r.plan()));
        WriteOptions wo = c.write.options(job.quiet(), p.header().mergedWith(mark));
        if (Derivations.dicom(out, wo.format)) wo.derivation = Derivations.interpolate(p.input(), p.header(), r, written.nz(), parameters(c), p.detilt() != null);
        Path sidecar = c.sidecar ? Provenance.sidecarOf(out) : null;
        try (AtomicFiles files = new AtomicFiles()) {
            Formats.forWriting(out, wo.format).write(written, out, files, wo.check());
            if (sidecar != null) {
                try (OutputStream os = files.open(sidecar)) {
                    os.write(Provenance.json(c, p.inputFormat(), p.input(), r, written));
                } catch (IOException e) {
                    throw AtomicFiles.cannotWrite(sidecar, e);
                }
            }
            files.commit();
        }
        PixelType stored = Derivations.dicom(out, wo.format) ? DicomFormat.storedType(written) : written.type();
        return new Result(r, written, out, sidecar, (System.nanoTime() - t0) / 1e9, stored);
    }

    /** The parameters that decide the output, as one line (for the DICOM derivation and its UIDs). */
    private static String parameters(ConfigInterpolateOperation c) {
        ConfigInterpolate s = c.synthesis;
        return String.format(Locale.ROOT, "method=%s factor=%s spacing=%s axis=%s positions=%s labels=%s keepShear=%s", s.method, s.factor, s.spacingMm,
                s.axis < 0 ? "auto" : Provenance.axisName(s.axis), s.positionsMm == null ? "geometry" : java.util.Arrays.toString(s.positionsMm), s.forceLabels, c.keepShear);
    }

    /** The input opened for region reads with {@code config}'s read settings (block-wise work elsewhere, e.g. a Spark task). */
    public static org.interslice.io.OpenVolume openInput(ConfigInterpolateOperation config, Job job) {
        return Formats.open(config.input, Inputs.options(config.read, job.quiet(), new HeaderFields()));
    }

    /**
     * Slice positions in mm from a text file: one number per line (or several separated by blanks or
     * commas), blank lines and # comments skipped.
     */
    public static double[] readPositions(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IntersliceException(file, "cannot read positions: " + e.getMessage(), e);
        }
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            for (String t : l.split("[\\s,]+")) {
                if (t.isEmpty()) continue;
                double d;
                try {
                    d = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IntersliceException(file, "line " + (i + 1) + ": '" + t + "' is not a number");
                }
                if (!Double.isFinite(d)) throw new IntersliceException(file, "line " + (i + 1) + ": " + t + " is not finite");
                v.add(d);
            }
        }
        if (v.isEmpty()) throw new IntersliceException(file, "holds no positions");
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) a[i] = v.get(i);
        return a;
    }

    private static ConfigInterpolate copy(ConfigInterpolate s) {
        ConfigInterpolate c = new ConfigInterpolate();
        c.method = s.method;
        c.factor = s.factor;
        c.spacingMm = s.spacingMm;
        c.axis = s.axis;
        c.positionsMm = s.positionsMm == null ? null : s.positionsMm.clone();
        c.forceLabels = s.forceLabels;
        c.batchBytes = s.batchBytes;
        return c;
    }

    private static ConfigInterpolateOperation copy(ConfigInterpolateOperation o, ConfigInterpolate s) {
        ConfigInterpolateOperation c = new ConfigInterpolateOperation();
        c.input = o.input;
        c.output = o.output;
        c.synthesis = s;
        c.positionsFile = o.positionsFile;
        c.read = o.read.copy();
        c.write = o.write;
        c.keepShear = o.keepShear;
        c.maxMemoryBytes = o.maxMemoryBytes;
        c.sidecar = o.sidecar;
        return c;
    }
}
