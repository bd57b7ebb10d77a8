package io.recsys.ratings.benchmarks.harness;

import java.util.List;

/**
 * The four figures by which producers are compared: throughput in records and in MB of values per
 * second, and the send-to-ack latency percentiles. Means over runs, or SDK/tool ratios of them.
 *
 * @param recordsPerSec records per second
 * @param mbPerSec MB of record values per second
 * @param latencyP50Ms median send-to-ack latency, ms
 * @param latencyP99Ms 99th percentile send-to-ack latency, ms
 */
record ProducerFigures(
    double recordsPerSec, double mbPerSec, double latencyP50Ms, double latencyP99Ms) {

  /** The mean of each figure over the runs (NaN if there are none). */
  static ProducerFigures mean(List<ProducerFigures> runs) {
    return new ProducerFigures(
        Stats.mean(runs, ProducerFigures::recordsPerSec),
        Stats.mean(runs, ProducerFigures::mbPerSec),
        Stats.mean(runs, ProducerFigures::latencyP50Ms),
        Stats.mean(runs, ProducerFigures::latencyP99Ms));
  }

  /** Each figure divided by the tool's: above 1 is better for throughput, below 1 for latency. */
  ProducerFigures over(ProducerFigures tool) {
    return new ProducerFigures(
        recordsPerSec / tool.recordsPerSec,
        mbPerSec / tool.mbPerSec,
        latencyP50Ms / tool.latencyP50Ms,
        latencyP99Ms / tool.latencyP99Ms);
  }
}
