package io.recsys.ratings.client.serde;

import io.recsys.ratings.schema.DecodeResult;
import io.recsys.ratings.schema.RatingEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Static factories for the ratings {@link Serde}s (for Kafka Streams and anything else that takes a
 * {@code Serde}). Writing takes {@link RatingEvent}s, reading gives {@link DecodeResult}s, so the
 * serde is asymmetric: {@link #decoding()} writes a {@code DecodeResult} by re-encoding its event
 * (a malformed result is written as {@code null}).
 */
public final class RatingSerde {
  private RatingSerde() {}

  /**
   * A serde for topologies that read ratings: deserializes to {@link DecodeResult}, serializes the
   * event inside a valid or invalid result. A record with a {@code null} value (tombstone) reaches
   * the topology as {@code null}, not as a result: Kafka does not call deserializers for {@code
   * null} values (see {@link RatingDeserializer}).
   *
   * @return the serde
   */
  public static Serde<DecodeResult> decoding() {
    RatingSerializer events = new RatingSerializer();
    Serializer<DecodeResult> serializer =
        (topic, result) -> events.serialize(topic, eventOf(result));
    return Serdes.serdeFrom(serializer, new RatingDeserializer());
  }

  /**
   * A serde for topologies that write ratings: serializes {@link RatingEvent}s; its deserializer
   * returns the event of a valid or invalid record and {@code null} for a malformed one.
   *
   * @return the serde
   */
  public static Serde<RatingEvent> events() {
    RatingDeserializer decoder = new RatingDeserializer();
    Deserializer<RatingEvent> deserializer =
        (topic, data) -> eventOf(decoder.deserialize(topic, data));
    return Serdes.serdeFrom(new RatingSerializer(), deserializer);
  }

  private static RatingEvent eventOf(DecodeResult result) {
    if (result instanceof DecodeResult.Valid v) {
      return v.event();
    }
    if (result instanceof DecodeResult.Invalid i) {
      return i.event();
    }
    return null;
  }
}
