package io.recsys.ratings.benchmarks.harness;

/**
 * The summary of one Kafka {@code ProducerPerformance} run (latencies in whole milliseconds, as the
 * tool prints them).
 *
 * @param records records sent
 * @param recordsPerSec records per second
 * @param mbPerSec MB of values per second
 * @param latencyAvgMs mean send-to-ack latency, ms
 * @param latencyMaxMs largest send-to-ack latency, ms
 * @param latencyP50Ms median, ms
 * @param latencyP99Ms 99th percentile, ms
 * @param latencyP999Ms 99.9th percentile, ms
 */
record ToolProducerRun(
    long records,
    double recordsPerSec,
    double mbPerSec,
    double latencyAvgMs,
    double latencyMaxMs,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyP999Ms) {

  ProducerFigures figures() {
    return new ProducerFigures(recordsPerSec, mbPerSec, latencyP50Ms, latencyP99Ms);
  }
}
