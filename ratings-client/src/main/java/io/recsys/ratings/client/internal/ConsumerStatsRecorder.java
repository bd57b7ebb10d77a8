package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.PartitionProgress;
import io.recsys.ratings.client.RatingDistribution;
import io.recsys.ratings.client.RecordClass;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer's counters: written by the polling thread only, readable from any thread. Being
 * single-writer, the counters need no atomic read-modify-write: the writer stores each new value
 * with release semantics (a plain store on x86) and readers load with acquire semantics, so a
 * snapshot sees every count up to the writer's last store, without a locked instruction per record.
 */
public final class ConsumerStatsRecorder {
  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int VALID = 0;
  private static final int INVALID = 1;
  private static final int MALFORMED = 2;
  private static final int PROCESSING_ERRORS = 3;
  private static final int DEAD_LETTERED = 4;

  private final long startNanos = System.nanoTime();
  private final long[] counts = new long[5];
  private final long[] ratings = new long[RatingDistribution.BUCKETS];
  private final BatchedLatencyRecorder eventLatency = new BatchedLatencyRecorder();
  private final BatchedLatencyRecorder recordLatency = new BatchedLatencyRecorder();
  private final BatchedLatencyRecorder bothLatencies =
      BatchedLatencyRecorder.feeding(eventLatency, recordLatency);
  private volatile List<PartitionProgress> partitions = List.of();

  /**
   * Counts a processed record.
   *
   * @param recordClass its class
   */
  public void count(RecordClass recordClass) {
    switch (recordClass) {
      case VALID -> increment(counts, VALID);
      case INVALID -> increment(counts, INVALID);
      case MALFORMED -> increment(counts, MALFORMED);
      case PROCESSING_ERROR -> increment(counts, PROCESSING_ERRORS);
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
      increment(ratings, bucket);
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

  /**
   * Records one latency as both the event-timestamp and the record-timestamp latency (for a record
   * whose timestamp is its event's, as RatingProducer writes them): one histogram update, not two.
   *
   * @param millis the latency
   */
  public void eventAndRecordLatency(long millis) {
    bothLatencies.recordMillis(millis);
  }

  /** Makes the latencies recorded so far visible to snapshots, now (e.g. when the run ends). */
  public void flushLatencies() {
    eventLatency.flush();
    recordLatency.flush();
    bothLatencies.flush();
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
    add(counts, DEAD_LETTERED, n);
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
    long v = read(counts, VALID);
    long i = read(counts, INVALID);
    long m = read(counts, MALFORMED);
    long p = read(counts, PROCESSING_ERRORS);
    long received = v + i + m + p;
    List<Long> buckets = new ArrayList<>(RatingDistribution.BUCKETS);
    for (int b = 0; b < RatingDistribution.BUCKETS; b++) {
      buckets.add(read(ratings, b));
    }
    return new ConsumerStats(
        System.currentTimeMillis(),
        Duration.ofNanos(elapsedNanos),
        received,
        v,
        i,
        m,
        p,
        read(counts, DEAD_LETTERED),
        Rates.perSecond(received, elapsedNanos),
        eventLatency.summary(),
        recordLatency.summary(),
        new RatingDistribution(buckets),
        partitions);
  }

  private static void increment(long[] array, int index) {
    add(array, index, 1);
  }

  /** Only from the writer thread: the array element is never written by another thread. */
  private static void add(long[] array, int index, long n) {
    COUNTS.setRelease(array, index, array[index] + n);
  }

  private static long read(long[] array, int index) {
    return (long) COUNTS.getAcquire(array, index);
  }
}
