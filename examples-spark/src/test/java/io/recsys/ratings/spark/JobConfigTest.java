package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.spark.internal.OffsetsJson;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class JobConfigTest {

  @Test
  void streamingDefaultsAreLocalRatingsToMetricsInTenSecondWindows() {
    StreamingJobConfig c =
        StreamingJobConfig.parse("--bootstrap-servers", "k:9092", "--checkpoint", "/tmp/cp");
    assertThat(c.master()).isEmpty();
    assertThat(c.ratingsTopic()).isEqualTo("ratings");
    assertThat(c.metricsTopic()).isEqualTo("metrics");
    assertThat(c.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.group()).isEmpty();
    assertThat(c.once()).isFalse();
    assertThat(c.bounds()).isEqualTo(RatingBounds.ML_20M);
    assertThat(c.sourceOptions())
        .containsEntry("kafka.bootstrap.servers", "k:9092")
        .containsEntry("subscribe", "ratings")
        .containsEntry("startingOffsets", "earliest")
        .doesNotContainKey("maxOffsetsPerTrigger");
  }

  @Test
  void boundsTakeThePresetsAndExplicitRangesOfTheCli() {
    StreamingJobConfig c =
        StreamingJobConfig.parse(
            "--bootstrap-servers",
            "k:9092",
            "--checkpoint",
            "/cp",
            "--bounds",
            "users=1..200000,movies=1..300000");
    assertThat(c.bounds()).isEqualTo(new RatingBounds(1, 200_000, 1, 300_000));
    assertThatThrownBy(
            () ->
                StreamingJobConfig.parse(
                    "--bootstrap-servers", "k:9092", "--checkpoint", "/cp", "--bounds", "ml-100k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--bounds must be ml-20m, ml-25m, ml-32m or users=MIN..MAX");
  }

  @Test
  void streamingOptionsAreRead() {
    StreamingJobConfig c =
        StreamingJobConfig.parse(
            "--bootstrap-servers=k:9092",
            "--checkpoint",
            "/cp",
            "--master",
            "spark://m:7077",
            "--group",
            "g",
            "--window",
            "500ms",
            "--bounds",
            "ml-32m",
            "--max-offsets-per-trigger",
            "100",
            "--kafka-property",
            "security.protocol=SASL_SSL",
            "--kafka-property",
            "sasl.jaas.config=secret-value",
            "--once");
    assertThat(c.master()).hasValue("spark://m:7077");
    assertThat(c.group()).hasValue("g");
    assertThat(c.window()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.bounds()).isEqualTo(RatingBounds.ML_32M);
    assertThat(c.once()).isTrue();
    assertThat(c.sourceOptions())
        .containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("maxOffsetsPerTrigger", "100");
    assertThat(c.toString()).doesNotContain("secret-value");
  }

  @Test
  void streamingRejectsMissingCheckpointUnknownOptionAndBadWindow() {
    assertThatThrownBy(() -> StreamingJobConfig.parse("--bootstrap-servers", "k:9092"))
        .hasMessageContaining("--checkpoint");
    assertThatThrownBy(() -> StreamingJobConfig.parse("--checkpoint", "/cp"))
        .hasMessageContaining("--bootstrap-servers");
    assertThatThrownBy(
            () ->
                StreamingJobConfig.parse(
                    "--bootstrap-servers", "k", "--checkpoint", "/cp", "--windw", "5s"))
        .hasMessageContaining("unknown option --windw");
    assertThatThrownBy(
            () ->
                StreamingJobConfig.parse(
                    "--bootstrap-servers", "k", "--checkpoint", "/cp", "--window", "5 parsecs"))
        .hasMessageContaining("5 parsecs");
    assertThatThrownBy(
            () ->
                StreamingJobConfig.parse(
                    "--bootstrap-servers", "k", "--checkpoint", "/cp", "--window", "10ms"))
        .hasMessageContaining("100 ms to 24 h");
  }

  @Test
  void alsNeedsKafkaOrCsvAndChecksRanges() {
    assertThatThrownBy(() -> AlsJobConfig.parse()).hasMessageContaining("--csv");
    AlsJobConfig csvOnly = AlsJobConfig.parse("--csv", "ratings.csv");
    assertThat(csvOnly.kafkaProperties()).isEmpty();
    assertThat(csvOnly.rank()).isEqualTo(10);
    assertThat(csvOnly.topN()).isEqualTo(10);
    assertThatThrownBy(() -> AlsJobConfig.parse("--csv", "r.csv", "--rank", "0"))
        .hasMessageContaining("rank must be 1..500, got 0");
    assertThatThrownBy(() -> AlsJobConfig.parse("--csv", "r.csv", "--test-fraction", "0.95"))
        .hasMessageContaining("testFraction");
    assertThatThrownBy(() -> AlsJobConfig.parse("--csv", "r.csv", "--rank", "ten"))
        .hasMessageContaining("--rank must be an integer");
  }

  @Test
  void coverageIsRecommendedOverCatalogueAndGoesIntoTheMetricsEvent() {
    AlsResult r = new AlsResult(1000, 3, 800, 200, 0.42, 50, 200, 50, 10_000, 12_000);
    assertThat(r.coverage()).isEqualTo(0.25);
    var event = r.toMetricsEvent("spark-als");
    assertThat(event.rmse()).hasValue(0.42);
    assertThat(event.coverage()).hasValue(0.25);
    assertThat(event.count()).isEqualTo(1000);
    assertThat(event.throughput()).isEqualTo(500.0);
  }

  @Test
  void readsSparkKafkaOffsetJson() {
    assertThat(OffsetsJson.parse("{\"ratings\":{\"0\":12,\"1\":7},\"other\":{\"2\":-2}}"))
        .isEqualTo(
            Map.of(new TopicPartition("ratings", 0), 12L, new TopicPartition("ratings", 1), 7L));
    assertThat(OffsetsJson.parse(null)).isEmpty();
    assertThatThrownBy(() -> OffsetsJson.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void offsetCommitterChecksItsSettings() {
    assertThatThrownBy(
            () ->
                new KafkaGroupOffsetCommitter("q", "g", "ratings", Map.of(), Duration.ofSeconds(1)))
        .hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(
            () ->
                new KafkaGroupOffsetCommitter(
                    "q", " ", "ratings", Map.of("bootstrap.servers", "k"), Duration.ofSeconds(1)))
        .hasMessageContaining("groupId");
  }

  @Test
  void recommendationJobNeedsModelDirAndCheckpointAndChecksRanges() {
    RecommendationJobConfig c =
        RecommendationJobConfig.parse(
            "--bootstrap-servers", "k:9092", "--model-dir", "/m", "--checkpoint", "/cp");
    assertThat(c.recommendationsTopic()).isEqualTo("recommendations");
    assertThat(c.topN()).isEqualTo(10);
    assertThat(c.source()).isEqualTo(RatingsRecommendationJob.DEFAULT_SOURCE);
    assertThat(c.sourceOptions()).containsEntry("maxOffsetsPerTrigger", "20000");
    assertThatThrownBy(
            () -> RecommendationJobConfig.parse("--bootstrap-servers", "k", "--checkpoint", "/c"))
        .hasMessageContaining("--model-dir");
    assertThatThrownBy(
            () ->
                RecommendationJobConfig.parse(
                    "--bootstrap-servers",
                    "k",
                    "--model-dir",
                    "/m",
                    "--checkpoint",
                    "/c",
                    "--top",
                    "101"))
        .hasMessageContaining("topN must be 1..100, got 101");
    assertThat(
            RecommendationJobConfig.parse(
                    "--bootstrap-servers",
                    "k",
                    "--model-dir",
                    "/m",
                    "--checkpoint",
                    "/c",
                    "--kafka-property",
                    "sasl.jaas.config=secret-value")
                .toString())
        .doesNotContain("secret-value");
    assertThat(AlsJobConfig.parse("--csv", "r.csv", "--model-out", "/m").modelOut()).hasValue("/m");
    assertThatThrownBy(() -> AlsJobConfig.parse("--csv", "r.csv", "--popular-size", "0"))
        .hasMessageContaining("popularSize must be 1..100, got 0");
  }
}
