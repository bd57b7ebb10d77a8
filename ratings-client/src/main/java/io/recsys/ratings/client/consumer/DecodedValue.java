package io.recsys.ratings.client.consumer;

import io.recsys.ratings.schema.DecodeResult;
import java.nio.ByteBuffer;

/**
 * A record value as {@link RatingValueDeserializer} hands it to the consumer loop: the decode
 * result, and the bytes it came from (Kafka's own buffer, not copied), which a dead letter carries.
 *
 * @param result valid, invalid or malformed
 * @param raw the value's bytes, from its position to its limit; never modified
 */
record DecodedValue(DecodeResult result, ByteBuffer raw) {

  /**
   * A copy of the raw bytes (for a dead letter).
   *
   * @return the bytes
   */
  public byte[] rawBytes() {
    return RecordBytes.of(raw);
  }
}
