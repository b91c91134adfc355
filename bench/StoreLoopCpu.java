import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Which shapes of the linear kernel's blend-and-store loop (output = a * p + b * q, rounded half up into
 * uint8) the JIT makes fast: thread CPU time per voxel of each variant, on a plane the size of a band of
 * ch2 to 0.3 mm (502 x 617 / 4 floats), 2000 calls per round, 3 rounds (the first includes compilation).
 * Run it with the JDK under test (CI's is 17): {@code java bench/StoreLoopCpu.java}. Variants:
 * <ul>
 * <li>fused: PlaneBlend's loop, {@code (byte) (int) (a * p[i] + b * q[i] + HALF)};
 * <li>float then int row: the blend into an int row ({@code (int)} per voxel), then a narrowing loop;
 * <li>bits: rounding through the float's bits ({@code v + 2^23}, corrected to round half up), no float-to-int;
 * <li>fixed point: planes as ints scaled by 2^8, weights by 2^15, blend in int into a row, then a narrowing loop (values differ);
 * <li>float only / narrow only: the blend into a float row, and the int-to-byte loop, alone (their floors).
 * </ul>
 * Checks first that "bits" stores the same bytes as "fused" on 200 random weight pairs.
 */
public final class StoreLoopCpu {
    static final float H = 0.5f - 0x1p-25f;
    static final float M = 8388608f;

    static void fused(byte[] d, int o, float[] p, float a, float[] q, float b, int n) {
        for (int i = 0; i < n; i++) d[o + i] = (byte) (int) (a * p[i] + b * q[i] + H);
    }

    static void floatThenInt(byte[] d, int o, float[] p, float a, float[] q, float b, int n, int[] t) {
        for (int i = 0; i < n; i++) t[i] = (int) (a * p[i] + b * q[i] + H);
        for (int i = 0; i < n; i++) d[o + i] = (byte) t[i];
    }

    static void bits(byte[] d, int o, float[] p, float a, float[] q, float b, int n) {
        for (int i = 0; i < n; i++) {
            float u = a * p[i] + b * q[i] + H;
            float t = u + M;
            d[o + i] = (byte) (Float.floatToRawIntBits(t) - ((t - M) > u ? 1 : 0));
        }
    }

    static void fixedPoint(byte[] d, int o, int[] p, int a, int[] q, int b, int n, int[] t) {
        for (int i = 0; i < n; i++) t[i] = (a * p[i] + b * q[i] + (1 << 14)) >> 15;
        for (int i = 0; i < n; i++) d[o + i] = (byte) t[i];
    }

    static void floatOnly(float[] d, float[] p, float a, float[] q, float b, int n) {
        for (int i = 0; i < n; i++) d[i] = a * p[i] + b * q[i] + H;
    }

    static void narrowOnly(byte[] d, int o, int[] t, int n) {
        for (int i = 0; i < n; i++) d[o + i] = (byte) t[i];
    }

    public static void main(String[] args) {
        int n = 502 * 617 / 4, reps = 2000;
        float[] p = new float[n], q = new float[n], fd = new float[n];
        int[] pi = new int[n], qi = new int[n], t = new int[n];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            p[i] = r.nextInt(256 * 64) / 64f;
            q[i] = r.nextInt(256 * 64) / 64f;
            pi[i] = (int) (p[i] * 256);
            qi[i] = (int) (q[i] * 256);
        }
        byte[] d = new byte[8 * n], e = new byte[8 * n];
        Random w = new Random(2);
        for (int k = 0; k < 200; k++) {
            float a = w.nextFloat(), b = 1 - a;
            fused(d, 0, p, a, q, b, n);
            bits(e, 0, p, a, q, b, n);
            for (int i = 0; i < n; i++) if (d[i] != e[i]) throw new AssertionError("bits differs at " + i);
        }
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.println("ns per voxel: fused | float then int row | bits | fixed point | float only | narrow only");
        for (int round = 0; round < 3; round++) {
            long[] c = new long[7];
            c[0] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) fused(d, (k & 7) * n, p, 0.4f, q, 0.6f, n);
            c[1] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) floatThenInt(d, (k & 7) * n, p, 0.4f, q, 0.6f, n, t);
            c[2] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) bits(d, (k & 7) * n, p, 0.4f, q, 0.6f, n);
            c[3] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) fixedPoint(d, (k & 7) * n, pi, 13107, qi, 19661, n, t);
            c[4] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) floatOnly(fd, p, 0.4f, q, 0.6f, n);
            c[5] = tm.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) narrowOnly(d, (k & 7) * n, t, n);
            c[6] = tm.getCurrentThreadCpuTime();
            double v = (double) reps * n;
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 6; i++) s.append(String.format(java.util.Locale.ROOT, "%s%.3f", i == 0 ? "" : " | ", (c[i + 1] - c[i]) / v));
            System.out.println(s);
        }
        System.out.println("checksum " + (d[5] + t[3] + fd[2]));
    }
}
