package io.recsys.ratings.client.internal;

import io.recsys.ratings.client.LatencySummary;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

/**
 * Lock-free latency recording (HdrHistogram {@link Recorder} for many writer threads, or the
 * cheaper {@link SingleWriterRecorder} when one thread records, e.g. Kafka's producer I/O thread or
 * the consumer's polling thread; wait-free on the record path), summarised on demand. Values are
 * kept in microseconds with three significant digits; negative values are recorded as zero.
 */
public final class LatencyRecorder {
  private final ValueRecorder writer;
  private final IntervalHistogramProvider<Histogram> reader;
  private final Histogram cumulative = new Histogram(3);
  private Histogram spare;

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
    if (singleWriter) {
      SingleWriterRecorder r = new SingleWriterRecorder(3);
      this.writer = r;
      this.reader = r;
    } else {
      Recorder r = new Recorder(3);
      this.writer = r;
      this.reader = r;
    }
  }

  /**
   * Records one latency.
   *
   * @param nanos the latency in nanoseconds
   */
  public void recordNanos(long nanos) {
    writer.recordValue(nanos <= 0 ? 0 : nanos / 1_000);
  }

  /**
   * Records one latency.
   *
   * @param millis the latency in milliseconds
   */
  public void recordMillis(long millis) {
    writer.recordValue(millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toMicros(millis));
  }

  /**
   * Summarises everything recorded since this recorder was created.
   *
   * @return the summary
   */
  public synchronized LatencySummary summary() {
    spare = reader.getIntervalHistogram(spare);
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
