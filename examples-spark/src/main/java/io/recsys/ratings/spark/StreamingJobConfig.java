package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.spark.internal.Args;
import io.recsys.ratings.spark.internal.CommonOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of {@link RatingsStreamingJob}, usually read from its command line by {@link
 * #parse(String...)}.
 *
 * @param master the Spark master, e.g. {@code local[*]} or {@code spark://host:7077}; empty: what
 *     spark-submit set, else {@code local[*]}
 * @param kafkaProperties Kafka client properties, at least {@code bootstrap.servers}; the source
 *     gets them prefixed with {@code kafka.}, the offset committer and metrics producer as they are
 * @param ratingsTopic the topic read ({@code --ratings-topic}, default {@code ratings})
 * @param metricsTopic the topic written ({@code --metrics-topic}, default {@code metrics})
 * @param checkpointDir Spark's checkpoint directory ({@code --checkpoint}, required)
 * @param group the consumer group the finished batches' offsets are committed to ({@code --group});
 *     empty: none
 * @param window the length of a metrics window = the trigger interval ({@code --window}, default 10
 *     s)
 * @param startingOffsets where a new query starts: {@code earliest} (default) or {@code latest}
 * @param maxOffsetsPerTrigger the most records per window, 0 for no limit ({@code
 *     --max-offsets-per-trigger})
 * @param once process what is in the topic now and stop ({@code --once}, Trigger.AvailableNow)
 * @param source the metrics source name and the query name ({@code --source}, default {@code
 *     spark-ratings})
 * @param bounds the validator's id ranges ({@code --bounds ml-20m|ml-25m|ml-32m})
 */
public record StreamingJobConfig(
    Optional<String> master,
    Map<String, String> kafkaProperties,
    String ratingsTopic,
    String metricsTopic,
    String checkpointDir,
    Optional<String> group,
    Duration window,
    String startingOffsets,
    long maxOffsetsPerTrigger,
    boolean once,
    String source,
    RatingBounds bounds) {

  /** The command-line usage. */
  public static final String USAGE =
      "RatingsStreamingJob --bootstrap-servers HOST:PORT --checkpoint DIR [--master local[*]]"
          + " [--ratings-topic ratings] [--metrics-topic metrics] [--group GROUP] [--window 10s]"
          + " [--starting-offsets earliest|latest] [--max-offsets-per-trigger N] [--once]"
          + " [--source spark-ratings] [--bounds ml-20m|ml-25m|ml-32m|users=A..B,movies=C..D]"
          + " [--kafka-property key=value]...";

  /**
   * Checks every setting.
   *
   * @param master the Spark master
   * @param kafkaProperties Kafka client properties
   * @param ratingsTopic the topic read
   * @param metricsTopic the topic written
   * @param checkpointDir the checkpoint directory
   * @param group the consumer group
   * @param window the window length
   * @param startingOffsets earliest or latest
   * @param maxOffsetsPerTrigger records per window, 0 for no limit
   * @param once stop when caught up
   * @param source the metrics source name
   * @param bounds the validator's bounds
   * @throws IllegalArgumentException naming the bad setting and what is allowed
   * @throws NullPointerException if a component is null
   */
  public StreamingJobConfig {
    Objects.requireNonNull(master, "master");
    kafkaProperties = CommonOptions.requireBootstrap(kafkaProperties);
    CommonOptions.requireText("ratingsTopic", ratingsTopic);
    CommonOptions.requireText("metricsTopic", metricsTopic);
    CommonOptions.requireText("checkpointDir", checkpointDir);
    Objects.requireNonNull(group, "group");
    group.ifPresent(g -> CommonOptions.requireText("group", g));
    Objects.requireNonNull(window, "window");
    if (window.toMillis() < 100 || window.toHours() > 24) {
      throw new IllegalArgumentException("window must be 100 ms to 24 h, got " + window);
    }
    CommonOptions.requireStartingOffsets(startingOffsets);
    if (maxOffsetsPerTrigger < 0) {
      throw new IllegalArgumentException(
          "maxOffsetsPerTrigger must be >= 0 (0 = no limit), got " + maxOffsetsPerTrigger);
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
  public static StreamingJobConfig parse(String... args) {
    Set<String> options = new HashSet<>(CommonOptions.OPTIONS);
    options.addAll(
        Set.of(
            "ratings-topic",
            "checkpoint",
            "group",
            "window",
            "starting-offsets",
            "max-offsets-per-trigger"));
    Args a = Args.parse(args, options, Set.of("once"));
    String checkpoint = a.get("checkpoint", null);
    if (checkpoint == null) {
      throw new IllegalArgumentException("--checkpoint DIR is required; usage: " + USAGE);
    }
    return new StreamingJobConfig(
        Optional.ofNullable(a.get("master", null)),
        CommonOptions.kafkaProperties(a),
        a.get("ratings-topic", "ratings"),
        a.get("metrics-topic", "metrics"),
        checkpoint,
        Optional.ofNullable(a.get("group", null)),
        a.getDuration("window", Duration.ofSeconds(10)),
        a.get("starting-offsets", "earliest"),
        a.getInt("max-offsets-per-trigger", 0),
        a.flag("once"),
        a.get("source", RatingsStreamingJob.DEFAULT_SOURCE),
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
    return "StreamingJobConfig[master="
        + master.orElse("(default)")
        + ", bootstrap.servers="
        + kafkaProperties.get("bootstrap.servers")
        + ", ratingsTopic="
        + ratingsTopic
        + ", metricsTopic="
        + metricsTopic
        + ", checkpointDir="
        + checkpointDir
        + ", group="
        + group.orElse("(none)")
        + ", window="
        + window
        + ", startingOffsets="
        + startingOffsets
        + ", maxOffsetsPerTrigger="
        + maxOffsetsPerTrigger
        + ", once="
        + once
        + ", source="
        + source
        + ", bounds="
        + bounds
        + "]";
  }
}
