package org.interslice.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.resample.impl.Kernel;
import org.interslice.core.resample.impl.SeparableResampler;
import org.interslice.core.resample.impl.Store;
import org.interslice.core.resample.impl.WeightTable;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The separable nearest and linear kernels alone (no I/O, no start-up, the output allocated once): the
 * brain MR ch2 case of bench/resample-vs-itk.sh, 301 x 370 x 316 at 0.5 mm to 0.3 mm (502 x 617 x 527,
 * 163 M voxels), on random voxels of the input's type. Reported per call; divide the output bytes by it
 * for a throughput to set against memory bandwidth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseSerialGC"})
public class SeparableKernelsBench {
    @Param({"1", "2"})
    int threads;

    /** uint8 (ch2's type) by default; int16 (CT) with -p type=uint8,int16. */
    @Param({"uint8"})
    String type;

    @Param({"ch2"})
    String grid;

    Volume src, out, fill;
    WeightTable[] nearest, linear;
    Store store;
    Job job;

    @Setup(Level.Trial)
    public void setUp() {
        PixelType t = PixelType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        int[] n = {301, 370, 316};
        double ratio = 0.3 / 0.5;
        int[] m = {502, 617, 527};
        src = Volume.allocate(t, n[0], n[1], n[2], Geometry.identity());
        Random r = new Random(1);
        if (src.array() instanceof byte[] b) r.nextBytes(b);
        else for (int i = 0; i < src.voxelCount(); i++) src.set(i, r.nextInt(4000) - 1024);
        out = Volume.allocate(t, m[0], m[1], m[2], Geometry.identity());
        fill = Volume.allocate(t, 1, 1, 1, Geometry.identity());
        nearest = new WeightTable[3];
        linear = new WeightTable[3];
        for (int a = 0; a < 3; a++) {
            nearest[a] = WeightTable.build(m[a], 0, ratio, n[a], Kernel.nearest(), 0, Boundary.NEAREST, 0);
            linear[a] = WeightTable.build(m[a], 0, ratio, n[a], Kernel.linear(), 0, Boundary.NEAREST, 0);
        }
        store = new Store(0, false, 0, 255);
        job = Job.of(threads, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        job.close();
    }

    @Benchmark
    public Volume nearest() {
        SeparableResampler.nearest(src, nearest[0], nearest[1], nearest[2], out, fill, job);
        return out;
    }

    @Benchmark
    public Volume linear() {
        SeparableResampler.images(src, linear[0], linear[1], linear[2], out, store, job);
        return out;
    }

    /** The floor of any kernel: writing every output byte once (Arrays.fill over the output, split as the kernels split it). */
    @Benchmark
    public Volume fillOutput() {
        Object a = out.array();
        int slice = out.nx() * out.ny();
        job.forEachSlab(out.nz(), z -> {
            if (a instanceof byte[] b) java.util.Arrays.fill(b, z * slice, (z + 1) * slice, (byte) z);
            else java.util.Arrays.fill((short[]) a, z * slice, (z + 1) * slice, (short) z);
        });
        return out;
    }
}
