package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs a real JSON Schema validator (networknt, draft 2020-12) with the shipped schema over a
 * corpus of valid and invalid documents and checks it agrees with the codec on each: schema-valid
 * exactly when the codec says VALID (its INVALID and MALFORMED both mean "not a valid event").
 *
 * <p>The schema side parses numbers exactly (BigDecimal, so {@code multipleOf 0.5} is decided on
 * the written decimal) and rejects trailing content, as the codec does.
 */
class JsonSchemaAgreementTest {

  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final SchemaOracle SCHEMA = new SchemaOracle(RatingSchemas.openJsonSchema());

  private static boolean codecAccepts(byte[] json) {
    return CODEC.decode(json).kind() == DecodeResult.Kind.VALID;
  }

  private static final String SAMPLE =
      "{\"userId\":44176,\"movieId\":21373,\"rating\":3.5,\"timestamp\":1761763121809}";

  /** A canonical event document from its four values as they are to appear. */
  static String event(String userId, String movieId, String rating, String timestamp) {
    return "{\"userId\":"
        + userId
        + ",\"movieId\":"
        + movieId
        + ",\"rating\":"
        + rating
        + ",\"timestamp\":"
        + timestamp
        + "}";
  }

  static List<String> validCorpus() {
    return List.of(
        SAMPLE,
        event("1", "1", "0.5", "1"),
        event("138493", "131262", "5.0", "9223372036854775807"),
        event("1", "1", "4", "1"),
        event("1", "1", "3.5e0", "1"),
        event("1", "1", "35E-1", "1"),
        event("1", "1", "0.05e2", "1"),
        event("1.0", "2e0", "1", "1761763121809.0"),
        event("10", "1.5e1", "2.50", "1.761763121809e12"),
        " {\"timestamp\":1,\"rating\":1.5,\"movieId\":7,\"userId\":9} \n",
        "{\"user\\u0049d\":1,\"movieId\":1,\"rating\":1,\"timestamp\":1}",
        SAMPLE.replace("{", "{\"v\":2,\"tags\":[1,\"a\",{\"b\":null}],\"o\":{\"userId\":-1},"),
        SAMPLE.replace("}", ",\"x\":\"\\u00e9\u00e9\\\"\"}"));
  }

  static List<String> invalidCorpus() {
    return List.of(
        event("0", "1", "1", "1"),
        event("138494", "1", "1", "1"),
        event("-5", "1", "1", "1"),
        event("1", "0", "1", "1"),
        event("1", "131263", "1", "1"),
        event("1", "1", "0.0", "1"),
        event("1", "1", "0", "1"),
        event("1", "1", "5.5", "1"),
        event("1", "1", "0.25", "1"),
        event("1", "1", "3.3", "1"),
        event("1", "1", "1e-7", "1"),
        event("1", "1", "-0.5", "1"),
        event("1", "1", "4.75", "1"),
        event("1", "1", "1", "0"),
        event("1", "1", "1", "-1"),
        event("1", "1", "\"3.5\"", "1"),
        event("1.5", "1", "1", "1"),
        event("\"1\"", "1", "1", "1"),
        event("1", "null", "1", "1"),
        event("1", "1", "true", "1"),
        event("1", "1", "1", "[1]"),
        event("1", "1", "1", "{}"),
        event("2147483648", "1", "1", "1"),
        event("1", "1", "1", "9223372036854775808"),
        event("1", "1", "1", "1.5"),
        "{\"userId\":1,\"movieId\":1,\"rating\":1}",
        "{\"movieId\":1,\"rating\":1,\"timestamp\":1}",
        "{}",
        "[]",
        "\"event\"",
        "42",
        "null",
        "",
        SAMPLE.replace("3.5", "NaN"),
        SAMPLE.replace("3.5", "Infinity"),
        SAMPLE + "x",
        SAMPLE + "{}",
        SAMPLE.substring(0, SAMPLE.length() - 1),
        SAMPLE.replace("}", ",}"),
        SAMPLE.replace("\"userId\"", "userId"),
        SAMPLE.replace("44176", "044176"),
        SAMPLE.replace("3.5", ".5"),
        SAMPLE.replace("{", "{\"x\":\"a\tb\","));
  }

  @Test
  void agreesOnEveryValidDocumentOfTheCorpus() {
    assertBothJudge(validCorpus(), true);
  }

  @Test
  void agreesOnEveryInvalidDocumentOfTheCorpus() {
    assertBothJudge(invalidCorpus(), false);
  }

  private static void assertBothJudge(List<String> corpus, boolean valid) {
    for (String json : corpus) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(codecAccepts(bytes)).as("codec on %s", json).isEqualTo(valid);
      assertThat(SCHEMA.accepts(bytes)).as("schema on %s", json).isEqualTo(valid);
    }
  }

  @Test
  void agreesOnInvalidUtf8() {
    byte[] json = SAMPLE.replace("}", ",\"x\":\"?\"}").getBytes(StandardCharsets.UTF_8);
    json[json.length - 3] = (byte) 0xFF;
    assertThat(codecAccepts(json)).isFalse();
    assertThat(SCHEMA.accepts(json)).isFalse();
  }

  @Test
  void agreesOnGeneratedEventsAroundEveryEdge() {
    SplittableRandom random = new SplittableRandom(7);
    int[] users = {-1, 0, 1, 2, 70_000, 138_492, 138_493, 138_494, Integer.MAX_VALUE};
    int[] movies = {Integer.MIN_VALUE, 0, 1, 65_000, 131_261, 131_262, 131_263};
    double[] ratings = {-0.5, 0.0, 0.25, 0.5, 0.75, 1.0, 2.5, 3.3, 4.5, 4.999, 5.0, 5.5, 1e-7, 1e9};
    long[] timestamps = {Long.MIN_VALUE + 1, -1, 0, 1, 1_761_763_121_809L, Long.MAX_VALUE};
    int valid = 0;
    for (int i = 0; i < 3000; i++) {
      RatingEvent event =
          new RatingEvent(
              users[random.nextInt(users.length)],
              movies[random.nextInt(movies.length)],
              ratings[random.nextInt(ratings.length)],
              timestamps[random.nextInt(timestamps.length)]);
      byte[] json = CODEC.encode(event);
      boolean codec = codecAccepts(json);
      assertThat(SCHEMA.accepts(json)).as("schema on %s", event).isEqualTo(codec);
      valid += codec ? 1 : 0;
    }
    assertThat(valid).as("valid share of the generated events").isBetween(50, 2950);
  }

  /**
   * The one documented difference: JSON Schema validates a parsed document, and parsers keep one of
   * two same-named fields, so a duplicate cannot be rejected by any schema; the codec rejects it,
   * since readers disagree on which copy wins.
   */
  @Test
  void differsOnlyOnDuplicateFieldsWhichNoSchemaCanSee() {
    String duplicate = SAMPLE.replace("}", ",\"rating\":3.5}");
    byte[] bytes = duplicate.getBytes(StandardCharsets.UTF_8);
    assertThat(SCHEMA.accepts(bytes)).isTrue();
    assertThat(CODEC.decode(bytes)).isEqualTo(new DecodeResult.Malformed("duplicate field rating"));
  }
}
