import java.util.Arrays;
import java.util.Random;
import org.interslice.core.resample.Grid;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.spark.BlockResample;

/**
 * The copy alone of {@code BlockResample.StorageOrder.stored} (a block's voxels reordered into OME-Zarr's
 * L, P, S storage order before its chunks are written): the loop it replaced (one {@code Volume.get} and
 * {@code Volume.set} per voxel through long strides, kept here verbatim as "before") against the array copy
 * ("after"), on one default-size block (256 x 256 x 64) per storage order. Checks first that both give the
 * same voxels. Prints one line per case: order, type, before and after median ms of RUNS calls (after 5
 * warm-up calls each), their ratio.
 * Run with the spark and core classes: {@code java -cp ... bench/StoredCopyBench.java TYPE RUNS}.
 */
public final class StoredCopyBench {
    /** The loop of commit d5c28e2, verbatim but for the record's fields passed in. */
    static Volume before(Volume v, int[] axis, boolean[] flip) {
        int[] vn = v.dims(), sn = {vn[axis[0]], vn[axis[1]], vn[axis[2]]};
        long[] stride = {1, vn[0], (long) vn[0] * vn[1]};
        long base = 0;
        long[] step = new long[3];
        for (int a = 0; a < 3; a++) {
            int k = axis[a];
            step[a] = flip[a] ? -stride[k] : stride[k];
            if (flip[a]) base += (vn[k] - 1) * stride[k];
        }
        Volume out = Volume.allocate(v.type(), sn[0], sn[1], sn[2], Geometry.identity());
        int i = 0;
        for (int z = 0; z < sn[2]; z++)
            for (int y = 0; y < sn[1]; y++) {
                long row = base + z * step[2] + y * step[1];
                for (int x = 0; x < sn[0]; x++) out.set(i++, v.get((int) (row + x * step[0])));
            }
        return out;
    }

    public static void main(String[] args) {
        PixelType type = PixelType.valueOf(args[0]);
        int runs = Integer.parseInt(args[1]);
        // name, direction (row a: world axis a; column k: grid axis k)
        Object[][] orders = {
            {"z flipped (LPI): planes kept", new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}},
            {"y flipped (LAS): rows kept", new double[] {1, 0, 0, 0, -1, 0, 0, 0, 1}},
            {"x flipped (RPS): gather", new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1}},
            {"sagittal (x along P, y along I): gather", new double[] {0, 0, 1, 1, 0, 0, 0, -1, 0}},
        };
        int nx = 256, ny = 256, nz = 64;
        Volume v = Volume.allocate(type, nx, ny, nz, Geometry.identity());
        Random r = new Random(1);
        for (int i = 0; i < v.voxelCount(); i++) v.set(i, r.nextInt(1000));
        for (Object[] o : orders) {
            double[] d = (double[]) o[1];
            BlockResample.StorageOrder so = BlockResample.StorageOrder.of(new Grid(nx, ny, nz, Geometry.of(new double[] {1, 1, 1}, new double[3], d)));
            Volume a = before(v, so.axis(), so.flip()), b = so.stored(v);
            for (int i = 0; i < a.voxelCount(); i++) if (a.get(i) != b.get(i)) throw new AssertionError(o[0] + ": voxel " + i + " differs");
            for (int w = 0; w < 5; w++) { before(v, so.axis(), so.flip()); so.stored(v); }
            double[] tb = new double[runs], ta = new double[runs];
            for (int k = 0; k < runs; k++) {   // interleaved, so that a load change hits both
                long t0 = System.nanoTime();
                before(v, so.axis(), so.flip());
                long t1 = System.nanoTime();
                so.stored(v);
                long t2 = System.nanoTime();
                tb[k] = (t1 - t0) / 1e6;
                ta[k] = (t2 - t1) / 1e6;
            }
            double mb = median(tb), ma = median(ta);
            System.out.printf("| %s | %s | %.2f | %.2f | %.1f |%n", o[0], type, mb, ma, mb / ma);
        }
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
