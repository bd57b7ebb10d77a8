package io.recsys.ratings.client.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendationValidator;
import io.recsys.ratings.schema.RecommendedItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader's loop against Kafka's MockConsumer; the broker test is the integration test. */
class RecommendationReaderTest {

  private static final String TOPIC = "recommendations";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final Map<TopicPartition, Long> ends = new HashMap<>();
  private KafkaRecommendationReader reader;

  @AfterEach
  void close() {
    if (reader != null) {
      reader.close();
    }
  }

  static RecommendationEvent event(int user, String version, int... movies) {
    List<RecommendedItem> items = new ArrayList<>();
    double score = 5.0;
    for (int movie : movies) {
      items.add(new RecommendedItem(movie, score));
      score -= 0.25;
    }
    return new RecommendationEvent(
        user,
        RecommendationEvent.Kind.PERSONALIZED,
        version,
        1_700_000_001_000L,
        1_700_000_000_000L,
        items);
  }

  private static byte[] key(int user) {
    return Integer.toString(user).getBytes(StandardCharsets.US_ASCII);
  }

  private void partitions(int count) {
    List<PartitionInfo> infos = new ArrayList<>();
    Map<TopicPartition, Long> beginnings = new HashMap<>();
    for (int p = 0; p < count; p++) {
      infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
      TopicPartition tp = new TopicPartition(TOPIC, p);
      beginnings.put(tp, 0L);
      ends.putIfAbsent(tp, 0L);
    }
    consumer.updatePartitions(TOPIC, infos);
    consumer.updateBeginningOffsets(beginnings);
    consumer.updateEndOffsets(ends);
  }

  /** A record at the next offset of its partition; before start it counts towards the end. */
  private void record(int partition, byte[] key, byte[] value) {
    TopicPartition tp = new TopicPartition(TOPIC, partition);
    long offset = ends.merge(tp, 1L, Long::sum) - 1;
    consumer.addRecord(new ConsumerRecord<>(TOPIC, partition, offset, key, value));
  }

  private KafkaRecommendationReader start(RecommendationReaderBuilder builder) {
    reader = new KafkaRecommendationReader(builder.settings(), consumer);
    reader.start();
    return reader;
  }

