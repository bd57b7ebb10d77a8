package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.spark.internal.Args;
import io.recsys.ratings.spark.internal.CommonOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of {@link RatingsRecommendationJob}, usually read from its command line by {@link
 * #parse(String...)}.
 *
 * @param master the Spark master; empty: what spark-submit set, else {@code local[*]}
 * @param kafkaProperties Kafka client properties, at least {@code bootstrap.servers}
 * @param ratingsTopic the topic read ({@code --ratings-topic}, default {@code ratings})
 * @param recommendationsTopic the topic the lists go to ({@code --recommendations-topic}, default
 *     {@code recommendations})
 * @param metricsTopic the topic of the per-batch metrics ({@code --metrics-topic}, default {@code
 *     metrics})
 * @param modelDir the model directory ({@code --model-dir}, required; see {@link ModelDirectory})
 * @param checkpointDir Spark's checkpoint directory ({@code --checkpoint}, required)
 * @param group the consumer group the finished batches' offsets are mirrored to ({@code --group});
 *     empty: none
 * @param trigger the micro-batch interval ({@code --trigger}, default 5 s)
 * @param startingOffsets where a new query starts: {@code earliest} (default) or {@code latest}
 * @param maxOffsetsPerTrigger the most records per micro-batch ({@code --max-offsets-per-trigger},
 *     1..10,000,000, default 20,000): a batch's valid ratings are gathered on the driver, so this
 *     bounds its memory
 * @param once process what is in the topic now and stop ({@code --once}, Trigger.AvailableNow)
 * @param topN movies per list ({@code --top}, 1..100, default 10)
 * @param source the metrics source and the query name ({@code --source}, default {@code
 *     spark-recommender})
 * @param bounds the validator's id ranges ({@code --bounds ml-20m|ml-25m|ml-32m})
 */
public record RecommendationJobConfig(
    Optional<String> master,
    Map<String, String> kafkaProperties,
    String ratingsTopic,
    String recommendationsTopic,
    String metricsTopic,
    String modelDir,
    String checkpointDir,
    Optional<String> group,
    Duration trigger,
    String startingOffsets,
    long maxOffsetsPerTrigger,
    boolean once,
    int topN,
    String source,
    RatingBounds bounds) {

  /** The command-line usage. */
  public static final String USAGE =
      "RatingsRecommendationJob --bootstrap-servers HOST:PORT --model-dir DIR --checkpoint DIR"
          + " [--master local[*]] [--ratings-topic ratings]"
          + " [--recommendations-topic recommendations] [--metrics-topic metrics] [--group GROUP]"
          + " [--trigger 5s] [--starting-offsets earliest|latest]"
          + " [--max-offsets-per-trigger 20000] [--once] [--top 10]"
          + " [--source spark-recommender] [--bounds ml-20m|ml-25m|ml-32m|users=A..B,movies=C..D]"
          + " [--kafka-property key=value]...";

  /**
   * Checks every setting.
   *
   * @param master the Spark master
   * @param kafkaProperties Kafka client properties
   * @param ratingsTopic the topic read
   * @param recommendationsTopic the lists' topic
   * @param metricsTopic the metrics topic
   * @param modelDir the model directory
   * @param checkpointDir the checkpoint directory
   * @param group the consumer group
   * @param trigger the micro-batch interval
   * @param startingOffsets earliest or latest
   * @param maxOffsetsPerTrigger records per micro-batch
   * @param once stop when caught up
   * @param topN movies per list
   * @param source the metrics source name
   * @param bounds the validator's bounds
   * @throws IllegalArgumentException naming the bad setting and what is allowed
   * @throws NullPointerException if a component is null
   */
  public RecommendationJobConfig {
    Objects.requireNonNull(master, "master");
    kafkaProperties = CommonOptions.requireBootstrap(kafkaProperties);
    CommonOptions.requireText("ratingsTopic", ratingsTopic);
    CommonOptions.requireText("recommendationsTopic", recommendationsTopic);
    CommonOptions.requireText("metricsTopic", metricsTopic);
    CommonOptions.requireText("modelDir", modelDir);
    CommonOptions.requireText("checkpointDir", checkpointDir);
    Objects.requireNonNull(group, "group");
    group.ifPresent(g -> CommonOptions.requireText("group", g));
    Objects.requireNonNull(trigger, "trigger");
    if (trigger.toMillis() < 100 || trigger.toHours() > 24) {
      throw new IllegalArgumentException("trigger must be 100 ms to 24 h, got " + trigger);
    }
    CommonOptions.requireStartingOffsets(startingOffsets);
    if (maxOffsetsPerTrigger < 1 || maxOffsetsPerTrigger > 10_000_000) {
      throw new IllegalArgumentException(
          "maxOffsetsPerTrigger must be 1..10000000, got " + maxOffsetsPerTrigger);
    }
    if (topN < 1 || topN > RecommendationEvent.MAX_ITEMS) {
      throw new IllegalArgumentException(
          "topN must be 1.." + RecommendationEvent.MAX_ITEMS + ", got " + topN);
    }
    CommonOptions.requireText("source", source);
    Objects.requireNonNull(bounds, "bounds");
  }

  /**
   * Reads the command line (see {@link #USAGE}).
   *
   * @param args the arguments
   * @return the settings
   * @throws IllegalArgumentException on an unknown option, a missing required one or a bad value
   */
  public static RecommendationJobConfig parse(String... args) {
    Set<String> options = new HashSet<>(CommonOptions.OPTIONS);
    options.addAll(
        Set.of(
            "ratings-topic",
            "recommendations-topic",
            "model-dir",
            "checkpoint",
            "group",
            "trigger",
            "starting-offsets",
            "max-offsets-per-trigger",
            "top"));
    Args a = Args.parse(args, options, Set.of("once"));
    for (String required : new String[] {"model-dir", "checkpoint"}) {
      if (a.get(required, null) == null) {
        throw new IllegalArgumentException("--" + required + " DIR is required; usage: " + USAGE);
      }
    }
    return new RecommendationJobConfig(
        Optional.ofNullable(a.get("master", null)),
        CommonOptions.kafkaProperties(a),
        a.get("ratings-topic", "ratings"),
        a.get("recommendations-topic", "recommendations"),
        a.get("metrics-topic", "metrics"),
        a.get("model-dir", null),
        a.get("checkpoint", null),
        Optional.ofNullable(a.get("group", null)),
        a.getDuration("trigger", Duration.ofSeconds(5)),
        a.get("starting-offsets", "earliest"),
        a.getInt("max-offsets-per-trigger", 20_000),
        a.flag("once"),
        a.getInt("top", 10),
        a.get("source", RatingsRecommendationJob.DEFAULT_SOURCE),
        CommonOptions.bounds(a));
  }

  /**
   * The options of Spark's Kafka source for this job.
   *
   * @return source options ({@code kafka.*}, {@code subscribe}, {@code startingOffsets}, ...)
   */
  public Map<String, String> sourceOptions() {
    return KafkaRatingsSource.options(
        kafkaProperties, ratingsTopic, startingOffsets, maxOffsetsPerTrigger);
  }

  /** Leaves secrets out: only the bootstrap servers of the Kafka properties are shown. */
  @Override
  public String toString() {
    return "RecommendationJobConfig[master="
        + master.orElse("(default)")
        + ", bootstrap.servers="
        + kafkaProperties.get("bootstrap.servers")
        + ", ratingsTopic="
        + ratingsTopic
        + ", recommendationsTopic="
        + recommendationsTopic
        + ", metricsTopic="
        + metricsTopic
        + ", modelDir="
        + modelDir
        + ", checkpointDir="
        + checkpointDir
        + ", group="
        + group.orElse("(none)")
        + ", trigger="
        + trigger
        + ", startingOffsets="
        + startingOffsets
        + ", maxOffsetsPerTrigger="
        + maxOffsetsPerTrigger
        + ", once="
        + once
        + ", topN="
        + topN
        + ", source="
        + source
        + ", bounds="
        + bounds
        + "]";
  }
}
