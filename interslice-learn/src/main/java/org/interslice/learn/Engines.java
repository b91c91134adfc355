package org.interslice.learn;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Sets DJL up before its engine first loads: offline (nothing is ever downloaded at run time), libtorch
 * unpacked from the bundled {@code pytorch-native-cpu} jar into a cache beside this module's jar
 * ({@code interslice-learn/target/djl-cache}) rather than under the home folder, and libtorch's
 * intra-op threads set to the caller's thread count. Values the caller already set (system properties or
 * the environment variables {@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR}) win.
 */
public final class Engines {
    private static volatile boolean done;

    private Engines() {
    }

    /** Call before the first DJL call; later calls do nothing. */
    public static synchronized void setUp(int threads) {
        if (done) return;
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null)
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, threads)));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null)
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            Path cache = defaultCache();
            if (cache != null) {
                System.setProperty("DJL_CACHE_DIR", cache.toString());
                if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null)
                    System.setProperty("ENGINE_CACHE_DIR", cache.toString());
            }
        }
        done = true;
    }

    /**
     * libtorch's intra-op threads from now on (for the calling thread and every thread whose first libtorch
     * call comes later). Call after the engine is loaded.
     */
    public static void intraOpThreads(int n) {
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Math.max(1, n));
    }

    /** {@code <module>/target/djl-cache} when this class comes from {@code target/plugin/*.jar} or {@code target/classes}, else null. */
    static Path defaultCache() {
        try {
            CodeSource cs = Engines.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) return null;
            Path here = Path.of(cs.getLocation().toURI()).toAbsolutePath();
            Path target = Files.isDirectory(here) ? here.getParent() : here.getParent().getParent();
            if (target == null || !target.getFileName().toString().equals("target")) return null;
            return target.resolve("djl-cache");
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
