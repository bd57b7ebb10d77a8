package io.recsys.ratings.client.reliability;

import static io.recsys.ratings.client.reliability.Fixtures.consumer;
import static io.recsys.ratings.client.reliability.Fixtures.producer;
import static io.recsys.ratings.client.reliability.Fixtures.since;
import static io.recsys.ratings.client.reliability.Fixtures.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.EmbeddedKafka;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three brokers, replication factor 3, {@code min.insync.replicas=2}: the leader of a partition
 * stops while a producer and a consumer are streaming; both go on and the consumer receives every
 * acknowledged event.
 */
@IntegrationTest
@WithKafka(brokers = 3)
class LeaderLossIntegrationTest {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLossIntegrationTest.class);

  @Test
  void leaderStoppingMidStreamLosesNoAcknowledgedEvent(EmbeddedKafka kafka) throws Exception {
    String topic = "rel-leader";
    kafka.createTopic(topic, 3, 3, Map.of("min.insync.replicas", "2"));
    int n = 30_000;
    List<RatingEvent> events = Fixtures.uniqueEvents(3, n, System.currentTimeMillis());
    int victim = leaderIndexOfPartitionZero(kafka, topic);

    Set<Long> consumed = ConcurrentHashMap.newKeySet();
    RatingConsumer consumer =
        consumer(kafka, topic, "g-leader").handler((e, ctx) -> consumed.add(e.timestamp())).build();
    CompletableFuture<ConsumerResult> run = CompletableFuture.supplyAsync(consumer::run);

    long t0 = System.nanoTime();
    List<CompletableFuture<SendResult>> futures = new ArrayList<>(n);
    try (RatingProducer producer =
        producer(kafka, topic)
            .deliveryTimeout(Duration.ofSeconds(30))
            .maxBlock(Duration.ofSeconds(30))
            .build()) {
      for (int i = 0; i < n; i++) {
        futures.add(producer.send(events.get(i)));
        if (i == n / 3) {
          // the leader goes while records are in flight and the consumer is mid-stream
          kafka.stopBroker(victim);
          LOG.info("stopped broker {} (leader of {}-0) after {} sends", victim, topic, i + 1);
        }
        if (i % 1000 == 999) {
          sleep(50); // keep the stream going across the fail-over (about 2 s in all)
        }
      }
      producer.flush();
      assertThat(producer.stats().failed()).as("failed sends with 2 of 3 replicas up").isZero();
      assertThat(producer.stats().acknowledged()).isEqualTo(n);
    }
    Set<Long> acked = new HashSet<>();
    for (CompletableFuture<SendResult> f : futures) {
      acked.add(f.join().timestamp());
    }
    assertThat(acked).hasSize(n);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!consumed.containsAll(acked) && System.nanoTime() < deadline) {
      sleep(100);
    }
    consumer.close();
    assertThat(run).succeedsWithin(Duration.ofSeconds(30));
    Set<Long> missing = new HashSet<>(acked);
    missing.removeAll(consumed);
    assertThat(missing).as("acknowledged events the consumer never saw").isEmpty();
    LOG.info("leader loss: {} acked, {} consumed, {} ms", n, consumed.size(), since(t0).toMillis());
  }

  private static int leaderIndexOfPartitionZero(EmbeddedKafka kafka, String topic)
      throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Node leader =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .filter(p -> p.partition() == 0)
              .findFirst()
              .orElseThrow()
              .leader();
      for (int i = 0; i < kafka.brokerCount(); i++) {
        if (kafka.brokerPort(i) == leader.port()) {
          return i;
        }
      }
      throw new AssertionError("no broker index for leader " + leader);
    }
  }
}
