import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;
import org.interslice.io.zarr.ZarrChunkWriter;

/**
 * Writes a generated uint16 OME-Zarr volume of any size in constant memory (one 64-slice row of chunks per
 * thread at a time), for block-mode runs on inputs larger than the heap: smooth structures (spheres and
 * waves) plus noise, so that chunks do not compress to nothing.
 * usage: java -cp interslice.jar bench/MakeBigZarr.java OUT.ome.zarr NX NY NZ
 */
public class MakeBigZarr {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        int nx = Integer.parseInt(a[1]), ny = Integer.parseInt(a[2]), nz = Integer.parseInt(a[3]);
        Files.createDirectory(out);
        int c = 64;
        ZarrChunkWriter.create(out, out.getFileName().toString(), new int[] {nx, ny, nz}, new double[] {0.5, 0.5, 1.0}, new double[] {0, 0, 0},
                PixelType.UINT16, false, new int[] {c, c, c}, 1);
        int gy = (ny + c - 1) / c, gz = (nz + c - 1) / c;
        double[] sx = new double[nx], cy = new double[ny];
        for (int x = 0; x < nx; x++) sx[x] = Math.sin(x / 23.0);
        for (int y = 0; y < ny; y++) cy[y] = Math.cos(y / 31.0);
        IntStream.range(0, gy * gz).parallel().forEach(k -> {
            int y0 = (k % gy) * c, z0 = (k / gy) * c;
            Interval box = new Interval(0, y0, z0, nx, Math.min(c, ny - y0), Math.min(c, nz - z0));
            Volume v = Volume.allocate(PixelType.UINT16, box.nx(), box.ny(), box.nz(), Geometry.identity());
            long seed = k * 0x9E3779B97F4A7C15L;
            for (int z = 0; z < box.nz(); z++) for (int y = 0; y < box.ny(); y++) for (int x = 0; x < nx; x++) {
                int gyy = y0 + y, gzz = z0 + z;
                double s = 1000 + 600 * sx[x] * cy[gyy] + 3 * gzz;
                double dx = (x % 128) - 64, dy = (gyy % 128) - 64, dz = (gzz % 96) - 48;
                if (dx * dx + dy * dy + dz * dz < 900) s += 1500;
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                s += ((seed >>> 40) & 63) - 32;
                v.set(x + box.nx() * (y + box.ny() * z), Math.max(0, Math.min(65535, Math.rint(s))));
            }
            ZarrChunkWriter.writeBlock(out, v, box);
        });
    }
}
