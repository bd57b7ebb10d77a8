package io.recsys.ratings.micrometer;

import java.util.Arrays;

/**
 * How {@link ConsumerMetrics} and {@link ProducerMetrics} register their meters: the client name
 * tag and what the latency timers publish. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * MeterOptions options = MeterOptions.defaults().clientId("recommender").percentiles(0.5, 0.99);
 * }</pre>
 */
public final class MeterOptions {
  private static final MeterOptions DEFAULTS =
      new MeterOptions("default", new double[] {0.5, 0.95, 0.99}, false);

  private final String clientId;
  private final double[] percentiles;
  private final boolean histogram;

  private MeterOptions(String clientId, double[] percentiles, boolean histogram) {
    this.clientId = clientId;
    this.percentiles = percentiles;
    this.histogram = histogram;
  }

  /**
   * Client name {@code default}, percentiles 0.5, 0.95 and 0.99, no percentile histogram.
   *
   * @return the defaults
   */
  public static MeterOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The value of the {@link MeterNames#CLIENT_ID} tag, which tells apart several clients in one
   * registry.
   *
   * @param clientId a non-blank name
   * @return a copy with that name
   * @throws IllegalArgumentException if blank
   */
  public MeterOptions clientId(String clientId) {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must be a non-blank name but was " + clientId);
    }
    return new MeterOptions(clientId, percentiles, histogram);
  }

  /**
   * The percentiles the latency timers compute in the client and publish (see {@link
   * #noPercentiles()} for none).
   *
   * @param percentiles each in [0, 1]
   * @return a copy with those percentiles
   * @throws IllegalArgumentException if one is outside [0, 1]
   */
  public MeterOptions percentiles(double... percentiles) {
    for (double p : percentiles) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("percentiles must be between 0 and 1 but one was " + p);
      }
    }
    return new MeterOptions(clientId, percentiles.clone(), histogram);
  }

  /**
   * No client-side percentiles: the latency timers publish count, total and maximum only (and the
   * histogram if {@link #histogram(boolean)} is on). The cheapest timers.
   *
   * @return a copy without percentiles
   */
  public MeterOptions noPercentiles() {
    return new MeterOptions(clientId, new double[0], histogram);
  }

  /**
   * Whether the latency timers publish a percentile histogram (buckets a monitoring system such as
   * Prometheus aggregates across instances).
   *
   * @param histogram true to publish it
   * @return a copy with that setting
   */
  public MeterOptions histogram(boolean histogram) {
    return new MeterOptions(clientId, percentiles, histogram);
  }

  /**
   * The client name tag value.
   *
   * @return the name
   */
  public String clientId() {
    return clientId;
  }

  /**
   * The published percentiles.
   *
   * @return a copy of them
   */
  public double[] percentiles() {
    return percentiles.clone();
  }

  /**
   * Whether a percentile histogram is published.
   *
   * @return true if it is
   */
  public boolean histogram() {
    return histogram;
  }

  @Override
  public String toString() {
    return "MeterOptions{clientId="
        + clientId
        + ", percentiles="
        + Arrays.toString(percentiles)
        + ", histogram="
        + histogram
        + "}";
  }
}
