package io.recsys.ratings.client.internal;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates a record value inside Kafka's fetch parsing, straight from the buffer Kafka
 * read the record into: no copy into a {@code byte[]}, and the bytes are read while they are still
 * in the CPU cache (the consumer loop meets them again only after the whole poll batch has been
 * parsed). Never throws, so a bad record never stops {@code poll}.
 *
 * <p>A value in the exact form RatingProducer writes, holding a valid event, arrives as that {@link
 * RatingEvent} and nothing else: {@link RatingCodec#decodeCanonical} guarantees its encoding is the
 * original bytes, so a dead letter can still carry them ({@link RecordBytes#of}). Any other value
 * arrives as a {@link DecodedValue}: valid, invalid or malformed, with its raw bytes.
 */
public final class RatingValueDeserializer implements Deserializer<Object> {
  private final RatingCodec codec;

  /**
   * A deserializer judging values with the codec's validator.
   *
   * @param codec the codec
   */
  public RatingValueDeserializer(RatingCodec codec) {
    this.codec = Checks.notNull("codec", codec);
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    RatingEvent event = codec.decodeCanonical(data, 0, data.length);
    return event != null ? event : new DecodedValue(codec.decode(data), ByteBuffer.wrap(data));
  }

  @Override
  public Object deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (data.hasArray()) {
      byte[] array = data.array();
      int offset = data.arrayOffset() + data.position();
      int length = data.remaining();
      RatingEvent event = codec.decodeCanonical(array, offset, length);
      return event != null ? event : new DecodedValue(codec.decode(array, offset, length), data);
    }
    byte[] copy = RecordBytes.of(data); // a direct or read-only buffer
    return deserialize(topic, copy);
  }
}
