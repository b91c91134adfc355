package org.interslice.learn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Properties;
import org.interslice.core.exec.Job;

/**
 * Trains a {@link SliceNet} on drop-and-reconstruct pairs ({@link PairSampler}) with Adam and one of the
 * {@link SliceLoss} losses. Validation: a fixed set of patches from the validation volumes (a
 * volume-level split: no validation volume is trained on), scored as PSNR in normalised units (data
 * range 1) against the PSNR of morph's slice (the network's starting point) on the same patches. Every {@code validateEvery} steps and at
 * the end the listener gets a checkpoint to write; {@link #resume} continues from one (parameters and
 * step; Adam's moments restart, and the sampler is reseeded with seed + step so a resumed run draws
 * new samples).
 */
public final class SliceTrainer {
    /** What a run reports; the library never prints. */
    public interface Listener {
        /** After every step: running (exponential average) loss and the last validation PSNR (NaN before the first). */
        void step(int step, int total, double runningLoss, double valPsnr);

        /** At a validation point: the scores and a writer of the checkpoint. */
        void validated(int step, double valPsnr, double morphPsnr, Checkpoint checkpoint) throws IOException;
    }

    /** Writes the current model as a model file. */
    public interface Checkpoint {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The run's outcome. */
    public record Result(int steps, double firstLoss, double lastRunningLoss, double valPsnr, double morphPsnr, boolean finite, long parameters) {
    }

    private final ConfigTrain config;
    private byte[] resumeModel;

    public SliceTrainer(ConfigTrain config) {
        config.check();
        this.config = config;
    }

    /** Starts from this model file (a checkpoint) instead of a fresh network. */
    public SliceTrainer resume(InputStream model) throws IOException {
        resumeModel = model.readAllBytes();
        return this;
    }

    /**
     * Trains. {@code threads}: libtorch intra-op threads. {@code describe}: properties recorded in every
     * written model (data, command).
     */
    public Result train(List<PairSampler.Source> train, List<PairSampler.Source> validation, Properties describe,
                        int threads, Listener listener) throws IOException {
        Engines.setUp(threads);
        Engine.getInstance().setRandomSeed((int) config.seed);
        int b = config.batch, p = config.patch, pp = p * p;
        try (Job job = Job.of(threads, null); Model model = Model.newInstance("slicenet")) {
            SliceNet net;
            int start = 0;
            if (resumeModel != null) {
                ModelFile.Loaded loaded = ModelFile.read(new java.io.ByteArrayInputStream(resumeModel), model.getNDManager());
                net = loaded.net();
                start = loaded.step();
                if (net.width() != config.width)
                    throw new IllegalArgumentException("checkpoint width " + net.width() + " differs from width " + config.width);
            } else {
                net = new SliceNet(config.width);
            }
            model.setBlock(net);
            SliceLoss loss = new SliceLoss(config.loss);
            Tracker lr = Tracker.cosine().setBaseValue(config.learningRate).optFinalValue(config.learningRate / 10)
                    .setMaxUpdates(Math.max(1, config.steps - start)).build();
            java.util.List<Parameter> head = net.headParameters();
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                    .optInitializer(new ai.djl.training.initializer.NormalInitializer(1e-3f), head::contains);
            try (Trainer trainer = model.newTrainer(tc)) {
                if (resumeModel == null) trainer.initialize(new Shape(b, SliceNet.CHANNELS, p, p));
                else for (Parameter par : net.getParameters().values()) par.getArray().setRequiresGradient(true);
                PairSampler sampler = new PairSampler(train, p, config.maxFactor, config.seed + start);
                int nv = config.validationPatches;
                float[] vin = new float[nv * SliceNet.CHANNELS * pp], vtruth = new float[nv * pp];
                new PairSampler(validation, p, config.maxFactor, config.seed ^ 0x5EEDL).next(nv, vin, vtruth, job);
                double morphPsnr = morphPsnr(vin, vtruth, nv, pp);
                float[] in = new float[b * SliceNet.CHANNELS * pp], truth = new float[b * pp];
                double running = Double.NaN, first = Double.NaN, valPsnr = Double.NaN;
                boolean finite = true;
                for (int step = start + 1; step <= config.steps; step++) {
                    sampler.next(b, in, truth, job);
                    double value;
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        NDArray x = sub.create(in, new Shape(b, SliceNet.CHANNELS, p, p));
                        NDArray y = sub.create(truth, new Shape(b, 1, p, p));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray l = loss.evaluate(new NDList(y), new NDList(pred));
                            value = l.getFloat();
                            gc.backward(l);
                        }
                        trainer.step();
                    }
                    if (!Double.isFinite(value)) finite = false;
                    if (Double.isNaN(first)) first = value;
                    running = Double.isNaN(running) ? value : 0.98 * running + 0.02 * value;
                    if (step % config.validateEvery == 0 || step == config.steps) {
                        valPsnr = validate(net, trainer.getManager(), vin, vtruth, nv, p);
                        final int at = step;
                        final double score = valPsnr, lin = morphPsnr;
                        Properties props = new Properties();
                        props.putAll(describe);
                        props.setProperty("step", Integer.toString(at));
                        props.setProperty("loss", config.loss.label);
                        props.setProperty("seed", Long.toString(config.seed));
                        props.setProperty("batch", Integer.toString(b));
                        props.setProperty("patch", Integer.toString(p));
                        props.setProperty("maxFactor", Integer.toString(config.maxFactor));
                        props.setProperty("validationPsnr", String.format(java.util.Locale.ROOT, "%.3f", score));
                        props.setProperty("validationMorphPsnr", String.format(java.util.Locale.ROOT, "%.3f", lin));
                        listener.validated(at, score, lin, out -> ModelFile.write(net, props, out));
                    }
                    listener.step(step, config.steps, running, valPsnr);
                }
                return new Result(config.steps - start, first, running, valPsnr, morphPsnr, finite, net.parameterCount());
            }
        }
    }

    private static double validate(SliceNet net, NDManager manager, float[] vin, float[] vtruth, int nv, int p) {
        int pp = p * p;
        double se = 0;
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
        for (int first = 0; first < nv; first += 8) {
            int n = Math.min(8, nv - first);
            try (NDManager sub = manager.newSubManager()) {
                float[] chunk = java.util.Arrays.copyOfRange(vin, first * SliceNet.CHANNELS * pp, (first + n) * SliceNet.CHANNELS * pp);
                NDArray x = sub.create(chunk, new Shape(n, SliceNet.CHANNELS, p, p));
                float[] pred = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < n * pp; i++) {
                    double d = pred[i] - vtruth[first * pp + i];
                    se += d * d;
                }
            }
        }
        return psnr(se / ((double) nv * pp));
    }

    /** PSNR of morph's slice (the network's fifth input channel) on the validation patches. */
    private static double morphPsnr(float[] vin, float[] vtruth, int nv, int pp) {
        double se = 0;
        for (int q = 0; q < nv; q++) {
            int base = q * SliceNet.CHANNELS * pp + 4 * pp;
            for (int i = 0; i < pp; i++) {
                double d = vin[base + i] - vtruth[q * pp + i];
                se += d * d;
            }
        }
        return psnr(se / ((double) nv * pp));
    }

    static double psnr(double mse) {
        return mse > 0 ? -10 * Math.log10(mse) : Double.POSITIVE_INFINITY;
    }
}
