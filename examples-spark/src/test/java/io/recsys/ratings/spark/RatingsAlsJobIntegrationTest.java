package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
@WithKafka
class RatingsAlsJobIntegrationTest {
  /**
   * The stated bound: on 300 users x 200 movies, rank-3 structure, ~40 ratings per user, noise 0.25
   * and half-star rounding, a perfect model's RMSE is about 0.28 (oracleRmse) and the mean baseline
   * about 1.0; ALS (rank 5, 10 iterations, regParam 0.05) reaches about 0.40. The bound leaves room
   * for seeds and Spark versions but fails a model that learned no structure.
   */
  static final double RMSE_BOUND = 0.55;

  private final SparkSession spark = SharedSpark.get();
  private final RatingCodec codec = RatingCodec.defaults();

  @Test
  void learnsKnownLowRankStructureFromTheTopicAndPublishesRmseAndCoverage(
      KafkaCluster kafka, @TempDir Path out) throws Exception {
    String ratings = "ratings-als";
    String metrics = "metrics-als";
    kafka.createTopic(ratings, 2, 1);
    kafka.createTopic(metrics, 1, 1);
    LowRankRatings data = new LowRankRatings(7, 300, 200, 3, 45, 0.25);
    List<byte[][]> records = new ArrayList<>();
    for (RatingEvent e : data.events) {
      records.add(
          new byte[][] {
            Integer.toString(e.userId()).getBytes(StandardCharsets.US_ASCII), codec.encode(e)
          });
    }
    records.add(new byte[][] {null, codec.encode(new RatingEvent(1, 1, 9.0, 1L))});
    records.add(new byte[][] {null, "garbage".getBytes(StandardCharsets.UTF_8)});
    TestRecords.produceAll(kafka, ratings, records);

    Path recommendations = out.resolve("top10");
    Path models = out.resolve("models");
    AlsResult result =
        RatingsAlsJob.run(
            spark,
            AlsJobConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--ratings-topic",
                ratings,
                "--metrics-topic",
                metrics,
                "--recommendations-out",
                recommendations.toString(),
                "--model-out",
                models.toString(),
                "--rank",
                "5",
                "--max-iter",
                "10",
                "--reg-param",
                "0.05",
                "--seed",
                "3"));
    System.out.printf(
        "ALS: rmse=%.4f (oracle %.4f, mean baseline %.4f, bound %.2f) coverage=%.4f %s%n",
        result.rmse(),
        data.oracleRmse(),
        data.meanBaselineRmse(),
        RMSE_BOUND,
        result.coverage(),
        result);

    assertThat(result.ratings()).isEqualTo(data.events.size());
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.trainRatings() + result.testRatings()).isEqualTo(data.events.size());
    assertThat(data.meanBaselineRmse()).as("the data has spread to learn").isGreaterThan(0.8);
    assertThat(result.rmse()).isLessThan(RMSE_BOUND);
    assertThat(result.coverage()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(result.users()).isEqualTo(300);

    List<ConsumerRecord<byte[], byte[]>> published = TestRecords.readAll(kafka, metrics);
    assertThat(published).hasSize(1);
    MetricsEvent event = MetricsCodec.decode(published.get(0).value()).orElseThrow();
    assertThat(event.source()).isEqualTo(RatingsAlsJob.DEFAULT_SOURCE);
    assertThat(event.count()).isEqualTo(result.ratings());
    assertThat(event.rmse()).hasValue(result.rmse());
    assertThat(event.coverage()).hasValue(result.coverage());

    try (Stream<Path> files = Files.list(recommendations)) {
      Path csv =
          files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo("userId,rank,movieId,score");
      assertThat(lines).hasSize(1 + 300 * 10);
      Map<Integer, Set<Integer>> ratedBy = new HashMap<>();
      for (RatingEvent e : data.events) {
        ratedBy.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.movieId());
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        int user = Integer.parseInt(f[0]);
        int movie = Integer.parseInt(f[2]);
        assertThat(ratedBy.get(user))
            .as("user %d was recommended movie %d, which they rated", user, movie)
            .doesNotContain(movie);
      }
    }

    String version = ModelDirectory.latestVersion(models);
    Path versionDir = models.resolve(version);
    assertThat(versionDir.resolve("als")).isDirectory();
    assertThat(versionDir.resolve("rated")).isDirectory();
    assertThat(versionDir.resolve("popular")).isDirectory();
    assertThat(Files.readString(versionDir.resolve(ModelDirectory.COMPLETE)).strip())
        .isEqualTo(version);
    ModelMetadata metadata =
        ModelMetadata.fromJson(Files.readAllBytes(versionDir.resolve(ModelDirectory.METADATA)));
    assertThat(metadata.version()).isEqualTo(version);
    assertThat(metadata.rank()).isEqualTo(5);
    assertThat(metadata.regParam()).isEqualTo(0.05);
    assertThat(metadata.heldOutRmse()).isEqualTo(result.rmse());
    assertThat(metadata.trainRatings()).isEqualTo(result.trainRatings());
    RecommenderModel model = ModelDirectory.loadLatest(spark, models);
    assertThat(model.version()).isEqualTo(version);
    assertThat(model.userCount()).isEqualTo(300);
    for (Map.Entry<Integer, Set<Integer>> e : ratedBy(data).entrySet()) {
      assertThat(model.rated(e.getKey()))
          .containsExactly(e.getValue().stream().mapToInt(Integer::intValue).sorted().toArray());
    }
    assertThat(model.popular()).isNotEmpty().hasSizeLessThanOrEqualTo(100);
  }

  private static Map<Integer, Set<Integer>> ratedBy(LowRankRatings data) {
    Map<Integer, Set<Integer>> out = new HashMap<>();
    for (RatingEvent e : data.events) {
      out.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.movieId());
    }
    return out;
  }

  @Test
  void trainsOnAMovieLensCsvAndCountsBadLines(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    String metrics = "metrics-als-csv";
    kafka.createTopic(metrics, 1, 1);
    LowRankRatings data = new LowRankRatings(11, 100, 60, 2, 20, 0.25);
    Path csv = dir.resolve("ratings.csv");
    try (MovieLensCsv.LineWriter w = MovieLensCsv.create(csv)) {
      for (RatingEvent e : data.events) {
        w.write(e);
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(
            csv, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
      w.write("1,2,not-a-number,3\n");
      w.write("1,2,7.5,3\n");
    }
    AlsResult result =
        RatingsAlsJob.run(
            spark,
            AlsJobConfig.parse(
                "--csv",
                csv.toString(),
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--metrics-topic",
                metrics,
                "--rank",
                "3",
                "--max-iter",
                "5"));
    assertThat(result.ratings()).isEqualTo(data.events.size());
    assertThat(result.rejected()).isEqualTo(2);
    assertThat(result.coverage()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    assertThat(TestRecords.readAll(kafka, metrics)).hasSize(1);
  }
}
