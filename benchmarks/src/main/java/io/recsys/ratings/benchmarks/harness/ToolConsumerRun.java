package io.recsys.ratings.benchmarks.harness;

/**
 * The data line of one Kafka {@code ConsumerPerformance} run.
 *
 * @param mb MB of values consumed
 * @param mbPerSec MB per second, group join included
 * @param records records consumed
 * @param recordsPerSec records per second, group join included
 * @param rebalanceMs time of the group join, ms
 * @param fetchSeconds first record to last
 * @param fetchMbPerSec MB per second, first record to last
 * @param fetchRecordsPerSec records per second, first record to last
 */
record ToolConsumerRun(
    double mb,
    double mbPerSec,
    long records,
    double recordsPerSec,
    double rebalanceMs,
    double fetchSeconds,
    double fetchMbPerSec,
    double fetchRecordsPerSec) {

  /** The mean size of a record's value: what the SDK consumer's MB/s are worked out with. */
  double bytesPerRecord() {
    return mb / records;
  }

  ConsumerFigures figures() {
    return new ConsumerFigures(recordsPerSec, mbPerSec, fetchRecordsPerSec, fetchMbPerSec);
  }
}
