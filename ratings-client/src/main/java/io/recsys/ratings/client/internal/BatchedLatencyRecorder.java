package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.LatencySummary;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency recording for one writer thread that works in batches (the consumer's polling thread):
 * values go into a thread-confined histogram with plain increments (no atomics per value), and
 * {@link #flush()} merges the batch into the shared cumulative histogram under a lock taken once
 * per batch. Readers see everything up to the last flush.
 *
 * <p>Consecutive equal values (latencies are whole milliseconds: a poll batch received at one
 * instant holds long runs of them) are counted and added to the local histogram as one value with
 * its count when the run ends; summaries are exactly those of recording each value. Unlike a {@link
 * BucketRun}, a run needs no bucket arithmetic to start, so values that change at every record
 * (event times in random order) cost one histogram update each, not three.
 */
public final class BatchedLatencyRecorder {
  private final Histogram local = new Histogram(3);
  private final Histogram cumulative; // guarded by itself
  private final Histogram alsoInto; // null, or another recorder's cumulative (guarded by itself)

  /** A recorder with a summary of its own. */
  public BatchedLatencyRecorder() {
    this(new Histogram(3), null);
  }

  private BatchedLatencyRecorder(Histogram cumulative, Histogram alsoInto) {
    this.cumulative = cumulative;
    this.alsoInto = alsoInto;
  }

  /**
   * A recorder whose values count in the summaries of both {@code first} and {@code second}: for a
   * value that belongs to both (an event whose record timestamp is its event timestamp), one
   * histogram update instead of two. Record from the same writer thread as the other two, and flush
   * it with them.
   *
   * @param first a recorder
   * @param second another recorder
   * @return the shared recorder (its own {@link #summary()} is that of {@code first})
   */
  public static BatchedLatencyRecorder feeding(
      BatchedLatencyRecorder first, BatchedLatencyRecorder second) {
    return new BatchedLatencyRecorder(first.cumulative, second.cumulative);
  }

  /**
   * Records one latency; only from the writer thread.
   *
   * @param millis the latency in milliseconds (negative counts as zero)
   */
  public void recordMillis(long millis) {
    long micros = millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis);
    if (micros == runMicros) {
      runCount++;
      return;
    }
    endRun();
    runMicros = micros;
    runCount = 1;
  }

  // the run of equal values counted but not yet in local (writer thread only)
  private long runMicros = -1;
  private long runCount;

  private void endRun() {
    if (runCount > 0) {
      local.recordValueWithCount(runMicros, runCount);
      runCount = 0;
    }
  }

  /** Publishes the values recorded since the last flush; only from the writer thread. */
  public void flush() {
    endRun();
    if (local.getTotalCount() == 0) {
      return;
    }
    synchronized (cumulative) {
      cumulative.add(local);
    }
    if (alsoInto != null) {
      synchronized (alsoInto) {
        alsoInto.add(local);
      }
    }
    local.reset();
  }

  /**
   * Summarises everything flushed so far; from any thread.
   *
   * @return the summary
   */
  public LatencySummary summary() {
    synchronized (cumulative) {
      return LatencyRecorder.summarize(cumulative);
    }
  }

  /**
   * Adds everything flushed so far to {@code target} (microseconds, as {@link #summary()} reads
   * them): to summarise several recorders' values together; from any thread.
   *
   * @param target the histogram to add to
   */
  public void addTo(Histogram target) {
    synchronized (cumulative) {
      target.add(cumulative);
    }
  }
}
