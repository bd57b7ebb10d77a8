package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import io.recsys.ratings.spark.internal.CommonOptions;
import io.recsys.ratings.spark.internal.ItemFactors;
import io.recsys.ratings.spark.internal.MetricsEventSender;
import io.recsys.ratings.spark.internal.UserTopN;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch job: trains Spark MLlib ALS on the ratings of a topic (read once, earliest to latest, and
 * decoded by {@link RatingFrames} like every other consumer) or of a MovieLens {@code ratings.csv},
 * measures RMSE on a held-out split and the catalogue coverage of the top-N recommendations,
 * publishes both to the {@code metrics} topic as one {@link io.recsys.ratings.schema.MetricsEvent}
 * ({@link AlsResult#toMetricsEvent(String)}), and writes the top-N per user where asked.
 *
 * <p>The top-N lists leave out every movie the user has rated (in the training and the held-out
 * split): they are scored on the executors against the broadcast item factors with a heap top-k.
 * With {@code --model-out DIR} the model is saved as a new version of a {@link ModelDirectory},
 * which {@link RatingsRecommendationJob} serves.
 */
public final class RatingsAlsJob {
  private static final Logger LOG = LoggerFactory.getLogger(RatingsAlsJob.class);

  /** The default metrics source name. */
  public static final String DEFAULT_SOURCE = "spark-als";

  private RatingsAlsJob() {}

  /**
   * Runs the job once and prints the result.
   *
   * @param args see {@link AlsJobConfig#USAGE}
   */
  public static void main(String[] args) {
    AlsJobConfig config = CommonOptions.parseOrExit(args, AlsJobConfig::parse, AlsJobConfig.USAGE);
    SparkSession spark = CommonOptions.session("ratings-als", config.master().orElse(null));
    try {
      AlsResult result = run(spark, config);
      System.out.println(result + " coverage=" + result.coverage());
    } finally {
      spark.stop();
    }
  }

  /**
   * Trains, evaluates, publishes and (optionally) writes recommendations in a session the caller
   * owns.
   *
   * @param spark the session
   * @param config the settings
   * @return what was measured
   * @throws IllegalStateException if there are no valid ratings, or publishing fails
   */
  public static AlsResult run(SparkSession spark, AlsJobConfig config) {
    long start = System.currentTimeMillis();
    DecodedRatings decoded = read(spark, config);
    Dataset<Row> all = decoded.all().drop("value").cache();
    try {
      DecodedRatings cached = new DecodedRatings(all);
      Dataset<Row> ratings = cached.valid().select("userId", "movieId", "rating");
      long total = all.count();
      long valid = ratings.count();
      if (valid == 0) {
        throw new IllegalStateException(
            "no valid ratings in "
                + config.csv().orElse("topic " + config.ratingsTopic())
                + " ("
                + total
                + " records read)");
      }
      Dataset<Row>[] split =
          ratings.randomSplit(
              new double[] {1 - config.testFraction(), config.testFraction()}, config.seed());
      Dataset<Row> train = split[0].cache();
      Dataset<Row> test = split[1];
      int blocks =
          config.blocks() > 0 ? config.blocks() : spark.sparkContext().defaultParallelism();
      ALSModel model =
          new ALS()
              .setRank(config.rank())
              .setMaxIter(config.maxIter())
              .setRegParam(config.regParam())
              .setUserCol("userId")
              .setItemCol("movieId")
              .setRatingCol("rating")
              .setColdStartStrategy("drop")
              .setSeed(config.seed())
              .setNumBlocks(blocks)
              .fit(train);
      double rmse =
          new RegressionEvaluator()
              .setMetricName("rmse")
              .setLabelCol("rating")
              .setPredictionCol("prediction")
              .evaluate(model.transform(test));
      Dataset<Row> rated =
          ratings.groupBy(col("userId")).agg(collect_set(col("movieId")).as("movies"));
      Broadcast<ItemFactors> items =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(itemFactors(model));
      // top-N without the movies each user has rated (train and held-out alike)
      Dataset<Row> top =
          model
              .userFactors()
              .select(col("id").as("userId"), col("features"))
              .join(rated, "userId")
              .mapPartitions(new UserTopN(items, config.topN()), Encoders.row(UserTopN.SCHEMA))
              .cache();
      long users = top.select("userId").distinct().count();
      long recommended = top.select("movieId").distinct().count();
      long catalogue = ratings.select("movieId").distinct().count();
      config
          .recommendationsOut()
          .ifPresent(
              out ->
                  top.orderBy("userId", "rank")
                      .coalesce(1)
                      .write()
                      .mode(SaveMode.Overwrite)
                      .option("header", "true")
                      .csv(out));
      long trainCount = train.count();
      top.unpersist();
      items.destroy();
      train.unpersist();
      AlsResult result =
          new AlsResult(
              valid,
              total - valid,
              trainCount,
              valid - trainCount,
              rmse,
              users,
              catalogue,
              recommended,
              start,
              System.currentTimeMillis());
      if (config.modelOut().isPresent()) {
        saveModel(config, model, ratings, result);
      }
      publish(config, result);
      LOG.info("ALS {}: {} coverage={}", config, result, result.coverage());
      return result;
    } finally {
      all.unpersist();
    }
  }

  private static void saveModel(
      AlsJobConfig config, ALSModel model, Dataset<Row> ratings, AlsResult result) {
    long now = System.currentTimeMillis();
    ModelMetadata metadata =
        new ModelMetadata(
            ModelDirectory.newVersion(now),
            config.rank(),
            config.regParam(),
            config.maxIter(),
            OptionalDouble.empty(),
            result.trainRatings(),
            result.testRatings(),
            model.userFactors().count(),
            model.itemFactors().count(),
            result.rmse(),
            now);
    try {
      ModelDirectory.save(
          Path.of(config.modelOut().get()),
          metadata,
          model,
          ratings,
          config.popularSize(),
          config.popularMinCount());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + config.modelOut().get(), e);
    }
  }

  /**
   * The item factors of a model, collected to the driver in ascending movie order.
   *
   * @param model the model
   * @return the factors
   */
  static ItemFactors itemFactors(ALSModel model) {
    List<Row> rows = model.itemFactors().orderBy(col("id")).collectAsList();
    int rank = model.rank();
    int[] ids = new int[rows.size()];
    float[] factors = new float[ids.length * rank];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = rows.get(i).getInt(0);
      System.arraycopy(UserTopN.floats(rows.get(i).getList(1)), 0, factors, i * rank, rank);
    }
    return new ItemFactors(ids, factors, rank);
  }

  private static DecodedRatings read(SparkSession spark, AlsJobConfig config) {
    if (config.csv().isPresent()) {
      return RatingFrames.decodeCsvLines(
          spark.read().textFile(config.csv().get()), config.bounds());
    }
    Map<String, String> options = new LinkedHashMap<>();
    config.kafkaProperties().forEach((k, v) -> options.put("kafka." + k, v));
    options.put("subscribe", config.ratingsTopic());
    options.put("startingOffsets", "earliest");
    options.put("endingOffsets", "latest");
    return RatingFrames.decode(
        spark.read().format("kafka").options(options).load(), config.bounds());
  }

  private static void publish(AlsJobConfig config, AlsResult result) {
    if (config.kafkaProperties().isEmpty()) {
      LOG.info("no --bootstrap-servers: the result is not published");
      return;
    }
    MetricsEventSender.publish(
        config.kafkaProperties(),
        config.metricsTopic(),
        List.of(
            new MetricsEventSender.Entry(
                result.toMetricsEvent(config.source()),
                Map.of(
                    "users", Long.toString(result.users()),
                    "catalogue-items", Long.toString(result.catalogueItems()),
                    "recommended-items", Long.toString(result.recommendedItems())))));
  }
}
