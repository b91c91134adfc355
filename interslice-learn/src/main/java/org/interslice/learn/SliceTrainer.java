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
        /** After every step: its loss, the running (exponential average) loss and the last validation PSNR (NaN before the first). */
        void step(int step, int total, double loss, double runningLoss, double valPsnr);

        /** At a validation point: the scores and a writer of the checkpoint. */
        void validated(int step, double valPsnr, double morphPsnr, Checkpoint checkpoint) throws IOException;
    }

    /** Writes the current model as a model file. */
    public interface Checkpoint {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where training samples come from: inputs n x {@link SliceNet#CHANNELS} x height x width and truth n x 1 x height x width, normalised. */
    public interface Samples {
        int height();

        int width();

        /** Fills inputs and truth with n new samples (work may run on the job's threads). */
        void next(int n, float[] inputs, float[] truth, Job job);
    }

    /** The run's outcome. */
    public record Result(int steps, double firstLoss, double lastRunningLoss, double valPsnr, double morphPsnr, boolean finite, long parameters) {
    }

    private final ConfigTrain config;
    private byte[] resumeModel;
    private boolean restartSteps;

    public SliceTrainer(ConfigTrain config) {
        config.check();
        this.config = config;
    }

    /** Starts from this model file (a checkpoint) instead of a fresh network. */
    public SliceTrainer resume(InputStream model) throws IOException {
        resumeModel = model.readAllBytes();
        return this;
    }

    /** Starts from this model's parameters but counts steps from 0 (fine-tuning a trained model). */
    public SliceTrainer fineTune(byte[] model) {
        resumeModel = model.clone();
        restartSteps = true;
        return this;
    }

    /**
     * Trains. {@code threads}: libtorch intra-op threads. {@code describe}: properties recorded in every
     * written model (data, command).
     */
    public Result train(List<PairSampler.Source> train, List<PairSampler.Source> validation, Properties describe,
                        int threads, Listener listener) throws IOException {
        Engines.setUp(threads);
        long startStep = 0;
        if (resumeModel != null && !restartSteps) {
            try (NDManager m = NDManager.newBaseManager()) {
                startStep = ModelFile.read(new java.io.ByteArrayInputStream(resumeModel), m).step();
            }
        }
        PairSampler sampler = new PairSampler(train, config.patch, config.maxFactor, config.seed + startStep);
        PairSampler val = new PairSampler(validation, config.patch, config.maxFactor, config.seed ^ 0x5EEDL);
        return train(sampler, val, describe, threads, listener);
    }

    /**
     * Trains on these samples; {@code validation} (null: none, the scores are NaN) gives the fixed
     * validation patches (drawn once, {@link ConfigTrain#validationPatches} of them).
     */
    public Result train(Samples sampler, Samples validation, Properties describe, int threads, Listener listener) throws IOException {
        Engines.setUp(threads);
        Engine.getInstance().setRandomSeed((int) config.seed);
        Engines.intraOpThreads(threads);
        int b = config.batch, ph = sampler.height(), pw = sampler.width(), pp = ph * pw;
        try (Job job = Job.of(threads, null); Model model = Model.newInstance("slicenet")) {
            SliceNet net;
            int start = 0;
            if (resumeModel != null) {
                ModelFile.Loaded loaded = ModelFile.read(new java.io.ByteArrayInputStream(resumeModel), model.getNDManager());
                net = loaded.net();
                start = restartSteps ? 0 : loaded.step();
                if (net.width() != config.width)
                    throw new IllegalArgumentException("checkpoint width " + net.width() + " differs from width " + config.width);
            } else {
                net = new SliceNet(config.width, SliceNet.CHANNELS, config.head);
            }
            model.setBlock(net);
            SliceLoss loss = new SliceLoss(config.loss);
            Tracker lr = Tracker.cosine().setBaseValue(config.learningRate).optFinalValue(config.learningRate / 10)
                    .setMaxUpdates(Math.max(1, config.steps - start)).build();
            java.util.List<Parameter> head = net.headParameters();
            DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                    .optInitializer(new ai.djl.training.initializer.NormalInitializer(1e-3f), head::contains);
            try (Trainer trainer = model.newTrainer(tc)) {
                // samplers fill every channel of the current layout; a network of an older layout reads the first ones
                final int ch = net.channels();
                if (resumeModel == null) trainer.initialize(new Shape(b, ch, ph, pw));
                else for (Parameter par : net.getParameters().values()) par.getArray().setRequiresGradient(true);
                int nv = validation == null ? 0 : config.validationPatches;
                int vh = validation == null ? ph : validation.height(), vw = validation == null ? pw : validation.width();
                float[] vin = new float[nv * SliceNet.CHANNELS * vh * vw], vtruth = new float[nv * vh * vw];
                if (validation != null) validation.next(nv, vin, vtruth, job);
                narrow(vin, nv, vh * vw, ch);
                double morphPsnr = nv == 0 ? Double.NaN : morphPsnr(vin, vtruth, nv, vh * vw, ch);
                float[] in = new float[b * SliceNet.CHANNELS * pp], truth = new float[b * pp];
                int pool = config.pool;
                float[] poolIn = null, poolTruth = null;
                if (pool > 0) {
                    poolIn = new float[pool * SliceNet.CHANNELS * pp];
                    poolTruth = new float[pool * pp];
                    sampler.next(pool, poolIn, poolTruth, job);
                    narrow(poolIn, pool, pp, ch);
                }
                double running = Double.NaN, first = Double.NaN, valPsnr = Double.NaN;
                boolean finite = true;
                for (int step = start + 1, end = config.lastStep(); step <= end; step++) {
                    if (pool == 0) {
                        sampler.next(b, in, truth, job);
                        narrow(in, b, pp, ch);
                    } else for (int q = 0; q < b; q++) {
                        int from = (int) (((long) (step - 1) * b + q) % pool);
                        System.arraycopy(poolIn, from * ch * pp, in, q * ch * pp, ch * pp);
                        System.arraycopy(poolTruth, from * pp, truth, q * pp, pp);
                    }
                    double value;
                    try (NDManager sub = trainer.getManager().newSubManager()) {
                        NDArray x = sub.create(ch == SliceNet.CHANNELS ? in : java.util.Arrays.copyOf(in, b * ch * pp), new Shape(b, ch, ph, pw));
                        NDArray y = sub.create(truth, new Shape(b, 1, ph, pw));
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
                    if (step % config.validateEvery == 0 || step == end) {
                        valPsnr = nv == 0 ? Double.NaN : validate(net, trainer.getManager(), vin, vtruth, nv, vh, vw, ch);
                        final int at = step;
                        final double score = valPsnr, lin = morphPsnr;
                        Properties props = new Properties();
                        props.putAll(describe);
                        props.setProperty("step", Integer.toString(at));
                        props.setProperty("loss", config.loss.label);
                        props.setProperty("seed", Long.toString(config.seed));
                        props.setProperty("batch", Integer.toString(b));
                        props.setProperty("patch", ph == pw ? Integer.toString(ph) : ph + "x" + pw);
                        props.setProperty("maxFactor", Integer.toString(config.maxFactor));
                        props.setProperty("validationPsnr", String.format(java.util.Locale.ROOT, "%.3f", score));
                        props.setProperty("validationMorphPsnr", String.format(java.util.Locale.ROOT, "%.3f", lin));
                        listener.validated(at, score, lin, out -> ModelFile.write(net, props, out));
                    }
                    listener.step(step, config.steps, value, running, valPsnr);
                }
                return new Result(Math.max(0, config.lastStep() - start), first, running, valPsnr, morphPsnr, finite, net.parameterCount());
            }
        }
    }

    /**
     * Keeps the first ch of the {@link SliceNet#CHANNELS} channels of each of n samples (pp values per
     * channel), packed at the start of the array (in place: every sample moves towards the front).
     */
    static void narrow(float[] in, int n, int pp, int ch) {
        if (ch == SliceNet.CHANNELS) return;
        for (int q = 0; q < n; q++) System.arraycopy(in, q * SliceNet.CHANNELS * pp, in, q * ch * pp, ch * pp);
    }

    private static double validate(SliceNet net, NDManager manager, float[] vin, float[] vtruth, int nv, int h, int w, int ch) {
        int pp = h * w;
        double se = 0;
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
        for (int first = 0; first < nv; first += 8) {
            int n = Math.min(8, nv - first);
            try (NDManager sub = manager.newSubManager()) {
                float[] chunk = java.util.Arrays.copyOfRange(vin, first * ch * pp, (first + n) * ch * pp);
                NDArray x = sub.create(chunk, new Shape(n, ch, h, w));
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
    private static double morphPsnr(float[] vin, float[] vtruth, int nv, int pp, int ch) {
        double se = 0;
        for (int q = 0; q < nv; q++) {
            int base = q * ch * pp + 4 * pp;
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
