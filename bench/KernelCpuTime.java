import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.resample.impl.Kernel;
import org.interslice.core.resample.impl.SeparableResampler;
import org.interslice.core.resample.impl.Store;
import org.interslice.core.resample.impl.WeightTable;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;

/**
 * CPU time of the separable kernels alone, the measure a shared machine disturbs least (JMH reports wall
 * time): the grid of interslice-bench's SeparableKernelsBench (ch2, 301 x 370 x 316 to 502 x 617 x 527), on a
 * smooth input of one sign like a scan (a random walk, seed 1). With one thread, the calling thread's CPU
 * time; with more, the process's (every worker's) CPU time; best of the runs after a warm-up.
 *
 * <p>usage: {@code java -cp interslice-core.jar bench/KernelCpuTime.java KERNEL TYPE THREADS RUNS}
 * (KERNEL linear or nearest, TYPE uint8 or int16); prints one line "KERNEL TYPE THREADS cpu_ms wall_ms checksum".
 */
public final class KernelCpuTime {

    public static void main(String[] args) {
        String kernel = args[0];
        PixelType t = PixelType.valueOf(args[1].toUpperCase(Locale.ROOT));
        int threads = Integer.parseInt(args[2]), runs = Integer.parseInt(args[3]);
        int[] n = {301, 370, 316}, m = {502, 617, 527};
        Volume src = Volume.allocate(t, n[0], n[1], n[2], Geometry.identity());
        Random r = new Random(1);
        int top = t == PixelType.UINT8 ? 255 : 3000, v = 100;
        for (int i = 0; i < src.voxelCount(); i++) {
            v = Math.max(0, Math.min(top, v + r.nextInt(9) - 4));
            src.set(i, t == PixelType.UINT8 ? v : v - 1024);
        }
        Volume out = Volume.allocate(t, m[0], m[1], m[2], Geometry.identity());
        Volume fill = Volume.allocate(t, 1, 1, 1, Geometry.identity());
        boolean nearest = kernel.equals("nearest");
        WeightTable[] w = new WeightTable[3];
        for (int a = 0; a < 3; a++) w[a] = WeightTable.build(m[a], 0, 0.6, n[a], nearest ? Kernel.nearest() : Kernel.linear(), 0, Boundary.NEAREST, 0);
        Store store = new Store(0, false, 0, 0);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long bestCpu = Long.MAX_VALUE, bestWall = Long.MAX_VALUE;
        try (Job job = threads == 1 ? Job.serial() : Job.of(threads, null)) {
            for (int i = 0; i < runs + 2; i++) {
                long c0 = threads == 1 ? tm.getCurrentThreadCpuTime() : os.getProcessCpuTime(), w0 = System.nanoTime();
                if (nearest) SeparableResampler.nearest(src, w[0], w[1], w[2], out, fill, job);
                else SeparableResampler.images(src, w[0], w[1], w[2], out, store, job);
                long w1 = System.nanoTime(), c1 = threads == 1 ? tm.getCurrentThreadCpuTime() : os.getProcessCpuTime();
                if (i < 2) continue;   // warm-up
                bestCpu = Math.min(bestCpu, c1 - c0);
                bestWall = Math.min(bestWall, w1 - w0);
            }
        }
        long sum = 0;
        for (int i = 0; i < out.voxelCount(); i += 7) sum = sum * 31 + (long) out.get(i);
        System.out.printf(Locale.ROOT, "%s %s %d %.0f %.0f %016x%n", kernel, args[1], threads, bestCpu / 1e6, bestWall / 1e6, sum);
    }
}
