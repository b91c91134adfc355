package org.interslice.learn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.interslice.io.AtomicFiles;
import org.interslice.io.Formats;
import org.interslice.learn.ConfigTrain;
import org.interslice.learn.PairSampler;
import org.interslice.learn.SliceLoss;
import org.interslice.learn.SliceNet;
import org.interslice.learn.SliceTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interslice train}: trains the {@code learned} method's network on drop-and-reconstruct pairs cut
 * from thin-slice volumes. Parses the options into a {@link ConfigTrain}, reads the volumes, calls
 * {@link SliceTrainer} and prints progress and the scores.
 */
@Command(name = "train", mixinStandardHelpOptions = true, version = "interslice 0.1.0", sortOptions = false,
        description = {"Train the network of --method learned on drop-and-reconstruct pairs: slices are dropped from thin-slice "
                + "volumes (along every axis the volume allows, factors 2..--max-factor) and the network learns to rebuild them "
                + "from the measured neighbours. Validation volumes are never trained on (a volume-level split).",
                "Every --checkpoint-every steps OUT.checkpoint.zip is written (continue with --resume); OUT is written at the end. "
                + "Use the model with INTERSLICE_LEARN_MODEL=OUT (or -Dinterslice.learn.model=OUT)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", arity = "1..*", required = true, paramLabel = "VOL", description = "Training volumes (files or folders).")
    List<Path> data;

    @Option(names = "--val", arity = "1..*", required = true, paramLabel = "VOL", description = "Validation volumes, not trained on.")
    List<Path> val;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write (.zip).")
    Path out;

    @Option(names = "--loss", defaultValue = "msssim+l1", paramLabel = "LOSS", description = "l1, mse, ssim, msssim or msssim+l1 (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--steps", defaultValue = "2000", description = "Optimiser steps in all (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "4", description = "Patches per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--patch", defaultValue = "64", description = "Patch side in pixels, a multiple of 4 (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--width", defaultValue = "16", description = "Network width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--head", defaultValue = "residual", paramLabel = "HEAD", description = "residual: the output corrects morph's slice; "
            + "blend: it weighs the step from morph's slice towards cubic's, pixel by pixel (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--max-factor", defaultValue = "4", description = "Largest drop factor sampled (default: ${DEFAULT-VALUE}).")
    int maxFactor;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate, cosine decay to a tenth (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "200", paramLabel = "N", description = "Validate and checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--pool", defaultValue = "0", paramLabel = "N", description = "Draw N samples once and cycle through them (0, the default: fresh samples every step).")
    int pool;

    @Option(names = "--stop-after", defaultValue = "0", paramLabel = "N", description = "Stop after step N (the learning-rate schedule still spans --steps; 0, the default: run to --steps).")
    int stopAfter;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue from a checkpoint (or model) file.")
    Path resume;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Threads for libtorch and for making the training slices "
            + "(0, the default: every core; 1 is faster when other processes share the cores, as libtorch's threads then wait on each other).")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr(), so = spec.commandLine().getOut();
        ConfigTrain c = new ConfigTrain();
        c.loss = SliceLoss.Kind.parse(loss);
        c.steps = steps;
        c.batch = batch;
        c.patch = patch;
        c.width = width;
        try {
            c.head = SliceNet.Head.valueOf(head.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--head '" + head + "' is neither residual nor blend");
        }
        c.maxFactor = maxFactor;
        c.learningRate = lr;
        c.seed = seed;
        c.validateEvery = every;
        c.pool = pool;
        c.stopAfter = stopAfter;
        c.check();
        for (Path v : val) for (Path d : data)
            if (v.toAbsolutePath().normalize().equals(d.toAbsolutePath().normalize()))
                throw new IllegalArgumentException(v + " is both a training and a validation volume");
        List<PairSampler.Source> train = read(data), validation = read(val);
        SliceTrainer trainer = new SliceTrainer(c);
        if (resume != null) {
            try (InputStream in = Files.newInputStream(resume)) {
                trainer.resume(in);
            }
        }
        Properties describe = new Properties();
        describe.setProperty("trainData", names(data));
        describe.setProperty("validationData", names(val));
        describe.setProperty("steps", Integer.toString(steps));
        Path checkpoint = out.resolveSibling(out.getFileName() + ".checkpoint.zip");
        if (threads < 0) throw new IllegalArgumentException("--threads " + threads + " < 0");
        int threads = this.threads > 0 ? this.threads : Runtime.getRuntime().availableProcessors();
        ProgressBar bar = !showProgress() ? null : new ProgressBarBuilder().setTaskName("train").setInitialMax(c.lastStep())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
        SliceTrainer.Result r;
        long started = System.nanoTime();
        try {
            r = trainer.train(train, validation, describe, threads, new SliceTrainer.Listener() {
                @Override
                public void step(int step, int total, double loss, double runningLoss, double valPsnr) {
                    if (bar != null) {
                        bar.stepTo(step);
                        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, val PSNR %.2f dB", runningLoss, valPsnr));
                    }
                }

                @Override
                public void validated(int step, double valPsnr, double morphPsnr, SliceTrainer.Checkpoint ck) throws IOException {
                    write(step == c.lastStep() ? out : checkpoint, ck);
                    if (bar == null && !flag("--quiet")) so.printf(Locale.ROOT, "step %d (%.0f s): validation PSNR %.3f dB (morph %.3f dB)%n", step,
                            (System.nanoTime() - started) / 1e9, valPsnr, morphPsnr);
                }
            });
        } finally {
            if (bar != null) bar.close();
        }
        so.printf(Locale.ROOT, "trained %d steps (%s, %d parameters): loss %.4f -> %.4f (running), validation PSNR %.2f dB vs morph %.2f dB; wrote %s%n",
                r.steps(), c.loss.label, r.parameters(), r.firstLoss(), r.lastRunningLoss(), r.valPsnr(), r.morphPsnr(), out);
        if (!r.finite()) err.println("warning: the loss was not finite at some step");
        return 0;
    }

    /** The bar follows the CLI's inherited --quiet and --progress options: on a terminal, or with --progress. */
    private boolean showProgress() {
        boolean q = flag("--quiet"), p = flag("--progress");
        return !q && (p || System.console() != null);
    }

    private boolean flag(String name) {
        picocli.CommandLine.Model.OptionSpec o = spec.findOption(name);
        return o != null && Boolean.TRUE.equals(o.getValue());
    }

    private static void write(Path target, SliceTrainer.Checkpoint ck) throws IOException {
        try (AtomicFiles files = new AtomicFiles()) {
            try (OutputStream o = files.open(target)) {
                ck.writeTo(o);
            }
            files.commit();
        }
    }

    private static List<PairSampler.Source> read(List<Path> paths) {
        List<PairSampler.Source> s = new ArrayList<>();
        for (Path p : paths) s.add(PairSampler.Source.of(p.getFileName().toString(), Formats.read(p).toFloat()));
        return s;
    }

    private static String names(List<Path> paths) {
        List<String> n = new ArrayList<>();
        for (Path p : paths) n.add(p.toString());
        return String.join(" ", n);
    }
}
