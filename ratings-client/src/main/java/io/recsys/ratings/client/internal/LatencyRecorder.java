package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.LatencySummary;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Lock-free latency recording for many writer threads (HdrHistogram {@link Recorder}, wait-free on
 * the record path), summarised on demand. Values are kept in microseconds with three significant
 * digits; negative values are recorded as zero.
 */
public final class LatencyRecorder {
  private final Recorder recorder = new Recorder(3);
  private final Histogram cumulative = new Histogram(3);
  private Histogram spare;

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds
   */
  public void recordNanos(long nanos) {
    recorder.recordValue(nanos <= 0 ? 0 : nanos / 1_000);
  }

  /**
   * Records one latency.
   *
   * @param millis the latency in milliseconds
   */
  public void recordMillis(long millis) {
    recorder.recordValue(millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis));
  }

  /**
   * Summarises everything recorded since this recorder was created.
   *
   * @return the summary
   */
  public synchronized LatencySummary summary() {
    spare = recorder.getIntervalHistogram(spare);
    cumulative.add(spare);
    return summarize(cumulative);
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
