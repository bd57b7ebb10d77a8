package io.recsys.ratings.benchmarks.harness;

/**
 * The end-to-end latency run: a paced RatingProducer and a RatingConsumer in one JVM; latency is
 * receipt time minus the event's timestamp, which is its intended send time.
 *
 * @param rate events per second
 * @param seconds measured seconds, after the warm-up
 * @param warmupSeconds seconds sent before measuring
 * @param sent events sent
 * @param received events received
 * @param measured events whose latency was recorded (those of the measured seconds)
 * @param p50Ms median latency, ms
 * @param p99Ms 99th percentile, ms
 * @param p999Ms 99.9th percentile, ms
 * @param maxMs largest, ms
 * @param sdkStatsEventLatencyP99Ms the consumer stats' own 99th percentile of event latency, ms
 */
record EndToEndRun(
    int rate,
    int seconds,
    int warmupSeconds,
    long sent,
    long received,
    long measured,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    double sdkStatsEventLatencyP99Ms) {}
