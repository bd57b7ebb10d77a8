package io.recsys.ratings.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.client.CommitMode;
import io.recsys.ratings.client.ConsumerResult;
import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.client.ProducerStats;
import io.recsys.ratings.client.RatingConsumer;
import io.recsys.ratings.client.RatingConsumerBuilder;
import io.recsys.ratings.client.RatingProducer;
import io.recsys.ratings.client.SendResult;
import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The SDK's workloads, each run in its own child JVM ({@code Harness worker <kind> ...}) like
 * Kafka's tools, and printing one {@value #RESULT_PREFIX} line of JSON.
 */
final class Workers {
  static final String RESULT_PREFIX = "HARNESS-RESULT ";
  static final long SEED = 20_260_101L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Workers() {}

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

  static int run(String kind, Map<String, String> a) throws Exception {
    Map<String, Object> result =
        switch (kind) {
          case "sdk-producer" ->
              producer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  num(a, "threads"),
                  Integer.parseInt(a.getOrDefault("rate", "0")),
                  api(a.getOrDefault("api", "send")));
          case "kafka-producer" ->
              kafkaProducer(
                  a.get("bootstrap"), a.get("topic"), num(a, "records"), num(a, "threads"));
          case "kafka-consumer-commit-sync" ->
              kafkaConsumerCommitSync(
                  a.get("bootstrap"), a.get("topic"), num(a, "records"), a.get("group"));
          case "sdk-consumer" ->
              consumer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  a.get("group"),
                  b -> b); // the SDK's default commit policy
          case "sdk-consumer-sync" ->
              consumer(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "records"),
                  a.get("group"),
                  b -> b.commitMode(CommitMode.SYNCHRONOUS).commitInterval(Duration.ZERO));
          case "e2e" ->
              endToEnd(
                  a.get("bootstrap"),
                  a.get("topic"),
                  num(a, "rate"),
                  num(a, "seconds"),
                  num(a, "warmup"),
                  num(a, "partitions"));
          default -> throw new HarnessException("unknown worker " + kind);
        };
    System.out.println(RESULT_PREFIX + JSON.writeValueAsString(result));
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

  /** Which RatingProducer method a producer worker sends with. */
  enum Api {
    /** {@code send}: a CompletableFuture per event. */
    SEND,
    /** {@code submit}: no future; outcomes counted in the stats. */
    SUBMIT
  }

  private static Api api(String name) {
    return switch (name) {
      case "send" -> Api.SEND;
      case "submit" -> Api.SUBMIT;
      default -> throw new HarnessException("--api must be send or submit, got " + name);
    };
  }

  /**
   * Sends {@code records} pre-generated events through one RatingProducer from {@code threads}
   * threads (each its own slice) with {@code send} or {@code submit}, timed from the first send to
   * the end of flush (every ack in).
   */
  static Map<String, Object> producer(
      String bootstrap, String topic, int records, int threads, int rate, Api api)
      throws Exception {
    if (rate > 0 && threads != 1) {
      throw new HarnessException("a fixed rate needs one thread, got " + threads);
    }
    long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
    AtomicLong firstSend = new AtomicLong();
    List<RatingEvent> events = events(records);
    RatingCodec codec = RatingCodec.defaults();
    long valueBytes = valueBytes(codec, events);
    try (RatingProducer producer =
        RatingProducer.builder().bootstrapServers(bootstrap).topic(topic).build()) {
      // no warm-up and no metadata fetch before timing: ProducerPerformance has neither
      AtomicReference<CompletableFuture<SendResult>> lastFailed = new AtomicReference<>();
      LongAdder notSubmitted = new LongAdder();
      long elapsed =
          timedSends(
              records,
              threads,
              i -> {
                if (rate > 0) { // paced like ProducerPerformance --throughput: on schedule
                  if (i == 0) {
                    firstSend.set(System.nanoTime());
                  }
                  long wait;
                  while ((wait = firstSend.get() + i * interval - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                  }
                }
                if (api == Api.SUBMIT) {
                  if (!producer.submit(events.get(i))) {
                    notSubmitted.increment();
                  }
                } else {
                  CompletableFuture<SendResult> f = producer.send(events.get(i));
                  if (f.isCompletedExceptionally()) {
                    lastFailed.set(f);
                  }
                }
              },
              producer::flush);
      ProducerStats s = producer.stats();
      if (s.acknowledged() != records || s.failed() != 0 || s.rejected() != 0) {
        throw new HarnessException(
            "expected "
                + records
                + " acknowledged, got "
                + s
                + (lastFailed.get() == null ? "" : "; a failed send: " + lastFailed.get())
                + (notSubmitted.sum() == 0 ? "" : "; submit returned false " + notSubmitted));
      }
      double seconds = elapsed / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("records", records);
      r.put("threads", threads);
      r.put("api", api.name().toLowerCase(java.util.Locale.ROOT));
      r.put("rate", rate);
      r.put("seconds", seconds);
      r.put("recordsPerSec", records / seconds);
      r.put("mbPerSec", valueBytes / seconds / (1024.0 * 1024.0));
      r.put("avgValueBytes", (double) valueBytes / records);
      latency(r, s.sendToAckLatency());
      return r;
    }
  }

  /**
   * Sends events {@code 0..records-1} from {@code threads} threads (each its own contiguous slice)
   * and returns the nanoseconds from the start signal to the end of {@code flush}.
   */
  static long timedSends(
      int records, int threads, java.util.function.IntConsumer send, Runnable flush)
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

  /**
   * The baseline of the scaling runs: a plain {@code KafkaProducer} with the SDK's settings sending
   * the same events, encoded with the same codec in the sending thread (key = userId, value = JSON,
   * timestamp = event time), from the same number of threads: what hand-written code does, without
   * the SDK's validation, stats and futures.
   */
  static Map<String, Object> kafkaProducer(String bootstrap, String topic, int records, int threads)
      throws Exception {
    List<RatingEvent> events = events(records);
    RatingCodec codec = RatingCodec.defaults();
    long valueBytes = valueBytes(codec, events);
    Map<String, Object> props =
        new LinkedHashMap<>(
            RatingProducer.builder().bootstrapServers(bootstrap).config().kafkaProperties());
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    Callback callback =
        (metadata, exception) -> {
          if (exception == null) {
            acked.increment();
          } else {
            failed.increment();
          }
        };
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      long elapsed =
          timedSends(
              records,
              threads,
              i -> {
                RatingEvent e = events.get(i);
                producer.send(
                    new ProducerRecord<>(
                        topic,
                        null,
                        e.timestamp(),
                        Integer.toString(e.userId()).getBytes(StandardCharsets.US_ASCII),
                        codec.encode(e)),
                    callback);
              },
              producer::flush);
      if (acked.sum() != records) {
        throw new HarnessException(
            "expected " + records + " acknowledged, got " + acked.sum() + ", failed " + failed);
      }
      double seconds = elapsed / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("records", records);
      r.put("threads", threads);
      r.put("seconds", seconds);
      r.put("recordsPerSec", records / seconds);
      r.put("mbPerSec", valueBytes / seconds / (1024.0 * 1024.0));
      return r;
    }
  }

  /**
   * Diagnostic: a plain {@code KafkaConsumer} with the SDK consumer's settings that commits
   * synchronously after every poll batch, as {@code RatingConsumer} does, but neither decodes nor
   * validates nor keeps stats. Timed like {@link #consumer}. Separates the cost of the commit
   * pattern from the cost of the SDK's own per-record work.
   */
  static Map<String, Object> kafkaConsumerCommitSync(
      String bootstrap, String topic, int records, String group) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    long seen = 0;
    long bytes = 0;
    long first = 0;
    long start;
    long end;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      start = System.nanoTime();
      consumer.subscribe(List.of(topic));
      long deadline = start + TimeUnit.SECONDS.toNanos(120);
      while (seen < records) {
        if (System.nanoTime() > deadline) {
          throw new HarnessException("read " + seen + " of " + records + " records in 120 s");
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          continue;
        }
        if (first == 0) {
          first = System.nanoTime();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> rs = batch.records(tp);
          for (ConsumerRecord<byte[], byte[]> r : rs) {
            bytes += r.serializedValueSize();
          }
          seen += rs.size();
          offsets.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
        }
        consumer.commitSync(offsets);
      }
      end = System.nanoTime();
    }
    double total = (end - start) / 1e9;
    double fetch = Math.max(1e-9, (end - first) / 1e9);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("records", seen);
    r.put("seconds", total);
    r.put("recordsPerSec", seen / total);
    r.put("mbPerSec", bytes / total / (1024.0 * 1024.0));
    r.put("fetchSeconds", fetch);
    r.put("fetchRecordsPerSec", seen / fetch);
    return r;
  }

  private static void latency(Map<String, Object> r, LatencySummary l) {
    r.put("latencyAvgMs", l.meanMs());
    r.put("latencyP50Ms", l.p50Ms());
    r.put("latencyP99Ms", l.p99Ms());
    r.put("latencyP999Ms", l.p999Ms());
    r.put("latencyMaxMs", l.maxMs());
  }

  /**
   * Reads {@code records} records from the beginning with a new group, validating each, stats on (a
   * listener every second); timed like ConsumerPerformance from before the group join to the last
   * record, and from the first record to the last (its "fetch" time). {@code commitPolicy} sets the
   * commit mode and interval on the builder, or leaves the SDK's defaults.
   */
  static Map<String, Object> consumer(
      String bootstrap,
      String topic,
      int records,
      String group,
      UnaryOperator<RatingConsumerBuilder> commitPolicy) {
    long[] times = new long[2];
    long[] seen = new long[1];
    AtomicReference<ConsumerStats> lastStats = new AtomicReference<>();
    long start;
    long cpuStart;
    long cpuEnd;
    ConsumerResult result;
    try (RatingConsumer consumer =
        commitPolicy
            .apply(RatingConsumer.builder())
            .bootstrapServers(bootstrap)
            .topic(topic)
            .groupId(group)
            .maxMessages(records)
            .idleTimeout(Duration.ofSeconds(60))
            .statsInterval(Duration.ofSeconds(1))
            .statsListener(lastStats::set)
            .handler(
                (event, ctx) -> {
                  long n = ++seen[0];
                  if (n == 1) {
                    times[0] = System.nanoTime();
                  }
                  if (n == records) {
                    times[1] = System.nanoTime();
                  }
                })
            .build()) {
      start = System.nanoTime();
      cpuStart = THREADS.getCurrentThreadCpuTime();
      result = consumer.run();
      cpuEnd = THREADS.getCurrentThreadCpuTime();
    }
    ConsumerStats s = result.stats();
    if (s.valid() != records || times[1] == 0) {
      throw new HarnessException(
          "expected " + records + " valid records, got " + s + " (" + result.stopReason() + ")");
    }
    double total = (times[1] - start) / 1e9;
    double fetch = Math.max(1e-9, (times[1] - times[0]) / 1e9);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("records", records);
    r.put("valid", s.valid());
    r.put("invalid", s.invalid());
    r.put("malformed", s.malformed());
    r.put("seconds", total);
    r.put("recordsPerSec", records / total);
    r.put("fetchSeconds", fetch);
    r.put("fetchRecordsPerSec", records / fetch);
    // CPU of the polling thread (run() runs on this one), from before the group join to the end
    r.put("pollingThreadCpuNsPerRecord", (cpuEnd - cpuStart) / (double) records);
    r.put("statsSnapshots", lastStats.get() == null ? 0 : 1);
    return r;
  }

  /**
   * End-to-end latency at a fixed rate: a RatingConsumer (new group, from the start of a fresh
   * topic) and a paced RatingProducer in this JVM. Each event's timestamp is its intended send time
   * (so a sender that falls behind shows as latency, no coordinated omission); the consumer records
   * receipt time minus event timestamp for every event of the measured period (after the warm-up).
   */
  static Map<String, Object> endToEnd(
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
      long assignDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
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
      RatingGenerator g = RatingGenerator.of(SEED);
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (consumer.stats().valid() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    consumer.close();
    ConsumerResult result = run.get(60, TimeUnit.SECONDS);
    if (result.stats().valid() < total) {
      throw new HarnessException(
          "the e2e consumer received " + result.stats().valid() + " of " + total + " events");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rate", rate);
    r.put("seconds", seconds);
    r.put("warmupSeconds", warmup);
    r.put("sent", sent);
    r.put("received", received[0]);
    r.put("measured", histogram.getTotalCount());
    r.put("p50Ms", (double) histogram.getValueAtPercentile(50));
    r.put("p99Ms", (double) histogram.getValueAtPercentile(99));
    r.put("p999Ms", (double) histogram.getValueAtPercentile(99.9));
    r.put("maxMs", (double) histogram.getMaxValue());
    LatencySummary sdk = result.stats().eventLatency();
    r.put("sdkStatsEventLatencyP99Ms", sdk.p99Ms());
    return r;
  }
}
