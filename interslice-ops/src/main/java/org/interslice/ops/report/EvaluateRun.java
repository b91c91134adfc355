package org.interslice.ops.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.interslice.core.IntersliceException;
import org.interslice.core.evaluate.CohortStatistics;
import org.interslice.core.evaluate.Evaluator;
import org.interslice.core.evaluate.MaskInfo;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.evaluate.SummaryRow;
import org.interslice.core.evaluate.VolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;
import org.interslice.io.ReadOptions;

/**
 * Runs the {@code evaluate} command end to end: reads the inputs, runs the {@link Evaluator} on each
 * with every method, computes the cohort statistics and writes the report folder
 * ({@link ReportWriter}). Progress is reported on the job under task "evaluate", one unit per volume x
 * method.
 */
public final class EvaluateRun {
    private EvaluateRun() {
    }

    /**
     * @param config what to run; checked here
     * @param job    threads, progress ("evaluate": volumes x methods) and cancellation
     * @return the results; the report is already written to {@code config.out}
     * @throws IntersliceException for unreadable inputs or an unwritable output folder
     */
    public static Evaluation run(ConfigEvaluateRun config, Job job) {
        config.check();
        long t0 = System.nanoTime();
        ConfigEvaluateRun.Mode mode = config.mode();
        // the first input decides between an image run and a label-map run (LabelEvaluateRun)
        Path firstPath = mode == ConfigEvaluateRun.Mode.DROP ? config.truths.get(0) : mode == ConfigEvaluateRun.Mode.SELF ? config.self : null;
        Volume first = firstPath == null ? null : readVolume(firstPath, config.stackSpacingMm, job);
        if (first != null && LabelEvaluateRun.isLabelMap(first)) return LabelEvaluateRun.run(config, first, t0, job);
        List<String> methods = config.methodsToRun();
        for (String m : methods) {
            try {
                SynthesisMethods.image(m);
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(firstPath != null ? firstPath : config.thick, "is an image; " + e.getMessage());
            }
        }
        Evaluator evaluator = new Evaluator(config.engine);
        int volumes = mode == ConfigEvaluateRun.Mode.DROP ? config.truths.size() : 1;
        long total = (long) volumes * methods.size();
        long[] done = {0};
        Runnable step = () -> job.report("evaluate", ++done[0], total);
        job.report("evaluate", 0, total);
        List<VolumeResult> results = new ArrayList<>();
        Set<String> names = new HashSet<>();
        switch (mode) {
            case DROP:
                for (Path p : config.truths) {
                    FloatVolume truth = p == firstPath && first != null ? first.toFloat() : read(p, config.stackSpacingMm, job);
                    MaskInfo[] info = {MaskInfo.none()};
                    byte[] mask = mask(config, truth, p, info, job);
                    try {
                        results.add(evaluator.dropAndReconstruct(unique(label(p), names), truth, mask, info[0], synthesizers(methods), step, job));
                    } catch (IllegalArgumentException e) {
                        // e.g. too few slices for K, a constant volume: a property of this input
                        throw new IntersliceException(p, e.getMessage());
                    }
                }
                break;
            case SELF: {
                FloatVolume scan = first.toFloat();
                MaskInfo[] info = {MaskInfo.none()};
                byte[] mask = mask(config, scan, config.self, info, job);
                try {
                    results.add(evaluator.selfCheck(label(config.self), scan, mask, info[0], synthesizers(methods), step, job));
                } catch (IllegalArgumentException e) {
                    throw new IntersliceException(config.self, e.getMessage());
                }
                break;
            }
            case COMPARE: {
                FloatVolume thick = read(config.thick, config.stackSpacingMm, job), thin = read(config.compareTo, config.stackSpacingMm, job);
                MaskInfo[] info = {MaskInfo.none()};
                byte[] mask = mask(config, thin, config.compareTo, info, job);
                try {
                    results.add(evaluator.compareThick(label(config.thick) + " vs " + label(config.compareTo), thick, thin, mask, info[0],
                            synthesizers(methods), step, job));
                } catch (IllegalArgumentException e) {
                    throw new IntersliceException(config.thick, e.getMessage());
                }
                break;
            }
            default:
                throw new AssertionError(mode);
        }
        List<SummaryRow> summary = CohortStatistics.summarize(results, config.baseline, config.bootstrap, config.level, config.seed);
        Evaluation e = new Evaluation(config, List.copyOf(results), summary, 0);
        ReportWriter.write(e, config.out, job);
        return new Evaluation(config, e.volumes(), summary, (System.nanoTime() - t0) / 1e9);
    }

    private static List<SliceSynthesizer> synthesizers(List<String> methods) {
        List<SliceSynthesizer> s = new ArrayList<>();
        for (String m : methods) s.add(SynthesisMethods.image(m));
        return s;
    }

    /**
     * Reads a volume as float (physical values); decoding runs on the job's threads, without progress.
     *
     * @param stackSpacingMm spacing for image stacks, which store none; null for the reader's default
     */
    static FloatVolume read(Path p, double[] stackSpacingMm, Job job) {
        Volume v = readVolume(p, stackSpacingMm, job);
        if (v.isLabel()) throw new IntersliceException(p, "is a label map; evaluate scores images");
        return v.toFloat();
    }

    /** Reads a volume as stored; decoding runs on the job's threads, without progress. */
    static Volume readVolume(Path p, double[] stackSpacingMm, Job job) {
        ReadOptions o = ReadOptions.defaults();
        o.spacingMm = stackSpacingMm == null ? null : stackSpacingMm.clone();
        o.job = job.quiet();
        return Formats.read(p, o);
    }

    private static byte[] mask(ConfigEvaluateRun c, FloatVolume truth, Path truthPath, MaskInfo[] info, Job job) {
        switch (c.mask) {
            case NONE:
                return null;
            case AUTO:
                try {
                    return Evaluator.otsuMask(truth, info);
                } catch (IllegalArgumentException e) {
                    throw new IntersliceException(truthPath, "automatic mask: " + e.getMessage());
                }
            case FILE: {
                FloatVolume m = readVolume(c.maskFile, c.stackSpacingMm, job).toFloat();   // a mask may well be flagged as a label map
                if (m.nx() != truth.nx() || m.ny() != truth.ny() || m.nz() != truth.nz())
                    throw new IntersliceException(c.maskFile, "mask is " + m.nx() + "x" + m.ny() + "x" + m.nz() + ", truth "
                            + truthPath.getFileName() + " is " + truth.nx() + "x" + truth.ny() + "x" + truth.nz());
                float[] d = m.data();
                byte[] b = new byte[d.length];
                long n = 0;
                for (int i = 0; i < d.length; i++) if (d[i] != 0) {
                    b[i] = 1;
                    n++;
                }
                if (n == 0) throw new IntersliceException(c.maskFile, "mask has no nonzero voxel");
                info[0] = new MaskInfo(MaskInfo.Source.FILE, Double.NaN, n, c.maskFile.getFileName().toString());
                return b;
            }
            default:
                throw new AssertionError(c.mask);
        }
    }

    /** File name without .nii.gz / .nii / extension; a folder's name. */
    static String label(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        String s = f == null ? p.toString() : f.toString();
        for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd", ".tif", ".tiff"})
            if (s.toLowerCase(java.util.Locale.ROOT).endsWith(ext) && s.length() > ext.length()) return s.substring(0, s.length() - ext.length());
        return s;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) n = name + "-" + i;
        return n;
    }
}
