package io.recsys.ratings.schema;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One window of pipeline metrics, as published to the {@code metrics} topic by producers, consumers
 * and the Spark jobs.
 *
 * <p>On the wire (see {@link MetricsCodec}) it is a compact UTF-8 JSON object:
 *
 * <pre>{@code
 * {"windowStart":1761763120000,"windowEnd":1761763130000,"source":"rating-producer",
 *  "count":98000,"throughput":9800.0,"latencyP50Ms":3.1,"latencyP95Ms":7.9,
 *  "latencyP99Ms":12.4,"rmse":null,"coverage":null}
 * }</pre>
 *
 * <p>The first eight fields are always there. The others are optional, each filled in only by the
 * sources that measure it; an absent value is empty in Java ({@link OptionalDouble#empty()}, {@link
 * OptionalLong#empty()}, {@link Optional#empty()}) and {@code null} or a missing field in JSON. A
 * {@code null} passed to the constructor for one of them means empty. {@code rmse} and {@code
 * coverage} date from the first version of the format and are always written ({@code null} when
 * absent); the later ones are written only when present, so events without them look as before:
 *
 * <table>
 *   <caption>Optional fields</caption>
 *   <tr><th>field</th><th>meaning</th><th>set by</th></tr>
 *   <tr><td>{@code rmse}</td><td>root mean squared error of the model's predictions</td>
 *       <td>recommender jobs</td></tr>
 *   <tr><td>{@code coverage}</td><td>share of the catalogue that appears in recommendations,
 *       0..1</td><td>recommender jobs</td></tr>
 *   <tr><td>{@code meanRating}</td><td>mean of the window's valid ratings</td>
 *       <td>rating jobs</td></tr>
 *   <tr><td>{@code invalidCount}</td><td>well-formed records that broke a rule</td>
 *       <td>readers of the ratings topic</td></tr>
 *   <tr><td>{@code malformedCount}</td><td>records that were not events at all</td>
 *       <td>readers of the ratings topic</td></tr>
 *   <tr><td>{@code coldCount}</td><td>users served the popular fallback (unknown to the model)</td>
 *       <td>recommender jobs</td></tr>
 *   <tr><td>{@code personalizedShare}</td><td>share of the served users whose list was
 *       personalized, 0..1</td><td>recommender jobs</td></tr>
 *   <tr><td>{@code unpredictedCount}</td><td>ratings the model could not predict (user or movie
 *       unknown to it), left out of {@code rmse}</td><td>recommender jobs</td></tr>
 *   <tr><td>{@code batchId}</td><td>the id of the (micro-)batch that made the window, so that a
 *       replayed window can be recognised</td><td>Spark jobs</td></tr>
 *   <tr><td>{@code modelVersion}</td><td>the model the quality figures belong to (same rule as
 *       {@link RecommendationEvent#modelVersion()})</td><td>recommender jobs</td></tr>
 * </table>
 *
 * <p>Build events with {@link #builder(String, long, long)}, {@link #of} for the first eight
 * fields, or {@link #toBuilder()} to change a few fields of an existing event.
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
 * @param rmse root mean squared error of a recommender's predictions (finite, zero or more)
 * @param coverage catalogue coverage of a recommender (finite, zero or more; a share, so 0..1)
 * @param meanRating mean of the window's valid ratings (finite, zero or more)
 * @param invalidCount records of the window that were well-formed but broke a rule (zero or more)
 * @param malformedCount records of the window that were not events (zero or more)
 * @param coldCount users served the popular fallback list (zero or more)
 * @param personalizedShare share of the served users given a personalized list (0..1)
 * @param unpredictedCount ratings the model could not predict, left out of {@code rmse} (zero or
 *     more)
 * @param batchId id of the batch that made the window (zero or more)
 * @param modelVersion the model the quality figures belong to (1 to {@value
 *     RecommendationEvent#MAX_MODEL_VERSION_LENGTH} characters from {@code [A-Za-z0-9._-]},
 *     starting with a letter or digit)
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
    OptionalDouble coverage,
    OptionalDouble meanRating,
    OptionalLong invalidCount,
    OptionalLong malformedCount,
    OptionalLong coldCount,
    OptionalDouble personalizedShare,
    OptionalLong unpredictedCount,
    OptionalLong batchId,
    Optional<String> modelVersion) {

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
   * @param meanRating the mean rating if known; null means empty
   * @param invalidCount the invalid records if counted; null means empty
   * @param malformedCount the malformed records if counted; null means empty
   * @param coldCount the users served the fallback if counted; null means empty
   * @param personalizedShare the share of personalized lists if known; null means empty
   * @param unpredictedCount the ratings the model could not predict if counted; null means empty
   * @param batchId the batch id if known; null means empty
   * @param modelVersion the model version if known; null means empty
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the window ends before it starts, a count or the batch id
   *     is negative, a rate, latency, RMSE, coverage or mean is negative or not finite, the share
   *     lies outside 0..1, or the model version breaks its rule; the message names the field and
   *     the value
   */
  public MetricsEvent {
    Objects.requireNonNull(source, "source");
    if (windowEnd < windowStart) {
      throw new IllegalArgumentException(
          "windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
    requireCount("count", count);
    requireNonNegative("throughput", throughput);
    requireNonNegative("latencyP50Ms", latencyP50Ms);
    requireNonNegative("latencyP95Ms", latencyP95Ms);
    requireNonNegative("latencyP99Ms", latencyP99Ms);
    rmse = orEmpty(rmse);
    coverage = orEmpty(coverage);
    meanRating = orEmpty(meanRating);
    invalidCount = orEmpty(invalidCount);
    malformedCount = orEmpty(malformedCount);
    coldCount = orEmpty(coldCount);
    personalizedShare = orEmpty(personalizedShare);
    unpredictedCount = orEmpty(unpredictedCount);
    batchId = orEmpty(batchId);
    modelVersion = modelVersion == null ? Optional.empty() : modelVersion;
    rmse.ifPresent(v -> requireNonNegative("rmse", v));
    coverage.ifPresent(v -> requireNonNegative("coverage", v));
    meanRating.ifPresent(v -> requireNonNegative("meanRating", v));
    invalidCount.ifPresent(v -> requireCount("invalidCount", v));
    malformedCount.ifPresent(v -> requireCount("malformedCount", v));
    coldCount.ifPresent(v -> requireCount("coldCount", v));
    personalizedShare.ifPresent(v -> requireShare("personalizedShare", v));
    unpredictedCount.ifPresent(v -> requireCount("unpredictedCount", v));
    batchId.ifPresent(v -> requireCount("batchId", v));
    modelVersion.ifPresent(MetricsEvent::requireModelVersion);
  }

  /**
   * The constructor of the first version of this record, with RMSE and coverage as the only
   * optional fields; the fields added later are empty. Kept so that code written against it still
   * compiles; {@link #builder(String, long, long)} sets any field.
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
   * @throws IllegalArgumentException as the canonical constructor
   */
  public MetricsEvent(
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
    this(
        windowStart,
        windowEnd,
        source,
        count,
        throughput,
        latencyP50Ms,
        latencyP95Ms,
        latencyP99Ms,
        rmse,
        coverage,
        OptionalDouble.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalDouble.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty());
  }

  /**
   * A metrics event without any optional field (what producers and consumers publish).
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
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException as the canonical constructor
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
   * A builder of an event of the given source and window; count, throughput and latencies start at
   * 0, the optional fields empty.
   *
   * @param source who measured
   * @param windowStart start of the window, epoch milliseconds
   * @param windowEnd end of the window, epoch milliseconds, not before {@code windowStart}
   * @return a new builder
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the window ends before it starts
   */
  public static Builder builder(String source, long windowStart, long windowEnd) {
    return new Builder(source, windowStart, windowEnd);
  }

  /**
   * A builder holding every field of this event, to change a few of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(source, windowStart, windowEnd);
    b.count = count;
    b.throughput = throughput;
    b.latencyP50Ms = latencyP50Ms;
    b.latencyP95Ms = latencyP95Ms;
    b.latencyP99Ms = latencyP99Ms;
    b.rmse = rmse;
    b.coverage = coverage;
    b.meanRating = meanRating;
    b.invalidCount = invalidCount;
    b.malformedCount = malformedCount;
    b.coldCount = coldCount;
    b.personalizedShare = personalizedShare;
    b.unpredictedCount = unpredictedCount;
    b.batchId = batchId;
    b.modelVersion = modelVersion;
    return b;
  }

  /**
   * A copy of this event with the recommender quality figures set.
   *
   * @param rmse the root mean squared error (finite, zero or more)
   * @param coverage the catalogue coverage (finite, zero or more)
   * @return the new event
   * @throws IllegalArgumentException if a value is negative or not finite
   */
  public MetricsEvent withQuality(double rmse, double coverage) {
    return toBuilder().rmse(rmse).coverage(coverage).build();
  }

  /**
   * The records of the window that were rejected: {@code invalidCount + malformedCount}, of those
   * present; empty if neither is.
   *
   * @return the rejected records, if counted
   */
  public OptionalLong rejectedCount() {
    if (invalidCount.isEmpty() && malformedCount.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(invalidCount.orElse(0) + malformedCount.orElse(0));
  }

  /**
   * Builds a {@link MetricsEvent}. Each setter checks its value at once and names it and the
   * allowed range when it is wrong. Not thread-safe.
   */
  public static final class Builder {
    private final String source;
    private final long windowStart;
    private final long windowEnd;
    private long count;
    private double throughput;
    private double latencyP50Ms;
    private double latencyP95Ms;
    private double latencyP99Ms;
    private OptionalDouble rmse = OptionalDouble.empty();
    private OptionalDouble coverage = OptionalDouble.empty();
    private OptionalDouble meanRating = OptionalDouble.empty();
    private OptionalLong invalidCount = OptionalLong.empty();
    private OptionalLong malformedCount = OptionalLong.empty();
    private OptionalLong coldCount = OptionalLong.empty();
    private OptionalDouble personalizedShare = OptionalDouble.empty();
    private OptionalLong unpredictedCount = OptionalLong.empty();
    private OptionalLong batchId = OptionalLong.empty();
    private Optional<String> modelVersion = Optional.empty();

    private Builder(String source, long windowStart, long windowEnd) {
      this.source = Objects.requireNonNull(source, "source");
      if (windowEnd < windowStart) {
        throw new IllegalArgumentException(
            "windowEnd " + windowEnd + " is before windowStart " + windowStart);
      }
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    /**
     * Sets the events counted in the window.
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder count(long value) {
      count = requireCount("count", value);
      return this;
    }

    /**
     * Sets the events per second in the window.
     *
     * @param value finite, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder throughput(double value) {
      throughput = requireNonNegative("throughput", value);
      return this;
    }

    /**
     * Sets the latency percentiles.
     *
     * @param p50Ms median latency in milliseconds (finite, zero or more)
     * @param p95Ms 95th percentile latency in milliseconds (finite, zero or more)
     * @param p99Ms 99th percentile latency in milliseconds (finite, zero or more)
     * @return this builder
     * @throws IllegalArgumentException if one is negative or not finite
     */
    public Builder latency(double p50Ms, double p95Ms, double p99Ms) {
      requireNonNegative("latencyP50Ms", p50Ms);
      requireNonNegative("latencyP95Ms", p95Ms);
      requireNonNegative("latencyP99Ms", p99Ms);
      // all three checked before any is kept: a refused call leaves the builder as it was
      latencyP50Ms = p50Ms;
      latencyP95Ms = p95Ms;
      latencyP99Ms = p99Ms;
      return this;
    }

    /**
     * Sets the root mean squared error of the model's predictions.
     *
     * @param value finite, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder rmse(double value) {
      rmse = OptionalDouble.of(requireNonNegative("rmse", value));
      return this;
    }

    /**
     * Sets the catalogue coverage.
     *
     * @param value finite, zero or more (a share, so 0..1)
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder coverage(double value) {
      coverage = OptionalDouble.of(requireNonNegative("coverage", value));
      return this;
    }

    /**
     * Sets the mean of the window's valid ratings.
     *
     * @param value finite, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder meanRating(double value) {
      meanRating = OptionalDouble.of(requireNonNegative("meanRating", value));
      return this;
    }

    /**
     * Sets the records that were well-formed but broke a rule.
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder invalidCount(long value) {
      invalidCount = OptionalLong.of(requireCount("invalidCount", value));
      return this;
    }

    /**
     * Sets the records that were not events at all.
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder malformedCount(long value) {
      malformedCount = OptionalLong.of(requireCount("malformedCount", value));
      return this;
    }

    /**
     * Sets the users served the popular fallback list.
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder coldCount(long value) {
      coldCount = OptionalLong.of(requireCount("coldCount", value));
      return this;
    }

    /**
     * Sets the share of the served users given a personalized list.
     *
     * @param value 0..1
     * @return this builder
     * @throws IllegalArgumentException if outside 0..1 or NaN
     */
    public Builder personalizedShare(double value) {
      personalizedShare = OptionalDouble.of(requireShare("personalizedShare", value));
      return this;
    }

    /**
     * Sets the ratings the model could not predict (user or movie unknown to it).
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder unpredictedCount(long value) {
      unpredictedCount = OptionalLong.of(requireCount("unpredictedCount", value));
      return this;
    }

    /**
     * Sets the id of the batch that made the window.
     *
     * @param value zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder batchId(long value) {
      batchId = OptionalLong.of(requireCount("batchId", value));
      return this;
    }

    /**
     * Sets the version of the model the quality figures belong to.
     *
     * @param value 1 to {@value RecommendationEvent#MAX_MODEL_VERSION_LENGTH} characters from
     *     {@code [A-Za-z0-9._-]}, starting with a letter or digit
     * @return this builder
     * @throws IllegalArgumentException if the version breaks that rule
     * @throws NullPointerException if {@code value} is null
     */
    public Builder modelVersion(String value) {
      modelVersion =
          Optional.of(requireModelVersion(Objects.requireNonNull(value, "modelVersion")));
      return this;
    }

    /**
     * Builds the event.
     *
     * @return the event
     */
    public MetricsEvent build() {
      return new MetricsEvent(
          windowStart,
          windowEnd,
          source,
          count,
          throughput,
          latencyP50Ms,
          latencyP95Ms,
          latencyP99Ms,
          rmse,
          coverage,
          meanRating,
          invalidCount,
          malformedCount,
          coldCount,
          personalizedShare,
          unpredictedCount,
          batchId,
          modelVersion);
    }
  }

  private static OptionalDouble orEmpty(OptionalDouble value) {
    return value == null ? OptionalDouble.empty() : value;
  }

  private static OptionalLong orEmpty(OptionalLong value) {
    return value == null ? OptionalLong.empty() : value;
  }

  private static double requireNonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + value);
    }
    return value;
  }

  private static long requireCount(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
    return value;
  }

  private static double requireShare(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be within 0..1 but was " + value);
    }
    return value;
  }

  private static String requireModelVersion(String value) {
    if (!RecommendationValidator.isValidModelVersion(value)) {
      throw new IllegalArgumentException(
          "modelVersion '"
              + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
              + "' must have 1 to "
              + RecommendationEvent.MAX_MODEL_VERSION_LENGTH
              + " characters from A-Z, a-z, 0-9, '.', '_', '-' and start with a letter or digit");
    }
    return value;
  }
}
