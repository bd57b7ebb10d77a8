package io.recsys.ratings.spark;

import io.recsys.ratings.spark.internal.CommonOptions;
import io.recsys.ratings.spark.internal.ModelWatcher;
import io.recsys.ratings.spark.internal.RecommendationBatch;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Structured Streaming job: reads the {@code ratings} topic, decodes and validates every record
 * with {@link RatingFrames}, and for each user who rated in a micro-batch publishes their top-N
 * unseen movies to the {@code recommendations} topic as a {@link
 * io.recsys.ratings.schema.RecommendationEvent} (key = the userId as a decimal string), then one
 * {@link io.recsys.ratings.schema.MetricsEvent} per micro-batch to the {@code metrics} topic.
 *
 * <p><b>The model</b> is the latest version of a {@link ModelDirectory} ({@code --model-dir},
 * written by {@link RatingsAlsJob} {@code --model-out}). It stays on the driver; only its item
 * factors are broadcast. Before each micro-batch the job reads {@code LATEST} and switches to a new
 * version when there is one; every event carries the version that made it. A missing or
 * half-written model directory fails the start with a {@link ModelLoadException} naming the path; a
 * version that cannot be loaded later (pointer gone, version deleted or half-written) leaves the
 * current model in use, with a WARN.
 *
 * <p><b>Per micro-batch</b>, on the driver: every valid rating is first predicted by the current
 * model (online RMSE, the prediction clipped to 0.5..5; ratings of users or movies the model does
 * not know are counted apart as unpredicted), then added to the user's seen movies (the training
 * history plus every rating seen since, kept on the driver). Each user of the batch that the model
 * knows is scored on the executors: the dot product of the user's factors with every movie's, a
 * heap top-k that skips the seen movies (kind {@code PERSONALIZED}). Users the model does not know
 * get the model's popular movies minus what they rated (kind {@code FALLBACK}).
 *
 * <p><b>Metrics</b> (source {@code --source}, default {@value #DEFAULT_SOURCE}): the valid ratings'
 * count and throughput, the latency from each rating's timestamp to the publication of the lists
 * (p50/p95/p99, nearest rank), online RMSE and the unpredicted count, the personalized share, the
 * cold (fallback) count, coverage (distinct recommended movies over the model's movies), the mean
 * rating, the invalid and malformed counts, the batch id and the model version.
 *
 * <p><b>Delivery</b> is at least once: after a crash Spark replays the last micro-batch from its
 * checkpoint and its lists are published again (the topic is compacted, the latest list per user
 * wins). With {@code --group} the finished batches' offsets are mirrored to a consumer group by a
 * {@link KafkaGroupOffsetCommitter}. The seen sets of the ratings since training live in the
 * driver's memory: a restarted job knows the training history and what it reads after the restart.
 */
public final class RatingsRecommendationJob {

  /** The default metrics source (and query) name. */
  public static final String DEFAULT_SOURCE = "spark-recommender";

  private RatingsRecommendationJob() {}

  /**
   * Runs the job until it stops (with {@code --once}: until the topic is caught up).
   *
   * @param args see {@link RecommendationJobConfig#USAGE}
   * @throws TimeoutException if the query cannot start in time
   * @throws StreamingQueryException if the query fails
   */
  public static void main(String[] args) throws TimeoutException, StreamingQueryException {
    RecommendationJobConfig config =
        CommonOptions.parseOrExit(
            args, RecommendationJobConfig::parse, RecommendationJobConfig.USAGE);
    SparkSession spark =
        CommonOptions.session("ratings-recommendations", config.master().orElse(null));
    try {
      StreamingQuery query = start(spark, config);
      query.awaitTermination();
    } finally {
      spark.stop();
    }
  }

  /**
   * Loads the latest model and starts the query in a session the caller owns. With a group, a
   * {@link KafkaGroupOffsetCommitter} is registered on the session before the query starts.
   *
   * @param spark the session
   * @param config the settings
   * @return the running query, named {@link RecommendationJobConfig#source()}
   * @throws ModelLoadException if the model directory, its {@code LATEST} pointer or the version it
   *     names is missing, half-written or unreadable
   * @throws TimeoutException if the query cannot start in time
   */
  public static StreamingQuery start(SparkSession spark, RecommendationJobConfig config)
      throws TimeoutException {
    ModelWatcher models = new ModelWatcher(spark, Path.of(config.modelDir()));
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
                : Trigger.ProcessingTime(config.trigger().toMillis()))
        .foreachBatch(
            new RecommendationBatch(
                models,
                config.kafkaProperties(),
                config.recommendationsTopic(),
                config.metricsTopic(),
                config.source(),
                config.topN(),
                System.currentTimeMillis()))
        .start();
  }
}
