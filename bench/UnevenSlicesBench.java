import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.Resampler;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.Formats;

/**
 * Resampling an unevenly spaced stack against an evenly spaced one of the same size, in one process
 * (JMH-style: warm-up runs, then the median of timed runs; one Job of 2 threads). Input: the phantom
 * 5 mm series (328x432x28 int16); "uneven" places its 28 slices at gaps cycling 1, 7, 3, 5, 2, 6, 4 mm
 * (GE-like thick-slice CT with varying gaps), "even" at the mean gap of the same span, so both give the
 * same output grid: isotropic at the in-plane spacing (0.451 mm). The last column forces the general
 * per-voxel path (what sheared or drifting uneven stacks and oblique outputs take). Run by
 * bench/uneven-slices.sh.
 *
 * usage: java -cp interslice.jar bench/UnevenSlicesBench.java SHARED_DATA [WARMUP RUNS]
 */
public class UnevenSlicesBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2, runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Volume v = Formats.read(data.resolve("ct-phantom/5mm"));
        Geometry g = v.geometry();
        double[] d = g.direction(), o = g.origin();
        double[] col0 = {d[0], d[3], d[6]}, col1 = {d[1], d[4], d[7]}, n = g.normal();
        int[] gaps = {1, 7, 3, 5, 2, 6, 4};
        double[] uneven = new double[3 * v.nz()], even = new double[3 * v.nz()];
        double z = 0;
        for (int k = 0; k < v.nz(); k++) {
            for (int a = 0; a < 3; a++) uneven[3 * k + a] = o[a] + z * n[a];
            z += gaps[k % gaps.length];
        }
        double span = z - gaps[(v.nz() - 1) % gaps.length];
        for (int k = 0; k < v.nz(); k++) for (int a = 0; a < 3; a++) even[3 * k + a] = o[a] + k * span / (v.nz() - 1) * n[a];
        double[] sxy = {g.spacing(0), g.spacing(1)};
        Volume ue = v.withGeometry(Geometry.ofSlices(sxy, col0, col1, uneven, 1, 1e-6));
        Volume ev = v.withGeometry(Geometry.ofSlices(sxy, col0, col1, even, 1, 1e-6));
        if (ue.geometry().uniformSlices() || !ev.geometry().uniformSlices()) throw new IllegalStateException("slice geometry not as intended");
        double s = g.spacing(0);
        Grid ge = Grid.of(ev).withSpacing(s, false), gu = Grid.of(ue).withSpacing(s, false);
        System.out.printf(Locale.ROOT, "# input %dx%dx%d, output %s (even) / %s (uneven), %d warm-up + %d timed runs, 2 threads%n",
                v.nx(), v.ny(), v.nz(), ge.describe(), gu.describe(), warmup, runs);
        System.out.println("| interp | even s | uneven s | uneven / even | uneven, general path s |");
        System.out.println("|---|---|---|---|---|");
        for (Interp interp : new Interp[] {Interp.NEAREST, Interp.LINEAR, Interp.BSPLINE}) {
            double te = median(ev, ge, interp, false, warmup, runs), tu = median(ue, gu, interp, false, warmup, runs);
            double tg = median(ue, gu, interp, true, warmup, runs);
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.3f |%n", interp.name().toLowerCase(Locale.ROOT), te, tu, tu / te, tg);
        }
    }

    /** Median seconds of resample(in, out); general: forceGeneralPath (per-voxel world-to-index, as oblique or sheared stacks take). */
    static double median(Volume in, Grid out, Interp interp, boolean general, int warmup, int runs) {
        ConfigResample c = new ConfigResample(interp);
        c.forceGeneralPath = general;
        Resampler r = new Resampler(c);
        double[] t = new double[runs];
        try (Job job = Job.of(2, null)) {
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                Volume res = r.resample(in, out, job);
                if (res.voxelCount() == 0) throw new IllegalStateException();
                if (i >= warmup) t[i - warmup] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(t);
        return runs % 2 == 1 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    }
}
