package io.recsys.ratings.spark.internal;

import io.recsys.ratings.schema.MetricsCodec;
import io.recsys.ratings.schema.MetricsEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends {@link MetricsEvent}s, encoded by {@link MetricsCodec}, from the driver: key = source,
 * value = the JSON, optional string headers. One short-lived producer per call (a window is seconds
 * long; a producer per window costs nothing and never leaks).
 *
 * <p>Not the client SDK's {@code MetricsPublisher}, which samples a producer's or consumer's stats
 * on a schedule: the jobs compute their figures per micro-batch and send them once, and this module
 * depends on the schema only.
 */
public final class MetricsEventSender {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private MetricsEventSender() {}

  /**
   * One event and its extra headers.
   *
   * @param event the event
   * @param headers extra figures as text headers (may be empty)
   */
  public record Entry(MetricsEvent event, Map<String, String> headers) {}

  /**
   * Sends events and waits until the broker acknowledged each.
   *
   * @param kafkaProperties client properties (bootstrap and security)
   * @param topic the metrics topic
   * @param entries the events
   * @throws IllegalStateException if a send fails or takes longer than 30 s
   */
  public static void publish(
      Map<String, String> kafkaProperties, String topic, List<Entry> entries) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "spark-metrics-publisher");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (Entry entry : entries) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                topic,
                entry.event().source().getBytes(StandardCharsets.UTF_8),
                MetricsCodec.encode(entry.event()));
        entry
            .headers()
            .forEach(
                (k, v) ->
                    record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        sent.add(producer.send(record));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing metrics to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing metrics to " + topic + " failed", e);
    }
  }
}
