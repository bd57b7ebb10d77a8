package io.recsys.ratings.client.internal;

import io.recsys.ratings.schema.RatingCodec;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates a record value inside Kafka's fetch parsing, straight from the buffer Kafka
 * read the record into: no copy into a {@code byte[]}, and the bytes are read while they are still
 * in the CPU cache (the consumer loop meets them again only after the whole poll batch has been
 * parsed). Never throws, so a bad record never stops {@code poll}: it arrives as an invalid or
 * malformed {@link DecodedValue} with its raw bytes for the dead-letter topic.
 */
public final class RatingValueDeserializer implements Deserializer<DecodedValue> {
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
  public DecodedValue deserialize(String topic, byte[] data) {
    return data == null ? null : new DecodedValue(codec.decode(data), ByteBuffer.wrap(data));
  }

  @Override
  public DecodedValue deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (data.hasArray()) {
      return new DecodedValue(
          codec.decode(data.array(), data.arrayOffset() + data.position(), data.remaining()), data);
    }
    byte[] copy = RecordBytes.of(data); // a direct or read-only buffer
    return new DecodedValue(codec.decode(copy), data);
  }
}
