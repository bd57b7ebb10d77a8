package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RetriableRatingsClientException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What {@code sendAndWait} checks before it hands an event to Kafka, so that Kafka's {@code send}
 * cannot block it beyond its own timeout: whether the topic's metadata is known (Kafka's {@code
 * send} waits up to {@code max.block.ms} for it) and whether the buffer has room (it waits as long
 * for buffer space).
 *
 * <p>The metadata lookup is Kafka's {@code partitionsFor} on a helper thread, shared by every
 * caller that needs it at the same time, and waited for by each caller only until its own deadline;
 * a lookup that outlives a caller goes on in the background, bounded by {@code max.block.ms}. When
 * the metadata is known, the lookup returns at once: it costs a hand-over to a pooled thread, small
 * next to a send's round trip, and is not on the path of {@code send} or {@code submit}. It is not
 * cached, because Kafka may drop a topic's metadata (e.g. while every broker is down). Thread-safe.
 */
final class SendReadiness implements AutoCloseable {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final long batchSize;
  private final Object lock = new Object();
  private CompletableFuture<Void> lookup; // guarded by lock
  private ExecutorService helpers; // guarded by lock; created on first use
  private boolean closed; // guarded by lock
  private volatile Metric bufferAvailable;
  private volatile boolean bufferMetricLookedUp;

  SendReadiness(Producer<byte[], byte[]> producer, String topic, Object batchSize) {
    this.producer = producer;
    this.topic = topic;
    this.batchSize = Long.parseLong(String.valueOf(batchSize));
  }

  /**
   * Waits until the topic's metadata is known, at most until {@code deadlineNanos}.
   *
   * @param deadlineNanos the {@link System#nanoTime()} to give up at
   * @param timeout the caller's whole timeout, for the message
   * @return null if the metadata is known; otherwise why not (a {@link
   *     RetriableRatingsClientException} if the deadline passed, or Kafka's exception)
   */
  Exception awaitMetadata(long deadlineNanos, Duration timeout) {
    CompletableFuture<Void> current;
    synchronized (lock) {
      if (lookup == null || lookup.isDone()) {
        lookup = startLookup();
      }
      current = lookup;
    }
    try {
      current.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (TimeoutException e) {
      return new RetriableRatingsClientException(
          "Metadata of topic '"
              + topic
              + "' not available within "
              + timeout
              + " (the topic does not exist and is not auto-created, or the cluster is"
              + " unreachable); the event was not sent",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RatingsClientException(
          "Interrupted while waiting for the metadata of topic '" + topic + "'; not sent", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return cause instanceof Exception ex ? ex : new RuntimeException(cause);
    }
  }

  /**
   * Whether Kafka's buffer has room for a new batch, so that {@code send} does not wait for space.
   * True when the producer does not report the figure (e.g. Kafka's {@code MockProducer}).
   *
   * @return false only if the producer reports fewer free bytes than one batch
   */
  boolean bufferHasRoom() {
    Metric metric = bufferMetric();
    if (metric == null) {
      return true;
    }
    Object value = metric.metricValue();
    return !(value instanceof Number n) || n.doubleValue() >= batchSize;
  }

  /**
   * Runs a send that may block on a helper thread; if that is impossible (closed), completes the
   * ack's failure path by running it here.
   *
   * @param send the send
   * @param ack the future the send completes
   */
  void runBlocking(Runnable send, CompletableFuture<?> ack) {
    ExecutorService executor;
    synchronized (lock) {
      executor = closed ? null : helpers();
    }
    try {
      if (executor != null) {
        executor.execute(send);
        return;
      }
    } catch (RejectedExecutionException e) {
      // closed concurrently: fall through
    }
    send.run(); // the producer is closed: Kafka fails the send at once
  }

  private CompletableFuture<Void> startLookup() {
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("RatingProducer is closed"));
      return result;
    }
    try {
      helpers()
          .execute(
              () -> {
                try {
                  producer.partitionsFor(topic);
                  result.complete(null);
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("RatingProducer is closed", e));
    }
    return result;
  }

  private ExecutorService helpers() {
    if (helpers == null) {
      helpers =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "ratings-producer-wait-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return helpers;
  }

  private Metric bufferMetric() {
    if (!bufferMetricLookedUp) {
      Metric found = null;
      for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
        MetricName name = e.getKey();
        if (name.name().equals("buffer-available-bytes")
            && name.group().equals("producer-metrics")) {
          found = e.getValue();
          break;
        }
      }
      bufferAvailable = found;
      bufferMetricLookedUp = true;
    }
    return bufferAvailable;
  }

  /** Stops the helper threads once their current waits end (each bounded by max.block.ms). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (helpers != null) {
        helpers.shutdown();
      }
    }
  }
}
