package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end workload of a child JVM: a RatingConsumer (new group, from the start of a fresh
 * topic) and a paced RatingProducer in this JVM. Each event's timestamp is its intended send time
 * (so a sender that falls behind shows as latency, no coordinated omission); the consumer records
 * receipt time minus event timestamp for every event of the measured period (after the warm-up).
 * The number of events is the rate times the seconds; the waits around them only end a run that
 * cannot finish, and are far above what a busy machine needs.
 */
final class EndToEndWorker {
  /** How long the consumer may take to be assigned every partition before anything is sent. */
  static final Duration ASSIGNMENT_LIMIT = Duration.ofSeconds(120);

  /** How long after the last send every event may take to arrive. */
  static final Duration DELIVERY_LIMIT = Duration.ofSeconds(120);

  private EndToEndWorker() {}

  static EndToEndRun run(
      String bootstrap, String topic, int rate, int seconds, int warmup, int partitions)
      throws Exception {
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
    long[] received = new long[1];
    RatingConsumer consumer =
        RatingConsumer.builder()
            .bootstrapServers(bootstrap)
            .topic(topic)
            .groupId("harness-e2e-" + System.nanoTime())
            .statsInterval(Duration.ofSeconds(1))
            .statsListener(s -> {})
            .handler(
                (event, ctx) -> {
                  long now = System.currentTimeMillis();
                  received[0]++;
                  if (event.timestamp() >= measuredFrom.get()) {
                    histogram.recordValue(Math.min(Math.max(0, now - event.timestamp()), 600_000));
                  }
                })
            .build();
    CompletableFuture<ConsumerResult> run =
        CompletableFuture.supplyAsync(
            consumer::run,
            task -> {
              Thread t = new Thread(task, "e2e-consumer");
              t.setDaemon(true);
              t.start();
            });
    long total = (long) rate * (seconds + warmup);
    long sent;
    try (RatingProducer producer =
        RatingProducer.builder().bootstrapServers(bootstrap).topic(topic).build()) {
      producer.flush();
      long assignDeadline = System.nanoTime() + ASSIGNMENT_LIMIT.toNanos();
      while (consumer.stats().partitions().size() < partitions) {
        if (System.nanoTime() > assignDeadline || run.isDone()) {
          consumer.close();
          throw new HarnessException(
              "the e2e consumer was not assigned "
                  + partitions
                  + " partitions: "
                  + consumer.stats());
        }
        Thread.sleep(50);
      }
      RatingGenerator g = RatingGenerator.of(Workers.SEED);
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      long epoch0 = System.currentTimeMillis();
      long t0 = System.nanoTime();
      measuredFrom.set(epoch0 + TimeUnit.SECONDS.toMillis(warmup));
      for (sent = 0; sent < total; sent++) {
        long target = t0 + sent * intervalNanos;
        long wait;
        while ((wait = target - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        RatingEvent e = g.next();
        long ts = epoch0 + TimeUnit.NANOSECONDS.toMillis(target - t0);
        producer.send(new RatingEvent(e.userId(), e.movieId(), e.rating(), ts));
      }
      producer.flush();
    }
    long deadline = System.nanoTime() + DELIVERY_LIMIT.toNanos();
    while (consumer.stats().valid() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    consumer.close();
    ConsumerResult result = run.get(DELIVERY_LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (result.stats().valid() < total) {
      throw new HarnessException(
          "the e2e consumer received " + result.stats().valid() + " of " + total + " events");
    }
    return new EndToEndRun(
        rate,
        seconds,
        warmup,
        sent,
        received[0],
        histogram.getTotalCount(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue(),
        result.stats().eventLatency().p99Ms());
  }
}
