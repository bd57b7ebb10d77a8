package io.recsys.ratings.benchmarks.harness;

/**
 * One run of the diagnostic plain {@code KafkaConsumer} worker that commits synchronously after
 * every poll and neither decodes nor validates. Timed like the SDK consumer.
 *
 * @param records records read
 * @param seconds before the group join to the last record
 * @param recordsPerSec records per second over {@code seconds}
 * @param mbPerSec MB of values per second over {@code seconds}
 * @param fetchSeconds first record to last
 * @param fetchRecordsPerSec records per second over {@code fetchSeconds}
 * @param fetchMbPerSec MB of values per second over {@code fetchSeconds}
 */
record PlainConsumerRun(
    long records,
    double seconds,
    double recordsPerSec,
    double mbPerSec,
    double fetchSeconds,
    double fetchRecordsPerSec,
    double fetchMbPerSec) {

  ConsumerFigures figures() {
    return new ConsumerFigures(recordsPerSec, mbPerSec, fetchRecordsPerSec, fetchMbPerSec);
  }
}
