package io.recsys.ratings.client;

/**
 * Percentiles of a latency distribution, in milliseconds (microsecond resolution, three significant
 * digits).
 *
 * @param count how many latencies were recorded
 * @param meanMs the mean
 * @param p50Ms the median
 * @param p95Ms the 95th percentile
 * @param p99Ms the 99th percentile
 * @param p999Ms the 99.9th percentile
 * @param maxMs the largest value recorded
 */
public record LatencySummary(
    long count,
    double meanMs,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double p999Ms,
    double maxMs) {

  /** The summary of no values: count zero and every figure zero. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);
}
