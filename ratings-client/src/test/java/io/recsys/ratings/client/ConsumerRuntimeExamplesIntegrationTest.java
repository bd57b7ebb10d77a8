package io.recsys.ratings.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerHealth;
import io.recsys.ratings.client.consumer.ConsumerState;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.MemberResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RatingHandler;
import io.recsys.ratings.client.consumer.RuntimeListener;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.testkit.IntegrationTest;
import io.recsys.ratings.testkit.KafkaCluster;
import io.recsys.ratings.testkit.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The code shown in docs/consumer-runtime.md, compiled and run against a broker ({@code
 * DocSnippetsTest} in ratings-schema checks that the docs show these regions as they are).
 */
@IntegrationTest
@WithKafka
class ConsumerRuntimeExamplesIntegrationTest {

  /** A per-member handler, as a service would have one (a model, a connection...). */
  static final class ModelUpdater implements RatingHandler {
    static final AtomicInteger HANDLED = new AtomicInteger();
    final ConcurrentHashMap<Integer, Double> lastRating = new ConcurrentHashMap<>();

    @Override
    public void handle(RatingEvent event, io.recsys.ratings.client.consumer.RecordContext ctx) {
      lastRating.put(event.userId(), event.rating());
      HANDLED.incrementAndGet();
    }
  }

  @Test
  void runtimeSnippetsWork(KafkaCluster kafka) {
    kafka.createTopic("ratings", 6, 1);
    kafka.createTopic("metrics", 1, 1);
    String bootstrap = kafka.bootstrapServers();
    try (RatingProducer producer = RatingProducer.builder().bootstrapServers(bootstrap).build()) {
      for (int user = 1; user <= 300; user++) {
        producer.submit(new RatingEvent(user, 296, 4.5, System.currentTimeMillis()));
      }
      producer.flush();
    }

    // tag::runtime[]
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(
                RatingConsumer.builder()
                    .bootstrapServers(bootstrap) // e.g. "localhost:9092"
                    .groupId("recommender")
                    .publishStatsTo("metrics")) // optional: stats windows to the metrics topic
            .concurrency(3) // three consumers of the group, each on its own thread
            .handlerFactory(member -> new ModelUpdater()) // or .handler(threadSafeHandler)
            .shutdownHook(true) // Ctrl+C / SIGTERM drains them
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onMemberEnded(MemberResult result) {
                    if (!result.isOk()) {
                      System.err.println("consumer " + result.name() + " died: " + result.error());
                    }
                  }
                })
            .build();
    runtime.start(); // returns once the threads are started
    // end::runtime[]

    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while ((!runtime.health().ready() || ModelUpdater.HANDLED.get() < 300)
        && System.nanoTime() < end) {
      sleep();
    }

    // tag::health[]
    ConsumerHealth health = runtime.health(); // cheap, no broker call
    int liveness = health.live() ? 200 : 503; // started, no consumer died
    int readiness = health.ready() ? 200 : 503; // every consumer has its partitions
    for (ConsumerHealth.Member m : health.members()) {
      System.out.printf(
          "%s %s: %d partition(s), lag %s, last poll %s ago, last error %s%n",
          m.name(),
          m.state(),
          m.partitions().size(),
          m.partitions().stream().mapToLong(p -> Math.max(0, p.lag())).sum(),
          m.sinceLastPoll().map(Duration::toMillis).orElse(-1L) + " ms",
          m.lastError().map(e -> e.type() + ": " + e.message()).orElse("none"));
    }
    // end::health[]
    assertThat(liveness).isEqualTo(200);
    assertThat(readiness).isEqualTo(200);
    assertThat(health.members()).hasSize(3);

    // tag::stop[]
    boolean drained = runtime.stop(Duration.ofSeconds(30)); // finish, commit, leave the group
    ConsumerStats all = runtime.stats(); // the three consumers added up
    List<MemberResult> results = runtime.results(); // one per consumer
    System.out.printf(
        "%s (drained: %b): %d records, %d consumers ended ok%n",
        runtime.state(),
        drained,
        all.received(),
        results.stream().filter(MemberResult::isOk).count());
    // end::stop[]
    assertThat(drained).isTrue();
    assertThat(runtime.state()).isEqualTo(ConsumerState.STOPPED);
    assertThat(all.valid()).isEqualTo(300);
    assertThat(results).hasSize(3).allMatch(MemberResult::isOk);
    assertThat(kafka.awaitRecords("metrics", 3, Duration.ofSeconds(30)))
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(kafka.lag("recommender", "ratings")).isZero();
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
