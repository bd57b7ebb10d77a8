package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One run of the RatingConsumer worker: {@code records} records read from the start with a new
 * group, each decoded and validated, stats on. Timed like ConsumerPerformance: from before the
 * group join to the last record, and from the first record to the last ("fetch").
 *
 * @param records records to read
 * @param valid valid records handled
 * @param invalid invalid records
 * @param malformed malformed records
 * @param seconds before the group join to the last record
 * @param recordsPerSec records per second over {@code seconds}
 * @param fetchSeconds first record to last
 * @param fetchRecordsPerSec records per second over {@code fetchSeconds}
 * @param pollingThreadCpuNsPerRecord CPU time of the polling thread per record, group join included
 * @param statsSnapshots 1 if the stats listener was called, else 0
 * @param mbPerSec MB of values per second: the consumer sees no record sizes, so this is worked out
 *     by the harness with the bytes per record that ConsumerPerformance measured on the same topic;
 *     null until then
 * @param fetchMbPerSec the same for the fetch time; null until then
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SdkConsumerRun(
    long records,
    long valid,
    long invalid,
    long malformed,
    double seconds,
    double recordsPerSec,
    double fetchSeconds,
    double fetchRecordsPerSec,
    double pollingThreadCpuNsPerRecord,
    int statsSnapshots,
    Double mbPerSec,
    Double fetchMbPerSec) {

  /** This run with its MB/s worked out from the mean value size of the same topic's records. */
  SdkConsumerRun withBytesPerRecord(double bytesPerRecord) {
    return new SdkConsumerRun(
        records,
        valid,
        invalid,
        malformed,
        seconds,
        recordsPerSec,
        fetchSeconds,
        fetchRecordsPerSec,
        pollingThreadCpuNsPerRecord,
        statsSnapshots,
        recordsPerSec * bytesPerRecord,
        fetchRecordsPerSec * bytesPerRecord);
  }

  /** The figures; the MB/s are NaN until {@link #withBytesPerRecord} filled them in. */
  ConsumerFigures figures() {
    return new ConsumerFigures(
        recordsPerSec,
        mbPerSec == null ? Double.NaN : mbPerSec,
        fetchRecordsPerSec,
        fetchMbPerSec == null ? Double.NaN : fetchMbPerSec);
  }
}
