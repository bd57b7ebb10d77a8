package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.DecodeResult.Kind;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A topic written by a raw Kafka producer with every kind of bad record: the consumer classifies
 * each one as expected, dead-letters the bad ones with their headers, commits, and its counts add
 * up to the topic's record count.
 */
@IntegrationTest
@WithKafka
class BadInputIntegrationTest {
  /** About 900 KB: near the broker's default 1 MB maximum message size. */
  private static final int HUGE = 900 * 1024;

  private record Sent(byte[] key, byte[] value, Kind expected, String what) {}

  /**
   * Wrong keys: the record key is routing only (the SDK's producer sets it to the userId so that a
   * user's ratings stay in order); the consumer judges the value alone, so a valid event under a
   * key of another user, a non-numeric key or no key is still VALID and handed to the handler with
   * the key as it came ({@code RecordContext.key()}).
   */
  @Test
  void everyRecordIsClassifiedDeadLetteredAndCountedAgainstTheTopic(KafkaCluster kafka)
      throws Exception {
    String topic = "rel-bad";
    String dlq = "rel-bad.dlq";
    kafka.createTopic(topic, 3, 1);
    kafka.createTopic(dlq, 1, 1);
    long now = System.currentTimeMillis();
    List<Sent> toSend = new ArrayList<>();
    for (RatingGenerator.Payload p :
        RatingGenerator.builder()
            .seed(88)
            .invalidShare(0.2)
            .malformedShare(0.2)
            .build()
            .payloads(300)) {
      toSend.add(new Sent(p.key(), p.value(), p.expectedKind(), p.variant()));
    }
    byte[] valid = Fixtures.CODEC.encode(new RatingEvent(7, 296, 4.5, now));
    toSend.add(new Sent(utf8("7"), new byte[0], Kind.MALFORMED, "empty value"));
    toSend.add(new Sent(utf8("7"), null, Kind.MALFORMED, "null value"));
    toSend.add(new Sent(utf8("8"), valid, Kind.VALID, "key of another user"));
    toSend.add(new Sent(utf8("not-a-user"), valid, Kind.VALID, "non-numeric key"));
    toSend.add(new Sent(null, valid, Kind.VALID, "no key"));
    toSend.add(new Sent(new byte[] {(byte) 0xff}, valid, Kind.VALID, "binary key"));
    toSend.add(
        new Sent(
            utf8("9"),
            huge("{\"userId\":9,\"movieId\":1,\"rating\":3.0,\"timestamp\":" + now),
            Kind.VALID,
            "huge valid (900 KB ignored field)"));
    toSend.add(
        new Sent(
            utf8("9"),
            huge("{\"userId\":9,\"movieId\":1,\"rating\":6.0,\"timestamp\":" + now),
            Kind.INVALID,
            "huge invalid"));
    byte[] garbage = new byte[HUGE];
    new SplittableRandom(1).nextBytes(garbage);
    garbage[0] = (byte) 0xff;
    toSend.add(new Sent(utf8("9"), garbage, Kind.MALFORMED, "huge binary garbage"));

    Map<String, Sent> byPosition = new HashMap<>();
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<byte[], byte[]> raw =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
      for (Sent s : toSend) {
        acks.add(raw.send(new ProducerRecord<>(topic, s.key(), s.value())));
      }
      for (int i = 0; i < acks.size(); i++) {
        RecordMetadata m = acks.get(i).get(30, TimeUnit.SECONDS);
        byPosition.put(m.partition() + "@" + m.offset(), toSend.get(i));
      }
    }
    long topicCount = kafka.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    assertThat(topicCount).isEqualTo(toSend.size());
    Map<Kind, Long> expected = new HashMap<>();
    toSend.forEach(s -> expected.merge(s.expected(), 1L, Long::sum));

    Map<String, String> handledKeys = new ConcurrentHashMap<>();
    ConsumerResult result =
        consumer(kafka, topic, "g-bad")
            .deadLetterTopic(dlq)
            .maxMessages(topicCount)
            .idleTimeout(Duration.ofSeconds(20))
            .handler(
                (e, ctx) ->
                    handledKeys.put(
                        ctx.partition() + "@" + ctx.offset(), String.valueOf(ctx.key())))
            .build()
            .run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    ConsumerStats s = result.stats();
    assertThat(s.valid() + s.invalid() + s.malformed() + s.processingErrors())
        .as("counts add up to the topic's record count")
        .isEqualTo(topicCount);
    assertThat(s.valid()).isEqualTo(expected.get(Kind.VALID));
    assertThat(s.invalid()).isEqualTo(expected.get(Kind.INVALID));
    assertThat(s.malformed()).isEqualTo(expected.get(Kind.MALFORMED));
    assertThat(s.processingErrors()).isZero();
    assertThat(s.deadLettered()).isEqualTo(s.invalid() + s.malformed());
    assertThat(kafka.lag("g-bad", topic)).as("everything committed").isZero();

    // exactly the VALID records reached the handler, wrong keys included, keys as they came
    Map<String, String> expectedValid = new HashMap<>();
    byPosition.forEach(
        (pos, sent) -> {
          if (sent.expected() == Kind.VALID) {
            expectedValid.put(
                pos,
                String.valueOf(
                    sent.key() == null ? null : new String(sent.key(), StandardCharsets.UTF_8)));
          }
        });
    assertThat(handledKeys).isEqualTo(expectedValid);
    assertThat(handledKeys).containsValue("not-a-user").containsValue("null");

    // every bad record dead-lettered once, with its kind, source and bytes
    List<ConsumerRecord<byte[], byte[]>> letters =
        kafka.awaitRecords(dlq, (int) s.deadLettered(), Duration.ofSeconds(30));
    assertThat(letters).hasSize((int) s.deadLettered());
    Map<String, ConsumerRecord<byte[], byte[]>> letterBySource = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic);
      String source =
          header(letter, DeadLetterHeaders.SOURCE_PARTITION)
              + "@"
              + header(letter, DeadLetterHeaders.SOURCE_OFFSET);
      assertThat(letterBySource.put(source, letter)).as("dead-lettered twice: %s", source).isNull();
    }
    byPosition.forEach(
        (pos, sent) -> {
          ConsumerRecord<byte[], byte[]> letter = letterBySource.get(pos);
          if (sent.expected() == Kind.VALID) {
            assertThat(letter).as("valid record %s (%s) dead-lettered", pos, sent.what()).isNull();
            return;
          }
          assertThat(letter).as("%s (%s) dead-lettered", pos, sent.what()).isNotNull();
          assertThat(header(letter, DeadLetterHeaders.KIND))
              .as("kind of %s (%s)", pos, sent.what())
              .isEqualTo(sent.expected().name());
          assertThat(header(letter, DeadLetterHeaders.REASON)).isNotBlank();
          assertThat(Arrays.equals(letter.value(), sent.value()))
              .as("value of %s (%s) kept", pos, sent.what())
              .isTrue();
          assertThat(Arrays.equals(letter.key(), sent.key())).isTrue();
        });
  }

  private static byte[] huge(String head) {
    StringBuilder b = new StringBuilder(HUGE + 100).append(head).append(",\"note\":\"");
    while (b.length() < HUGE) {
      b.append("padding-");
    }
    return utf8(b.append("\"}").toString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
