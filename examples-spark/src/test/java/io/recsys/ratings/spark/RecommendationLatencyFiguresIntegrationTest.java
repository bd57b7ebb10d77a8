package io.recsys.ratings.spark;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints the rating-to-recommendation latency of the recommendation job at a fixed input rate (a
 * measurement, not a test; it runs only with {@code -Dfigures=true}): ratings of known users,
 * timestamped when sent, at {@value #RATE} per second for {@value #SECONDS} s into the job running
 * in {@code local[2]} with a 1 s trigger; the per-batch p50/p99 of the metrics events after a
 * warm-up.
 *
 * <pre>
 * ./mvnw -B -ntp -pl examples-spark -am test -Dtest=RecommendationLatencyFiguresIntegrationTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfigures=true
 * </pre>
 */
@WithKafka
@EnabledIfSystemProperty(named = "figures", matches = "true")
class RecommendationLatencyFiguresIntegrationTest {
  static final int RATE = 200;
  static final int SECONDS = 40;
  static final int WARM_UP_BATCHES = 5;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void printLatencyAtAFixedRate(KafkaCluster kafka, @TempDir Path dir) throws Exception {
    SparkSession spark = SharedSpark.get();
    RecommendationTestData data = new RecommendationTestData(51, 2_000, 1_000, 30);
    Path models = RatingsRecommendationJobIntegrationTest.trainModel(spark, data, dir);
    kafka.createTopic("ratings-latency", 2, 1);
    kafka.createTopic("recommendations-latency", 2, 1);
    kafka.createTopic("metrics-latency", 1, 1);
    StreamingQuery query =
        RatingsRecommendationJob.start(
            spark,
            RecommendationJobConfig.parse(
                "--bootstrap-servers", kafka.bootstrapServers(),
                "--ratings-topic", "ratings-latency",
                "--recommendations-topic", "recommendations-latency",
                "--metrics-topic", "metrics-latency",
                "--model-dir", models.toString(),
                "--checkpoint", dir.resolve("cp").toString(),
                "--starting-offsets", "latest",
                "--trigger", "1s"));
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    RatingCodec codec = RatingCodec.defaults();
    SplittableRandom r = new SplittableRandom(7);
    Thread.sleep(5_000); // the query is up
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      long start = System.nanoTime();
      for (long i = 0; i < (long) RATE * SECONDS; i++) {
        long due = start + i * 1_000_000_000L / RATE;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int user = 1 + r.nextInt(2_000);
        RatingEvent e =
            new RatingEvent(
                user, 1 + r.nextInt(1_000), 0.5 + r.nextInt(10) / 2.0, System.currentTimeMillis());
        producer.send(
            new ProducerRecord<>(
                "ratings-latency", RecommendationTestData.key(user), codec.encode(e)));
      }
      producer.flush();
    }
    Thread.sleep(5_000);
    query.stop();
    List<MetricsEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> rec : TestRecords.readAll(kafka, "metrics-latency")) {
      events.add(MetricsCodec.decode(rec.value()).orElseThrow());
    }
    events.sort(java.util.Comparator.comparingLong(m -> m.batchId().orElseThrow()));
    List<MetricsEvent> warm =
        events.subList(Math.min(WARM_UP_BATCHES, events.size()), events.size());
    double[] p50 = warm.stream().mapToDouble(MetricsEvent::latencyP50Ms).sorted().toArray();
    double[] p99 = warm.stream().mapToDouble(MetricsEvent::latencyP99Ms).sorted().toArray();
    long ratings = warm.stream().mapToLong(MetricsEvent::count).sum();
    System.out.printf(
        "latency at %d ratings/s, 1 s trigger, local[2], %d batches after %d warm-up ones (%d"
            + " ratings): per-batch p50 median %.0f ms; per-batch p99 median %.0f ms, max %.0f"
            + " ms%n",
        RATE,
        warm.size(),
        WARM_UP_BATCHES,
        ratings,
        p50.length == 0 ? Double.NaN : p50[p50.length / 2],
        p99.length == 0 ? Double.NaN : p99[p99.length / 2],
        p99.length == 0 ? Double.NaN : p99[p99.length - 1]);
    System.out.println("per-batch p99: " + Arrays.toString(p99));
  }
}
