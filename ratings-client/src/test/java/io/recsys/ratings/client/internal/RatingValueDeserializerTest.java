package io.recsys.ratings.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RecordClass;
import io.recsys.ratings.client.RecordContext;
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
      DecodedValue v = DESERIALIZER.deserialize("ratings", new RecordHeaders(), buffer);
      assertThat(v.result()).isEqualTo(new DecodeResult.Valid(EVENT));
      assertThat(v.rawBytes()).isEqualTo(JSON);
      assertThat(buffer.position()).isEqualTo(position);
    }
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
    for (ByteBuffer buffer : new ByteBuffer[] {direct, readOnly}) {
      DecodedValue v = DESERIALIZER.deserialize("ratings", new RecordHeaders(), buffer);
      assertThat(v.result()).isEqualTo(new DecodeResult.Valid(EVENT));
      assertThat(v.rawBytes()).isEqualTo(JSON);
    }
  }

  @Test
  void badValuesArriveClassifiedWithTheirBytesAndNullStaysNull() {
    byte[] invalid = CODEC.encode(new RatingEvent(1, 1, 9.0, 1));
    byte[] malformed = "{\"userId\":".getBytes(StandardCharsets.UTF_8);
    DecodedValue i = DESERIALIZER.deserialize("ratings", new RecordHeaders(), slice(invalid, 3));
    DecodedValue m = DESERIALIZER.deserialize("ratings", malformed);
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
    ConsumerRecord<ByteBuffer, DecodedValue> record =
        new ConsumerRecord<>(
            "ratings",
            2,
            7L,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            5,
            malformed.length,
            slice("44176".getBytes(StandardCharsets.UTF_8), 4),
            DESERIALIZER.deserialize("ratings", new RecordHeaders(), slice(malformed, 9)),
            new RecordHeaders(),
            Optional.empty());
    assertThat(new RecordContext(record).key()).isEqualTo("44176");
    assertThat(new RecordContext(record).key()).isEqualTo("44176"); // the buffer was not consumed
    ProducerRecord<byte[], byte[]> letter =
        DeadLetters.record("ratings.dlq", record, RecordClass.MALFORMED, "bad", null);
    assertThat(letter.key()).isEqualTo("44176".getBytes(StandardCharsets.UTF_8));
    assertThat(letter.value()).isEqualTo(malformed);
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
