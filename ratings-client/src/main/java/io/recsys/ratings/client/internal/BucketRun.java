package io.recsys.ratings.client.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;

/**
 * A run of consecutive latencies that fall into one bucket of a histogram, counted without touching
 * the histogram: extending the run costs two comparisons and a store. Latencies come in such runs
 * (a producer batch acknowledged at once), and since a histogram keeps one count per bucket anyway,
 * adding a run as one value with its count gives exactly the summaries (count, mean, percentiles,
 * max) that recording each value would. The producer's send-to-ack latencies, in microseconds,
 * differ from ack to ack, so runs of one bucket (not of equal values) are what they form.
 *
 * <p>One writer thread. The count is stored with release semantics, so a reader that synchronises
 * with the writer's latest start of a run (e.g. under the lock the writer holds for it) can add the
 * run so far with {@link #addTo(Histogram)}.
 */
final class BucketRun {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(BucketRun.class, "count", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private long low = 1; // the bucket [low, high]; empty until the first value
  private long high = 0;
  private long count;

  /**
   * Counts the value if it falls into the run's bucket.
   *
   * @param micros the value
   * @return whether it did (otherwise call {@link #restart(Histogram, long)})
   */
  boolean extend(long micros) {
    if (micros >= low && micros <= high) {
      COUNT.setRelease(this, count + 1);
      return true;
    }
    return false;
  }

  /**
   * Adds the run to the histogram and starts a new one with the value.
   *
   * @param histogram where runs go (it also defines the buckets)
   * @param micros the first value of the new run
   */
  void restart(Histogram histogram, long micros) {
    end(histogram);
    low = histogram.lowestEquivalentValue(micros);
    high = histogram.highestEquivalentValue(micros);
    COUNT.setRelease(this, 1L);
  }

  /**
   * Adds the run to the histogram and empties it.
   *
   * @param histogram where runs go
   */
  void end(Histogram histogram) {
    if (count > 0) {
      histogram.recordValueWithCount(low, count);
      COUNT.setRelease(this, 0L);
    }
  }

  /**
   * Adds the run so far to a histogram without ending it (a reader's copy).
   *
   * @param histogram the copy
   */
  void addTo(Histogram histogram) {
    long n = (long) COUNT.getAcquire(this);
    if (n > 0) {
      histogram.recordValueWithCount(low, n);
    }
  }

  /**
   * Whether the run has values, as a reader sees it.
   *
   * @return true if it has
   */
  boolean isEmpty() {
    return (long) COUNT.getAcquire(this) == 0;
  }
}
