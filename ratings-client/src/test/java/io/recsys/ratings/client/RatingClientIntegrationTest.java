package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.consumer.RatingHandler;
import io.recsys.ratings.client.metrics.MetricsPublisher;
import io.recsys.ratings.client.producer.BatchResult;
import io.recsys.ratings.client.producer.CloseResult;
import io.recsys.ratings.client.producer.ProducerStats;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendOutcome;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.junit.jupiter.api.Test;

/** RatingProducer, RatingConsumer and MetricsPublisher against a real (in-JVM) broker. */
@IntegrationTest
@WithKafka
class RatingClientIntegrationTest {
  private static final RatingCodec CODEC = RatingCodec.defaults();

  private static RatingProducer producer(KafkaCluster kafka, String topic) {
    return RatingProducer.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .properties(kafka.clientProperties())
        .topic(topic)
        .build();
  }

  private static RatingConsumerBuilder consumer(KafkaCluster kafka, String topic, String group) {
    return RatingConsumer.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .properties(kafka.clientProperties())
        .topic(topic)
        .groupId(group)
        .pollTimeout(Duration.ofMillis(200))
        .closeTimeout(Duration.ofSeconds(10));
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  @Test
  void sameUserLandsInOnePartitionInSendOrder(KafkaCluster kafka) {
    kafka.createTopic("it-keys", 6, 1);
    List<RatingEvent> events = new ArrayList<>();
    long t = now();
    for (int i = 1; i <= 40; i++) {
      for (int user = 1; user <= 8; user++) {
        events.add(new RatingEvent(user * 1000, i, 0.5 * (1 + i % 10), t + i));
      }
    }
    try (RatingProducer producer = producer(kafka, "it-keys")) {
      BatchResult result = producer.sendAll(events);
      assertThat(result.acknowledged()).isEqualTo(events.size());
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("it-keys", events.size(), Duration.ofSeconds(30));
    assertThat(records).hasSize(events.size());
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey =
        records.stream()
            .collect(Collectors.groupingBy(r -> new String(r.key(), StandardCharsets.UTF_8)));
    assertThat(byKey).hasSize(8);
    Set<Integer> partitionsUsed = new HashSet<>();
    byKey.forEach(
        (key, list) -> {
          assertThat(list)
              .extracting(ConsumerRecord::partition)
              .containsOnly(list.get(0).partition());
          partitionsUsed.add(list.get(0).partition());
          list.sort((a, b) -> Long.compare(a.offset(), b.offset()));
          List<Integer> movies = new ArrayList<>();
          for (ConsumerRecord<byte[], byte[]> r : list) {
            RatingEvent e = ((DecodeResult.Valid) CODEC.decode(r.value())).event();
            assertThat(Integer.toString(e.userId())).isEqualTo(key);
            assertThat(r.timestamp()).isEqualTo(e.timestamp());
            movies.add(e.movieId());
          }
          assertThat(movies).isSorted().hasSize(40);
        });
    assertThat(partitionsUsed).hasSizeGreaterThan(1);
  }

  @Test
  void submitFromTwoThreadsDeliversEveryEventOnceInPerUserOrder(KafkaCluster kafka)
      throws Exception {
    kafka.createTopic("it-submit", 6, 1);
    int perThread = 5_000;
    long t = now();
    List<SendOutcome> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .properties(kafka.clientProperties())
            .topic("it-submit")
            .sendListener(
                o -> {
                  if (o.status() == SendOutcome.Status.ACKNOWLEDGED) {
                    acknowledged.add(o);
                  }
                })
            .build()) {
      List<Thread> senders = new ArrayList<>();
      for (int thread = 0; thread < 2; thread++) {
        int user0 = 1 + thread * 100; // each thread its own users: per-user order is send order
        senders.add(
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    assertThat(producer.submit(new RatingEvent(user0 + i % 100, 1 + i, 4.0, t + i)))
                        .isTrue();
                  }
                }));
      }
      senders.forEach(Thread::start);
      for (Thread s : senders) {
        s.join(30_000);
      }
      assertThat(producer.submit(new RatingEvent(1, 1, 9.0, t))).isFalse(); // rejected
      producer.flush();
      ProducerStats s = producer.stats();
      assertThat(s.sent()).isEqualTo(2 * perThread);
      assertThat(s.acknowledged()).isEqualTo(2 * perThread);
      assertThat(s.rejected()).isEqualTo(1);
      assertThat(s.failed()).isZero();
      assertThat(s.inFlight()).isZero();
      assertThat(s.sendToAckLatency().count()).isBetween(1L, (long) perThread);
      assertThat(acknowledged).hasSize(2 * perThread);
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("it-submit", 2 * perThread, Duration.ofSeconds(30));
    assertThat(records).hasSize(2 * perThread);
    Map<Integer, List<Integer>> moviesByUser = new java.util.TreeMap<>();
    records.stream()
        .sorted(
            java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(
                    ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset))
        .forEach(
            r -> {
              RatingEvent e = ((DecodeResult.Valid) CODEC.decode(r.value())).event();
              moviesByUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e.movieId());
            });
    assertThat(moviesByUser).hasSize(200);
    moviesByUser.values().forEach(movies -> assertThat(movies).isSorted().hasSize(50));
  }

  @Test
  void batchesAreLz4CompressedOnTheBrokersDisk(KafkaCluster kafka) throws Exception {
    kafka.createTopic("it-lz4", 1, 1, Map.of("compression.type", "producer"));
    kafka.createTopic("it-none", 1, 1, Map.of("compression.type", "producer"));
    List<RatingEvent> events = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      events.add(new RatingEvent(1 + i % 500, 1 + i, 4.0, now()));
    }
    try (RatingProducer producer = producer(kafka, "it-lz4")) {
      assertThat(producer.sendAll(events).acknowledged()).isEqualTo(2000);
    }
    // control: the same check must see NONE when compression is switched off
    try (RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .properties(kafka.clientProperties())
            .property("compression.type", "none")
            .topic("it-none")
            .build()) {
      assertThat(producer.sendAll(events).acknowledged()).isEqualTo(2000);
    }
    assertThat(codecsOnDisk(kafka, "it-lz4")).containsOnly(CompressionType.LZ4);
    assertThat(codecsOnDisk(kafka, "it-none")).containsOnly(CompressionType.NONE);
  }

  /** Reads every record batch of the topic's log segments, located via describeLogDirs. */
  private static List<CompressionType> codecsOnDisk(KafkaCluster kafka, String topic)
      throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<CompressionType> codecs = new ArrayList<>();
    try (Admin admin = Admin.create(props)) {
      Collection<Node> nodes = admin.describeCluster().nodes().get();
      List<Integer> ids = nodes.stream().map(Node::id).toList();
      Map<Integer, Map<String, LogDirDescription>> dirs =
          admin.describeLogDirs(ids).allDescriptions().get();
      for (Map<String, LogDirDescription> perBroker : dirs.values()) {
        for (Map.Entry<String, LogDirDescription> dir : perBroker.entrySet()) {
          for (TopicPartition tp : dir.getValue().replicaInfos().keySet()) {
            if (!tp.topic().equals(topic)) {
              continue;
            }
            File[] segments =
                new File(dir.getKey(), tp.topic() + "-" + tp.partition())
                    .listFiles((d, name) -> name.endsWith(".log"));
            assertThat(segments).isNotEmpty();
            for (File segment : segments) {
              try (FileRecords records = FileRecords.open(segment, false)) {
                for (FileChannelRecordBatch batch : records.batches()) {
                  codecs.add(batch.compressionType());
                }
              }
            }
          }
        }
      }
    }
    assertThat(codecs).as("record batches of %s on disk", topic).isNotEmpty();
    return codecs;
  }

  @Test
  void invalidEventsNeverReachTheTopic(KafkaCluster kafka) {
    kafka.createTopic("it-invalid", 2, 1);
    long t = now();
    List<RatingEvent> mix =
        List.of(
            new RatingEvent(1, 1, 4.0, t),
            new RatingEvent(2, 1, 7.5, t), // rating too high
            new RatingEvent(0, 1, 4.0, t), // user id too low
            new RatingEvent(3, 1, 3.5, t),
            new RatingEvent(4, 999_999_999, 3.0, t), // movie id too high
            new RatingEvent(5, 1, 2.25, t), // not a half star
            new RatingEvent(6, 2, 0.5, t));
    try (RatingProducer producer = producer(kafka, "it-invalid")) {
      BatchResult result = producer.sendAll(mix);
      assertThat(result.acknowledged()).isEqualTo(3);
      assertThat(result.rejected()).isEqualTo(4);
      assertThat(producer.stats().rejected()).isEqualTo(4);
      assertThat(producer.stats().sent()).isEqualTo(3);
    }
    assertThat(kafka.endOffsets("it-invalid").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(3);
    assertThat(kafka.awaitRecords("it-invalid", 3, Duration.ofSeconds(30)))
        .allSatisfy(
            r -> assertThat(CODEC.decode(r.value())).isInstanceOf(DecodeResult.Valid.class));
  }

  @Test
  void mixedRecordsAreCountedExactlyAndDeadLetteredWithHeaders(KafkaCluster kafka) {
    kafka.createTopic("it-mix", 3, 1);
    kafka.createTopic("it-mix.dlq", 1, 1);
    long t = now();
    int valid = 0;
    int failing = 0;
    for (int i = 0; i < 24; i++) {
      int user = i % 6 == 0 ? 13 : 100 + i; // user 13's events make the handler throw
      if (user == 13) {
        failing++;
      } else {
        valid++;
      }
      kafka.produce(
          "it-mix", key(user), CODEC.encode(new RatingEvent(user, 1 + i, 0.5 + (i % 10) * 0.5, t)));
    }
    byte[][] invalid = {
      CODEC.encode(new RatingEvent(1, 1, 6.0, t)),
      CODEC.encode(new RatingEvent(-5, 1, 3.0, t)),
      CODEC.encode(new RatingEvent(1, 1, 3.0, -1)),
    };
    for (byte[] v : invalid) {
      kafka.produce("it-mix", key(1), v);
    }
    byte[][] malformed = {
      "not json".getBytes(StandardCharsets.UTF_8),
      new byte[0],
      "{\"userId\":1}".getBytes(StandardCharsets.UTF_8),
      new byte[] {(byte) 0xff, (byte) 0xfe},
      null
    };
    for (byte[] v : malformed) {
      kafka.produce("it-mix", key(2), v);
    }
    int total = valid + failing + invalid.length + malformed.length;

    Set<String> handled = ConcurrentHashMap.newKeySet();
    ConsumerResult result =
        consumer(kafka, "it-mix", "g-mix")
            .deadLetterTopic("it-mix.dlq")
            .maxMessages(total)
            .idleTimeout(Duration.ofSeconds(20))
            .handler(
                (event, ctx) -> {
                  if (event.userId() == 13) {
                    throw new IllegalArgumentException("user 13 is not welcome");
                  }
                  handled.add(ctx.toString());
                })
            .build()
            .run();

    assertThat(result.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    ConsumerStats s = result.stats();
    assertThat(s.valid()).isEqualTo(valid);
    assertThat(s.processingErrors()).isEqualTo(failing);
    assertThat(s.invalid()).isEqualTo(invalid.length);
    assertThat(s.malformed()).isEqualTo(malformed.length);
    assertThat(s.deadLettered()).isEqualTo(failing + invalid.length + malformed.length);
    assertThat(handled).hasSize(valid);
    assertThat(kafka.lag("g-mix", "it-mix")).isZero();

    List<ConsumerRecord<byte[], byte[]>> letters =
        kafka.awaitRecords("it-mix.dlq", (int) s.deadLettered(), Duration.ofSeconds(30));
    assertThat(letters).hasSize((int) s.deadLettered());
    Map<String, Long> kinds =
        letters.stream()
            .collect(
                Collectors.groupingBy(
                    r -> header(r, DeadLetterHeaders.KIND), Collectors.counting()));
    assertThat(kinds)
        .containsEntry("PROCESSING_ERROR", (long) failing)
        .containsEntry("INVALID", (long) invalid.length)
        .containsEntry("MALFORMED", (long) malformed.length);
    List<ConsumerRecord<byte[], byte[]>> source =
        kafka.awaitRecords("it-mix", total, Duration.ofSeconds(30));
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("it-mix");
      assertThat(header(letter, DeadLetterHeaders.REASON)).isNotBlank();
      int partition = Integer.parseInt(header(letter, DeadLetterHeaders.SOURCE_PARTITION));
      long offset = Long.parseLong(header(letter, DeadLetterHeaders.SOURCE_OFFSET));
      ConsumerRecord<byte[], byte[]> original =
          source.stream()
              .filter(r -> r.partition() == partition && r.offset() == offset)
              .findFirst()
              .orElseThrow();
      assertThat(letter.key()).isEqualTo(original.key());
      assertThat(letter.value()).isEqualTo(original.value());
      if ("PROCESSING_ERROR".equals(header(letter, DeadLetterHeaders.KIND))) {
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("user 13 is not welcome");
        assertThat(header(letter, DeadLetterHeaders.EXCEPTION))
            .isEqualTo(IllegalArgumentException.class.getName());
      }
    }
  }

  @Test
  void consumerStoppedMidStreamAndRestartedLosesNothingAndRereadsOnlyUncommitted(
      KafkaCluster kafka) {
    kafka.createTopic("it-restart", 2, 1);
    List<RatingEvent> events = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      events.add(new RatingEvent(1 + i % 97, 1 + i, 3.0, now()));
    }
    try (RatingProducer producer = producer(kafka, "it-restart")) {
      assertThat(producer.sendAll(events).acknowledged()).isEqualTo(1000);
    }
    List<String> first = new ArrayList<>();
    ConsumerResult a =
        consumer(kafka, "it-restart", "g-restart")
            .maxMessages(400)
            .property("max.poll.records", 50)
            .handler((e, ctx) -> first.add(ctx.toString()))
            .build()
            .run();
    assertThat(a.stopReason()).isEqualTo(ConsumerResult.StopReason.MAX_MESSAGES);
    assertThat(first).hasSize(400);
    long committed =
        kafka.committedOffsets("g-restart", "it-restart").values().stream()
            .mapToLong(Long::longValue)
            .sum();
    // stopping at maxMessages commits everything processed, so nothing needs re-reading
    assertThat(committed).isEqualTo(400);

    List<String> second = new ArrayList<>();
    ConsumerResult b =
        consumer(kafka, "it-restart", "g-restart")
            .idleTimeout(Duration.ofSeconds(3))
            .handler((e, ctx) -> second.add(ctx.toString()))
            .build()
            .run();
    assertThat(b.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    assertThat(all).hasSize(1000); // nothing lost
    Set<String> reread = new HashSet<>(first);
    reread.retainAll(new HashSet<>(second));
    assertThat((long) reread.size()).isLessThanOrEqualTo(400 - committed);
    assertThat(second).doesNotHaveDuplicates();
    assertThat(kafka.lag("g-restart", "it-restart")).isZero();
  }

  @Test
  void secondConsumerJoiningAndLeavingMidStreamLosesNothing(KafkaCluster kafka) throws Exception {
    kafka.createTopic("it-rebalance", 4, 1);
    List<RatingEvent> events = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      events.add(new RatingEvent(1 + i % 301, 1 + i, 2.5, now()));
    }
    try (RatingProducer producer = producer(kafka, "it-rebalance")) {
      assertThat(producer.sendAll(events).acknowledged()).isEqualTo(2000);
    }
    Set<String> seen = ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicLong handledTotal =
        new java.util.concurrent.atomic.AtomicLong();
    RatingHandler slow =
        (e, ctx) -> {
          seen.add(ctx.toString());
          handledTotal.incrementAndGet();
          Thread.sleep(4);
        };
    RatingConsumer first =
        consumer(kafka, "it-rebalance", "g-rebalance")
            .property("max.poll.records", 20)
            .idleTimeout(Duration.ofSeconds(5))
            .handler(slow)
            .build();
    java.util.concurrent.CompletableFuture<ConsumerResult> a =
        java.util.concurrent.CompletableFuture.supplyAsync(first::run);
    while (seen.size() < 300 && !a.isDone()) {
      Thread.sleep(10);
    }
    // a second member joins, takes partitions, and leaves after a while
    RatingConsumer second =
        consumer(kafka, "it-rebalance", "g-rebalance")
            .property("max.poll.records", 20)
            .maxMessages(300)
            .idleTimeout(Duration.ofSeconds(5))
            .handler(slow)
            .build();
    ConsumerResult b = second.run();
    ConsumerResult resultA = a.get(120, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(b.stats().received()).isPositive();
    assertThat(seen).hasSize(2000); // every record handled at least once
    assertThat(handledTotal.get() - 2000)
        .as("re-deliveries")
        .isLessThanOrEqualTo(4 * 20); // at most one uncommitted poll batch per partition
    assertThat(resultA.stopReason()).isEqualTo(ConsumerResult.StopReason.IDLE_TIMEOUT);
    assertThat(kafka.lag("g-rebalance", "it-rebalance")).isZero();
  }

  @Test
  void metricsPublisherEventsParseBack(KafkaCluster kafka) throws Exception {
    kafka.createTopic("it-metrics-src", 1, 1);
    kafka.createTopic("it-metrics", 1, 1);
    MetricsPublisher publisher;
    long published;
    try (RatingProducer producer = producer(kafka, "it-metrics-src")) {
      publisher =
          MetricsPublisher.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .property("client.id", "metrics-it")
              .topic("it-metrics")
              .source("it-producer")
              .stats(producer::stats)
              .interval(Duration.ofMillis(200))
              .start();
      for (int i = 0; i < 100; i++) {
        producer.sendAndWait(new RatingEvent(1 + i, 1, 4.0, now()), Duration.ofSeconds(30));
      }
      Thread.sleep(500);
      publisher.close();
      published = publisher.published();
    }
    assertThat(published).isGreaterThanOrEqualTo(2);
    assertThat(publisher.failed()).isZero();
    List<ConsumerRecord<byte[], byte[]>> records =
        kafka.awaitRecords("it-metrics", (int) published, Duration.ofSeconds(30));
    List<MetricsEvent> events = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("it-producer");
      events.add(MetricsCodec.decode(r.value()).orElseThrow());
    }
    assertThat(events).allSatisfy(e -> assertThat(e.source()).isEqualTo("it-producer"));
    assertThat(events.stream().mapToLong(MetricsEvent::count).sum()).isEqualTo(100);
    assertThat(events).anySatisfy(e -> assertThat(e.latencyP99Ms()).isPositive());
  }

  @Test
  void unreachableBrokerFailsSendsWithinBoundsAndCloseDoesNotHang() {
    long start = System.nanoTime();
    RatingProducer producer =
        RatingProducer.builder()
            .bootstrapServers("localhost:1")
            .maxBlock(Duration.ofSeconds(1))
            .deliveryTimeout(Duration.ofSeconds(2))
            .topic("nowhere")
            .build();
    var future = producer.send(new RatingEvent(1, 1, 4.0, now()));
    assertThat(future)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(RatingsClientException.class);
    CloseResult closed = producer.close(Duration.ofSeconds(2));
    assertThat(closed.failed()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  private static byte[] key(int user) {
    return Integer.toString(user).getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
