import java.nio.file.Path;
import org.interslice.core.block.Interval;
import org.interslice.io.Formats;
import org.interslice.io.OpenVolume;
import org.interslice.io.ReadOptions;

/**
 * Opens an image and reads one whole plane z (a region read), then plane z + 40 (other chunks, code now
 * compiled), printing both reads' milliseconds (open excluded) and the chunk depth the reader met; a fresh
 * process per run, so nothing is cached between runs.
 * usage: java -cp interslice.jar bench/ReadOnePlane.java IMAGE Z
 */
public class ReadOnePlane {
    public static void main(String[] a) {
        Path p = Path.of(a[0]);
        int z = Integer.parseInt(a[1]);
        try (OpenVolume o = Formats.open(p, ReadOptions.defaults())) {
            int nx = o.header().nx(), ny = o.header().ny();
            long t0 = System.nanoTime();
            double sum = 0;
            org.interslice.core.volume.Volume v = o.read(new Interval(0, 0, z, nx, ny, 1)).data();
            long t1 = System.nanoTime();
            org.interslice.core.volume.Volume w = o.read(new Interval(0, 0, z + 40, nx, ny, 1)).data();
            long t2 = System.nanoTime();
            for (int i = 0; i < v.voxelCount(); i++) sum += v.get(i) + w.get(i);
            System.out.printf(java.util.Locale.ROOT, "%.2f %.2f %d %.0f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, o.slabDepth(), sum);
        }
    }
}
