package org.interslice.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark context of one {@code batch} run. */
public final class Sparks {
    private Sparks() {}

    /**
     * A context for {@code master}: the given one, else the one spark-submit set ({@code spark.master}),
     * else {@code local[*]} (every core of this machine). Local masters bind to 127.0.0.1 unless
     * {@code spark.driver.bindAddress} is set (a host name that resolves to no local interface stops the
     * driver otherwise), and the web UI is off unless {@code spark.ui.enabled} is set.
     */
    public static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf();   // spark.* system properties (spark-submit, -D) included
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
        if (!conf.contains("spark.app.name")) conf.setAppName("interslice batch");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
