package io.recsys.ratings.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka clients of the dlq commands: bytes in, bytes out, the {@code --command-config}
 * properties first (security settings), then the settings the commands rely on.
 */
final class DlqClients {

  /** Bound of Kafka calls that would otherwise wait for the default API timeout (60 s). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private DlqClients() {}

  /**
   * A consumer that never commits on its own; in a group if {@code groupId} is not null (the
   * replay), else without one (inspect, scans).
   */
  static KafkaConsumer<byte[], byte[]> consumer(
      ClientSettings settings, String clientId, String groupId, int maxPollRecords) {
    Map<String, Object> props = new HashMap<>(settings.consumer());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      if (classicProtocol(props)) {
        // a replay that died leaves the group within seconds, so a re-run resumes soon (with the
        // consumer protocol the broker sets the session, and the client refuses these two)
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
      }
    }
    try {
      return new KafkaConsumer<>(props);
    } catch (KafkaException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot create the Kafka consumer: " + Cluster.rootMessage(e));
    }
  }

  /** Whether the consumer uses the classic group protocol (Kafka's default) and not "consumer". */
  static boolean classicProtocol(Map<String, Object> consumerProperties) {
    Object protocol = consumerProperties.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
    return protocol == null || !"consumer".equalsIgnoreCase(protocol.toString().trim());
  }

  /** An idempotent producer with {@code acks=all}: a record is sent once, and stored when acked. */
  static KafkaProducer<byte[], byte[]> producer(ClientSettings settings, String clientId) {
    Map<String, Object> props = new HashMap<>(settings.producer());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    try {
      return new KafkaProducer<>(props);
    } catch (KafkaException e) {
      throw new CliException(
          ExitCodes.USAGE, "Cannot create the Kafka producer: " + Cluster.rootMessage(e));
    }
  }
}
