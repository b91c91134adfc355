import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.interslice.core.exec.Job;
import org.interslice.core.gaps.ConfigZMorph;
import org.interslice.core.gaps.GapMethod;
import org.interslice.core.gaps.ZMorph;
import org.interslice.core.metrics.Metrics;
import org.interslice.core.register.Affine2D;
import org.interslice.core.register.Warp;
import org.interslice.core.volume.FloatVolume;
import org.interslice.io.Formats;

/**
 * Quality of zmorph (and morph) against the average and weighted baselines on real anatomy (issue 16 item 8). Each trial
 * cuts three consecutive sections of S planes (S uniform in 8..16) from a volume's z axis, gives every
 * section its own random in-plane affine drift about the plane centre (rotation up to 3 degrees, shift up
 * to 5 px per axis, isotropic scale within 2%), drops the middle one and reconstructs its S planes from
 * the other two with each method (default settings). Scores against the dropped, drifted planes with the
 * project's metrics: PSNR over the whole section (data range of the truth) and SSIM per plane (mean). A
 * second model ("smooth drift") gives the dropped section the drift halfway between its neighbours'
 * (drifts that change slowly from section to section). Unrelated neighbours: the before section from the
 * brain MR, the after section from the head CT (central crop to the MR's plane size): zmorph must skip.
 * Run by bench/zmorph-quality.sh.
 *
 * usage: java -cp interslice.jar bench/ZMorphQualityBench.java SHARED_DATA TRIALS_PER_VOLUME SEED
 */
