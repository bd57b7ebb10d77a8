package io.recsys.ratings.client.consumer;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.ByteBuffer;

/** The bytes of a consumed key or value, whichever form the Kafka consumer delivered it in. */
final class RecordBytes {
  private static final RatingCodec CODEC = RatingCodec.defaults(); // encoding needs no validator

  private RecordBytes() {}

  /**
   * The bytes of a key or value: a {@code byte[]} as it is, a {@link ByteBuffer}'s remaining bytes
   * (copied; the buffer's position is left alone), a {@link DecodedValue}'s raw bytes, a {@link
   * RatingEvent}'s encoding ({@link RatingValueDeserializer} delivers an event only for a value
   * that is exactly that encoding).
   *
   * @param keyOrValue a key or value of a consumed record; may be null
   * @return the bytes, or null for null
   * @throws IllegalArgumentException for any other type
   */
  public static byte[] of(Object keyOrValue) {
    if (keyOrValue == null) {
      return null;
    }
    if (keyOrValue instanceof byte[] bytes) {
      return bytes;
    }
    if (keyOrValue instanceof ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    if (keyOrValue instanceof DecodedValue decoded) {
      return decoded.rawBytes();
    }
    if (keyOrValue instanceof RatingEvent event) {
      return CODEC.encode(event);
    }
    throw new IllegalArgumentException(
        "a record key or value must be byte[] or ByteBuffer, not "
            + keyOrValue.getClass().getName());
  }
}
