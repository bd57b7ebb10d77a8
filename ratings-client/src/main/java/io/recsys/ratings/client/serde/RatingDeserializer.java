package io.recsys.ratings.client.serde;

import io.recsys.ratings.client.RatingsConfigException;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RecordKind;
import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingBounds;
import io.recsys.ratings.schema.RatingCodec;
import io.recsys.ratings.schema.RatingValidator;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka {@link Deserializer} turning a record value into a {@link DecodeResult}: valid, invalid
 * (parsed but failing validation, with the violations) or malformed (with the reason). Never
 * throws: bad bytes give a {@link DecodeResult.Malformed}, so one bad record never stops a consumer
 * or a Kafka Streams application.
 *
 * <p><b>Null values (tombstones).</b> Kafka's consumer does not call a value deserializer for a
 * record whose value is {@code null}: a plain {@code KafkaConsumer<?, DecodeResult>} (or a Kafka
 * Streams source) receives such a record with the value {@code null}, not a {@code Malformed}. Read
 * values through {@link #resultOf(ConsumerRecord)}, which gives {@code Malformed("null value
 * (tombstone)")} for them, or check for {@code null} yourself. ({@link #deserialize} itself, when
 * called with {@code null}, returns that {@code Malformed}.) {@link RatingConsumer} handles
 * tombstones itself: they are {@link RecordKind#MALFORMED}, counted and dead-lettered.
 *
 * <p>Validation uses MovieLens 20M bounds unless built with a codec or configured with {@value
 * #BOUNDS_CONFIG} = {@code ML_20M}, {@code ML_25M} or {@code ML_32M}. Thread-safe.
 */
public final class RatingDeserializer implements Deserializer<DecodeResult> {

  /** Config key naming the id bounds to validate against: ML_20M (default), ML_25M or ML_32M. */
  public static final String BOUNDS_CONFIG = "ratings.bounds";

  private volatile RatingCodec codec;

  /** A deserializer validating against MovieLens 20M bounds (or {@value #BOUNDS_CONFIG}). */
  public RatingDeserializer() {
    this(RatingCodec.defaults());
  }

  /**
   * A deserializer using the given codec (and its validator).
   *
   * @param codec the codec
   */
  public RatingDeserializer(RatingCodec codec) {
    if (codec == null) {
      throw new NullPointerException("codec");
    }
    this.codec = codec;
  }

  /**
   * Reads {@value #BOUNDS_CONFIG} if present.
   *
   * @param configs the client configs
   * @param isKey whether this deserializes keys (not supported for keys, ignored)
   * @throws RatingsConfigException if the bounds name is unknown
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object bounds = configs.get(BOUNDS_CONFIG);
    if (bounds != null) {
      codec = RatingCodec.of(RatingValidator.of(bounds(String.valueOf(bounds))));
    }
  }

  private static RatingBounds bounds(String name) {
    return switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "ML_20M" -> RatingBounds.ML_20M;
      case "ML_25M" -> RatingBounds.ML_25M;
      case "ML_32M" -> RatingBounds.ML_32M;
      default ->
          throw new RatingsConfigException(
              BOUNDS_CONFIG + " must be ML_20M, ML_25M or ML_32M but was '" + name + "'");
    };
  }

  /** What {@link #resultOf} and {@link #deserialize} give for a {@code null} value. */
  public static final DecodeResult.Malformed TOMBSTONE =
      new DecodeResult.Malformed("null value (tombstone)");

  /**
   * The decode result of a record a {@code KafkaConsumer} read with this deserializer, a {@code
   * null} value (tombstone, for which Kafka never calls the deserializer) included.
   *
   * @param record the consumed record
   * @return its value, or {@link #TOMBSTONE} if the value is {@code null}; never null
   */
  public static DecodeResult resultOf(ConsumerRecord<?, DecodeResult> record) {
    DecodeResult value = record.value();
    return value == null ? TOMBSTONE : value;
  }

  /**
   * Decodes a record value. Kafka's consumer calls this only for non-null values; see {@link
   * #resultOf(ConsumerRecord)}.
   *
   * @param topic the topic (unused)
   * @param data the value; {@code null} gives {@link #TOMBSTONE}
   * @return the decode result, never null
   */
  @Override
  public DecodeResult deserialize(String topic, byte[] data) {
    if (data == null) {
      return TOMBSTONE;
    }
    return codec.decode(data);
  }
}
