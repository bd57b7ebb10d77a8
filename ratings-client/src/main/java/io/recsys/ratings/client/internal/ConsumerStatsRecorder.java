package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.PartitionProgress;
import io.recsys.ratings.client.RatingDistribution;
import io.recsys.ratings.client.RecordClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The consumer's counters: written by the polling thread only, readable from any thread. */
public final class ConsumerStatsRecorder {
  private final long startNanos = System.nanoTime();
  private final LongAdder valid = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder processingErrors = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final AtomicLongArray ratings = new AtomicLongArray(RatingDistribution.BUCKETS);
  private final BatchedLatencyRecorder eventLatency = new BatchedLatencyRecorder();
  private final BatchedLatencyRecorder recordLatency = new BatchedLatencyRecorder();
  private volatile List<PartitionProgress> partitions = List.of();

  /**
   * Counts a processed record.
   *
   * @param recordClass its class
   */
  public void count(RecordClass recordClass) {
    switch (recordClass) {
      case VALID -> valid.increment();
      case INVALID -> invalid.increment();
      case MALFORMED -> malformed.increment();
      case PROCESSING_ERROR -> processingErrors.increment();
    }
  }

  /**
   * Counts a rating in its half-star bucket (ratings off the half-star grid are ignored).
   *
   * @param rating the rating
   */
  public void rating(double rating) {
    int bucket = RatingDistribution.bucketOf(rating);
    if (bucket >= 0) {
      ratings.incrementAndGet(bucket);
    }
  }

  /**
   * Records the event-timestamp-to-receipt latency.
   *
   * @param millis the latency
   */
  public void eventLatency(long millis) {
    eventLatency.recordMillis(millis);
  }

  /**
   * Records the record-timestamp-to-receipt latency.
   *
   * @param millis the latency
   */
  public void recordLatency(long millis) {
    recordLatency.recordMillis(millis);
  }

  /** Makes the latencies recorded so far visible to snapshots, now (e.g. when the run ends). */
  public void flushLatencies() {
    eventLatency.flush();
    recordLatency.flush();
    lastFlushNanos = System.nanoTime();
  }

  /**
   * Makes the latencies recorded so far visible to snapshots if the last flush is at least {@link
   * #FLUSH_EVERY_NANOS} old; call at the end of each poll batch. A flush merges whole histograms
   * (tens of thousands of buckets once event latencies span years), which per 2,000-record batch
   * cost about a tenth of the consumer's throughput; snapshots see latencies up to 100 ms late.
   *
   * @param nowNanos {@link System#nanoTime()}
   */
  public void maybeFlushLatencies(long nowNanos) {
    if (nowNanos - lastFlushNanos >= FLUSH_EVERY_NANOS) {
      flushLatencies();
    }
  }

  /** How often {@link #maybeFlushLatencies(long)} flushes: 100 ms. */
  static final long FLUSH_EVERY_NANOS = 100_000_000L;

  private long lastFlushNanos = System.nanoTime(); // writer thread only

  /**
   * Counts acknowledged dead letters.
   *
   * @param n how many
   */
  public void deadLettered(long n) {
    deadLettered.add(n);
  }

  /**
   * Replaces the partition progress.
   *
   * @param progress the new progress of every assigned partition
   */
  public void partitions(List<PartitionProgress> progress) {
    this.partitions = List.copyOf(progress);
  }

  /**
   * A snapshot.
   *
   * @return the snapshot
   */
  public ConsumerStats snapshot() {
    long elapsedNanos = Math.max(1, System.nanoTime() - startNanos);
    long v = valid.sum();
    long i = invalid.sum();
    long m = malformed.sum();
    long p = processingErrors.sum();
    long received = v + i + m + p;
    List<Long> buckets = new ArrayList<>(RatingDistribution.BUCKETS);
    for (int b = 0; b < RatingDistribution.BUCKETS; b++) {
      buckets.add(ratings.get(b));
    }
    return new ConsumerStats(
        System.currentTimeMillis(),
        Duration.ofNanos(elapsedNanos),
        received,
        v,
        i,
        m,
        p,
        deadLettered.sum(),
        Rates.perSecond(received, elapsedNanos),
        eventLatency.summary(),
        recordLatency.summary(),
        new RatingDistribution(buckets),
        partitions);
  }
}
