package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.serde.RatingDeserializer;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Records whose value is null (tombstones), through a plain KafkaConsumer and RatingConsumer. */
@IntegrationTest
@WithKafka
class TombstoneIntegrationTest {

  /**
   * Kafka's fetcher never calls a value deserializer for a null value: a plain consumer gets {@code
   * null}, and {@link RatingDeserializer#resultOf} turns it into the documented {@code Malformed}.
   */
  @Test
  void plainConsumerGetsNullForATombstoneAndResultOfMakesItMalformed(KafkaCluster kafka) {
    String topic = "tomb-plain";
    kafka.createTopic(topic, 1, 1);
    kafka.produce(topic, "1".getBytes(StandardCharsets.UTF_8), null);
    kafka.produce(
        topic,
        "1".getBytes(StandardCharsets.UTF_8),
        Fixtures.CODEC.encode(new RatingEvent(1, 2, 3.0, 4L)));
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-tomb-plain");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, DecodeResult>> records = new ArrayList<>();
    try (KafkaConsumer<String, DecodeResult> plain =
        new KafkaConsumer<>(props, new StringDeserializer(), new RatingDeserializer())) {
      plain.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < 2 && System.nanoTime() < deadline) {
        plain.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(2);
    assertThat(records.get(0).value()).as("what Kafka hands over for a tombstone").isNull();
    assertThat(RatingDeserializer.resultOf(records.get(0)))
        .isInstanceOf(DecodeResult.Malformed.class)
        .isSameAs(RatingDeserializer.TOMBSTONE);
    assertThat(RatingDeserializer.resultOf(records.get(1))).isInstanceOf(DecodeResult.Valid.class);
  }

  /** The SDK consumer classifies a tombstone MALFORMED, counts it and dead-letters it. */
  @Test
  void ratingConsumerClassifiesATombstoneMalformedAndDeadLettersIt(KafkaCluster kafka) {
    String topic = "tomb-sdk";
    kafka.createTopic(topic, 1, 1);
    kafka.createTopic(topic + ".dlq", 1, 1);
    kafka.produce(topic, "1".getBytes(StandardCharsets.UTF_8), null);
    ConsumerResult result =
        consumer(kafka, topic, "g-tomb-sdk")
            .deadLetterTopic(topic + ".dlq")
            .maxMessages(1)
            .idleTimeout(Duration.ofSeconds(30))
            .build()
            .run();
    assertThat(result.stats().malformed()).isEqualTo(1);
    assertThat(result.stats().deadLettered()).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> letter =
        kafka.awaitRecords(topic + ".dlq", 1, Duration.ofSeconds(30)).get(0);
    assertThat(letter.value()).isNull();
    assertThat(header(letter, DeadLetterHeaders.KIND)).isEqualTo("MALFORMED");
    assertThat(header(letter, DeadLetterHeaders.REASON)).contains("tombstone");
    assertThat(kafka.lag("g-tomb-sdk", topic)).isZero();
  }
}
