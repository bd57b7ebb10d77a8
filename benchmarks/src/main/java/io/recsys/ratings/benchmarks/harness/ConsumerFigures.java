package io.recsys.ratings.benchmarks.harness;

import java.util.List;

/**
 * The four figures by which consumers are compared: records and MB of values per second from before
 * the group join to the last record, and the same from the first record to the last ("fetch",
 * ConsumerPerformance's {@code fetch.nMsg.sec}). Means over runs, or SDK/tool ratios.
 *
 * @param recordsPerSec records per second, group join included
 * @param mbPerSec MB of record values per second, group join included
 * @param fetchRecordsPerSec records per second, first record to last
 * @param fetchMbPerSec MB of record values per second, first record to last
 */
record ConsumerFigures(
    double recordsPerSec, double mbPerSec, double fetchRecordsPerSec, double fetchMbPerSec) {

  /** The mean of each figure over the runs (NaN if there are none). */
  static ConsumerFigures mean(List<ConsumerFigures> runs) {
    return new ConsumerFigures(
        Stats.mean(runs, ConsumerFigures::recordsPerSec),
        Stats.mean(runs, ConsumerFigures::mbPerSec),
        Stats.mean(runs, ConsumerFigures::fetchRecordsPerSec),
        Stats.mean(runs, ConsumerFigures::fetchMbPerSec));
  }

  /** Each figure divided by the tool's: above 1 is better. */
  ConsumerFigures over(ConsumerFigures tool) {
    return new ConsumerFigures(
        recordsPerSec / tool.recordsPerSec,
        mbPerSec / tool.mbPerSec,
        fetchRecordsPerSec / tool.fetchRecordsPerSec,
        fetchMbPerSec / tool.fetchMbPerSec);
  }
}
