package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationDecodeResult;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
@WithKafka
class RatingsRecommendationJobIntegrationTest {
  private final SparkSession spark = SharedSpark.get();

  /** Trains the model of the test data with the ALS job and returns its directory. */
  static Path trainModel(SparkSession spark, RecommendationTestData data, Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    RatingsAlsJob.run(
        spark,
        AlsJobConfig.parse(
            "--csv",
            data.writeTrainingCsv(dir).toString(),
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
    return models;
  }

  @Test
  void everyUserWhoRatedGetsAnUnseenTopTenAndEveryBatchItsMetrics(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    RecommendationTestData data = new RecommendationTestData(21, 200, 150, 30);
    Path models = trainModel(spark, data, dir);
    RecommenderModel model = ModelDirectory.loadLatest(spark, models);
    String ratings = "ratings-rec";
    String recommendations = "recommendations-rec";
    String metrics = "metrics-rec";
    String group = "spark-recommender-test";
    kafka.createTopic(ratings, 3, 1);
    kafka.createTopic(recommendations, 3, 1);
    kafka.createTopic(metrics, 1, 1);
    TestRecords.produceAll(kafka, ratings, data.records);

    RecommendationJobConfig config =
        RecommendationJobConfig.parse(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--ratings-topic",
            ratings,
            "--recommendations-topic",
            recommendations,
            "--metrics-topic",
            metrics,
            "--model-dir",
            models.toString(),
            "--checkpoint",
            dir.resolve("cp").toString(),
            "--group",
            group,
            "--max-offsets-per-trigger",
            "400",
            "--once");
    StreamingQuery query = RatingsRecommendationJob.start(spark, config);
    assertThat(query.awaitTermination(240_000)).as("query finished within 240 s").isTrue();
    assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();

    // every list decodes, is keyed by its user, and holds no movie the user had rated by then
    RecommendationCodec codec = RecommendationCodec.defaults();
    Set<Integer> usersServed = new HashSet<>();
    int fallback = 0;
    for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, recommendations)) {
      RecommendationDecodeResult decoded = codec.decode(r.value());
      assertThat(decoded)
          .as("decodes: %s", new String(r.value(), StandardCharsets.UTF_8))
          .isInstanceOf(RecommendationDecodeResult.Valid.class);
      RecommendationEvent e = ((RecommendationDecodeResult.Valid) decoded).event();
      assertThat(new String(r.key(), StandardCharsets.US_ASCII))
          .isEqualTo(Integer.toString(e.userId()));
      assertThat(e.modelVersion()).isEqualTo(model.version());
      assertThat(e.items()).hasSize(10);
      Set<Integer> rated = data.ratedBy(e.userId(), e.ratingTimestamp());
      for (RecommendedItem item : e.items()) {
        assertThat(rated)
            .as("user %d was recommended movie %d, which they rated", e.userId(), item.movieId())
            .doesNotContain(item.movieId());
      }
      boolean known = e.userId() < RecommendationTestData.FIRST_UNKNOWN_USER;
      assertThat(e.kind())
          .isEqualTo(
              known ? RecommendationEvent.Kind.PERSONALIZED : RecommendationEvent.Kind.FALLBACK);
      if (!known) {
        fallback++;
        assertThat(e.items())
            .as("the fallback is the popular list minus what the user rated")
            .isEqualTo(model.popularFor(sorted(rated), 10));
      }
      usersServed.add(e.userId());
    }
    Set<Integer> raters = new HashSet<>();
    data.stream.forEach(e -> raters.add(e.userId()));
    assertThat(usersServed).isEqualTo(raters);
    assertThat(fallback).isGreaterThanOrEqualTo(RecommendationTestData.UNKNOWN_USERS);

    // one metrics event per batch, adding up to what was produced
    List<MetricsEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, metrics)) {
      MetricsEvent m = MetricsCodec.decode(r.value()).orElseThrow();
      assertThat(m.source()).isEqualTo(RatingsRecommendationJob.DEFAULT_SOURCE);
      assertThat(m.rmse()).as("rmse in %s", m).isPresent();
      assertThat(m.modelVersion()).hasValue(model.version());
      assertThat(m.latencyP50Ms()).isLessThanOrEqualTo(m.latencyP95Ms());
      assertThat(m.latencyP95Ms()).isLessThanOrEqualTo(m.latencyP99Ms());
      assertThat(m.coverage().orElseThrow()).isBetween(0.0, 1.0);
      events.add(m);
    }
    assertThat(events).hasSizeGreaterThan(1);
    long expectedUnpredicted =
        data.stream.stream().filter(e -> model.predict(e.userId(), e.movieId()).isEmpty()).count();
    assertThat(expectedUnpredicted).isGreaterThan(RecommendationTestData.UNKNOWN_USERS);
    assertThat(events.stream().mapToLong(MetricsEvent::count).sum()).isEqualTo(data.stream.size());
    assertThat(events.stream().mapToLong(m -> m.invalidCount().orElseThrow()).sum())
        .isEqualTo(data.invalid);
    assertThat(events.stream().mapToLong(m -> m.malformedCount().orElseThrow()).sum())
        .isEqualTo(data.malformed);
    assertThat(events.stream().mapToLong(m -> m.unpredictedCount().orElseThrow()).sum())
        .isEqualTo(expectedUnpredicted);
    assertThat(events.stream().mapToLong(m -> m.coldCount().orElseThrow()).sum())
        .isEqualTo(fallback);
    double squared = 0;
    long predicted = 0;
    for (RatingEvent e : data.stream) {
      var p = model.predict(e.userId(), e.movieId());
      if (p.isPresent()) {
        squared += Math.pow(p.getAsDouble() - e.rating(), 2);
        predicted++;
      }
    }
    double onlineRmse = Math.sqrt(squared / predicted);
    assertThat(onlineRmse).as("the model learned something").isLessThan(data.meanBaselineRmse);
    System.out.printf(
        "recommendation job: %d batches, %d users served (%d fallback), online RMSE %.4f"
            + " (mean baseline %.4f)%n",
        events.size(), usersServed.size(), fallback, onlineRmse, data.meanBaselineRmse);

    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!kafka.committedOffsets(group, ratings).equals(kafka.endOffsets(ratings))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(kafka.lag(group, ratings)).isZero();
  }

  @Test
  void aMissingModelDirectoryFailsTheStartWithThePath(KafkaCluster kafka, @TempDir Path dir) {
    Path missing = dir.resolve("no-models");
    RecommendationJobConfig config =
        RecommendationJobConfig.parse(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--model-dir",
            missing.toString(),
            "--checkpoint",
            dir.resolve("cp").toString(),
            "--once");
    assertThatThrownBy(() -> RatingsRecommendationJob.start(spark, config))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES) // two trainings and a running query
  void aNewVersionIsPickedUpBetweenBatchesAndABrokenPointerKeepsTheCurrentModel(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    RecommendationTestData data = new RecommendationTestData(41, 100, 80, 20);
    Path csv = data.writeTrainingCsv(dir);
    Path models = dir.resolve("models");
    String[] train = {
      "--csv", csv.toString(), "--model-out", models.toString(), "--rank", "4", "--max-iter", "5"
    };
    RatingsAlsJob.run(spark, AlsJobConfig.parse(train));
    String v1 = ModelDirectory.latestVersion(models);
    Thread.sleep(5); // versions are named by the millisecond
    RatingsAlsJob.run(spark, AlsJobConfig.parse(train));
    String v2 = ModelDirectory.latestVersion(models);
    ModelDirectory.switchLatest(models, v1);

    String ratings = "ratings-reload";
    String recommendations = "recommendations-reload";
    String metrics = "metrics-reload";
    kafka.createTopic(ratings, 2, 1);
    kafka.createTopic(recommendations, 2, 1);
    kafka.createTopic(metrics, 1, 1);
    int third = data.records.size() / 3;
    List<List<byte[][]>> parts =
        List.of(
            data.records.subList(0, third),
            data.records.subList(third, 2 * third),
            data.records.subList(2 * third, data.records.size()));

    StreamingQuery query =
        RatingsRecommendationJob.start(
            spark,
            RecommendationJobConfig.parse(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--ratings-topic",
                ratings,
                "--recommendations-topic",
                recommendations,
                "--metrics-topic",
                metrics,
                "--model-dir",
                models.toString(),
                "--checkpoint",
                dir.resolve("cp").toString(),
                "--trigger",
                "500ms"));
    try {
      TestRecords.produceAll(kafka, ratings, parts.get(0));
      awaitMetrics(kafka, metrics, query, m -> true);
      ModelDirectory.switchLatest(models, v2);
      TestRecords.produceAll(kafka, ratings, parts.get(1));
      awaitMetrics(kafka, metrics, query, m -> m.modelVersion().orElseThrow().equals(v2));
      // the pointer now names a version that does not exist: the job keeps v2
      java.nio.file.Files.writeString(models.resolve(ModelDirectory.LATEST), "als-gone\n");
      int before = TestRecords.readAll(kafka, metrics).size();
      TestRecords.produceAll(kafka, ratings, parts.get(2));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      long read = 0;
      while (read < data.records.size() && System.nanoTime() < deadline) {
        read =
            java.util.Arrays.stream(query.recentProgress()).mapToLong(p -> p.numInputRows()).sum();
        Thread.sleep(250);
      }
      assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();
      assertThat(query.isActive()).as("the job survives a broken pointer").isTrue();
      List<MetricsEvent> after = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, metrics)) {
        after.add(MetricsCodec.decode(r.value()).orElseThrow());
      }
      assertThat(after.subList(before, after.size()))
          .isNotEmpty()
          .allSatisfy(m -> assertThat(m.modelVersion()).hasValue(v2));
    } finally {
      query.stop();
    }
    RecommendationCodec codec = RecommendationCodec.defaults();
    Set<String> versions = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, recommendations)) {
      RecommendationEvent e = ((RecommendationDecodeResult.Valid) codec.decode(r.value())).event();
      versions.add(e.modelVersion());
      Set<Integer> rated = data.ratedBy(e.userId(), e.ratingTimestamp());
      assertThat(e.items()).extracting(RecommendedItem::movieId).doesNotContainAnyElementsOf(rated);
    }
    assertThat(versions).containsExactlyInAnyOrder(v1, v2);
  }

  private static void awaitMetrics(
      KafkaCluster kafka,
      String topic,
      StreamingQuery query,
      java.util.function.Predicate<MetricsEvent> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();
      for (ConsumerRecord<byte[], byte[]> r : TestRecords.readAll(kafka, topic)) {
        if (wanted.test(MetricsCodec.decode(r.value()).orElseThrow())) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no wanted metrics event on " + topic + " within 120 s");
  }

  static int[] sorted(Set<Integer> movies) {
    return movies.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  static Map<Integer, RecommendationEvent> latestPerUser(List<RecommendationEvent> events) {
    Map<Integer, RecommendationEvent> out = new HashMap<>();
    events.forEach(e -> out.put(e.userId(), e));
    return out;
  }
}
