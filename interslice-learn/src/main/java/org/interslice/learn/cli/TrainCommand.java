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

    @Option(names = "--max-factor", defaultValue = "4", description = "Largest drop factor sampled (default: ${DEFAULT-VALUE}).")
    int maxFactor;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate, cosine decay to a tenth (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "200", paramLabel = "N", description = "Validate and checkpoint every N steps (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--resume", paramLabel = "CKPT", description = "Continue from a checkpoint (or model) file.")
    Path resume;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr(), so = spec.commandLine().getOut();
        ConfigTrain c = new ConfigTrain();
        c.loss = SliceLoss.Kind.parse(loss);
        c.steps = steps;
        c.batch = batch;
        c.patch = patch;
        c.width = width;
        c.maxFactor = maxFactor;
        c.learningRate = lr;
        c.seed = seed;
        c.validateEvery = every;
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
        int threads = Runtime.getRuntime().availableProcessors();
        ProgressBar bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
        SliceTrainer.Result r;
        try {
            r = trainer.train(train, validation, describe, threads, new SliceTrainer.Listener() {
                @Override
                public void step(int step, int total, double runningLoss, double valPsnr) {
                    if (bar != null) {
                        bar.stepTo(step);
                        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, val PSNR %.2f dB", runningLoss, valPsnr));
                    }
                }

                @Override
                public void validated(int step, double valPsnr, double morphPsnr, SliceTrainer.Checkpoint ck) throws IOException {
                    write(step == steps ? out : checkpoint, ck);
                    if (bar == null) so.printf(Locale.ROOT, "step %d: validation PSNR %.2f dB (morph %.2f dB)%n", step, valPsnr, morphPsnr);
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
