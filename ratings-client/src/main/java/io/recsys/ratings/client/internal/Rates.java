package io.recsys.ratings.client.internal;

/** Rate arithmetic shared by producer, consumer and metrics. */
public final class Rates {
  private Rates() {}

  /**
   * Events per second.
   *
   * @param count events
   * @param elapsedNanos over how long
   * @return {@code count / seconds}, zero if no time elapsed
   */
  public static double perSecond(long count, long elapsedNanos) {
    return elapsedNanos <= 0 ? 0.0 : count * 1_000_000_000.0 / elapsedNanos;
  }
}
