package io.recsys.ratings.client.recommendations;

import static io.recsys.ratings.client.recommendations.RecommendationReaderTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;

/** The reader against the testkit's broker: a compacted topic, bad values, new partitions. */
@IntegrationTest
@WithKafka
class RecommendationReaderIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();

  private static byte[] key(int user) {
    return Integer.toString(user).getBytes(StandardCharsets.US_ASCII);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s for %s", WAIT, what).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void buildsTheLatestListPerUserAndKeepsUpdating(KafkaCluster kafka) {
    String topic = "recs-reader";
    kafka.createTopic(topic, 3, 1, Map.of("cleanup.policy", "compact"));
    kafka.produce(topic, key(1), CODEC.encode(event(1, "v1", 10, 11, 12)));
    kafka.produce(topic, key(2), CODEC.encode(event(2, "v1", 20)));
    kafka.produce(topic, key(3), CODEC.encode(event(3, "v1", 30)));
    kafka.produce(topic, key(1), CODEC.encode(event(1, "v2", 13, 14))); // replaces user 1's list
    kafka.produce(topic, key(3), null); // tombstone: user 3 removed
    kafka.produce(topic, key(4), "{\"userId\":4,".getBytes(StandardCharsets.UTF_8)); // malformed
    kafka.produce(topic, key(5), CODEC.encode(event(5, "v1", 50, 50))); // invalid: a movie twice

    try (RecommendationReader reader =
        RecommendationReader.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic(topic)
            .property("client.id", "reader-test")
            .partitionDiscoveryInterval(Duration.ofMillis(500))
            .build()) {
      reader.start();
      assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
      assertThat(reader.recommendationsFor(1)).hasValue(event(1, "v2", 13, 14));
      assertThat(reader.recommendationsFor(2)).hasValue(event(2, "v1", 20));
      assertThat(reader.recommendationsFor(3)).isEmpty();
      assertThat(reader.recommendationsFor(4)).isEmpty();
      assertThat(reader.recommendationsFor(5)).isEmpty();
      assertThat(reader.size()).isEqualTo(2);
      RecommendationReaderStats stats = reader.stats();
      assertThat(stats.records()).isEqualTo(7);
      assertThat(stats.updates()).isEqualTo(4);
      assertThat(stats.tombstones()).isEqualTo(1);
      assertThat(stats.malformed()).isEqualTo(1);
      assertThat(stats.invalid()).isEqualTo(1);
      assertThat(stats.partitions()).isEqualTo(3);
      assertThat(stats.caughtUp()).isTrue();

      // after catching up: new lists, a replacement and a removal arrive as they are published
      kafka.produce(topic, key(6), CODEC.encode(event(6, "v2", 60)));
      kafka.produce(topic, key(2), CODEC.encode(event(2, "v2", 21, 22)));
      kafka.produce(topic, key(1), null);
      await(() -> reader.recommendationsFor(6).isPresent(), "user 6");
      await(
          () -> reader.recommendationsFor(2).orElseThrow().modelVersion().equals("v2"),
          "user 2's new list");
      await(() -> reader.recommendationsFor(1).isEmpty(), "user 1 removed");
      assertThat(reader.size()).isEqualTo(2);

      // a partition added to the topic is found and read from its beginning
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      await(() -> reader.stats().partitions() == 4, "the fourth partition");
      for (int user = 100; user < 140; user++) {
        kafka.produce(topic, key(user), CODEC.encode(event(user, "v3", user)));
      }
      await(() -> reader.size() == 42, "40 more users, some on the new partition");
    }
  }

  /** The example of the recommendations guide, run on the broker. */
  @Test
  void guideExample(KafkaCluster kafka) {
    kafka.createTopic("recommendations", 6, 1, Map.of("cleanup.policy", "compact"));
    kafka.produce("recommendations", key(44176), CODEC.encode(event(44176, "als-1", 318, 858)));
    String bootstrapServers = kafka.bootstrapServers();
    List<RecommendedItem> served = new ArrayList<>();
    java.util.function.Consumer<List<RecommendedItem>> serve = served::addAll;
    List<RecommendationReaderStats> reported = new ArrayList<>();
    java.util.function.Consumer<RecommendationReaderStats> report = reported::add;
    // tag::reader[]
    try (RecommendationReader reader =
        RecommendationReader.builder()
            .bootstrapServers(bootstrapServers)
            .topic("recommendations") // the default
            .build()) {
      reader.start(); // one thread reads every partition from its beginning, then follows it
      if (!reader.awaitCaughtUp(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the topic was not read to its end within 30 s");
      }
      Optional<RecommendationEvent> latest = reader.recommendationsFor(44176);
      latest.ifPresent(event -> serve.accept(event.items())); // ranked, best first
      RecommendationReaderStats stats = reader.stats(); // users, tombstones, invalid, malformed
      report.accept(stats);
    }
    // end::reader[]
    assertThat(reported).singleElement().extracting(RecommendationReaderStats::users).isEqualTo(1);
    assertThat(served).extracting(RecommendedItem::movieId).containsExactly(318, 858);
  }

  @Test
  void waitsForATopicCreatedAfterStart(KafkaCluster kafka) {
    String topic = "recs-reader-late";
    try (RecommendationReader reader =
        RecommendationReader.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic(topic)
            .build()) {
      reader.start();
      assertThat(reader.awaitCaughtUp(Duration.ofSeconds(1))).isFalse();
      kafka.createTopic(topic, 2, 1, Map.of("cleanup.policy", "compact"));
      assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
      kafka.produce(topic, key(8), CODEC.encode(event(8, "v1", 80)));
      await(() -> reader.recommendationsFor(8).isPresent(), "user 8");
    }
  }
}
