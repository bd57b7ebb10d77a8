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
 * <p>Consecutive values that fall into the same histogram bucket (the common case: a batch received
 * at one instant whose event times lie close together, or a backlog read in event-time order) are
 * counted as one run and added to the histogram once, when the run ends; a value then costs two
 * comparisons and an increment. The histogram keeps one count per bucket anyway, so every summary
 * (count, mean, percentiles, max) is exactly what recording each value would give.
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
    long micros = millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis);
    if (micros >= runLow && micros <= runHigh) {
      runCount++;
      return;
    }
    endRun();
    runLow = local.lowestEquivalentValue(micros);
    runHigh = local.highestEquivalentValue(micros);
    runCount = 1;
  }

  // The current run: values in [runLow, runHigh] (one histogram bucket), counted but not yet added.
  private long runLow = 1;
  private long runHigh = 0;
  private long runCount;

  private void endRun() {
    if (runCount > 0) {
      local.recordValueWithCount(runLow, runCount);
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
