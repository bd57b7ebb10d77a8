package io.recsys.ratings.client.serde;

import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingEvent;
import io.recsys.ratings.schema.RatingValidator;
import io.recsys.ratings.schema.ValidationResult;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serializer} writing a {@link RatingEvent} as its compact UTF-8 JSON, for plain
 * {@code KafkaProducer}s and Kafka Streams. {@code null} stays {@code null} (a tombstone).
 *
 * <p>The no-argument serializer (the one Kafka creates from {@code value.serializer}) encodes any
 * event as is; {@link #validating(RatingValidator)} refuses invalid events with a {@link
 * SerializationException} naming the violations. Thread-safe.
 */
public final class RatingSerializer implements Serializer<RatingEvent> {
  private final RatingCodec codec = RatingCodec.defaults();
  private final RatingValidator validator;

  /** A serializer that encodes every event without validating it. */
  public RatingSerializer() {
    this(null);
  }

  private RatingSerializer(RatingValidator validator) {
    this.validator = validator;
  }

  /**
   * A serializer that refuses events the validator finds invalid.
   *
   * @param validator the validator
   * @return the serializer
   */
  public static RatingSerializer validating(RatingValidator validator) {
    if (validator == null) {
      throw new NullPointerException("validator");
    }
    return new RatingSerializer(validator);
  }

  /**
   * Encodes an event.
   *
   * @param topic the topic (unused)
   * @param event the event, may be null
   * @return the JSON bytes, or null for a null event
   * @throws SerializationException if this serializer validates and the event is invalid
   */
  @Override
  public byte[] serialize(String topic, RatingEvent event) {
    if (event == null) {
      return null;
    }
    if (validator != null) {
      ValidationResult result = validator.validate(event);
      if (!result.isValid()) {
        throw new SerializationException(
            "Invalid rating " + event + " not serialized: " + result.violations());
      }
    }
    return codec.encode(event);
  }
}
