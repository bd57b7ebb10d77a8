package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recsys.ratings.schema.jackson.RatingJacksonModule;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema code shown in README.md and docs/schema.md, compiled and run here. Each region between
 * {@code // tag::NAME[]} and {@code // end::NAME[]} is what the docs show after a {@code <!--
 * snippet: ...#NAME -->} line; {@code DocSnippetsTest} fails when the two differ.
 */
class ReadmeSnippetsTest {

  private final List<RatingEvent> handled = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private void handle(RatingEvent event) {
    handled.add(event);
  }

  private void reject(String why) {
    rejected.add(why);
  }

  @Test
  void codecSnippet() {
    // tag::codec[]
    RatingCodec codec = RatingCodec.defaults(); // MovieLens 20M id bounds
    RatingEvent event = new RatingEvent(44176, 21373, 3.5, 1761763121809L);
    byte[] json = codec.encode(event);
    // {"userId":44176,"movieId":21373,"rating":3.5,"timestamp":1761763121809}

    DecodeResult result = codec.decode(json); // never throws, whatever the bytes
    if (result instanceof DecodeResult.Valid valid) {
      handle(valid.event());
    } else if (result instanceof DecodeResult.Invalid invalid) {
      reject(invalid.violations().toString()); // e.g. RATING_NOT_HALF_STEP
    } else if (result instanceof DecodeResult.Malformed malformed) {
      reject(malformed.reason()); // e.g. "duplicate field rating"
    }
    // end::codec[]
    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"userId\":44176,\"movieId\":21373,\"rating\":3.5,\"timestamp\":1761763121809}");
    assertThat(handled).containsExactly(event);
    assertThat(rejected).isEmpty();
  }

  @Test
  void decodeCanonicalSnippet() {
    RatingCodec codec = RatingCodec.defaults();
    RatingEvent expected = new RatingEvent(44176, 21373, 3.5, 1761763121809L);
    String spaced =
        "{ \"rating\": 3.5, \"userId\": 44176, \"movieId\": 21373, \"timestamp\": 1761763121809 }";
    String invalid =
        "{\"userId\":44176,\"movieId\":21373,\"rating\":3.7,\"timestamp\":1761763121809}";
    for (String text : new String[] {codec.encodeToString(expected), spaced, invalid}) {
      byte[] bytes = ("xx" + text + "yy").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int offset = 2;
      int length = text.length();
      // tag::decodeCanonical[]
      RatingEvent event = codec.decodeCanonical(bytes, offset, length); // never throws
      if (event == null) { // another layout, or not valid: decode reads it and says why
        DecodeResult result = codec.decode(bytes, offset, length);
        event = result instanceof DecodeResult.Valid valid ? valid.event() : null;
      }
      // end::decodeCanonical[]
      assertThat(event).isEqualTo(text.equals(invalid) ? null : expected);
      assertThat(codec.decodeCanonical(bytes, offset, length) != null)
          .isEqualTo(text.startsWith("{\"userId\"") && !text.equals(invalid));
    }
  }

  @Test
  void validatorSnippet() {
    // tag::validator[]
    RatingValidator validator = RatingValidator.of(RatingBounds.ML_32M);
    ValidationResult check = validator.validate(new RatingEvent(0, 5, 5.5, 1));
    check.violations().forEach(v -> System.out.println(v.code() + ": " + v.message()));
    // USER_ID_OUT_OF_RANGE: userId 0 is outside the allowed range 1..200948
    // RATING_OUT_OF_RANGE: rating 5.5 is outside the allowed range 0.5..5.0
    // end::validator[]
    assertThat(check.violations())
        .extracting(v -> v.code() + ": " + v.message())
        .containsExactly(
            "USER_ID_OUT_OF_RANGE: userId 0 is outside the allowed range 1..200948",
            "RATING_OUT_OF_RANGE: rating 5.5 is outside the allowed range 0.5..5.0");
  }

  @Test
  void csvSnippet() throws IOException {
    java.io.Reader ratingsCsv =
        new StringReader("userId,movieId,rating,timestamp\n1,2,3.5,1112486027\n1,oops\n");
    // tag::csv[]
    try (MovieLensCsv.LineReader lines = MovieLensCsv.reader(ratingsCsv)) {
      lines
          .events(bad -> reject(bad.toString())) // "line 3: expected 4 comma-separated ..."
          .forEach(this::handle); // timestamps now in milliseconds
    }
    // end::csv[]
    assertThat(handled).containsExactly(new RatingEvent(1, 2, 3.5, 1_112_486_027_000L));
    assertThat(rejected).singleElement().asString().startsWith("line 3: expected 4");
  }

  @Test
  void jacksonSnippet() throws IOException {
    // tag::jackson[]
    ObjectMapper mapper = new ObjectMapper().registerModule(new RatingJacksonModule());
    String json = mapper.writeValueAsString(new RatingEvent(1, 2, 4.0, 3));
    RatingEvent back = mapper.readValue(json, RatingEvent.class); // same JSON as RatingCodec
    // end::jackson[]
    assertThat(json).isEqualTo(RatingCodec.defaults().encodeToString(back));
    assertThat(back).isEqualTo(new RatingEvent(1, 2, 4.0, 3));
  }

  @Test
  void sparkDdlAndSchemaResource() {
    assertThat(RatingSchemas.SPARK_DDL)
        .isEqualTo("userId INT, movieId INT, rating DOUBLE, timestamp BIGINT");
    assertThat(RatingSchemas.jsonSchema())
        .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"")
        .contains(RatingSchemas.JSON_SCHEMA_ID)
        .contains("\"multipleOf\": 0.5")
        .contains("138493")
        .contains("131262");
    assertThat(RatingSchemas.FIELD_NAMES)
        .containsExactly("userId", "movieId", "rating", "timestamp");
  }
}
