package org.interslice.spark.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The shim names Log4j's SLF4J provider (Spark's) when the SLF4J API can load it, so a class path that also
 * holds slf4j-nop (interslice-learn's) gives no "multiple providers" lines; it leaves a provider the user
 * named, and a class path without Log4j's provider, to SLF4J.
 */
class BatchShimTest {
    @Test
    void namesLog4jsProviderOnlyWhenTheApiSeesItAndNoneIsNamed() {
        String before = System.getProperty("slf4j.provider"), verbosity = System.getProperty("slf4j.internal.verbosity");
        try {
            System.clearProperty("slf4j.provider");
            System.clearProperty("slf4j.internal.verbosity");
            // a loader that sees neither SLF4J nor Log4j: nothing named
            assertNull(BatchShim.chooseLogging(new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())));
            assertNull(System.getProperty("slf4j.provider"));
            // the test class path holds Spark's closure: Log4j's provider is named, SLF4J's own notes silenced
            assertEquals(BatchShim.LOG4J_PROVIDER, BatchShim.chooseLogging(BatchShimTest.class.getClassLoader()));
            assertEquals(BatchShim.LOG4J_PROVIDER, System.getProperty("slf4j.provider"));
            assertEquals("WARN", System.getProperty("slf4j.internal.verbosity"));
            // a provider already named is kept
            System.setProperty("slf4j.provider", "org.slf4j.nop.NOPServiceProvider");
            assertNull(BatchShim.chooseLogging(BatchShimTest.class.getClassLoader()));
            assertEquals("org.slf4j.nop.NOPServiceProvider", System.getProperty("slf4j.provider"));
        } finally {
            restore("slf4j.provider", before);
            restore("slf4j.internal.verbosity", verbosity);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
