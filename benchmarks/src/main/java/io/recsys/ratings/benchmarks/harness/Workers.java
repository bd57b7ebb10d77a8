package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.consumer.CommitMode;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The SDK's workloads, each run in its own child JVM ({@code Harness worker <kind> ...}) like
 * Kafka's tools, each printing one {@value #RESULT_PREFIX} line of JSON: its result record.
 */
final class Workers {
  static final String RESULT_PREFIX = "HARNESS-RESULT ";
  static final long SEED = 20_260_101L;

  /** Worker kinds, as given after {@code worker} on the command line. */
  static final String SDK_PRODUCER = "sdk-producer";

  static final String KAFKA_PRODUCER = "kafka-producer";
  static final String SDK_CONSUMER = "sdk-consumer";
  static final String SDK_CONSUMER_SYNC = "sdk-consumer-sync";
  static final String KAFKA_CONSUMER_COMMIT_SYNC = "kafka-consumer-commit-sync";
  static final String E2E = "e2e";

  private Workers() {}

  /** Runs the worker of {@code kind} with its {@code --key value} arguments; prints its result. */
  static int run(String kind, Map<String, String> a) throws Exception {
    Object result =
        switch (kind) {
          case SDK_PRODUCER ->
              ProducerWorkers.ratingProducer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  num(a, "threads"),
                  Integer.parseInt(a.getOrDefault("rate", "0")),
                  ProducerWorkers.Api.of(a.getOrDefault("api", "send")));
          case KAFKA_PRODUCER ->
              ProducerWorkers.kafkaProducer(
                  a.get("bootstrap"), a.get("topic"), num(a, "records"), num(a, "threads"));
          case KAFKA_CONSUMER_COMMIT_SYNC ->
              ConsumerWorkers.kafkaConsumerCommitSync(
                  a.get("bootstrap"), a.get("topic"), num(a, "records"), a.get("group"));
          case SDK_CONSUMER ->
              ConsumerWorkers.ratingConsumer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  a.get("group"),
                  b -> b); // the SDK's default commit policy
          case SDK_CONSUMER_SYNC ->
              ConsumerWorkers.ratingConsumer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  a.get("group"),
                  b -> b.commitMode(CommitMode.SYNCHRONOUS).commitInterval(Duration.ZERO));
          case E2E ->
              EndToEndWorker.run(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "rate"),
                  num(a, "seconds"),
                  num(a, "warmup"),
                  num(a, "partitions"));
          default -> throw new HarnessException("unknown worker " + kind);
        };
    System.out.println(ToolOutput.resultLine(result));
    System.out.flush();
    return 0;
  }

  private static int num(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new HarnessException("worker argument --" + key + " missing");
    }
    return Integer.parseInt(v);
  }

  /**
   * Realistic events of the ml-20m shape: {@code count} events whose timestamps end about now (1 ms
   * apart), so that the broker accepts them and consumers see plausible event times.
   */
  static List<RatingEvent> events(int count) {
    RatingGenerator g =
        RatingGenerator.builder()
            .seed(SEED)
            .start(Instant.ofEpochMilli(System.currentTimeMillis() - count - 1_000L))
            .meanGap(Duration.ofMillis(1))
            .build();
    return g.generate(count);
  }

  /** The total size of the events' JSON values. */
  static long valueBytes(RatingCodec codec, List<RatingEvent> events) {
    long sum = 0;
    for (RatingEvent e : events) {
      sum += codec.encode(e).length;
    }
    return sum;
  }

  /**
   * Sends events {@code 0..records-1} from {@code threads} threads (each its own contiguous slice)
   * and returns the nanoseconds from the start signal to the end of {@code flush}.
   */
  static long timedSends(int records, int threads, IntConsumer send, Runnable flush)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) records * t / threads);
      int to = (int) ((long) records * (t + 1) / threads);
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                  for (int i = from; i < to; i++) {
                    send.accept(i);
                  }
                } catch (Throwable e) {
                  failure.set(e);
                }
              },
              "sender-" + t);
      w.start();
      workers.add(w);
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    flush.run();
    long elapsed = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new HarnessException("a sender thread failed: " + failure.get(), failure.get());
    }
    return elapsed;
  }
}
