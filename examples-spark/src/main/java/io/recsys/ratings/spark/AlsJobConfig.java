package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.spark.internal.Args;
import io.recsys.ratings.spark.internal.CommonOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of {@link RatingsAlsJob}, usually read from its command line by {@link
 * #parse(String...)}.
 *
 * @param master the Spark master; empty: what spark-submit set, else {@code local[*]}
 * @param kafkaProperties Kafka client properties ({@code --bootstrap-servers}, {@code
 *     --kafka-property k=v}); empty: no Kafka (then {@code csv} is required and nothing is
 *     published)
 * @param ratingsTopic the topic read in one batch, earliest to latest ({@code --ratings-topic},
 *     default {@code ratings}); ignored when {@code csv} is set
 * @param csv a MovieLens {@code ratings.csv} to read instead of the topic ({@code --csv PATH}, any
 *     Hadoop path)
 * @param metricsTopic where the result is published ({@code --metrics-topic}, default {@code
 *     metrics})
 * @param recommendationsOut where the top-N per user go as CSV {@code userId,rank,movieId,score}
 *     ({@code --recommendations-out DIR}); empty: not written
 * @param rank ALS rank ({@code --rank}, 1..500, default 10)
 * @param maxIter ALS iterations ({@code --max-iter}, 1..100, default 10)
 * @param regParam ALS regularisation ({@code --reg-param}, 0..10, default 0.1)
 * @param testFraction the held-out share for RMSE ({@code --test-fraction}, 0.01..0.9, default 0.2)
 * @param seed the split and ALS seed ({@code --seed}, default 42)
 * @param topN recommendations per user ({@code --top}, 1..1000, default 10)
 * @param blocks ALS user and item blocks ({@code --blocks}, 0..1000); 0 (default): the session's
 *     default parallelism
 * @param source the metrics source name ({@code --source}, default {@code spark-als})
 * @param bounds the validator's id ranges ({@code --bounds ml-20m|ml-25m|ml-32m})
 * @param modelOut the model directory a new version is saved to ({@code --model-out DIR}, see
 *     {@link ModelDirectory}); empty: not saved
 * @param popularSize popular movies kept for users the model does not know ({@code --popular-size},
 *     1..100, default 100)
 * @param popularMinCount the fewest ratings a popular movie needs ({@code --popular-min-count},
 *     1..1000000, default 5)
 */
public record AlsJobConfig(
    Optional<String> master,
    Map<String, String> kafkaProperties,
    String ratingsTopic,
    Optional<String> csv,
    String metricsTopic,
    Optional<String> recommendationsOut,
    int rank,
    int maxIter,
    double regParam,
    double testFraction,
    long seed,
    int topN,
    int blocks,
    String source,
    RatingBounds bounds,
    Optional<String> modelOut,
    int popularSize,
    int popularMinCount) {

  /** The command-line usage. */
  public static final String USAGE =
      "RatingsAlsJob (--bootstrap-servers HOST:PORT [--ratings-topic ratings] | --csv PATH)"
          + " [--master local[*]] [--metrics-topic metrics] [--recommendations-out DIR]"
          + " [--rank 10] [--max-iter 10] [--reg-param 0.1] [--test-fraction 0.2] [--seed 42]"
          + " [--top 10] [--blocks N] [--source spark-als] [--bounds ml-20m|ml-25m|ml-32m|users=A..B,movies=C..D]"
          + " [--model-out DIR] [--popular-size 100] [--popular-min-count 5]"
          + " [--kafka-property key=value]...";

  /**
   * Checks every setting.
   *
   * @param master the Spark master
   * @param kafkaProperties Kafka client properties, may be empty
   * @param ratingsTopic the topic read
   * @param csv a ratings.csv instead of the topic
   * @param metricsTopic the topic written
   * @param recommendationsOut the output directory of the top-N lists
   * @param rank ALS rank
   * @param maxIter ALS iterations
   * @param regParam ALS regularisation
   * @param testFraction held-out share
   * @param seed random seed
   * @param topN recommendations per user
   * @param blocks ALS blocks, 0 for the default parallelism
   * @param source metrics source name
   * @param bounds the validator's bounds
   * @param modelOut the model directory, may be empty
   * @param popularSize popular movies kept
   * @param popularMinCount the fewest ratings of a popular movie
   * @throws IllegalArgumentException naming the bad setting and the allowed range
   * @throws NullPointerException if a component is null
   */
  public AlsJobConfig {
    Objects.requireNonNull(master, "master");
    kafkaProperties = Map.copyOf(kafkaProperties);
    if (!kafkaProperties.isEmpty() && !kafkaProperties.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafkaProperties need bootstrap.servers");
    }
    Objects.requireNonNull(csv, "csv");
    if (kafkaProperties.isEmpty() && csv.isEmpty()) {
      throw new IllegalArgumentException("give --bootstrap-servers, --csv, or both");
    }
    CommonOptions.requireText("ratingsTopic", ratingsTopic);
    CommonOptions.requireText("metricsTopic", metricsTopic);
    Objects.requireNonNull(recommendationsOut, "recommendationsOut");
    requireRange("rank", rank, 1, 500);
    requireRange("maxIter", maxIter, 1, 100);
    if (!(regParam >= 0 && regParam <= 10)) {
      throw new IllegalArgumentException("regParam must be 0..10, got " + regParam);
    }
    if (!(testFraction >= 0.01 && testFraction <= 0.9)) {
      throw new IllegalArgumentException("testFraction must be 0.01..0.9, got " + testFraction);
    }
    requireRange("topN", topN, 1, 1000);
    requireRange("blocks", blocks, 0, 1000);
    CommonOptions.requireText("source", source);
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(modelOut, "modelOut");
    requireRange("popularSize", popularSize, 1, 100);
    requireRange("popularMinCount", popularMinCount, 1, 1_000_000);
  }

  /**
   * Reads the command line (see {@link #USAGE}).
   *
   * @param args the arguments
   * @return the settings
   * @throws IllegalArgumentException on an unknown option or a bad value
   */
  public static AlsJobConfig parse(String... args) {
    Set<String> options = new HashSet<>(CommonOptions.OPTIONS);
    options.addAll(
        Set.of(
            "ratings-topic",
            "csv",
            "recommendations-out",
            "rank",
            "max-iter",
            "reg-param",
            "test-fraction",
            "seed",
            "top",
            "blocks",
            "model-out",
            "popular-size",
            "popular-min-count"));
    Args a = Args.parse(args, options, Set.of());
    return new AlsJobConfig(
        Optional.ofNullable(a.get("master", null)),
        CommonOptions.optionalKafkaProperties(a),
        a.get("ratings-topic", "ratings"),
        Optional.ofNullable(a.get("csv", null)),
        a.get("metrics-topic", "metrics"),
        Optional.ofNullable(a.get("recommendations-out", null)),
        a.getInt("rank", 10),
        a.getInt("max-iter", 10),
        a.getDouble("reg-param", 0.1),
        a.getDouble("test-fraction", 0.2),
        a.getInt("seed", 42),
        a.getInt("top", 10),
        a.getInt("blocks", 0),
        a.get("source", RatingsAlsJob.DEFAULT_SOURCE),
        CommonOptions.bounds(a),
        Optional.ofNullable(a.get("model-out", null)),
        a.getInt("popular-size", 100),
        a.getInt("popular-min-count", 5));
  }

  /** Leaves secrets out: only the bootstrap servers of the Kafka properties are shown. */
  @Override
  public String toString() {
    return "AlsJobConfig[master="
        + master.orElse("(default)")
        + ", bootstrap.servers="
        + kafkaProperties.getOrDefault("bootstrap.servers", "(none)")
        + ", input="
        + csv.orElse("topic " + ratingsTopic)
        + ", metricsTopic="
        + metricsTopic
        + ", recommendationsOut="
        + recommendationsOut.orElse("(none)")
        + ", rank="
        + rank
        + ", maxIter="
        + maxIter
        + ", regParam="
        + regParam
        + ", testFraction="
        + testFraction
        + ", seed="
        + seed
        + ", topN="
        + topN
        + ", blocks="
        + blocks
        + ", source="
        + source
        + ", bounds="
        + bounds
        + ", modelOut="
        + modelOut.orElse("(none)")
        + ", popularSize="
        + popularSize
        + ", popularMinCount="
        + popularMinCount
        + "]";
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
