package io.recsys.ratings.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
@WithKafka
class RatingsStreamingJobIntegrationTest {
  private static final int RECORDS = 3_000;

  private final SparkSession spark = SharedSpark.get();

  @Test
  void metricsOfAllWindowsAddUpToWhatWasProducedAndTheGroupHasNoLag(
      KafkaCluster kafka, @TempDir Path checkpoint) throws Exception {
    String ratings = "ratings-stream";
    String metrics = "metrics-stream";
    String group = "spark-ratings-metrics";
    kafka.createTopic(ratings, 2, 1);
    kafka.createTopic(metrics, 1, 1);

    RatingGenerator generator =
        RatingGenerator.builder()
            .seed(9)
            .users(500)
            .movies(300)
            .invalidShare(0.04)
            .malformedShare(0.03)
            .build();
    List<RatingGenerator.Payload> payloads = generator.payloads(RECORDS);
    Map<DecodeResult.Kind, Long> expected = new EnumMap<>(DecodeResult.Kind.class);
    List<byte[][]> keyValues = new ArrayList<>();
    double ratingSum = 0;
    for (RatingGenerator.Payload p : payloads) {
      expected.merge(p.expectedKind(), 1L, Long::sum);
      keyValues.add(new byte[][] {p.key(), p.value()});
      if (p.expectedKind() == DecodeResult.Kind.VALID) {
        ratingSum += p.event().rating();
      }
    }
    assertThat(expected.get(DecodeResult.Kind.INVALID)).isPositive();
    assertThat(expected.get(DecodeResult.Kind.MALFORMED)).isPositive();
    TestRecords.produceAll(kafka, ratings, keyValues);

    StreamingJobConfig config =
        StreamingJobConfig.parse(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--ratings-topic",
            ratings,
            "--metrics-topic",
            metrics,
            "--checkpoint",
            checkpoint.toString(),
            "--group",
            group,
            "--max-offsets-per-trigger",
            "1000",
            "--source",
            "spark-test",
            "--once");
    StreamingQuery query = RatingsStreamingJob.start(spark, config);
    assertThat(query.awaitTermination(90_000)).as("query finished within 90 s").isTrue();
    assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();
    long batchesWithData =
        java.util.Arrays.stream(query.recentProgress()).filter(p -> p.numInputRows() > 0).count();
    assertThat(batchesWithData)
        .as("maxOffsetsPerTrigger splits the data into windows")
        .isGreaterThan(1);
    assertThat(
            java.util.Arrays.stream(query.recentProgress())
                .mapToLong(StreamingQueryProgress::numInputRows)
                .sum())
        .isEqualTo(RECORDS);

    List<ConsumerRecord<byte[], byte[]>> records = TestRecords.readAll(kafka, metrics);
    assertThat(records).hasSize((int) batchesWithData * 3);
    Map<String, Long> countBySource = new java.util.HashMap<>();
    double weightedMean = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Optional<MetricsEvent> parsed = MetricsCodec.decode(r.value());
      assertThat(parsed)
          .as("metrics event parses: %s", new String(r.value(), StandardCharsets.UTF_8))
          .isPresent();
      MetricsEvent e = parsed.get();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.source());
      countBySource.merge(e.source(), e.count(), Long::sum);
      assertThat(e.windowEnd()).isGreaterThanOrEqualTo(e.windowStart());
      assertThat(e.latencyP50Ms()).isLessThanOrEqualTo(e.latencyP95Ms());
      assertThat(e.latencyP95Ms()).isLessThanOrEqualTo(e.latencyP99Ms());
      if (e.count() > 0) {
        assertThat(e.throughput()).isPositive();
      }
      Header mean = r.headers().lastHeader(RatingsStreamingJob.RATING_MEAN_HEADER);
      if (e.source().equals("spark-test") && e.count() > 0) {
        assertThat(mean).isNotNull();
        weightedMean +=
            Double.parseDouble(new String(mean.value(), StandardCharsets.UTF_8)) * e.count();
      }
      assertThat(r.headers().lastHeader(RatingsStreamingJob.BATCH_ID_HEADER)).isNotNull();
    }
    assertThat(countBySource)
        .containsEntry("spark-test", expected.get(DecodeResult.Kind.VALID))
        .containsEntry("spark-test:invalid", expected.get(DecodeResult.Kind.INVALID))
        .containsEntry("spark-test:malformed", expected.get(DecodeResult.Kind.MALFORMED));
    assertThat(countBySource.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS);
    long valid = expected.get(DecodeResult.Kind.VALID);
    assertThat(weightedMean / valid)
        .isCloseTo(ratingSum / valid, org.assertj.core.data.Offset.offset(1e-9));

    // The listener commits asynchronously (Spark's listener bus): wait, bounded.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!kafka.committedOffsets(group, ratings).equals(kafka.endOffsets(ratings))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(kafka.committedOffsets(group, ratings)).isEqualTo(kafka.endOffsets(ratings));
    assertThat(kafka.lag(group, ratings)).isZero();
    System.out.println(
        "streaming: "
            + batchesWithData
            + " windows, counts "
            + countBySource.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(Object::toString)
                .collect(Collectors.joining(", ")));
  }
}
