package io.recsys.ratings.benchmarks.harness;

/**
 * One run of the RatingProducer worker: {@code records} events from {@code threads} threads through
 * one producer, timed from the first send to the end of {@code flush()}; latencies from the
 * producer's own stats (1 in 8 sends timed).
 *
 * @param records events sent (every one acknowledged, or the worker fails)
 * @param threads sending threads
 * @param api {@code "send"} (a future per event) or {@code "submit"} (none)
 * @param rate the fixed rate in events per second, or 0 for as fast as possible
 * @param seconds first send to the end of flush
 * @param recordsPerSec records per second
 * @param mbPerSec MB of values per second
 * @param avgValueBytes mean size of an event's JSON value
 * @param latencyAvgMs mean send-to-ack latency, ms
 * @param latencyP50Ms median, ms
 * @param latencyP99Ms 99th percentile, ms
 * @param latencyP999Ms 99.9th percentile, ms
 * @param latencyMaxMs largest, ms
 */
record SdkProducerRun(
    int records,
    int threads,
    String api,
    int rate,
    double seconds,
    double recordsPerSec,
    double mbPerSec,
    double avgValueBytes,
    double latencyAvgMs,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyP999Ms,
    double latencyMaxMs) {

  ProducerFigures figures() {
    return new ProducerFigures(recordsPerSec, mbPerSec, latencyP50Ms, latencyP99Ms);
  }
}
