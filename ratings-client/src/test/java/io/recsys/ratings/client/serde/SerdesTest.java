package io.recsys.ratings.client.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class SerdesTest {
  private static final RatingEvent EVENT = new RatingEvent(1, 296, 4.5, 1_700_000_000_000L);

  @Test
  void serializerAndDeserializerRoundTrip() {
    byte[] bytes = new RatingSerializer().serialize("ratings", EVENT);
    assertThat(new RatingDeserializer().deserialize("ratings", bytes))
        .isEqualTo(new DecodeResult.Valid(EVENT));
  }

  @Test
  void nullStaysNullOnWriteAndIsMalformedOnRead() {
    assertThat(new RatingSerializer().serialize("t", null)).isNull();
    assertThat(new RatingDeserializer().deserialize("t", null))
        .isInstanceOf(DecodeResult.Malformed.class);
  }

  @Test
  void deserializerNeverThrowsOnGarbage() {
    RatingDeserializer d = new RatingDeserializer();
    for (String bad : new String[] {"", "{", "nope", "{\"userId\":\"x\"}", "\u0000\u0001"}) {
      assertThat(d.deserialize("t", bad.getBytes(StandardCharsets.UTF_8)).kind())
          .isEqualTo(DecodeResult.Kind.MALFORMED);
    }
    assertThat(
            d.deserialize(
                    "t",
                    new RatingSerializer()
                        .serialize("t", new RatingEvent(1, 1, 6.0, 1_700_000_000_000L)))
                .kind())
        .isEqualTo(DecodeResult.Kind.INVALID);
  }

  @Test
  void validatingSerializerRefusesInvalidEvents() {
    RatingSerializer s = RatingSerializer.validating(RatingValidator.defaults());
    assertThat(s.serialize("t", EVENT)).isNotNull();
    assertThatThrownBy(() -> s.serialize("t", new RatingEvent(1, 1, 6.0, 1L)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RATING_OUT_OF_RANGE");
  }

  @Test
  void deserializerBoundsAreConfigurable() {
    RatingEvent ml25Only = new RatingEvent(150_000, 1, 4.0, 1_700_000_000_000L);
    byte[] bytes = new RatingSerializer().serialize("t", ml25Only);
    RatingDeserializer d = new RatingDeserializer();
    assertThat(d.deserialize("t", bytes).kind()).isEqualTo(DecodeResult.Kind.INVALID);
    d.configure(Map.of(RatingDeserializer.BOUNDS_CONFIG, "ml_25m"), false);
    assertThat(d.deserialize("t", bytes).kind()).isEqualTo(DecodeResult.Kind.VALID);
    assertThatThrownBy(() -> d.configure(Map.of(RatingDeserializer.BOUNDS_CONFIG, "ML_1B"), false))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("'ML_1B'");
  }

  @Test
  void serdesRoundTrip() {
    try (Serde<DecodeResult> serde = RatingSerde.decoding()) {
      byte[] bytes = serde.serializer().serialize("t", new DecodeResult.Valid(EVENT));
      assertThat(serde.deserializer().deserialize("t", bytes))
          .isEqualTo(new DecodeResult.Valid(EVENT));
      assertThat(serde.serializer().serialize("t", new DecodeResult.Malformed("x"))).isNull();
    }
    try (Serde<RatingEvent> serde = RatingSerde.events()) {
      assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", EVENT)))
          .isEqualTo(EVENT);
      assertThat(serde.deserializer().deserialize("t", "x".getBytes(StandardCharsets.UTF_8)))
          .isNull();
    }
  }
}
