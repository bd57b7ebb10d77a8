package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.internal.LatencyRecorder;
import io.recsys.ratings.client.internal.Rates;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The producer's counters: lock-free on the record path, snapshot on demand. */
final class ProducerStatsRecorder {

  /** Counters for a Kafka producer, whose acknowledgements all arrive on its one I/O thread. */
  public ProducerStatsRecorder() {
    this(true);
  }

  /**
   * Counters.
   *
   * @param singleAckThread whether acknowledgements arrive on one thread only (cheaper latency
   *     recording); false for producers completing sends on the callers' threads
   */
  public ProducerStatsRecorder(boolean singleAckThread) {
    this.latency = new LatencyRecorder(singleAckThread);
    this.perPartition = new PartitionCounters(singleAckThread);
  }

  private final long startNanos = System.nanoTime();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final PartitionCounters perPartition;
  private final LatencyRecorder latency;

  /** Counts a valid event submitted. */
  public void sent() {
    sent.increment();
  }

  /**
   * Counts an acknowledgement.
   *
   * @param partition the partition it was stored in
   * @param latencyNanos the time from send to acknowledgement
   */
  public void acknowledged(int partition, long latencyNanos) {
    perPartition.increment(partition); // the acknowledged count is their sum
    latency.recordNanos(latencyNanos);
  }

  /**
   * Counts an acknowledgement of an untimed send (one not sampled for the latency).
   *
   * @param partition the partition it was stored in
   */
  public void acknowledged(int partition) {
    perPartition.increment(partition);
  }

  /** Counts a valid event that was not acknowledged. */
  public void failed() {
    failed.increment();
  }

  /** Counts an invalid event. */
  public void rejected() {
    rejected.increment();
  }

  /**
   * A snapshot.
   *
   * @return the snapshot
   */
  public ProducerStats snapshot() {
    long elapsedNanos = Math.max(1, System.nanoTime() - startNanos);
    // read the outcomes before "sent" so that inFlight never goes negative
    Map<Integer, Long> partitions = perPartition.snapshot();
    long acked = 0;
    for (long c : partitions.values()) {
      acked += c;
    }
    long fail = failed.sum();
    long rej = rejected.sum();
    long submitted = sent.sum();
    return new ProducerStats(
        System.currentTimeMillis(),
        Duration.ofNanos(elapsedNanos),
        submitted,
        acked,
        fail,
        rej,
        Math.max(0, submitted - acked - fail),
        partitions,
        Rates.perSecond(acked, elapsedNanos),
        latency.summary());
  }
}
