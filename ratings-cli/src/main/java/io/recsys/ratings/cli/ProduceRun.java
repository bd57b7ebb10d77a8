package io.recsys.ratings.cli;

import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.client.producer.RatingProducer;
import io.recsys.ratings.client.producer.RatingRejectedException;
import io.recsys.ratings.client.producer.SendResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingEvent;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Sends events with a {@link RatingProducer}, paced if asked, counting what was acknowledged,
 * failed and rejected per partition; a progress line on stderr on long runs.
 */
final class ProduceRun {

  /** Bound of waiting for metadata or buffer space in send(); an unknown topic fails in this. */
  static final Duration MAX_BLOCK = Duration.ofSeconds(10);

  /** Bound of each event's delivery (retries included). */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private final ClientSettings settings;
  private final String topic;
  private final RatingBounds bounds;
  private final long pacingNanos;

  private final AtomicLong events = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final Map<Integer, long[]> partitions = new ConcurrentHashMap<>();

  /** A run validating against the default bounds (ML-20M). */
  ProduceRun(ClientSettings settings, String topic, Duration pacing) {
    this(settings, topic, RatingBounds.defaults(), pacing);
  }

  /**
   * @param bounds the id ranges events are validated against before sending
   * @param pacing the least time between two sends; zero for as fast as possible
   */
  ProduceRun(ClientSettings settings, String topic, RatingBounds bounds, Duration pacing) {
    this.settings = settings;
    this.topic = topic;
    this.bounds = bounds;
    this.pacingNanos = pacing.toNanos();
  }

  /**
   * Sends up to {@code limit} events (all if negative) and waits for every outcome.
   *
   * @param stop checked before each send (Ctrl+C)
   * @param skippedLines CSV lines skipped so far, read at the end
   */
  ProduceSummary run(
      Iterator<RatingEvent> source,
      long limit,
      BooleanSupplier stop,
      LongSupplier skippedLines,
      PrintWriter err) {
    long started = System.nanoTime();
    boolean interrupted = false;
    String sourceError = null;
    LatencySummary latency;
    try (RatingProducer producer =
        RatingProducer.builder()
            .properties(settings.producer())
            .bootstrapServers(settings.bootstrapServers())
            .topic(topic)
            .bounds(bounds)
            .maxBlock(MAX_BLOCK)
            .deliveryTimeout(DELIVERY_TIMEOUT)
            .closeTimeout(Duration.ofSeconds(10))
            .latencySampling(1) // the summary's latency covers every event of the run
            .build()) {
      Progress progress = Progress.start(err, events::get, () -> progressLine(limit, started));
      try {
        interrupted = sendAll(producer, source, limit, stop);
      } catch (UncheckedIOException e) {
        // the source broke off (e.g. a read error): what was sent is settled and summarised below
        sourceError =
            "reading the input failed after "
                + events.get()
                + " events: "
                + e.getMessage()
                + (e.getCause() == null ? "" : " (" + Cluster.rootMessage(e.getCause()) + ")");
        err.println("error: " + sourceError);
      } finally {
        progress.close();
      }
      producer.flush();
      latency = producer.stats().sendToAckLatency();
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    SortedMap<Integer, ProduceSummary.PartitionCount> counts = new TreeMap<>();
    partitions.forEach(
        (p, c) -> counts.put(p, new ProduceSummary.PartitionCount(c[0], c[1], c[2])));
    return new ProduceSummary(
        settings.bootstrapServers(),
        topic,
        events.get(),
        sent.get(),
        failed.get(),
        rejected.get(),
        skippedLines.getAsLong(),
        durationMs,
        latency,
        counts,
        interrupted,
        sourceError != null ? sourceError : firstError.get(),
        sourceError != null);
  }

  /** The send loop; returns whether it stopped early on request. */
  private boolean sendAll(
      RatingProducer producer, Iterator<RatingEvent> source, long limit, BooleanSupplier stop) {
    long next = System.nanoTime();
    while ((limit < 0 || events.get() < limit) && source.hasNext()) {
      if (stop.getAsBoolean()) {
        return true;
      }
      if (pacingNanos > 0) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        next += pacingNanos;
      }
      RatingEvent event = source.next();
      events.incrementAndGet();
      producer.send(event).whenComplete(this::onOutcome);
    }
    return false;
  }

  private void onOutcome(SendResult result, Throwable error) {
    if (error == null) {
      sent.incrementAndGet();
      partitions.compute(
          result.partition(),
          (p, c) -> {
            if (c == null) {
              return new long[] {1, result.offset(), result.offset()};
            }
            c[0]++;
            c[1] = Math.min(c[1], result.offset());
            c[2] = Math.max(c[2], result.offset());
            return c;
          });
      return;
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RatingRejectedException) {
      rejected.incrementAndGet();
    } else {
      failed.incrementAndGet();
      firstError.compareAndSet(null, Cluster.rootMessage(cause));
    }
  }

  private String progressLine(long limit, long started) {
    double secs = (System.nanoTime() - started) / 1e9;
    String of = limit < 0 ? "" : String.format(Locale.ROOT, "/%,d", limit);
    return String.format(
        Locale.ROOT,
        "produce: %,d%s events, %,d sent, %,d failed, %,d rejected, %,.0f events/s",
        events.get(),
        of,
        sent.get(),
        failed.get(),
        rejected.get(),
        secs <= 0 ? 0.0 : sent.get() / secs);
  }
}
