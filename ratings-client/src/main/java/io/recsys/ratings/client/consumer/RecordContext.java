package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.producer.RatingProducer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Where a consumed rating came from: topic, partition, offset, record timestamp, key, headers.
 *
 * <p>A context refers to the consumed record and, through its key and headers, to the buffer Kafka
 * read the record into (for an uncompressed topic, the whole fetch response): read what you need
 * during {@link RatingHandler#handle} instead of keeping the context, or a kept context keeps that
 * buffer in memory.
 */
public final class RecordContext {
  private final ConsumerRecord<?, ?> record;

  /**
   * A context for a record.
   *
   * @param record the Kafka record; its key bytes as a {@code byte[]} or a {@link ByteBuffer} (what
   *     the RatingConsumer reads; any other key reads as its {@code toString()})
   */
  public RecordContext(ConsumerRecord<?, ?> record) {
    this.record = record;
  }

  /**
   * The topic.
   *
   * @return the topic name
   */
  public String topic() {
    return record.topic();
  }

  /**
   * The partition.
   *
   * @return the partition number
   */
  public int partition() {
    return record.partition();
  }

  /**
   * The offset.
   *
   * @return the offset in the partition
   */
  public long offset() {
    return record.offset();
  }

  /**
   * The record timestamp (for records from a {@link RatingProducer}: the event time).
   *
   * @return epoch milliseconds
   */
  public long timestamp() {
    return record.timestamp();
  }

  /**
   * The key as UTF-8 text (the userId in decimal for records from a {@link RatingProducer}).
   *
   * @return the key, or null if the record has none
   */
  public String key() {
    Object key = record.key();
    if (key instanceof ByteBuffer buffer) {
      return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }
    if (key instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return key == null ? null : key.toString();
  }

  /**
   * The record's headers.
   *
   * @return the headers
   */
  public Headers headers() {
    return record.headers();
  }

  /**
   * Topic, partition and offset.
   *
   * @return e.g. {@code ratings-3@1234}
   */
  @Override
  public String toString() {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
