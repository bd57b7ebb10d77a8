package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.BatchedLatencyRecorder;
import io.recsys.ratings.client.internal.Rates;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The consumer's counters: written by the polling thread only, readable from any thread. Being
 * single-writer, the counters need no atomic read-modify-write: the writer stores each new value
 * with release semantics (a plain store on x86) and readers load with acquire semantics, so a
 * snapshot sees every count up to the writer's last store, without a locked instruction per record.
 */
final class ConsumerStatsRecorder {
  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int VALID = 0;
  private static final int INVALID = 1;
  private static final int MALFORMED = 2;
  private static final int PROCESSING_ERRORS = 3;
  private static final int DEAD_LETTERED = 4;
  private static final int HANDLER_FAILURES = 5;
  private static final int RETRIES = 6;
  private static final int RECOVERED = 7;
  private static final int NOT_RETRYABLE = 8;
  private static final int SENT_TO_RETRY_TOPIC = 9;
  private static final int DL_INVALID = 10;
  private static final int DL_MALFORMED = 11;
  private static final int DL_PROCESSING_ERROR = 12;
  private static final int REDUCED = 13;
  private static final int SKIPPED = 14;
  private static final int DROPPED = 15;
  private static final int STOPPED = 16;
  private static final int RECREATIONS = 17;
  private static final int COUNTERS = 18;

  private final long startNanos = System.nanoTime();
  private final long[] counts = new long[COUNTERS];
  private final long[] ratings = new long[RatingDistribution.BUCKETS];
  private final BatchedLatencyRecorder eventLatency = new BatchedLatencyRecorder();
  private final BatchedLatencyRecorder recordLatency = new BatchedLatencyRecorder();
  private final BatchedLatencyRecorder bothLatencies =
      BatchedLatencyRecorder.feeding(eventLatency, recordLatency);
  private volatile List<PartitionProgress> partitions = List.of();

  /**
   * Counts a processed record.
   *
   * @param kind its kind
   */
  public void count(RecordKind kind) {
    switch (kind) {
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
   * Counts one acknowledged dead letter.
   *
   * @param kind the record's kind
   * @param reduced whether it was sent in the reduced form
   */
  public void deadLettered(RecordKind kind, boolean reduced) {
    increment(counts, DEAD_LETTERED);
    switch (kind) {
      case INVALID -> increment(counts, DL_INVALID);
      case MALFORMED -> increment(counts, DL_MALFORMED);
      default -> increment(counts, DL_PROCESSING_ERROR);
    }
    if (reduced) {
      increment(counts, REDUCED);
    }
  }

  /** Counts a handler call that threw. */
  public void handlerFailure() {
    increment(counts, HANDLER_FAILURES);
  }

  /** Counts a handler call repeated after a backoff. */
  public void retry() {
    increment(counts, RETRIES);
  }

  /** Counts a record handled after its handler had failed on it. */
  public void recoveredAfterRetry() {
    increment(counts, RECOVERED);
  }

  /** Counts a failure judged not worth retrying. */
  public void notRetryable() {
    increment(counts, NOT_RETRYABLE);
  }

  /** Counts a record published to a retry topic and acknowledged. */
  public void sentToRetryTopic() {
    increment(counts, SENT_TO_RETRY_TOPIC);
  }

  /** Counts a record skipped by the SKIP recoverer. */
  public void skipped() {
    increment(counts, SKIPPED);
  }

  /** Counts an invalid or malformed record committed without a dead letter. */
  public void dropped() {
    increment(counts, DROPPED);
  }

  /** Counts a stop by the STOP recoverer. */
  public void stopped() {
    increment(counts, STOPPED);
  }

  /** Counts a topic found deleted and re-created. */
  public void topicRecreated() {
    increment(counts, RECREATIONS);
  }

  /**
   * The failure counters.
   *
   * @return a snapshot of them
   */
  public FailureStats failures() {
    return new FailureStats(
        read(counts, HANDLER_FAILURES),
        read(counts, RETRIES),
        read(counts, RECOVERED),
        read(counts, NOT_RETRYABLE),
        read(counts, SENT_TO_RETRY_TOPIC),
        read(counts, DL_INVALID),
        read(counts, DL_MALFORMED),
        read(counts, DL_PROCESSING_ERROR),
        read(counts, REDUCED),
        read(counts, SKIPPED),
        read(counts, DROPPED),
        read(counts, STOPPED),
        read(counts, RECREATIONS));
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
   * The partition progress as of the last update, from any thread.
   *
   * @return the progress of every assigned partition whose position was known
   */
  public List<PartitionProgress> currentPartitions() {
    return partitions;
  }

  /**
   * Adds the latencies flushed so far to two histograms (microseconds): for the exact percentiles
   * of several consumers together.
   *
   * @param event receives the event-timestamp latencies
   * @param record receives the record-timestamp latencies
   */
  void addLatenciesTo(Histogram event, Histogram record) {
    eventLatency.addTo(event);
    recordLatency.addTo(record);
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
        partitions,
        failures());
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