  private static RecommendationReaderBuilder builder() {
    return RecommendationReader.builder()
        .bootstrapServers("localhost:9092")
        .pollTimeout(Duration.ofMillis(10))
        .partitionDiscoveryInterval(Duration.ofMillis(100));
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", WAIT).isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Records are added once the reader assigned their partition (MockConsumer insists). */
  private void awaitAssigned(int partitions) {
    await(() -> consumer.assignment().size() == partitions);
  }

  @Test
  void catchesUpReplacesListsRemovesOnTombstoneAndCountsBadValues() {
    partitions(2);
    // what the topic holds "at start": end offsets 5 and 2
    ends.put(new TopicPartition(TOPIC, 0), 5L);
    ends.put(new TopicPartition(TOPIC, 1), 2L);
    consumer.updateEndOffsets(ends);
    start(builder());
    awaitAssigned(2);
    ends.put(new TopicPartition(TOPIC, 0), 0L);
    ends.put(new TopicPartition(TOPIC, 1), 0L);
    assertThat(reader.isCaughtUp()).isFalse();

    record(0, key(1), CODEC.encode(event(1, "v1", 10, 11)));
    record(0, key(2), CODEC.encode(event(2, "v1", 20)));
    record(0, key(1), CODEC.encode(event(1, "v2", 12, 13, 14))); // replaces user 1's list
    record(0, key(2), null); // tombstone: user 2 gone
    record(0, key(3), "{not json".getBytes(StandardCharsets.UTF_8)); // malformed
    record(1, key(4), CODEC.encode(event(4, "bad version!", 40))); // invalid
    record(1, key(5), CODEC.encode(event(6, "v1", 60))); // key is not the userId: invalid

    assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
    assertThat(reader.recommendationsFor(1)).hasValue(event(1, "v2", 12, 13, 14));
    assertThat(reader.recommendationsFor(2)).isEmpty();
    assertThat(reader.recommendationsFor(4)).isEmpty();
    assertThat(reader.recommendationsFor(6)).isEmpty();
    assertThat(reader.size()).isEqualTo(1);
    assertThat(reader.stats()).isEqualTo(new RecommendationReaderStats(7, 3, 1, 2, 1, 1, 2, true));
    assertThat(reader.stats().rejected()).isEqualTo(3);
  }

  @Test
  void keepsUpdatingAfterCaughtUp() {
    partitions(1);
    start(builder());
    assertThat(reader.awaitCaughtUp(WAIT)).as("an empty topic is caught up at once").isTrue();
    assertThat(reader.size()).isZero();

    record(0, key(7), CODEC.encode(event(7, "v1", 70)));
    await(() -> reader.recommendationsFor(7).isPresent());
    record(0, key(7), CODEC.encode(event(7, "v2", 71, 72)));
    await(() -> reader.recommendationsFor(7).orElseThrow().modelVersion().equals("v2"));
    record(0, key(7), null);
    await(() -> reader.recommendationsFor(7).isEmpty());
    assertThat(reader.isCaughtUp()).isTrue();
  }

  @Test
  void waitsForAMissingTopicAndPicksUpNewPartitions() {
    start(builder());
    assertThat(reader.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
    assertThat(reader.stats().partitions()).isZero();

    partitions(1);
    assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
    partitions(3);
    awaitAssigned(3);
    record(2, key(9), CODEC.encode(event(9, "v1", 90)));
    await(() -> reader.recommendationsFor(9).isPresent());
    assertThat(reader.stats().partitions()).isEqualTo(3);
  }

  @Test
  void validatorBoundsJudgeEvents() {
    partitions(1);
    start(builder().validator(RecommendationValidator.of(RatingBounds.ML_20M)));
    assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
    record(0, key(8), CODEC.encode(event(8, "v1", 200_000))); // beyond ML-20M's movies
    record(0, key(9), CODEC.encode(event(9, "v1", 100)));
    await(() -> reader.stats().records() == 2);
    assertThat(reader.recommendationsFor(8)).isEmpty();
    assertThat(reader.recommendationsFor(9)).isPresent();
    assertThat(reader.stats().invalid()).isEqualTo(1);
  }

  @Test
  void startsOnceAndClosesIdempotently() {
    partitions(1);
    reader = new KafkaRecommendationReader(builder().settings(), consumer);
    assertThatThrownBy(() -> reader.awaitCaughtUp(WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    reader.start();
    assertThatThrownBy(reader::start).isInstanceOf(IllegalStateException.class);
    assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
    reader.close();
    reader.close();
    assertThat(consumer.closed()).isTrue();
    assertThatThrownBy(reader::start).hasMessageContaining("CLOSED");
  }

  @Test
  void closeBeforeStartClosesTheConsumer() {
    reader = new KafkaRecommendationReader(builder().settings(), consumer);
    reader.close();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void keysThatAreNotUserIdsAreNone() {
    assertThat(KafkaRecommendationReader.userIdOf(key(42))).isEqualTo(42);
    assertThat(KafkaRecommendationReader.userIdOf(null)).isNull();
    assertThat(KafkaRecommendationReader.userIdOf(new byte[0])).isNull();
    assertThat(KafkaRecommendationReader.userIdOf("x1".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
    assertThat(
            KafkaRecommendationReader.userIdOf("99999999999".getBytes(StandardCharsets.US_ASCII)))
        .isNull();
  }

  @Test
  void builderChecksEachSettingAtOnce() {
    assertThatThrownBy(() -> RecommendationReader.builder().build())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("bootstrapServers is required");
    assertThatThrownBy(() -> RecommendationReader.builder().bootstrapServers("nohost"))
        .hasMessageContaining("'nohost'");
    assertThatThrownBy(() -> RecommendationReader.builder().topic("bad topic"))
        .hasMessageContaining("'bad topic'");
    assertThatThrownBy(() -> RecommendationReader.builder().pollTimeout(Duration.ofMinutes(1)))
        .hasMessageContaining("pollTimeout must be between PT0.001S and PT10S but was PT1M");
    assertThatThrownBy(
            () -> RecommendationReader.builder().partitionDiscoveryInterval(Duration.ZERO))
        .hasMessageContaining("partitionDiscoveryInterval");
    assertThatThrownBy(() -> RecommendationReader.builder().closeTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("closeTimeout");
    assertThatThrownBy(() -> RecommendationReader.builder().property("group.id", "g"))
        .hasMessageContaining("'group.id' is set by the SDK");
    assertThatThrownBy(() -> RecommendationReader.builder().property("no.such.thing", "1"))
        .hasMessageContaining("Unknown Kafka consumer property 'no.such.thing'");
    assertThatThrownBy(() -> RecommendationReader.builder().validator(null))
        .hasMessageContaining("validator must not be null");
    assertThatThrownBy(
            () ->
                RecommendationReader.builder()
                    .bootstrapServers("localhost:9092")
                    .property("fetch.max.bytes", "lots")
                    .describe())
        .hasMessageContaining("fetch.max.bytes");
  }

  @Test
  void secretsNeverShow() {
    String jaas =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
            + " password=\"s3cr3t-value\";";
    RecommendationReaderBuilder b =
        RecommendationReader.builder()
            .bootstrapServers("localhost:9092")
            .property("security.protocol", "SASL_PLAINTEXT")
            .property("sasl.mechanism", "PLAIN")
            .property("sasl.jaas.config", jaas);
    assertThat(b.describe()).doesNotContain("s3cr3t-value").contains("sasl.jaas.config=[hidden]");
    assertThat(b.toString()).doesNotContain("s3cr3t-value");
    reader = new KafkaRecommendationReader(b.settings(), consumer);
    assertThat(reader.toString()).doesNotContain("s3cr3t-value");
  }
}
