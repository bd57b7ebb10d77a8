package io.recsys.ratings.client.reliability;

import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.RatingProducerBuilder;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.header.Header;

/** Shared builders and data for the reliability tests. */
final class Fixtures {
  static final RatingCodec CODEC = RatingCodec.defaults();

  private Fixtures() {}

  static RatingProducerBuilder producer(KafkaCluster kafka, String topic) {
    return RatingProducer.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .properties(kafka.clientProperties())
        .topic(topic);
  }

  static RatingConsumerBuilder consumer(KafkaCluster kafka, String topic, String group) {
    return RatingConsumer.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .properties(kafka.clientProperties())
        .topic(topic)
        .groupId(group)
        .pollTimeout(Duration.ofMillis(200))
        .closeTimeout(Duration.ofSeconds(10));
  }

  /**
   * {@code n} MovieLens-like valid events whose timestamps are {@code base, base + 1, ...}: the
   * timestamp identifies each event, so duplicates and losses can be checked by content.
   */
  static List<RatingEvent> uniqueEvents(long seed, int n, long base) {
    RatingGenerator generator = RatingGenerator.of(seed);
    List<RatingEvent> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RatingEvent e = generator.next();
      events.add(new RatingEvent(e.userId(), e.movieId(), e.rating(), base + i));
    }
    return events;
  }

  /** The timestamp (the identity in {@link #uniqueEvents}) of a record holding a valid event. */
  static long timestampOf(ConsumerRecord<byte[], byte[]> r) {
    DecodeResult d = CODEC.decode(r.value());
    if (!(d instanceof DecodeResult.Valid v)) {
      throw new AssertionError(
          "not a valid event at " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + d);
    }
    return v.event().timestamp();
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Sends {@link #uniqueEvents} of count {@code n} to the topic and checks every one is acked. */
  static void sendUnique(KafkaCluster kafka, String topic, int n) {
    try (RatingProducer producer = producer(kafka, topic).build()) {
      if (producer.sendAll(uniqueEvents(n, n, System.currentTimeMillis())).acknowledged() != n) {
        throw new AssertionError("not every one of " + n + " events was acknowledged");
      }
    }
  }

  /** Waits until the condition holds, failing with {@code what} after {@code timeout}. */
  static void await(String what, BooleanSupplier condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      sleep(20);
    }
  }

  /** A record's coordinates as one string: {@code partition@offset}. */
  static String key(int partition, long offset) {
    return partition + "@" + offset;
  }

  /** The {@link #key} of every record the topic holds now. */
  static Set<String> everyRecord(KafkaCluster kafka, String topic) {
    Set<String> all = new HashSet<>();
    kafka
        .endOffsets(topic)
        .forEach(
            (tp, end) -> {
              for (long o = 0; o < end; o++) {
                all.add(key(tp.partition(), o));
              }
            });
    return all;
  }

  /** The type of a consumer group: {@code CLASSIC} or {@code CONSUMER}, its protocol. */
  static GroupType groupType(KafkaCluster kafka, String group) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      return admin
          .describeConsumerGroups(List.of(group))
          .all()
          .get(30, TimeUnit.SECONDS)
          .get(group)
          .type();
    } catch (Exception e) {
      throw new AssertionError("cannot describe group " + group, e);
    }
  }
}
