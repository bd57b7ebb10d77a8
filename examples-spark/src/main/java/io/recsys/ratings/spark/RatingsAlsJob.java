package io.recsys.ratings.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;

import io.recsys.ratings.spark.internal.CommonOptions;
import io.recsys.ratings.spark.internal.MetricsEventSender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
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
      Dataset<Row> top =
          model
              .recommendForAllUsers(config.topN())
              .select(col("userId"), posexplode(col("recommendations")))
              .select(
                  col("userId"),
                  col("pos").plus(1).as("rank"),
                  col("col.movieId").as("movieId"),
                  col("col.rating").as("score"))
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
      publish(config, result);
      LOG.info("ALS {}: {} coverage={}", config, result, result.coverage());
      return result;
    } finally {
      all.unpersist();
    }
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
