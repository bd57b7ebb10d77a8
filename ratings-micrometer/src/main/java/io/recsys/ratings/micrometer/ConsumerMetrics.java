package io.recsys.ratings.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.recsys.ratings.client.consumer.ConsumerObserver;
import io.recsys.ratings.client.consumer.ConsumerState;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.client.consumer.RecordOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The meters of a {@link RatingConsumer}: a {@link ConsumerObserver} to give to {@code
 * RatingConsumer.builder().observer(...)}; it counts every record by outcome and kind, times the
 * handler, and keeps a lag gauge per assigned partition (names in {@link MeterNames}). {@link
 * #bindKafkaClientMetrics(RatingConsumer)} adds the Kafka consumer's own metrics.
 *
 * <pre>{@code
 * ConsumerMetrics metrics = ConsumerMetrics.create(registry, MeterOptions.defaults().clientId("recommender"));
 * RatingConsumer consumer = RatingConsumer.builder()
 *     .bootstrapServers("localhost:9092")
 *     .groupId("recommender")
 *     .observer(metrics)
 *     .build();
 * metrics.bindKafkaClientMetrics(consumer);
 * }</pre>
 *
 * <p>One instance per consumer, or one for all the members of a {@link RatingConsumerRuntime}: give
 * it to the template builder, and bind the Kafka metrics with {@link
 * #bindKafkaClientMetrics(RatingConsumerRuntime)} once the runtime has started. The members' counts
 * then add up in the same counters, and each partition's lag gauge is kept by the member that has
 * the partition (it moves with the partition on a rebalance). {@link #close()} removes the meters
 * from the registry.
 */
public final class ConsumerMetrics extends ClientMeters implements ConsumerObserver {
  private static final RecordOutcome[] OUTCOMES = RecordOutcome.values();
  private static final RecordKind[] KINDS = RecordKind.values();

  private final Map<String, TopicMeters> topics = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();

  private ConsumerMetrics(MeterRegistry registry, MeterOptions options) {
    super(registry, options);
  }

  /**
   * Creates the meters of one consumer.
   *
   * @param registry where to register them
   * @param options the client name and the latency timers' percentiles
   * @return the observer to give to the consumer's builder
   */
  public static ConsumerMetrics create(MeterRegistry registry, MeterOptions options) {
    return new ConsumerMetrics(registry, options);
  }

  /**
   * Binds the Kafka consumer's own metrics (fetch rates, records lag, coordinator, ...) to the
   * registry with Micrometer's {@code KafkaClientMetrics}; they are named {@code kafka.consumer.*}
   * and carry Kafka's {@code client.id} tag.
   *
   * @param consumer the consumer whose {@link RatingConsumer#kafkaMetrics()} to bind
   * @return this
   */
  public ConsumerMetrics bindKafkaClientMetrics(RatingConsumer consumer) {
    bindKafka(Consumer.class, consumer::kafkaMetrics);
    return this;
  }

  /**
   * Binds the Kafka consumer metrics of every member of a runtime, as {@link
   * #bindKafkaClientMetrics(RatingConsumer)} does for one consumer; each member's carry its own
   * {@code client.id} tag ({@code <client.id>-<index>}).
   *
   * @param runtime a runtime that has been started (its members' consumers exist)
   * @return this
   * @throws IllegalStateException if the runtime has not been started
   */
  public ConsumerMetrics bindKafkaClientMetrics(RatingConsumerRuntime runtime) {
    if (runtime.state() == ConsumerState.NEW) {
      throw new IllegalStateException(
          "bind the Kafka client metrics of a RatingConsumerRuntime after its start(): its"
              + " consumers are created there");
    }
    bindKafka(Consumer.class, runtime::kafkaMetrics);
    return this;
  }

  @Override
  public void onRecord(
      String topic, int partition, RecordOutcome outcome, RecordKind kind, long handlerNanos) {
    if (closed()) {
      return;
    }
    TopicMeters m = topics.computeIfAbsent(topic, TopicMeters::new);
    switch (outcome) {
      case HANDLED -> {
        m.handled.record(handlerNanos, TimeUnit.NANOSECONDS);
        m.count(outcome, kind);
      }
      case HANDLER_FAILED -> {
        m.failed.record(handlerNanos, TimeUnit.NANOSECONDS);
        m.failures.increment();
      }
      default -> m.count(outcome, kind);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The consumer reporting is known by its thread (each consumer reports from the thread that
   * runs it): a partition's gauge is removed when the consumer that last reported it no longer has
   * it, not when another member of the same runtime reports without it.
   */
  @Override
  public void onPartitions(List<PartitionProgress> partitions) {
    if (closed()) {
      return;
    }
    long reporter = Thread.currentThread().getId();
    Set<TopicPartition> seen = new HashSet<>();
    synchronized (lags) { // the members of a runtime report from their own threads
      for (PartitionProgress p : partitions) {
        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        seen.add(tp);
        Lag lag = lags.computeIfAbsent(tp, Lag::new);
        lag.owner = reporter;
        lag.value.set(p.lag());
      }
      lags.entrySet()
          .removeIf(
              e -> {
                if (e.getValue().owner != reporter || seen.contains(e.getKey())) {
                  return false; // still this consumer's, or another consumer's now
                }
                forget(e.getValue().gauge); // this consumer no longer has the partition
                return true;
              });
    }
  }

  @Override
  public void close() {
    super.close();
    topics.clear();
    lags.clear();
  }

  private static String tagValue(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The meters of one topic; counters are registered at their first use. */
  private final class TopicMeters {
    final String topic;
    final Timer handled;
    final Timer failed;
    final Counter failures;
    final Counter[][] counters = new Counter[OUTCOMES.length][KINDS.length];

    TopicMeters(String topic) {
      this.topic = topic;
      String description = "Handler calls";
      this.handled =
          timer(
              MeterNames.CONSUMER_HANDLE_LATENCY,
              description,
              Tags.of(MeterNames.TOPIC, topic, MeterNames.OUTCOME, "handled"));
      this.failed =
          timer(
              MeterNames.CONSUMER_HANDLE_LATENCY,
              description,
              Tags.of(MeterNames.TOPIC, topic, MeterNames.OUTCOME, "failed"));
      this.failures =
          counter(MeterNames.CONSUMER_HANDLER_FAILURES, Tags.of(MeterNames.TOPIC, topic));
    }

    void count(RecordOutcome outcome, RecordKind kind) {
      Counter c = counters[outcome.ordinal()][kind.ordinal()];
      if (c == null) {
        c =
            counter(
                MeterNames.CONSUMER_RECORDS,
                Tags.of(
                    MeterNames.TOPIC,
                    topic,
                    MeterNames.OUTCOME,
                    tagValue(outcome),
                    MeterNames.KIND,
                    tagValue(kind)));
        counters[outcome.ordinal()][kind.ordinal()] = c; // the same counter if raced
      }
      c.increment();
    }
  }

  /** The lag of one partition and its gauge. */
  private final class Lag {
    final AtomicLong value = new AtomicLong(-1);
    final Gauge gauge;
    long owner; // the id of the thread that reported the partition last; under the map's lock

    Lag(TopicPartition tp) {
      this.gauge =
          keep(
              Gauge.builder(
                      MeterNames.CONSUMER_LAG,
                      value,
                      v -> {
                        long lag = v.get();
                        return lag < 0 ? Double.NaN : lag;
                      })
                  .description("Records between the consumer's position and the partition's end")
                  .tags(
                      MeterNames.TOPIC,
                      tp.topic(),
                      MeterNames.PARTITION,
                      Integer.toString(tp.partition()),
                      MeterNames.CLIENT_ID,
                      options.clientId())
                  .strongReference(true)
                  .register(registry));
    }
  }
}