public class ZMorphQualityBench {
    record Vol(String name, FloatVolume v) {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int trials = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        List<Vol> vols = List.of(
                new Vol("brain MR (ch2 0.5 mm, 301x370)", Formats.read(data.resolve("mr-brain/ch2.nii.gz")).toFloat()),
                new Vol("head CT (210x241)", Formats.read(data.resolve("ct-head/head.nii.gz")).toFloat()),
                new Vol("mouse brain STP (271x193)", Formats.read(data.resolve("microscopy/mouse-brain-stp")).toFloat()));
        StringBuilder md = new StringBuilder();
        md.append("| volume | drift model | trials | zmorph filled | PSNR zmorph / morph / average / weighted | SSIM zmorph / morph / average / weighted "
                + "| zmorph beats both baselines (PSNR, SSIM) | morph beats both baselines (PSNR, SSIM) |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        Map<String, Integer> reasons = new LinkedHashMap<>();
        try (Job job = Job.of(Math.max(1, Runtime.getRuntime().availableProcessors()), null)) {
            for (boolean smooth : new boolean[] {false, true}) {
                for (Vol vol : vols) {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    double[][] sum = new double[4][2];
                    int filled = 0;
                    int[][] wins = new int[2][2];
                    for (int t = 0; t < trials; t++) {
                        double[][] r = trial(vol.v(), rnd, smooth, job, reasons);
                        if (r == null) continue;
                        filled++;
                        for (int m = 0; m < 4; m++) {
                            sum[m][0] += r[m][0];
                            sum[m][1] += r[m][1];
                        }
                        for (int m = 0; m < 2; m++)
                            for (int q = 0; q < 2; q++) if (r[m][q] > r[2][q] && r[m][q] > r[3][q]) wins[m][q]++;
                    }
                    int f = Math.max(1, filled);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f / %.2f / %.2f / %.2f | %.4f / %.4f / %.4f / %.4f | %d, %d of %d | %d, %d of %d |%n",
                            vol.name(), smooth ? "smooth" : "independent", trials, filled, sum[0][0] / f, sum[1][0] / f, sum[2][0] / f, sum[3][0] / f,
                            sum[0][1] / f, sum[1][1] / f, sum[2][1] / f, sum[3][1] / f, wins[0][0], wins[0][1], filled, wins[1][0], wins[1][1], filled));
                    System.err.println("done: " + vol.name() + (smooth ? " smooth" : " independent"));
                }
            }
            // unrelated neighbours: MR before, CT after
            SplittableRandom rnd = new SplittableRandom(seed + 1);
            FloatVolume mr = vols.get(0).v(), ct = vols.get(1).v();
            int nx = Math.min(mr.nx(), ct.nx()), ny = Math.min(mr.ny(), ct.ny()), n = nx * ny, skipped = 0;
            Map<String, Integer> why = new LinkedHashMap<>();
            for (int t = 0; t < trials; t++) {
                int s = 8 + rnd.nextInt(9);
                int zb = rnd.nextInt(mr.nz() - s + 1), za = rnd.nextInt(ct.nz() - s + 1);
                float[][] before = new float[s][n], after = new float[s][n];
                for (int k = 0; k < s; k++) {
                    crop(mr, zb + k, nx, ny, before[k]);
                    crop(ct, za + k, nx, ny, after[k]);
                }
                ZMorph.Outcome o = ZMorph.reconstruct(before, after, nx, ny, s, new ConfigZMorph(), job);
                if (!o.ok()) {
                    skipped++;
                    why.merge(o.failureReason(), 1, Integer::sum);
                }
            }
            md.append(String.format(Locale.ROOT, "%nUnrelated neighbours (MR section before, CT section after, both cropped to their common central plane size): %d of %d trials hard-skipped by zmorph (%s).%n",
                    skipped, trials, why));
            md.append(String.format(Locale.ROOT, "Related trials skipped by zmorph, by reason: %s.%n", reasons));
        }
        System.out.print(md);
    }

    /** One trial: {method}{PSNR, SSIM} for zmorph, morph, average, weighted; null when zmorph skipped (morph has the same gates). */
    static double[][] trial(FloatVolume v, SplittableRandom rnd, boolean smooth, Job job, Map<String, Integer> reasons) {
        int nx = v.nx(), ny = v.ny(), n = nx * ny;
        int s = 8 + rnd.nextInt(9);
        int z0 = rnd.nextInt(v.nz() - 3 * s + 1);
        double[][] drift = {drift(rnd, nx, ny), null, drift(rnd, nx, ny)};
        drift[1] = smooth ? Affine2D.multiply(Affine2D.power(drift[0], 0.5), Affine2D.power(drift[2], 0.5)) : drift(rnd, nx, ny);
        float[][][] sec = new float[3][s][n];
        float[] plane = new float[n];
        for (int q = 0; q < 3; q++) {
            for (int k = 0; k < s; k++) {
                System.arraycopy(v.data(), (z0 + q * s + k) * n, plane, 0, n);
                Warp.affine(plane, nx, ny, drift[q], sec[q][k], null);
            }
        }
        float[] truth = new float[s * n];
        for (int k = 0; k < s; k++) System.arraycopy(sec[1][k], 0, truth, k * n, n);
        double range = Metrics.dataRange(truth);
        GapMethod[] methods = {GapMethod.ZMORPH, GapMethod.MORPH, GapMethod.AVERAGE, GapMethod.WEIGHTED};
        double[][] out = new double[methods.length][];
        for (int m = 0; m < methods.length; m++) {
            ConfigZMorph c = new ConfigZMorph();
            c.method = methods[m];
            ZMorph.Outcome o = ZMorph.reconstruct(sec[0], sec[2], nx, ny, s, c, job);
            if (!o.ok()) {
                reasons.merge(o.failureReason(), 1, Integer::sum);
                return null;
            }
            float[] test = new float[s * n];
            double ssim = 0;
            for (int k = 0; k < s; k++) {
                System.arraycopy(o.planes()[k], 0, test, k * n, n);
                ssim += Metrics.ssim(sec[1][k], o.planes()[k], nx, ny, null, range);
            }
            out[m] = new double[] {Metrics.psnr(truth, test, null, range), ssim / s};
        }
        return out;
    }

    /** The central nx x ny crop of plane z. */
    static void crop(FloatVolume v, int z, int nx, int ny, float[] out) {
        int ox = (v.nx() - nx) / 2, oy = (v.ny() - ny) / 2;
        for (int y = 0; y < ny; y++) System.arraycopy(v.data(), z * v.nx() * v.ny() + (oy + y) * v.nx() + ox, out, y * nx, nx);
    }

    /** A random drift: rotation up to 3 degrees, shift up to 5 px per axis, scale within 2%, about the centre. */
    static double[] drift(SplittableRandom rnd, int nx, int ny) {
        double a = Math.toRadians(rnd.nextDouble(-3, 3)), sc = rnd.nextDouble(0.98, 1.02);
        double c = Math.cos(a) * sc, s = Math.sin(a) * sc;
        return Affine2D.about(new double[] {c, -s, s, c}, (nx - 1) / 2.0, (ny - 1) / 2.0, rnd.nextDouble(-5, 5), rnd.nextDouble(-5, 5));
    }
}
