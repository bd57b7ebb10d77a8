package io.recsys.ratings.spark;

import io.recsys.ratings.schema.RatingBounds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The streaming jobs' shared input: the ratings topic, decoded, with offsets mirrored to a group.
 */
final class KafkaRatingsSource {

  /** How long the mirror of the offsets to the group may take per micro-batch. */
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private KafkaRatingsSource() {}

  /**
   * The options of Spark's Kafka source.
   *
   * @param kafkaProperties Kafka client properties, passed with the {@code kafka.} prefix
   * @param topic the topic subscribed to
   * @param startingOffsets earliest or latest
   * @param maxOffsetsPerTrigger records per micro-batch, 0 for no limit
   * @return the options, in a stable order
   */
  static Map<String, String> options(
      Map<String, String> kafkaProperties,
      String topic,
      String startingOffsets,
      long maxOffsetsPerTrigger) {
    Map<String, String> options = new LinkedHashMap<>();
    kafkaProperties.forEach((k, v) -> options.put("kafka." + k, v));
    options.put("subscribe", topic);
    options.put("startingOffsets", startingOffsets);
    options.put("includeHeaders", "false");
    if (maxOffsetsPerTrigger > 0) {
      options.put("maxOffsetsPerTrigger", Long.toString(maxOffsetsPerTrigger));
    }
    return options;
  }

  /**
   * Opens the stream and decodes it; with a group, a {@link KafkaGroupOffsetCommitter} is
   * registered on the session first, so the group shows the job's progress.
   *
   * @param spark the session
   * @param options the source options ({@link #options})
   * @param bounds the validator's bounds
   * @param group the group to mirror offsets to, if any
   * @param source the query's name
   * @param topic the topic read
   * @param kafkaProperties Kafka client properties for the group's commits
   * @return every decoded record, valid or not
   */
  static Dataset<Row> readDecoded(
      SparkSession spark,
      Map<String, String> options,
      RatingBounds bounds,
      Optional<String> group,
      String source,
      String topic,
      Map<String, String> kafkaProperties) {
    Dataset<Row> kafka = spark.readStream().format("kafka").options(options).load();
    Dataset<Row> decoded = RatingFrames.decode(kafka, bounds).all();
    group.ifPresent(
        g ->
            spark
                .streams()
                .addListener(
                    new KafkaGroupOffsetCommitter(
                        source, g, topic, kafkaProperties, COMMIT_TIMEOUT)));
    return decoded;
  }
}
