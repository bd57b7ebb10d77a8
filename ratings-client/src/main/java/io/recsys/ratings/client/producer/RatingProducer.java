package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsClientException;
import io.recsys.ratings.client.RetriableRatingsClientException;
import io.recsys.ratings.schema.RatingEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Sends {@link RatingEvent}s to Kafka: validated, keyed by user, timestamped with the event time.
 *
 * <p>Build the Kafka-backed producer with {@link #builder()}; in unit tests use {@link
 * InMemoryRatingProducer}. Every method is safe to call from many threads at once.
 *
 * <pre>{@code
 * try (RatingProducer producer =
 *     RatingProducer.builder().bootstrapServers("localhost:9092").build()) {
 *   producer.send(new RatingEvent(1, 296, 4.5, System.currentTimeMillis()))
 *       .whenComplete((result, error) -> { ... });
 * }
 * }</pre>
 *
 * <p>{@link #send(RatingEvent)} returns a future per event; {@link #submit(RatingEvent)} is the
 * cheaper fire-and-forget path for bulk ingestion, whose outcomes show in {@link #stats()} and the
 * {@link SendListener}.
 *
 * <p>On the wire: the record key is the userId as a decimal UTF-8 string (so one user's ratings
 * land in one partition, in order), the value the event's compact JSON, the record timestamp the
 * event's timestamp.
 */
public interface RatingProducer extends AutoCloseable {

  /**
   * A builder for the Kafka-backed producer.
   *
   * @return a new builder with the SDK's defaults
   */
  static RatingProducerBuilder builder() {
    return new RatingProducerBuilder();
  }

  /**
   * Validates the event and, if valid, sends it asynchronously.
   *
   * <p>Never throws for a bad event or a Kafka problem: an invalid event is never sent and the
   * future fails at once with a {@link RatingRejectedException} holding the violations; a valid
   * event the producer cannot submit (closed, metadata not available within {@code max.block}) or
   * Kafka does not acknowledge fails the future with a {@link RatingsClientException} (usually a
   * {@link RatingDeliveryException}). May block up to {@code max.block} when Kafka's buffer is full
   * or the topic's metadata is unknown.
   *
   * <p>A random one in eight sent events (by default; {@code latencySampling} on the builder) is
   * timed for {@link ProducerStats#sendToAckLatency()} (timing every one cost about a quarter of
   * the throughput); the counts in {@link ProducerStats} cover every event, and {@link
   * #sendAndWait} times every event.
   *
   * @param event the event, not null
   * @return a future completed on the Kafka I/O thread when the outcome is known (do not block in
   *     its dependent stages)
   * @throws NullPointerException if the event is null
   */
  CompletableFuture<SendResult> send(RatingEvent event);

  /**
   * Validates the event and, if valid, sends it asynchronously without a future: the
   * high-throughput path for callers that do not need each event's outcome on its own. Outcomes are
   * counted in {@link #stats()} and reported to the {@link SendListener}, if one is configured,
   * exactly as for {@link #send(RatingEvent)}; {@link #flush()} waits for them.
   *
   * <p>Costs less than {@code send} per event: no future is created or completed, and without a
   * {@code SendListener} nothing is allocated per event beyond what Kafka allocates. Only a random
   * one in eight submitted events (by default) is timed for {@link
   * ProducerStats#sendToAckLatency()}, as for {@code send}; the counts in {@link ProducerStats}
   * cover every event.
   *
   * <p>Never throws for a bad event or a Kafka problem. May block up to {@code max.block} when
   * Kafka's buffer is full or the topic's metadata is unknown.
   *
   * @param event the event, not null
   * @return true if the event was valid and handed to Kafka (its outcome follows later); false if
   *     it was rejected as invalid (counted as rejected, never sent) or could not be handed to
   *     Kafka (producer closed, metadata not available within {@code max.block}; counted as failed)
   * @throws NullPointerException if the event is null
   */
  default boolean submit(RatingEvent event) {
    return !send(event).isCompletedExceptionally();
  }

  /**
   * Sends one event and waits for the acknowledgement, all within {@code timeout}: the wait for the
   * topic's metadata and for buffer space, which {@link #send} may spend up to {@code max.block}
   * on, is part of the timeout. If the metadata is not available within it (the topic does not
   * exist, the cluster is unreachable), the event is not sent and a {@link
   * RetriableRatingsClientException} says so. Both arguments are checked before anything is sent.
   *
   * @param event the event, not null
   * @param timeout how long to wait at most, zero or more
   * @return where Kafka stored it
   * @throws NullPointerException if {@code event} or {@code timeout} is null (nothing was sent)
   * @throws IllegalArgumentException if {@code timeout} is negative (nothing was sent)
   * @throws RatingRejectedException if the event is invalid (it was not sent)
   * @throws RetriableRatingsClientException if the topic's metadata was not available within the
   *     timeout (the event was not sent), or no outcome arrived within it (the event may still be
   *     stored later)
   * @throws RatingsClientException if Kafka failed it (retriable or not, see {@link
   *     RatingsClientException#isRetriable()}) or the thread was interrupted
   */
  SendResult sendAndWait(RatingEvent event, Duration timeout);

  /**
   * Sends every event of the source and waits until each has an outcome (at most the delivery
   * timeout after the last send).
   *
   * <p>A {@link java.util.Collection} (e.g. a {@code List}) is checked whole before anything is
   * sent: a null element fails the call with a {@link NullPointerException} naming its index, and
   * nothing is sent. Other sources (e.g. a stream, read once) are checked as they are read: a null
   * element stops the sending there; the events before it are waited for, then a {@code
   * NullPointerException} names the index and what became of them.
   *
   * @param events the events, not null, without null elements
   * @return the counts of acknowledged, rejected and failed events
   * @throws NullPointerException if {@code events} or one of its elements is null
   */
  BatchResult sendAll(Iterable<RatingEvent> events);

  /**
   * Sends every event of the stream and waits until each has an outcome; see {@link
   * #sendAll(Iterable)}.
   *
   * @param events the events; consumed by this call
   * @return the counts of acknowledged, rejected and failed events
   */
  default BatchResult sendAll(Stream<RatingEvent> events) {
    return sendAll(events::iterator);
  }

  /**
   * Blocks until every event sent so far has an outcome (acknowledged or failed).
   *
   * @throws RatingsClientException if the thread was interrupted
   */
  void flush();

  /**
   * A snapshot of the counters, latencies and throughput; cheap enough to call any time.
   *
   * @return the snapshot
   */
  ProducerStats stats();

  /**
   * The topic events are sent to.
   *
   * @return the topic name
   */
  String topic();

  /**
   * The metrics of the underlying Kafka producer, as its {@code metrics()} returns them: a live,
   * unmodifiable view, e.g. for Micrometer's {@code KafkaClientMetrics} (the {@code
   * ratings-micrometer} module binds them). Empty for producers without a Kafka client.
   *
   * @return the Kafka client's metrics; safe to read from any thread
   */
  default Map<MetricName, ? extends Metric> kafkaMetrics() {
    return Map.of();
  }

  /**
   * Sends what is buffered, waits at most {@code timeout} for acknowledgements, then closes. Events
   * that could not be delivered in time fail their futures; the result counts them. Returns within
   * {@code timeout} plus 3 s even if Kafka's own close takes longer (it then goes on in the
   * background and the result counts the events still without an outcome as unresolved).
   * Idempotent: a second call returns the result of the first.
   *
   * @param timeout the longest wait; zero closes at once, failing what is buffered
   * @return what was delivered and what not
   */
  CloseResult close(Duration timeout);

  /**
   * Closes with the producer's configured close timeout (30 s unless set); see {@link
   * #close(Duration)}.
   */
  @Override
  void close();
}
