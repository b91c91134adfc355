package org.interslice.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.interslice.core.IntersliceException;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.CubicSynthesizer;
import org.interslice.core.synth.MorphSynthesizer;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.volume.FloatVolume;

/**
 * Slice synthesis by the learned {@link SliceNet}, refining {@code morph}: first {@link MorphSynthesizer}
 * (default settings) makes every target; then for each target between kept slices a and b at fraction t
 * the network reads p0, a, b, p3 (the two kept neighbours and the next ones out; the edge slice repeated at
 * the stack's ends), morph's slice and t (and, for a network of the current layout, {@link CubicSynthesizer}'s
 * slice and the gap 1/K, K - 1 being the number of targets strictly between a and b), in the stack's {@link Intensity} map, and its output, mapped back,
 * replaces morph's. t = 0 or 1 (a target on a kept slice) copies the kept slice; targets outside the kept
 * range repeat the edge slice, as the other methods do.
 *
 * <p>Slices are cut in tiles (cores of {@code tile} pixels plus a {@code halo}-pixel margin the network sees
 * but whose output is dropped), and {@code batch} targets of one tile go through the network at once.
 * The network runs on libtorch's intra-op threads (as many as the job's threads, {@link Engines}).
 */
public final class LearnedSynthesizer implements SliceSynthesizer {
    /** Bundled default model (class-path resource). */
    public static final String DEFAULT_MODEL = "/org/interslice/learn/default-model.zip";
    private static final Map<String, ModelFile.Loaded> CACHE = new ConcurrentHashMap<>();
    private static NDManager sharedManager;

    private final Path model;
    /** Tile core side in pixels (multiple of 4) and the margin on each side (multiple of 4). */
    public int tile = 256, halo = 24, batch = 4;
    /** Self-training steps when the option is given without a count. */
    public static final int SELF_TRAIN_STEPS = 200;
    /** Self-training: steps of fine-tuning on the scan itself before synthesis (0, the default: none). */
    public int selfTrainSteps = 0;
    /** Self-training: Adam learning rate (cosine decay to a tenth), patch side, loss, kept-plane profile, factor (0: the run's). */
    public float selfTrainRate = 5e-4f;
    public int selfTrainPatch = 64;
    public SliceLoss.Kind selfTrainLoss = SliceLoss.Kind.L1;
    public SelfPairs.Profile selfTrainProfile = SelfPairs.Profile.SLAB;
    public int selfTrainFactor = 0;
    /** The fine-tuned model and the stack it was tuned on (one synthesizer serves one run). */
    private ModelFile.Loaded tuned;
    private float[] tunedFor;
    /** Self-training outcome: first loss and running loss at the end (NaN before). */
    private double selfFirstLoss = Double.NaN, selfLastLoss = Double.NaN;

    /** The model file, or null for {@code -Dinterslice.learn.model}, {@code INTERSLICE_LEARN_MODEL} or the bundled one. */
    public LearnedSynthesizer(Path model) {
        this.model = model;
    }

    /** The name in reports: "learned", or the method spec with its options. */
    public String label = "learned";

    @Override
    public String name() {
        return label;
    }

    /** Morph's reach (its curvature term reads the cubic spline's), which covers the network's two slices on each side. */
    @Override
    public int reach() {
        // self-training learns from the whole scan, so it gets the whole stack
        return selfTrainSteps > 0 ? Integer.MAX_VALUE : Math.max(2, new MorphSynthesizer().reach());
    }

    /** Self-training losses {first step, running at the end}; NaN when it has not run. */
    public double[] selfTrainLosses() {
        return new double[] {selfFirstLoss, selfLastLoss};
    }

