package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.LatencySummary;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency recording, summarised on demand from any thread. Values are kept in microseconds with
 * three significant digits; negative values are recorded as zero.
 *
 * <p>Two modes. For many writer threads, an HdrHistogram {@link Recorder} (wait-free on the record
 * path). For one writer thread at a time (Kafka's producer I/O thread completing acknowledgements):
 * consecutive values in one histogram bucket are counted as a {@link BucketRun}, and the run is
 * added to the histogram under a lock only when a value outside it arrives. Acknowledgements come a
 * batch at a time, so most values extend a run; the histogram (tens of kilobytes, out of cache
 * between batches) and the lock are touched once per run. A summary adds the current run, so it
 * counts every value recorded before it, exactly as recording each value would.
 */
public final class LatencyRecorder {
  private final boolean singleWriter;
  private final Recorder recorder; // many writers only
  private Histogram spare; // many writers only, guarded by this
  private final Histogram cumulative = new Histogram(3); // guarded by this

  // Single writer: the current run, restarted only under the lock (so a reader holding it sees a
  // consistent bucket) and extended outside it.
  private final BucketRun run = new BucketRun();

  /** A recorder for many writer threads. */
  public LatencyRecorder() {
    this(false);
  }

  /**
   * A recorder.
   *
   * @param singleWriter whether only one thread at a time ever records (cheaper)
   */
  public LatencyRecorder(boolean singleWriter) {
    this.singleWriter = singleWriter;
    this.recorder = singleWriter ? null : new Recorder(3);
  }

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds
   */
  public void recordNanos(long nanos) {
    record(nanos <= 0 ? 0 : nanos / 1_000);
  }

  /**
   * Records one latency.
   *
   * @param millis the latency in milliseconds
   */
  public void recordMillis(long millis) {
    record(millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis));
  }

  private void record(long micros) {
    if (!singleWriter) {
      recorder.recordValue(micros);
    } else if (!run.extend(micros)) {
      startRun(micros);
    }
  }

  private synchronized void startRun(long micros) {
    run.restart(cumulative, micros);
  }

  /**
   * Summarises everything recorded since this recorder was created.
   *
   * @return the summary
   */
  public synchronized LatencySummary summary() {
    if (!singleWriter) {
      spare = recorder.getIntervalHistogram(spare);
      cumulative.add(spare);
      return summarize(cumulative);
    }
    if (run.isEmpty()) {
      return summarize(cumulative);
    }
    Histogram withRun = cumulative.copy();
    run.addTo(withRun);
    return summarize(withRun);
  }

  /**
   * Summarises a histogram holding microseconds.
   *
   * @param h the histogram
   * @return the summary in milliseconds
   */
  public static LatencySummary summarize(Histogram h) {
    long n = h.getTotalCount();
    if (n == 0) {
      return LatencySummary.EMPTY;
    }
    return new LatencySummary(
        n,
        ms(h.getMean()),
        ms(h.getValueAtPercentile(50.0)),
        ms(h.getValueAtPercentile(95.0)),
        ms(h.getValueAtPercentile(99.0)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static double ms(double micros) {
    return micros / 1_000.0;
  }
}
