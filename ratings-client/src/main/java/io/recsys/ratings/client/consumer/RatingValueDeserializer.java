package io.recsys.ratings.client.consumer;

import io.recsys.ratings.client.internal.Checks;
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
final class RatingValueDeserializer implements Deserializer<Object> {
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
    return data == null ? null : decode(data, 0, data.length, null);
  }

  @Override
  public Object deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (!data.hasArray()) { // a direct or read-only buffer
      byte[] copy = RecordBytes.of(data);
      return decode(copy, 0, copy.length, null);
    }
    return decode(data.array(), data.arrayOffset() + data.position(), data.remaining(), data);
  }

  /**
   * The event, or a decode result with the value's bytes: {@code raw} if given (the buffer the
   * region came from), else the region wrapped (only on this slower path).
   */
  private Object decode(byte[] array, int offset, int length, ByteBuffer raw) {
    RatingEvent event = codec.decodeCanonical(array, offset, length);
    if (event != null) {
      return event;
    }
    return new DecodedValue(
        codec.decode(array, offset, length),
        raw != null ? raw : ByteBuffer.wrap(array, offset, length));
  }
}