    /** The model path this synthesizer uses, null for the bundled model. */
    public Path modelPath() {
        if (model != null) return model;
        String p = System.getProperty("interslice.learn.model");
        if (p == null || p.isBlank()) p = System.getenv("INTERSLICE_LEARN_MODEL");
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    /** Loads (once per process and file) the model this synthesizer uses. */
    public ModelFile.Loaded load(int threads) {
        Engines.setUp(threads);
        Path p = modelPath();
        String key = p == null ? "bundled:" + DEFAULT_MODEL : p.toAbsolutePath().toString();
        return CACHE.computeIfAbsent(key, k -> {
            try (InputStream in = p == null ? LearnedSynthesizer.class.getResourceAsStream(DEFAULT_MODEL) : Files.newInputStream(p)) {
                if (in == null) throw new IllegalStateException("the bundled model " + DEFAULT_MODEL + " is missing from the class path");
                return ModelFile.read(in, manager());
            } catch (IOException e) {
                if (p == null) throw new IllegalStateException("the bundled model cannot be read: " + e, e);
                throw new IntersliceException(p, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        });
    }

    private static synchronized NDManager manager() {
        if (sharedManager == null) sharedManager = NDManager.newBaseManager();
        return sharedManager;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        // morph's slices: the network's starting point (and the copies of measured slices, the edges)
        new MorphSynthesizer().synthesize(kept, keptPositions, targets, out, job);
        if (tile % 4 != 0 || halo % 4 != 0 || tile < 4 || halo < 0 || batch < 1)
            throw new IllegalArgumentException("tile " + tile + " and halo " + halo + " must be multiples of 4, batch " + batch + " >= 1");
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final float[] src = kept.data(), dst = out.data();
        // copies and the list of targets the network makes
        int[] net = new int[targets.length];
        int[] lower = new int[targets.length];
        float[] frac = new float[targets.length];
        int count = 0;
        for (int s = 0; s < targets.length; s++) {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = Math.min((int) Math.floor(u), m - 2);
            float t = (float) (u - i);
            if (t <= 0f || t >= 1f) continue;   // morph copied the measured slice
            net[count] = s;
            lower[count] = i;
            frac[count] = t;
            count++;
        }
        if (count == 0) return;
        Intensity map = Intensity.of(src);
        ModelFile.Loaded loaded = selfTrainSteps > 0 ? selfTrained(kept, map, count, m, job) : load(job.threads());
        final int ch = loaded.net().channels();
        // the current layout also reads cubic's slice and the gap 1/K (K - 1 network targets between the two kept slices)
        final float[] cubic;
        final float[] gap = new float[count];
        if (ch > SliceNet.CHANNELS_V1) {
            FloatVolume c = FloatVolume.allocate(out.nx(), out.ny(), out.nz(), out.geometry());
            new CubicSynthesizer().synthesize(kept, keptPositions, targets, c, job);
            cubic = c.data();
            int[] perGap = new int[m];
            for (int q = 0; q < count; q++) perGap[lower[q]]++;
            for (int q = 0; q < count; q++) gap[q] = 1f / (perGap[lower[q]] + 1);
        } else {
            cubic = null;
        }
        int tilesX = (nx + tile - 1) / tile, tilesY = (ny + tile - 1) / tile;
        int batches = (count + batch - 1) / batch, items = tilesX * tilesY * batches;
        long total = (long) tilesX * tilesY * count;
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        // the network reads morph's slices around each tile core: a copy, so no tile reads another's output
        final float[] morph = java.util.Arrays.copyOf(dst, dst.length);
        final int[] nets = net, lowers = lower;
        final float[] fracs = frac;
        final int cnt = count;
        // one libtorch thread per work item, the items spread over the job's threads: the same arithmetic
        // whatever the thread count
        Engines.intraOpThreads(1);
        job.forEachSlab(items, item -> {
            int b = item % batches, tIndex = item / batches;
            int tx = tIndex % tilesX, ty = tIndex / tilesX;
            int cx0 = tx * tile, cx1 = Math.min(nx, cx0 + tile), cy0 = ty * tile, cy1 = Math.min(ny, cy0 + tile);
            int rx0 = Math.max(0, cx0 - halo), ry0 = Math.max(0, cy0 - halo);
            int rx1 = Math.min(nx, cx1 + halo), ry1 = Math.min(ny, cy1 + halo);
            int w = (rx1 - rx0 + 3) / 4 * 4, h = (ry1 - ry0 + 3) / 4 * 4;
            int tplane = w * h;
            int first = b * batch, n = Math.min(batch, cnt - first);
            float[] in = new float[n * ch * tplane];
            for (int q = 0; q < n; q++) {
                int i = lowers[first + q];
                int[] slices = {Math.max(i - 1, 0), i, i + 1, Math.min(i + 2, m - 1)};
                if (i - 1 < 0) slices[0] = i;
                if (i + 2 > m - 1) slices[3] = i + 1;
                int base = q * ch * tplane;
                for (int c = 0; c < 4; c++)
                    fillTile(src, slices[c] * plane, nx, rx0, ry0, rx1, ry1, w, h, map, in, base + c * tplane);
                fillTile(morph, nets[first + q] * plane, nx, rx0, ry0, rx1, ry1, w, h, map, in, base + 4 * tplane);
                java.util.Arrays.fill(in, base + 5 * tplane, base + 6 * tplane, fracs[first + q]);
                if (ch > SliceNet.CHANNELS_V1) {
                    fillTile(cubic, nets[first + q] * plane, nx, rx0, ry0, rx1, ry1, w, h, map, in, base + 6 * tplane);
                    java.util.Arrays.fill(in, base + 7 * tplane, base + 8 * tplane, gap[first + q]);
                }
            }
            float[] pred;
            try (NDManager sub = manager().newSubManager()) {
                NDArray x = sub.create(in, new Shape(n, ch, h, w));
                NDArray y = loaded.net().forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
                pred = y.toFloatArray();
            }
            for (int q = 0; q < n; q++) {
                int o = nets[first + q] * plane, pb = q * tplane;
                for (int y = cy0; y < cy1; y++) {
                    int row = pb + (y - ry0) * w - rx0, orow = o + y * nx;
                    for (int x = cx0; x < cx1; x++) dst[orow + x] = map.back(pred[row + x]);
                }
            }
            job.report("learned", done.addAndGet(n), total);
        });
    }

    /**
     * The model fine-tuned on this stack ({@link SelfPairs}: its in-plane axes degraded by the run's factor,
     * the number of targets per gap + 1 unless {@link #selfTrainFactor} is set), made on the first call and
     * kept for later calls with the same stack.
     */
    private synchronized ModelFile.Loaded selfTrained(FloatVolume kept, Intensity map, int targets, int m, Job job) {
        if (tuned != null && tunedFor == kept.data()) return tuned;
        ModelFile.Loaded base = load(job.threads());
        int factor = selfTrainFactor > 0 ? selfTrainFactor : Math.max(2, (int) Math.round((double) targets / (m - 1)) + 1);
        ConfigTrain c = new ConfigTrain();
        c.steps = selfTrainSteps;
        c.validateEvery = selfTrainSteps;
        c.learningRate = selfTrainRate;
        c.loss = selfTrainLoss;
        c.patch = selfTrainPatch;
        c.width = base.net().width();
        byte[][] out = {null};
        double[] first = {Double.NaN}, last = {Double.NaN};
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            ModelFile.write(base.net(), base.props(), bytes);
            SelfPairs pairs = new SelfPairs(kept, map, factor, selfTrainPatch, selfTrainProfile, c.seed);
            java.util.Properties describe = new java.util.Properties();
            describe.putAll(base.props());
            describe.setProperty("selfTrain", selfTrainSteps + " steps, factor " + factor + ", " + selfTrainProfile.name().toLowerCase(java.util.Locale.ROOT));
            new SliceTrainer(c).fineTune(bytes.toByteArray()).train(pairs, null, describe, job.threads(), new SliceTrainer.Listener() {
                @Override
                public void step(int step, int total, double loss, double running, double valPsnr) {
                    job.checkCancelled();
                    if (Double.isNaN(first[0])) first[0] = loss;
                    last[0] = running;
                    job.report("self-train", step, total);
                }

                @Override
                public void validated(int step, double valPsnr, double morphPsnr, SliceTrainer.Checkpoint ck) throws IOException {
                    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
                    ck.writeTo(o);
                    out[0] = o.toByteArray();
                }
            });
            tuned = ModelFile.read(new java.io.ByteArrayInputStream(out[0]), manager());
        } catch (IOException e) {
            throw new IllegalStateException("self-training: the model could not be copied: " + e, e);
        }
        tunedFor = kept.data();
        selfFirstLoss = first[0];
        selfLastLoss = last[0];
        return tuned;
    }

    /** Region [rx0, rx1) x [ry0, ry1) of one slice, normalised, into a w x h tile (edges repeated to fill). */
    private static void fillTile(float[] src, int off, int nx, int rx0, int ry0, int rx1, int ry1, int w, int h,
                                 Intensity map, float[] dst, int to) {
        int rw = rx1 - rx0;
        for (int y = 0; y < h; y++) {
            int sy = Math.min(ry0 + y, ry1 - 1);
            int row = to + y * w;
            map.forward(src, off + sy * nx + rx0, dst, row, rw);
            float edge = dst[row + rw - 1];
            for (int x = rw; x < w; x++) dst[row + x] = edge;
        }
    }
}
