package org.interslice.ops.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.interslice.core.IntersliceException;
import org.interslice.core.evaluate.LabelEvaluator;
import org.interslice.core.evaluate.LabelVolumeResult;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.synth.LabelSynthesizer;
import org.interslice.core.synth.SynthesisMethod;
import org.interslice.core.synth.SynthesisMethods;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.Volume;

/**
 * The label-map branch of {@link EvaluateRun}: when the truth is a label map ({@link LabelMaps}: flagged
 * by its file, or an integer volume that is piecewise constant), drop-and-reconstruct runs the methods'
 * label synthesizers ({@link LabelEvaluator}) and the report scores Dice, minimum Dice and the vanished
 * fraction ({@link LabelReport}). Masks, windows and the slab profile do not apply to labels.
 */
final class LabelEvaluateRun {
    /** What the image defaults ({@link ConfigEvaluateRun#methods}, {@link ConfigEvaluateRun#selfMethod}) become for label maps. */
    static final List<String> DEFAULT_METHODS = List.of("nearest", "linear", "shape");
    static final String DEFAULT_SELF_METHOD = "shape";
    private static final List<String> IMAGE_DEFAULT_METHODS = List.of("linear", "cubic");

    private LabelEvaluateRun() {
    }

    /** True when v is a label map. */
    static boolean isLabelMap(Volume v) {
        return LabelMaps.classify(v, false) != LabelMaps.Reason.IMAGE;
    }

    /** Method names for a label run: the image defaults become {@link #DEFAULT_METHODS}; the baseline first when missing. */
    static List<String> methods(ConfigEvaluateRun c) {
        List<String> m = new ArrayList<>();
        if (c.mode() == ConfigEvaluateRun.Mode.SELF) {
            String self = c.selfMethod.equals("cubic") ? DEFAULT_SELF_METHOD : c.selfMethod;
            if (!c.baseline.equals(self)) m.add(c.baseline);
            m.add(self);
            return m;
        }
        List<String> asked = c.methods.equals(IMAGE_DEFAULT_METHODS) ? DEFAULT_METHODS : c.methods;
        if (!asked.contains(c.baseline)) m.add(c.baseline);
        for (String s : asked) if (!m.contains(s)) m.add(s);
        return m;
    }

    /**
     * Runs the label evaluation; {@code first} is the already read first input.
     *
     * @throws IntersliceException when an input is not a label map, too small for K, or a method has no label synthesizer
     */
    static Evaluation run(ConfigEvaluateRun config, Volume first, List<String> notes, long t0, Job job) {
        ConfigEvaluateRun.Mode mode = config.mode();
        if (mode == ConfigEvaluateRun.Mode.COMPARE)
            throw new IntersliceException(config.thick, "thick against thin comparison is for images; label maps support --truth and --self");
        List<Path> inputs = mode == ConfigEvaluateRun.Mode.SELF ? List.of(config.self) : config.truths;
        if (config.engine.profile != org.interslice.core.evaluate.Profile.POINT || config.engine.windowed()
                || config.mask != ConfigEvaluateRun.MaskMode.NONE)
            throw new IntersliceException(inputs.get(0), "is a label map: the slab profile, masks and windows apply to images only");
        List<String> names = methods(config);
        for (String n : names) {
            SynthesisMethod s = SynthesisMethods.get(n);
            if (s.newLabelSynthesizer() == null)
                throw new IntersliceException(inputs.get(0), "is a label map, and method '" + n + "' does not synthesize label maps; label methods: "
                        + String.join(", ", SynthesisMethods.labelNames()));
        }
        LabelEvaluator evaluator = new LabelEvaluator(mode == ConfigEvaluateRun.Mode.SELF ? 2 : config.engine.factor);
        long total = (long) inputs.size() * names.size();
        long[] done = {0};
        Runnable step = () -> job.report("evaluate", ++done[0], total);
        job.report("evaluate", 0, total);
        List<LabelVolumeResult> results = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path p = inputs.get(i);
            Volume v = i == 0 ? first : EvaluateRun.readAny(p, config, job, notes);
            if (!isLabelMap(v)) throw new IntersliceException(p, "is an image, but the first truth is a label map: evaluate one kind at a time");
            IntVolume truth = LabelEvaluator.asInt(v);
            List<LabelSynthesizer> synths = new ArrayList<>();
            for (String n : names) synths.add(SynthesisMethods.label(n));
            String name = EvaluateRun.label(p);
            for (int k = 2; used.contains(name); k++) name = EvaluateRun.label(p) + "-" + k;
            used.add(name);
            try {
                results.add(mode == ConfigEvaluateRun.Mode.SELF ? evaluator.selfCheck(name, truth, synths, step, job)
                        : evaluator.dropAndReconstruct(name, truth, synths, step, job));
            } catch (IllegalArgumentException e) {
                throw new IntersliceException(p, e.getMessage());
            }
        }
        Evaluation e = new Evaluation(config, List.of(), List.of(), 0, List.copyOf(notes), List.copyOf(results));
        LabelReport.write(e, config.out, job);
        return new Evaluation(config, List.of(), List.of(), (System.nanoTime() - t0) / 1e9, e.notes(), e.labels());
    }
}
