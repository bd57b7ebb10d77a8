package io.recsys.ratings.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of this module's tests (per test JVM): local[2], two shuffle partitions, no
 * UI. Never stopped by tests; Spark's shutdown hook stops it when the JVM exits.
 */
final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("examples-spark-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.streaming.stopTimeout", "30s")
              .getOrCreate();
    }
    return session;
  }
}
