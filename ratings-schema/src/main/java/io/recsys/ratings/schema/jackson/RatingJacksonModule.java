package io.recsys.ratings.schema.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A Jackson module that reads and writes {@link RatingEvent} exactly like {@link
 * io.recsys.ratings.schema.RatingCodec}: the four fields in wire order, unknown fields skipped,
 * duplicate or missing fields and wrong types rejected, integral ids (also {@code 42.0}), any JSON
 * number as rating. NaN and infinite ratings are refused when writing.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new RatingJacksonModule());
 * RatingEvent event = mapper.readValue(bytes, RatingEvent.class);
 * }</pre>
 *
 * <p>Reading does not validate ranges: pass the event to {@link
 * io.recsys.ratings.schema.RatingValidator}. Errors are Jackson's {@code MismatchedInputException}.
 * The module needs jackson-databind 2.12 or newer on the class path (an optional dependency of this
 * module, so Spark jobs keep their own Jackson); the rest of the schema module never loads Jackson.
 */
public final class RatingJacksonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** Creates the module with the serializer and deserializer of {@link RatingEvent}. */
  public RatingJacksonModule() {
    super("RatingJacksonModule");
    addSerializer(RatingEvent.class, new Serializer());
    addDeserializer(RatingEvent.class, new Deserializer());
  }

  private static final class Serializer extends StdSerializer<RatingEvent> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(RatingEvent.class);
    }

    @Override
    public void serialize(RatingEvent event, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double rating = event.rating();
      if (!Double.isFinite(rating)) {
        throw JsonMappingException.from(
            gen,
            "rating "
                + rating
                + " has no JSON form; validate events before encoding (allowed: 0.5..5.0)");
      }
      gen.writeStartObject(event);
      gen.writeNumberField("userId", event.userId());
      gen.writeNumberField("movieId", event.movieId());
      gen.writeNumberField("rating", rating);
      gen.writeNumberField("timestamp", event.timestamp());
      gen.writeEndObject();
    }
  }

  private static final class Deserializer extends StdDeserializer<RatingEvent> {
    private static final long serialVersionUID = 1L;
    private static final String[] NAMES = {"userId", "movieId", "rating", "timestamp"};

    Deserializer() {
      super(RatingEvent.class);
    }

    @Override
    public RatingEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_OBJECT) {
        token = p.nextToken();
      } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
        return (RatingEvent) ctxt.handleUnexpectedToken(RatingEvent.class, p);
      }
      int userId = 0;
      int movieId = 0;
      double rating = 0;
      long timestamp = 0;
      int seen = 0;
      for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
        String name = p.currentName();
        token = p.nextToken();
        int field = indexOf(name);
        if (field < 0) {
          p.skipChildren(); // unknown field: forward compatibility
          continue;
        }
        if ((seen & (1 << field)) != 0) {
          return ctxt.reportInputMismatch(this, "duplicate field %s", name);
        }
        seen |= 1 << field;
        switch (field) {
          case 0 -> userId = (int) integral(p, ctxt, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
          case 1 -> movieId = (int) integral(p, ctxt, name, Integer.MIN_VALUE, Integer.MAX_VALUE);
          case 2 -> rating = number(p, ctxt, name);
          default -> timestamp = integral(p, ctxt, name, Long.MIN_VALUE + 1, Long.MAX_VALUE);
        }
      }
      if (seen != 0b1111) {
        StringBuilder missing = new StringBuilder();
        for (int f = 0; f < NAMES.length; f++) {
          if ((seen & (1 << f)) == 0) {
            missing.append(missing.length() == 0 ? "" : ", ").append(NAMES[f]);
          }
        }
        return ctxt.reportInputMismatch(this, "missing field(s): %s", missing);
      }
      return new RatingEvent(userId, movieId, rating, timestamp);
    }

    private static int indexOf(String name) {
      for (int f = 0; f < NAMES.length; f++) {
        if (NAMES[f].equals(name)) {
          return f;
        }
      }
      return -1;
    }

    private long integral(
        JsonParser p, DeserializationContext ctxt, String name, long min, long max)
        throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal value = p.getDecimalValue();
        try {
          long exact = value.longValueExact();
          if (exact >= min && exact <= max) {
            return exact;
          }
        } catch (ArithmeticException notIntegralOrTooLarge) {
          // reported below
        }
      }
      return ctxt.reportInputMismatch(
          this, "%s must be an integer within %d..%d, found %s", name, min, max, p.getText());
    }

    private double number(JsonParser p, DeserializationContext ctxt, String name)
        throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      return ctxt.reportInputMismatch(this, "%s must be a JSON number, found %s", name, token);
    }
  }
}
