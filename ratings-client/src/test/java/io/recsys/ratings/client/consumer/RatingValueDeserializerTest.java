package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The consumer's value deserializer (decoding inside Kafka's fetch parsing, from Kafka's buffer)
 * and the key/value bytes of what it delivers: contexts and dead letters see the original bytes.
 */
class RatingValueDeserializerTest {
  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final RatingValueDeserializer DESERIALIZER = new RatingValueDeserializer(CODEC);
  private static final RatingEvent EVENT = new RatingEvent(44176, 21373, 3.5, 1761763121809L);
  private static final byte[] JSON = CODEC.encode(EVENT);

  /** The value at {@code offset} of a larger array, as a slice: Kafka's per-record buffers. */
  private static ByteBuffer slice(byte[] value, int offset) {
    byte[] backing = new byte[offset + value.length + 7];
    java.util.Arrays.fill(backing, (byte) '9');
    System.arraycopy(value, 0, backing, offset, value.length);
    return ByteBuffer.wrap(backing, offset, value.length).slice();
  }

  @Test
  void decodesFromTheBufferRegionWithoutMovingIt() {
    for (ByteBuffer buffer :
        new ByteBuffer[] {
          ByteBuffer.wrap(JSON), slice(JSON, 13), ByteBuffer.wrap(pad(JSON), 5, JSON.length)
        }) {
      int position = buffer.position();
      Object v = DESERIALIZER.deserialize("ratings", new RecordHeaders(), buffer);
      assertThat(v).isEqualTo(EVENT); // canonical and valid: the event itself
      assertThat(RecordBytes.of(v)).isEqualTo(JSON); // its encoding: the original bytes
      assertThat(buffer.position()).isEqualTo(position);
    }
  }

  @Test
  void validValuesInAnotherLayoutArriveDecodedWithTheirOwnBytes() {
    byte[] spaced =
        "{ \"movieId\": 21373, \"userId\": 44176, \"rating\": 3.50, \"timestamp\": 1761763121809 }"
            .getBytes(StandardCharsets.UTF_8);
    for (Object v :
        new Object[] {
          DESERIALIZER.deserialize("ratings", new RecordHeaders(), slice(spaced, 6)),
          DESERIALIZER.deserialize("ratings", spaced)
        }) {
      assertThat(v).isInstanceOf(DecodedValue.class);
      assertThat(((DecodedValue) v).result()).isEqualTo(new DecodeResult.Valid(EVENT));
      assertThat(RecordBytes.of(v)).isEqualTo(spaced);
    }
    assertThat(DESERIALIZER.deserialize("ratings", JSON.clone())).isEqualTo(EVENT);
  }

  private static byte[] pad(byte[] value) {
    byte[] padded = new byte[value.length + 10];
    java.util.Arrays.fill(padded, (byte) '}');
    System.arraycopy(value, 0, padded, 5, value.length);
    return padded;
  }

  @Test
  void directAndReadOnlyBuffersAreCopiedThenDecoded() {
    ByteBuffer direct = ByteBuffer.allocateDirect(JSON.length).put(JSON).flip();
    ByteBuffer readOnly = ByteBuffer.wrap(JSON).asReadOnlyBuffer();
    byte[] invalid = CODEC.encode(new RatingEvent(1, 1, 9.0, 1));
    ByteBuffer directInvalid = ByteBuffer.allocateDirect(invalid.length).put(invalid).flip();
    for (ByteBuffer buffer : new ByteBuffer[] {direct, readOnly}) {
      assertThat(DESERIALIZER.deserialize("ratings", new RecordHeaders(), buffer)).isEqualTo(EVENT);
      assertThat(buffer.remaining()).isEqualTo(JSON.length);
    }
    DecodedValue v =
        (DecodedValue) DESERIALIZER.deserialize("ratings", new RecordHeaders(), directInvalid);
    assertThat(v.result()).isInstanceOf(DecodeResult.Invalid.class);
    assertThat(v.rawBytes()).isEqualTo(invalid);
  }

  @Test
  void badValuesArriveClassifiedWithTheirBytesAndNullStaysNull() {
    byte[] invalid = CODEC.encode(new RatingEvent(1, 1, 9.0, 1));
    byte[] malformed = "{\"userId\":".getBytes(StandardCharsets.UTF_8);
    DecodedValue i =
        (DecodedValue) DESERIALIZER.deserialize("ratings", new RecordHeaders(), slice(invalid, 3));
    DecodedValue m = (DecodedValue) DESERIALIZER.deserialize("ratings", malformed);
    assertThat(i.result()).isInstanceOf(DecodeResult.Invalid.class);
    assertThat(i.rawBytes()).isEqualTo(invalid);
    assertThat(m.result()).isInstanceOf(DecodeResult.Malformed.class);
    assertThat(m.rawBytes()).isEqualTo(malformed);
    assertThat(DESERIALIZER.deserialize("ratings", new RecordHeaders(), (ByteBuffer) null))
        .isNull();
    assertThat(DESERIALIZER.deserialize("ratings", (byte[]) null)).isNull();
  }

  @Test
  void keysAsBuffersReadAsTextAndDeadLettersCarryTheOriginalBytes() {
    byte[] malformed = "{bad".getBytes(StandardCharsets.UTF_8);
    for (byte[] value : new byte[][] {malformed, JSON}) { // a DecodedValue, a RatingEvent
      ConsumerRecord<ByteBuffer, Object> record =
          new ConsumerRecord<>(
              "ratings",
              2,
              7L,
              1_700_000_000_000L,
              TimestampType.CREATE_TIME,
              5,
              value.length,
              slice("44176".getBytes(StandardCharsets.UTF_8), 4),
              DESERIALIZER.deserialize("ratings", new RecordHeaders(), slice(value, 9)),
              new RecordHeaders(),
              Optional.empty());
      assertThat(new RecordContext(record).key()).isEqualTo("44176");
      assertThat(new RecordContext(record).key()).isEqualTo("44176"); // buffer not consumed
      ProducerRecord<byte[], byte[]> letter =
          DeadLetters.record("ratings.dlq", record, RecordKind.PROCESSING_ERROR, "bad", null);
      assertThat(letter.key()).isEqualTo("44176".getBytes(StandardCharsets.UTF_8));
      assertThat(letter.value()).isEqualTo(value);
    }
  }

  @Test
  void recordBytesRefusesOtherTypes() {
    assertThat(RecordBytes.of(null)).isNull();
    assertThat(RecordBytes.of(JSON)).isSameAs(JSON);
    assertThatThrownBy(() -> RecordBytes.of("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }
}
