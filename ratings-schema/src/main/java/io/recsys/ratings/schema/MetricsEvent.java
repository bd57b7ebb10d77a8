package io.recsys.ratings.schema;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One window of pipeline metrics, as published to the {@code metrics} topic by producers, consumers
 * and (later) the recommender jobs.
 *
 * <p>On the wire (see {@link MetricsCodec}) it is a compact UTF-8 JSON object:
 *
 * <pre>{@code
 * {"windowStart":1761763120000,"windowEnd":1761763130000,"source":"rating-producer",
 *  "count":98000,"throughput":9800.0,"latencyP50Ms":3.1,"latencyP95Ms":7.9,
 *  "latencyP99Ms":12.4,"rmse":null,"coverage":null}
 * }</pre>
 *
 * <p>{@code rmse} and {@code coverage} are optional: only recommender jobs fill them in; an absent
 * value is {@link OptionalDouble#empty()} in Java and {@code null} (or a missing field) in JSON. A
 * {@code null} passed to the constructor for either becomes {@code OptionalDouble.empty()}.
 *
 * @param windowStart start of the window, epoch milliseconds (inclusive)
 * @param windowEnd end of the window, epoch milliseconds (exclusive), never before {@code
 *     windowStart}
 * @param source who measured, e.g. {@code "rating-producer"} or {@code "rating-consumer:group-a"};
 *     never null
 * @param count events counted in the window (zero or more)
 * @param throughput events per second in the window (finite, zero or more)
 * @param latencyP50Ms median latency in milliseconds (finite, zero or more)
 * @param latencyP95Ms 95th percentile latency in milliseconds (finite, zero or more)
 * @param latencyP99Ms 99th percentile latency in milliseconds (finite, zero or more)
 * @param rmse root mean squared error of a recommender's predictions, if the source computes it
 * @param coverage catalogue coverage of a recommender (0..1), if the source computes it
 */
public record MetricsEvent(
    long windowStart,
    long windowEnd,
    String source,
    long count,
    double throughput,
    double latencyP50Ms,
    double latencyP95Ms,
    double latencyP99Ms,
    OptionalDouble rmse,
    OptionalDouble coverage) {

  /**
   * Checks the invariants every metrics event holds.
   *
   * @param windowStart start of the window, epoch milliseconds
   * @param windowEnd end of the window, epoch milliseconds
   * @param source who measured
   * @param count events counted in the window
   * @param throughput events per second in the window
   * @param latencyP50Ms median latency in milliseconds
   * @param latencyP95Ms 95th percentile latency in milliseconds
   * @param latencyP99Ms 99th percentile latency in milliseconds
   * @param rmse the RMSE if known; null means empty
   * @param coverage the coverage if known; null means empty
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the window ends before it starts, the count is negative, or
   *     a rate, latency, RMSE or coverage is negative or not finite
   */
  public MetricsEvent {
    Objects.requireNonNull(source, "source");
    if (windowEnd < windowStart) {
      throw new IllegalArgumentException(
          "windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0 but was " + count);
    }
    requireNonNegative("throughput", throughput);
    requireNonNegative("latencyP50Ms", latencyP50Ms);
    requireNonNegative("latencyP95Ms", latencyP95Ms);
    requireNonNegative("latencyP99Ms", latencyP99Ms);
    rmse = rmse == null ? OptionalDouble.empty() : rmse;
    coverage = coverage == null ? OptionalDouble.empty() : coverage;
    if (rmse.isPresent()) {
      requireNonNegative("rmse", rmse.getAsDouble());
    }
    if (coverage.isPresent()) {
      requireNonNegative("coverage", coverage.getAsDouble());
    }
  }

  /**
   * A metrics event without RMSE and coverage (what producers and consumers publish).
   *
   * @param windowStart start of the window, epoch milliseconds
   * @param windowEnd end of the window, epoch milliseconds
   * @param source who measured
   * @param count events counted in the window
   * @param throughput events per second in the window
   * @param latencyP50Ms median latency in milliseconds
   * @param latencyP95Ms 95th percentile latency in milliseconds
   * @param latencyP99Ms 99th percentile latency in milliseconds
   * @return the event
   */
  public static MetricsEvent of(
      long windowStart,
      long windowEnd,
      String source,
      long count,
      double throughput,
      double latencyP50Ms,
      double latencyP95Ms,
      double latencyP99Ms) {
    return new MetricsEvent(
        windowStart,
        windowEnd,
        source,
        count,
        throughput,
        latencyP50Ms,
        latencyP95Ms,
        latencyP99Ms,
        OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /**
   * A copy of this event with the recommender quality figures set.
   *
   * @param rmse the root mean squared error (finite, zero or more)
   * @param coverage the catalogue coverage (finite, zero or more)
   * @return the new event
   */
  public MetricsEvent withQuality(double rmse, double coverage) {
    return new MetricsEvent(
        windowStart,
        windowEnd,
        source,
        count,
        throughput,
        latencyP50Ms,
        latencyP95Ms,
        latencyP99Ms,
        OptionalDouble.of(rmse),
        OptionalDouble.of(coverage));
  }

  private static void requireNonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + value);
    }
  }
}
