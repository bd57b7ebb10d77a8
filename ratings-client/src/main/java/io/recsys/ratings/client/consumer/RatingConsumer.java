package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.RatingsClientException;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Consumes ratings: decodes and validates each record, gives valid events to a {@link
 * RatingHandler}, counts and dead-letters the rest, commits offsets only after they were handled
 * (at-least-once), and keeps stats.
 *
 * <pre>{@code
 * try (RatingConsumer consumer = RatingConsumer.builder()
 *     .bootstrapServers("localhost:9092")
 *     .groupId("recommender")
 *     .handler((event, ctx) -> model.update(event))
 *     .deadLetterTopic()
 *     .build()) {
 *   Runtime.getRuntime().addShutdownHook(new Thread(consumer::close));
 *   ConsumerResult result = consumer.run();
 * }
 * }</pre>
 *
 * <p>{@link #run()} runs on the caller's thread; {@link #stats()}, {@link #wakeup()} and {@link
 * #close()} may be called from any thread.
 */
public interface RatingConsumer extends AutoCloseable {

  /**
   * A builder for the Kafka-backed consumer.
   *
   * @return a new builder
   */
  static RatingConsumerBuilder builder() {
    return new RatingConsumerBuilder();
  }

  /**
   * Polls and processes records until a stop condition (max messages, idle timeout) is met or
   * {@link #wakeup()}/{@link #close()} is called, committing the offsets of processed records after
   * a poll batch once the commit interval has passed (and the dead-letter sends of the batch were
   * acknowledged; see {@link CommitMode}), then commits what is done and closes the Kafka clients.
   * Can be called once.
   *
   * <p>First it checks, within the startup timeout, that the cluster answers, that the topic exists
   * and that the dead-letter and retry topics exist and may be written. A handler failure is
   * handled by the {@link FailurePolicy}.
   *
   * @return why it stopped ({@link ConsumerResult.StopReason}: also {@code HANDLER_FAILED}, {@code
   *     TOPIC_NOT_FOUND} and {@code CLUSTER_UNREACHABLE}, with {@link ConsumerResult#detail()}) and
   *     the final stats
   * @throws IllegalStateException if already running, run before or closed
   * @throws RatingsClientException on a fatal error (e.g. authentication or authorization failure,
   *     a missing or unwritable dead-letter or retry topic, a dead-letter send that failed for
   *     good); offsets of records not yet committed are not committed
   */
  ConsumerResult run();

  /**
   * Asks {@link #run()} to stop after the record it is processing; returns at once. Safe from any
   * thread (e.g. a shutdown hook).
   */
  void wakeup();

  /**
   * A snapshot of the stats; cheap, from any thread.
   *
   * @return the snapshot
   */
  ConsumerStats stats();

  /**
   * A snapshot of this consumer's health (state, liveness, readiness, assigned partitions with
   * their lag, time since the last poll, last error); cheap, from any thread, no broker call. See
   * {@link ConsumerHealth} for what live and ready mean.
   *
   * @return the snapshot
   * @throws UnsupportedOperationException if this implementation does not report health (the
   *     Kafka-backed consumer of {@link #builder()} does)
   */
  default ConsumerHealth health() {
    throw new UnsupportedOperationException(getClass().getName() + " does not report health");
  }

  /**
   * The metrics of the underlying Kafka consumer, as its {@code metrics()} returns them (records
   * lag per partition, fetch rates, ...): a live, unmodifiable view, e.g. for Micrometer's {@code
   * KafkaClientMetrics} (the {@code ratings-micrometer} module binds them). Empty for consumers
   * without a Kafka client.
   *
   * @return the Kafka client's metrics; safe to read from any thread
   */
  default Map<MetricName, ? extends Metric> kafkaMetrics() {
    return Map.of();
  }

  /**
   * Stops {@link #run()} (as {@link #wakeup()}) and waits, at most the close timeout, until it has
   * committed and closed; closes the Kafka clients if {@code run()} was never called. Never hangs
   * longer than the close timeout plus a few seconds.
   */
  @Override
  void close();
}
