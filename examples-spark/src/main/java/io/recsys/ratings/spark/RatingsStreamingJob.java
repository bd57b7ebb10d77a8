package io.recsys.ratings.spark;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.spark.internal.CommonOptions;
import io.recsys.ratings.spark.internal.WindowMetrics;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Structured Streaming job: reads the {@code ratings} topic, decodes and validates every record
 * with {@link RatingFrames}, and publishes per window one metrics event per outcome to the {@code
 * metrics} topic, in the schema module's format ({@link io.recsys.ratings.schema.MetricsCodec}).
 *
 * <p><b>Windows.</b> A window is one micro-batch: processing time, tumbling, as long as the trigger
 * interval ({@code --window}, default 10 s). Every record lands in exactly one window, so the
 * counts of all windows add up to what was read, and no watermark holds the last window back. Per
 * window three events are sent (key = source):
 *
 * <ul>
 *   <li>{@code <source>}: the valid ratings: count, throughput (count / window seconds), end-to-end
 *       latency p50/p95/p99 ({@code percentile_approx} of window end minus the Kafka record
 *       timestamp, which the SDK's producer sets to the event time), and the mean rating in the
 *       record header {@value WindowMetrics#RATING_MEAN_HEADER} (the metrics format has no field
 *       for it);
 *   <li>{@code <source>:invalid} and {@code <source>:malformed}: the rejected records, counted the
 *       same way (zero counts are sent too).
 * </ul>
 *
 * Each record also carries the header {@value WindowMetrics#BATCH_ID_HEADER}: after a crash Spark
 * replays the last batch from its checkpoint and the window is sent again with the same id
 * (at-least-once).
 *
 * <p><b>Offsets.</b> With {@code --group} a {@link KafkaGroupOffsetCommitter} commits each finished
 * batch's end offsets to that consumer group, so lag tools see the job's lag.
 */
public final class RatingsStreamingJob {

  /** The default metrics source (and query) name. */
  public static final String DEFAULT_SOURCE = "spark-ratings";

  /** The Kafka header holding a window's mean rating of valid events. */
  public static final String RATING_MEAN_HEADER = WindowMetrics.RATING_MEAN_HEADER;

  /** The Kafka header holding the micro-batch id of a window. */
  public static final String BATCH_ID_HEADER = WindowMetrics.BATCH_ID_HEADER;

  private RatingsStreamingJob() {}

  /**
   * Runs the job until it stops (with {@code --once}: until the topic is caught up).
   *
   * @param args see {@link StreamingJobConfig#USAGE}
   * @throws TimeoutException if the query cannot start in time
   * @throws StreamingQueryException if the query fails
   */
  public static void main(String[] args) throws TimeoutException, StreamingQueryException {
    StreamingJobConfig config =
        CommonOptions.parseOrExit(args, StreamingJobConfig::parse, StreamingJobConfig.USAGE);
    SparkSession spark = CommonOptions.session("ratings-streaming", config.master().orElse(null));
    StreamingQuery query = start(spark, config);
    query.awaitTermination();
  }

  /**
   * The source name of one outcome's metrics events.
   *
   * @param source the job's source name
   * @param kind the outcome
   * @return {@code source} for valid ratings, {@code source:invalid} or {@code source:malformed}
   */
  public static String sourceOf(String source, DecodeResult.Kind kind) {
    return WindowMetrics.sourceOf(source, kind);
  }

  /**
   * Starts the query in a session (the caller owns the session). With a group, a {@link
   * KafkaGroupOffsetCommitter} is registered on the session before the query starts.
   *
   * @param spark the session
   * @param config the settings
   * @return the running query, named {@link StreamingJobConfig#source()}
   * @throws TimeoutException if the query cannot start in time
   */
  public static StreamingQuery start(SparkSession spark, StreamingJobConfig config)
      throws TimeoutException {
    Dataset<Row> decoded =
        KafkaRatingsSource.readDecoded(
            spark,
            config.sourceOptions(),
            config.bounds(),
            config.group(),
            config.source(),
            config.ratingsTopic(),
            config.kafkaProperties());
    return decoded
        .writeStream()
        .queryName(config.source())
        .option("checkpointLocation", config.checkpointDir())
        .trigger(
            config.once()
                ? Trigger.AvailableNow()
                : Trigger.ProcessingTime(config.window().toMillis()))
        .foreachBatch(
            new WindowMetrics(
                config.kafkaProperties(),
                config.metricsTopic(),
                config.source(),
                System.currentTimeMillis()))
        .start();
  }
}
