package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.LatencySummary;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency recording for one writer thread that works in batches (the consumer's polling thread):
 * values go into a thread-confined histogram with plain increments (no atomics per value), and
 * {@link #flush()} merges the batch into the shared cumulative histogram under a lock taken once
 * per batch. Readers see everything up to the last flush.
 */
public final class BatchedLatencyRecorder {
  private final Histogram local = new Histogram(3);
  private final Histogram cumulative = new Histogram(3);

  /**
   * Records one latency; only from the writer thread.
   *
   * @param millis the latency in milliseconds (negative counts as zero)
   */
  public void recordMillis(long millis) {
    local.recordValue(millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis));
  }

  /** Publishes the values recorded since the last flush; only from the writer thread. */
  public void flush() {
    if (local.getTotalCount() == 0) {
      return;
    }
    synchronized (cumulative) {
      cumulative.add(local);
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
}
