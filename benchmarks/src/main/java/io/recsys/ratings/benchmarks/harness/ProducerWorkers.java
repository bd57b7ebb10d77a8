package io.recsys.ratings.benchmarks.harness;

import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.client.producer.ProducerStats;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The producer workloads of a child JVM: RatingProducer, and a plain KafkaProducer baseline. */
final class ProducerWorkers {
  private ProducerWorkers() {}

  /** Which RatingProducer method a producer worker sends with. */
  enum Api {
    /** {@code send}: a CompletableFuture per event. */
    SEND,
    /** {@code submit}: no future; outcomes counted in the stats. */
    SUBMIT;

    /** The name on the command line and in the results. */
    String argument() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Api of(String name) {
      return switch (name) {
        case "send" -> SEND;
        case "submit" -> SUBMIT;
        default -> throw new HarnessException("--api must be send or submit, got " + name);
      };
    }
  }

  /**
   * Sends {@code records} pre-generated events through one RatingProducer from {@code threads}
   * threads (each its own slice) with {@code send} or {@code submit}, timed from the first send to
   * the end of flush (every ack in); at a fixed {@code rate} (events/s, one thread) if positive.
   */
  static SdkProducerRun ratingProducer(
      String bootstrap, String topic, int records, int threads, int rate, Api api)
      throws Exception {
    if (rate > 0 && threads != 1) {
      throw new HarnessException("a fixed rate needs one thread, got " + threads);
    }
    long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
    AtomicLong firstSend = new AtomicLong();
    List<RatingEvent> events = Workers.events(records);
    RatingCodec codec = RatingCodec.defaults();
    long valueBytes = Workers.valueBytes(codec, events);
    try (RatingProducer producer =
        RatingProducer.builder().bootstrapServers(bootstrap).topic(topic).build()) {
      // no warm-up and no metadata fetch before timing: ProducerPerformance has neither
      AtomicReference<CompletableFuture<SendResult>> lastFailed = new AtomicReference<>();
      LongAdder notSubmitted = new LongAdder();
      long elapsed =
          Workers.timedSends(
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
      LatencySummary l = s.sendToAckLatency();
      return new SdkProducerRun(
          records,
          threads,
          api.argument(),
          rate,
          seconds,
          records / seconds,
          valueBytes / seconds / (1024.0 * 1024.0),
          (double) valueBytes / records,
          l.meanMs(),
          l.p50Ms(),
          l.p99Ms(),
          l.p999Ms(),
          l.maxMs());
    }
  }

  /**
   * The baseline of the scaling runs: a plain {@code KafkaProducer} with the SDK's settings sending
   * the same events, encoded with the same codec in the sending thread (key = userId, value = JSON,
   * timestamp = event time), from the same number of threads: what hand-written code does, without
   * the SDK's validation, stats and futures.
   */
  static PlainProducerRun kafkaProducer(String bootstrap, String topic, int records, int threads)
      throws Exception {
    List<RatingEvent> events = Workers.events(records);
    RatingCodec codec = RatingCodec.defaults();
    long valueBytes = Workers.valueBytes(codec, events);
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
          Workers.timedSends(
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
      return new PlainProducerRun(
          records, threads, seconds, records / seconds, valueBytes / seconds / (1024.0 * 1024.0));
    }
  }
}
