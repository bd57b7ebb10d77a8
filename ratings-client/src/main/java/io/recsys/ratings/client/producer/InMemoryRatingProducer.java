package io.recsys.ratings.client.producer;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link RatingProducer} without a broker, for unit tests of code that sends ratings (like
 * Kafka's {@code MockProducer}, which it is built on). It validates, keys, partitions (Kafka's
 * default murmur2 key partitioning over the given partition count), counts and reports exactly as
 * the Kafka-backed producer does, and keeps every sent event in {@link #history()}.
 *
 * <p>With {@link #create(int)} every send is acknowledged at once. With {@link #manual(int)} sends
 * stay in flight until the test calls {@link #completeNext()} or {@link
 * #errorNext(RuntimeException)}, which lets tests exercise failures and close with undelivered
 * events. Thread-safe.
 */
public final class InMemoryRatingProducer implements RatingProducer {
  private final MockProducer<byte[], byte[]> mock;
  private final RatingProducer delegate;
  private final RatingCodec codec = RatingCodec.defaults();

  private InMemoryRatingProducer(
      int partitions, boolean autoComplete, RatingValidator validator, SendListener listener) {
    if (partitions < 1 || partitions > 10_000) {
      throw new RatingsConfigException(
          "partitions must be between 1 and 10000 but was " + partitions);
    }
    RatingProducerConfig config =
        RatingProducer.builder()
            .bootstrapServers("in-memory:9092")
            .validator(validator)
            .sendListener(listener)
            .config();
    Node node = new Node(0, "in-memory", 9092);
    List<PartitionInfo> infos = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      infos.add(new PartitionInfo(config.topic(), p, node, new Node[] {node}, new Node[] {node}));
    }
    Cluster cluster =
        new Cluster("in-memory", List.of(node), infos, java.util.Set.of(), java.util.Set.of());
    this.mock =
        new MockProducer<>(
            cluster,
            autoComplete,
            new KeyPartitioner(),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.delegate = new KafkaRatingProducer(config, mock, false);
  }

  /**
   * A producer acknowledging every valid send at once, validating with the default bounds.
   *
   * @param partitions the number of partitions of the topic (1..10000)
   * @return the producer
   */
  public static InMemoryRatingProducer create(int partitions) {
    return new InMemoryRatingProducer(partitions, true, RatingValidator.defaults(), null);
  }

  /**
   * A producer acknowledging every valid send at once.
   *
   * @param partitions the number of partitions (1..10000)
   * @param validator the validator
   * @param listener a per-outcome listener, may be null
   * @return the producer
   */
  public static InMemoryRatingProducer create(
      int partitions, RatingValidator validator, SendListener listener) {
    return new InMemoryRatingProducer(partitions, true, validator, listener);
  }

  /**
   * A producer whose sends stay in flight until {@link #completeNext()} or {@link
   * #errorNext(RuntimeException)}.
   *
   * @param partitions the number of partitions (1..10000)
   * @return the producer
   */
  public static InMemoryRatingProducer manual(int partitions) {
    return new InMemoryRatingProducer(partitions, false, RatingValidator.defaults(), null);
  }

  /**
   * A producer whose sends stay in flight until {@link #completeNext()} or {@link
   * #errorNext(RuntimeException)}.
   *
   * @param partitions the number of partitions (1..10000)
   * @param validator the validator
   * @param listener a per-outcome listener, may be null
   * @return the producer
   */
  public static InMemoryRatingProducer manual(
      int partitions, RatingValidator validator, SendListener listener) {
    return new InMemoryRatingProducer(partitions, false, validator, listener);
  }

  /**
   * Acknowledges the oldest in-flight send.
   *
   * @return {@code false} if nothing was in flight
   */
  public boolean completeNext() {
    return mock.completeNext();
  }

  /**
   * Fails the oldest in-flight send with the given exception (e.g. Kafka's {@code
   * TimeoutException}).
   *
   * @param error the exception
   * @return {@code false} if nothing was in flight
   */
  public boolean errorNext(RuntimeException error) {
    return mock.errorNext(error);
  }

  /**
   * Every valid event handed to Kafka so far, in send order (whether acknowledged yet or not).
   *
   * @return a copy of the history
   */
  public List<RatingEvent> history() {
    List<RatingEvent> out = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : mock.history()) {
      DecodeResult d = codec.decode(r.value());
      if (d instanceof DecodeResult.Valid v) {
        out.add(v.event());
      }
    }
    return out;
  }

  /**
   * The raw records handed to Kafka (key bytes = userId as decimal UTF-8, value = JSON).
   *
   * @return a copy of the records
   */
  public List<ProducerRecord<byte[], byte[]>> records() {
    return mock.history();
  }

  @Override
  public CompletableFuture<SendResult> send(RatingEvent event) {
    return delegate.send(event);
  }

  @Override
  public boolean submit(RatingEvent event) {
    return delegate.submit(event);
  }

  @Override
  public SendResult sendAndWait(RatingEvent event, Duration timeout) {
    return delegate.sendAndWait(event, timeout);
  }

  @Override
  public BatchResult sendAll(Iterable<RatingEvent> events) {
    return delegate.sendAll(events);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public ProducerStats stats() {
    return delegate.stats();
  }

  @Override
  public String topic() {
    return delegate.topic();
  }

  @Override
  public CloseResult close(Duration timeout) {
    return delegate.close(timeout);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
