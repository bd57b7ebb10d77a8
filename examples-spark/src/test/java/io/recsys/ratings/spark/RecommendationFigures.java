package io.recsys.ratings.spark;

import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.spark.internal.ScoreUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the figures of the recommendations guide (a measurement, not a test): the held-out RMSE of
 * the ALS job on generated ratings with a known rank-5 structure, and the time to score
 * micro-batches of 500 users (top-10 without their rated movies, on the executors against the
 * broadcast item factors), warm, in {@code local[2]}.
 *
 * <pre>
 * ./mvnw -B -ntp -pl examples-spark -am test -Dtest=RecommendationFigures \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfigures=true
 * </pre>
 *
 * (the test method runs only with {@code -Dfigures=true}), or its {@code main} with the arguments
 * users, movies, ratings per user, batch size, rounds, ALS rank, regParam.
 */
public final class RecommendationFigures {

  @Test
  @EnabledIfSystemProperty(named = "figures", matches = "true")
  void printFigures() throws Exception {
    main(new String[0]);
  }

  /**
   * Runs the measurement.
   *
   * @param args users, movies, ratings per user, batch size, rounds, ALS rank, regParam
   * @throws Exception if a file cannot be written
   */
  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 8_000;
    int movies = args.length > 1 ? Integer.parseInt(args[1]) : 9_000;
    int perUser = args.length > 2 ? Integer.parseInt(args[2]) : 80;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String rank = args.length > 5 ? args[5] : "10";
    String regParam = args.length > 6 ? args[6] : "0.1";
    SparkSession spark =
        SparkSession.builder()
            .appName("recommendation-figures")
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    Path dir = Files.createTempDirectory("recommendation-figures");
    try {
      LowRankRatings data = new LowRankRatings(42, users, movies, 5, perUser, 0.25);
      Path csv = dir.resolve("ratings.csv");
      try (MovieLensCsv.LineWriter w = MovieLensCsv.create(csv)) {
        for (RatingEvent e : data.events) {
          w.write(e);
        }
      }
      long t0 = System.nanoTime();
      AlsResult result =
          RatingsAlsJob.run(
              spark,
              AlsJobConfig.parse(
                  "--csv",
                  csv.toString(),
                  "--model-out",
                  dir.resolve("models").toString(),
                  "--rank",
                  rank,
                  "--max-iter",
                  "10",
                  "--reg-param",
                  regParam));
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      RecommenderModel model = ModelDirectory.loadLatest(spark, dir.resolve("models"));

      Map<Integer, List<Integer>> rated = new HashMap<>();
      data.events.forEach(
          e -> rated.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e.movieId()));
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      var items = jsc.broadcast(model.items());
      double[] millis = new double[rounds];
      for (int round = -2; round < rounds; round++) { // two warm-up rounds
        List<ScoreUsers.Task> tasks = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
          int user = 1 + Math.floorMod((round + 2) * batch + i, users);
          float[] f = model.userFactors(user);
          if (f != null) {
            int[] seen =
                rated.getOrDefault(user, List.of()).stream()
                    .mapToInt(Integer::intValue)
                    .sorted()
                    .toArray();
            tasks.add(new ScoreUsers.Task(user, f, seen));
          }
        }
        long s = System.nanoTime();
        List<ScoreUsers.Result> out =
            jsc.parallelize(tasks, 2).mapPartitions(new ScoreUsers(items, 10)).collect();
        double ms = (System.nanoTime() - s) / 1e6;
        if (out.size() != tasks.size()) {
          throw new IllegalStateException("scored " + out.size() + " of " + tasks.size());
        }
        if (round >= 0) {
          millis[round] = ms;
        }
      }
      Arrays.sort(millis);
      System.out.printf(
          "data: %d users, %d movies, %d ratings (rank-5 structure, noise 0.25)%n",
          users, movies, data.events.size());
      System.out.printf(
          "ALS rank %s, regParam %s, 10 iterations: held-out RMSE %.4f (perfect model %.4f, mean baseline"
              + " %.4f), trained and saved in %.1f s%n",
          rank, regParam, result.rmse(), data.oracleRmse(), data.meanBaselineRmse(), trainSeconds);
      System.out.printf(
          "top-10 without rated movies, %d users per batch, %d movies, local[2], warm:"
              + " median %.0f ms, min %.0f ms, max %.0f ms over %d batches%n",
          batch, model.catalogueSize(), millis[rounds / 2], millis[0], millis[rounds - 1], rounds);
    } finally {
      spark.stop();
    }
  }
}
