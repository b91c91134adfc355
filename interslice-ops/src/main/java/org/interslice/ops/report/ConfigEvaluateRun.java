package org.interslice.ops.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.evaluate.ConfigEvaluate;
import org.interslice.core.metrics.Bootstrap;
import org.interslice.core.synth.SynthesisMethods;

/**
 * What one {@code evaluate} run does; public fields with documented defaults, checked by {@link #check()}.
 * Exactly one mode is chosen: {@link #truths} (drop-and-reconstruct, a cohort when several), {@link #compareTo}
 * with {@link #thick} (a real thick scan against a real thin one), or {@link #self} (self-check).
 */
public final class ConfigEvaluateRun {
    /** Mask choice. */
    public enum MaskMode {
        /** Every voxel is scored. */
        NONE,
        /** Foreground of the truth by Otsu's threshold (value > t); the threshold is reported. */
        AUTO,
        /** Nonzero voxels of {@link #maskFile}, which must have the truth's dims. */
        FILE
    }

    /** Thin truth volumes (files or DICOM folders); several make a cohort. */
    public List<Path> truths = new ArrayList<>();
    /** Thin scan that {@link #thick} is compared to; null unless compare mode. */
    public Path compareTo;
    /** Thick scan of the same exam as {@link #compareTo}; null unless compare mode. */
    public Path thick;
    /** Scan to self-check; null unless self-check mode. */
    public Path self;
    /** Method of the self-check (the baseline is run beside it for context), a name from {@link SynthesisMethods}. Default cubic. */
    public String selfMethod = "cubic";
    /**
     * Methods to compare, names from {@link SynthesisMethods}. Default linear and cubic; for a label map
     * that default means nearest, linear and shape (and the self-check's default cubic means shape).
     */
    public List<String> methods = new ArrayList<>(List.of("linear", "cubic"));
    /** The method every other is tested against. Default linear; added to the methods when missing. */
    public String baseline = "linear";
    /** Engine settings: factor, profile, window, minimum mask voxels, SSIM. */
    public ConfigEvaluate engine = new ConfigEvaluate();
    /** Mask mode. Default NONE. */
    public MaskMode mask = MaskMode.NONE;
    /** The mask file for {@link MaskMode#FILE}. */
    public Path maskFile;
    /** Output folder, created when missing. Required. */
    public Path out;
    /** Voxel spacing (mm, x y z) for image stacks, which store none; null for the reader's default. */
    public double[] stackSpacingMm;
    /** Let detached headers read data files outside their folder ({@link org.interslice.io.ReadOptions#allowOutsideData}). Default false. */
    public boolean allowOutsideData;
    /** Bootstrap seed. Default 1. */
    public long seed = 1;
    /** Bootstrap resamples. Default {@link Bootstrap#DEFAULT_RESAMPLES}. */
    public int bootstrap = Bootstrap.DEFAULT_RESAMPLES;
    /** Confidence level. Default 0.95. */
    public double level = 0.95;

    /** The mode the fields select. */
    public enum Mode { DROP, COMPARE, SELF }

    /** The selected mode; IllegalArgumentException when none or several are selected. */
    public Mode mode() {
        int n = (truths.isEmpty() ? 0 : 1) + (compareTo != null || thick != null ? 1 : 0) + (self != null ? 1 : 0);
        if (n != 1) throw new IllegalArgumentException("give exactly one of: truth volumes, a thick scan with compareTo, or self");
        return !truths.isEmpty() ? Mode.DROP : self != null ? Mode.SELF : Mode.COMPARE;
    }

    /** Methods in report order: the baseline first when missing from {@link #methods}, duplicates removed. */
    public List<String> methodsToRun() {
        List<String> m = new ArrayList<>();
        if (mode() == Mode.SELF) {
            m.add(selfMethod);
            if (!baseline.equals(selfMethod)) m.add(0, baseline);
            return m;
        }
        if (!methods.contains(baseline)) m.add(baseline);
        for (String s : methods) if (!m.contains(s)) m.add(s);
        return m;
    }

    /**
     * Synthesizers to use for these method names instead of the registry's (e.g. {@link Replay} of files
     * already made). Default empty.
     */
    public java.util.Map<String, org.interslice.core.synth.SliceSynthesizer> given = new java.util.LinkedHashMap<>();

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigEvaluateRun check() {
        Mode mode = mode();
        if (mode == Mode.COMPARE && (compareTo == null || thick == null))
            throw new IllegalArgumentException("compare mode needs both the thick scan and the thin scan to compare to");
        if (out == null) throw new IllegalArgumentException("no output folder");
        if (methods == null || (methods.isEmpty() && mode != Mode.SELF)) throw new IllegalArgumentException("no methods");
        if (baseline == null || selfMethod == null) throw new IllegalArgumentException("baseline or self method is null");
        for (String m : methodsToRun()) if (!given.containsKey(m)) SynthesisMethods.get(m);   // unknown names fail here, before any work; the kind once the input is read
        if (mask == MaskMode.FILE && maskFile == null) throw new IllegalArgumentException("mask mode FILE needs a mask file");
        if (bootstrap < 100 || bootstrap > 1_000_000) throw new IllegalArgumentException("bootstrap = " + bootstrap + " must be in [100, 1000000]");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level = " + level + " must be in (0, 1)");
        engine.check();
        return this;
    }
}
