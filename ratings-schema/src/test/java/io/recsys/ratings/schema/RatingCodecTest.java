package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RatingCodecTest {

  private static final RatingCodec CODEC = RatingCodec.defaults();
  private static final String SAMPLE =
      "{\"userId\":44176,\"movieId\":21373,\"rating\":3.5,\"timestamp\":1761763121809}";
  private static final RatingEvent SAMPLE_EVENT =
      new RatingEvent(44176, 21373, 3.5, 1761763121809L);

  private static DecodeResult decode(String json) {
    return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reasonOf(String json) {
    DecodeResult result = decode(json);
    assertThat(result).as(json).isInstanceOf(DecodeResult.Malformed.class);
    return ((DecodeResult.Malformed) result).reason();
  }

  // ---- encode

  @Test
  void encodesExactlyTheFourFieldsInWireOrder() {
    assertThat(CODEC.encodeToString(SAMPLE_EVENT)).isEqualTo(SAMPLE);
    assertThat(CODEC.encode(SAMPLE_EVENT)).isEqualTo(SAMPLE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodesEveryValidRatingInPlainFormLikeDoubleToString() {
    for (int halves = 1; halves <= 10; halves++) {
      double rating = halves / 2.0;
      String json = CODEC.encodeToString(new RatingEvent(1, 1, rating, 1));
      assertThat(json).contains("\"rating\":" + Double.toString(rating) + ",").doesNotContain("E");
    }
    assertThat(CODEC.encodeToString(new RatingEvent(1, 1, 4, 1))).contains("\"rating\":4.0,");
  }

  @Test
  void encodesOddFiniteRatingsInJavaShortestFormThatDecodesToTheSameDouble() {
    for (double odd :
        new double[] {1e-7, -0.0, 0.1, 3.3, 12345678.5, 1e300, -2.5, Double.MIN_VALUE}) {
      RatingEvent event = new RatingEvent(1, 1, odd, 1);
      String json = CODEC.encodeToString(event);
      assertThat(json).contains("\"rating\":" + Double.toString(odd) + ",");
      DecodeResult result = decode(json);
      assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
      assertThat(((DecodeResult.Invalid) result).event()).isEqualTo(event);
    }
  }

  @Test
  void encodesExtremeIdsAndTimestamps() {
    RatingEvent event = new RatingEvent(Integer.MIN_VALUE, Integer.MAX_VALUE, 0.5, Long.MAX_VALUE);
    String json = CODEC.encodeToString(event);
    assertThat(json)
        .isEqualTo(
            "{\"userId\":-2147483648,\"movieId\":2147483647,\"rating\":0.5,"
                + "\"timestamp\":9223372036854775807}");
    assertThat(((DecodeResult.Invalid) decode(json)).event()).isEqualTo(event);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesToEncodeRatingsWithoutJsonForm(double rating) {
    assertThatThrownBy(() -> CODEC.encode(new RatingEvent(1, 1, rating, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rating " + rating)
        .hasMessageContaining("0.5..5.0");
  }

  @Test
  void refusesToEncodeNull() {
    assertThatThrownBy(() -> CODEC.encode(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- decode: accepted forms

  @Test
  void decodesItsOwnEncoding() {
    assertThat(decode(SAMPLE)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    assertThat(decode(SAMPLE).kind()).isEqualTo(DecodeResult.Kind.VALID);
  }

  @Test
  void decodesFieldsInAnyOrderWithWhitespaceBetweenTokens() {
    String json =
        " \t\r\n{ \"timestamp\" :\n1761763121809 ,\"rating\"\t:\r3.5,\n\"movieId\": 21373 ,"
            + " \"userId\":44176 }\n ";
    assertThat(decode(json)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
  }

  @Test
  void skipsUnknownFieldsOfEveryTypeForForwardCompatibility() {
    String json =
        "{\"v\":2,\"userId\":44176,\"source\":\"app \\\"mobile\\\" \\u00e9\\n\u00e9\u4e2d\uD83D\uDE00\","
            + "\"movieId\":21373,\"tags\":[1,-2.5e3,true,false,null,\"x\",[],{},[[{\"a\":[{}]}]]],"
            + "\"rating\":3.5,\"meta\":{\"a\":{\"b\":[1,{\"c\":null}]},\"userId\":\"not me\"},"
            + "\"timestamp\":1761763121809,\"z\":null}";
    assertThat(decode(json)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
  }

  @Test
  void readsFieldNamesWrittenWithEscapes() {
    String json =
        "{\"user\\u0049d\":44176,\"\\u006dovieId\":21373,\"rat\\u0069ng\":3.5,"
            + "\"timestamp\":1761763121809}";
    assertThat(decode(json)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    // An escape that changes the name makes it an unknown field, so userId is missing.
    assertThat(reasonOf("{\"user\\nId\":1,\"movieId\":1,\"rating\":1,\"timestamp\":1}"))
        .contains("missing field(s): userId");
  }

  @ParameterizedTest
  @CsvSource({
    "4, 4.0",
    "4.0, 4.0",
    "4e0, 4.0",
    "40e-1, 4.0",
    "0.4E+1, 4.0",
    "4.000000000000000000000000, 4.0",
    "3.5e0, 3.5",
    "35e-1, 3.5",
    "0.35e1, 3.5",
    "350000000000000000000000e-23, 3.5"
  })
  void readsAnIntegralOrExponentRatingAsItsDouble(String rating, double expected) {
    DecodeResult result =
        decode("{\"userId\":1,\"movieId\":2,\"rating\":" + rating + ",\"timestamp\":3}");
    assertThat(result).isEqualTo(new DecodeResult.Valid(new RatingEvent(1, 2, expected, 3)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "7.0", "7e0", "70e-1", "0.7E1", "7.000", "-0"})
  void readsIntegralValuedIdsLikeJsonSchemaInteger(String id) {
    int expected = id.equals("-0") ? 0 : 7;
    DecodeResult result =
        decode("{\"userId\":" + id + ",\"movieId\":2,\"rating\":1,\"timestamp\":3}");
    assertThat(result.kind()).isIn(DecodeResult.Kind.VALID, DecodeResult.Kind.INVALID);
    RatingEvent event =
        result instanceof DecodeResult.Valid v
            ? v.event()
            : ((DecodeResult.Invalid) result).event();
    assertThat(event.userId()).isEqualTo(expected);
  }

  @Test
  void readsTheFullLongRangeOfTimestampsButTheMinimum() {
    assertThat(
            decode("{\"userId\":1,\"movieId\":2,\"rating\":1,\"timestamp\":9223372036854775807}"))
        .isEqualTo(new DecodeResult.Valid(new RatingEvent(1, 2, 1, Long.MAX_VALUE)));
    assertThat(
            ((DecodeResult.Invalid)
                    decode(
                        "{\"userId\":1,\"movieId\":2,\"rating\":1,"
                            + "\"timestamp\":-9223372036854775807}"))
                .event()
                .timestamp())
        .isEqualTo(-Long.MAX_VALUE);
    // Documented limit: -2^63 does not fit the reader's magnitude, so it is out of range.
    assertThat(
            reasonOf(
                "{\"userId\":1,\"movieId\":2,\"rating\":1,\"timestamp\":-9223372036854775808}"))
        .contains("timestamp must be an integer");
  }

  @Test
  void decodesARegionOfALargerArray() {
    byte[] framed = ("xx" + SAMPLE + "yy").getBytes(StandardCharsets.UTF_8);
    assertThat(CODEC.decode(framed, 2, SAMPLE.length()))
        .isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
  }

  // ---- decode: invalid events

  @Test
  void reportsEveryViolationOfAWellFormedEvent() {
    DecodeResult result =
        decode("{\"userId\":0,\"movieId\":131263,\"rating\":0.25,\"timestamp\":0}");
    assertThat(result.kind()).isEqualTo(DecodeResult.Kind.INVALID);
    DecodeResult.Invalid invalid = (DecodeResult.Invalid) result;
    assertThat(invalid.event()).isEqualTo(new RatingEvent(0, 131263, 0.25, 0));
    assertThat(invalid.violations())
        .extracting(Violation::code)
        .containsExactly(
            Violation.USER_ID_OUT_OF_RANGE,
            Violation.MOVIE_ID_OUT_OF_RANGE,
            Violation.RATING_OUT_OF_RANGE,
            Violation.RATING_NOT_HALF_STEP,
            Violation.TIMESTAMP_NOT_POSITIVE);
  }

  @Test
  void readsARatingBeyondTheDoubleRangeAsInfinityWhichIsInvalid() {
    DecodeResult result = decode("{\"userId\":1,\"movieId\":2,\"rating\":1e400,\"timestamp\":3}");
    assertThat(((DecodeResult.Invalid) result).violations())
        .extracting(Violation::code)
        .containsExactly(Violation.RATING_NOT_FINITE);
  }

  @Test
  void validatesWithTheConfiguredBounds() {
    RatingCodec ml32 = RatingCodec.of(RatingValidator.of(RatingBounds.ML_32M));
    byte[] json = CODEC.encode(new RatingEvent(200_948, 292_757, 5.0, 1));
    assertThat(CODEC.decode(json).kind()).isEqualTo(DecodeResult.Kind.INVALID);
    assertThat(ml32.decode(json).kind()).isEqualTo(DecodeResult.Kind.VALID);
    assertThat(ml32.validator().bounds()).isEqualTo(RatingBounds.ML_32M);
  }

  // ---- decode: malformed input, never an exception

  static Stream<Arguments> malformedInputs() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of(" \n\t\r ", "empty"),
        Arguments.of("null", "expected '{'"),
        Arguments.of("[]", "expected '{'"),
        Arguments.of("\"{}\"", "expected '{'"),
        Arguments.of("{}", "missing field(s): userId, movieId, rating, timestamp"),
        Arguments.of("{\"userId\":1,\"movieId\":2,\"rating\":3}", "missing field(s): timestamp"),
        Arguments.of("{", "truncated"),
        Arguments.of(SAMPLE.substring(0, 40), "truncated"),
        Arguments.of(SAMPLE + "x", "unexpected data after the object"),
        Arguments.of(SAMPLE + SAMPLE, "unexpected data after the object"),
        Arguments.of("x" + SAMPLE, "expected '{'"),
        Arguments.of("\uFEFF" + SAMPLE, "expected '{'"),
        Arguments.of(
            SAMPLE.replace("3.5", "\"3.5\""), "rating must be a JSON number, found a string"),
        Arguments.of(SAMPLE.replace("44176", "1.5"), "userId must be an integer"),
        Arguments.of(SAMPLE.replace("44176", "1e-1"), "userId must be an integer"),
        Arguments.of(SAMPLE.replace("44176", "true"), "found a boolean"),
        Arguments.of(SAMPLE.replace("44176", "null"), "found null"),
        Arguments.of(SAMPLE.replace("44176", "{}"), "found an object"),
        Arguments.of(SAMPLE.replace("44176", "[1]"), "found an array"),
        Arguments.of(SAMPLE.replace("3.5", "NaN"), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", "Infinity"), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", "-Infinity"), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("44176", "2147483648"), "userId must be an integer within"),
        Arguments.of(SAMPLE.replace("44176", "-2147483649"), "userId must be an integer within"),
        Arguments.of(SAMPLE.replace("21373", "99999999999999999999999"), "movieId must be"),
        Arguments.of(
            SAMPLE.replace("1761763121809", "9223372036854775808"), "timestamp must be an integer"),
        Arguments.of(SAMPLE.replace("1761763121809", "1e19"), "timestamp must be an integer"),
        Arguments.of(SAMPLE.replace("44176", "044176"), "expected ',' or '}'"),
        Arguments.of(SAMPLE.replace("44176", "+44176"), "userId must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", ".5"), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", "3."), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", "3.5e"), "rating must be a JSON number"),
        Arguments.of(SAMPLE.replace("3.5", "0x1p1"), "expected ',' or '}'"),
        Arguments.of(SAMPLE.replace("}", ",}"), "expected a field name"),
        Arguments.of(SAMPLE.replace(",", ",,"), "expected a field name"),
        Arguments.of(SAMPLE.replace(":", " "), "expected ':'"),
        Arguments.of(SAMPLE.replace("\"userId\"", "userId"), "expected a field name"),
        Arguments.of(SAMPLE.replace("\"userId\"", "'userId'"), "expected a field name"),
        Arguments.of(
            SAMPLE.replace("\"movieId\":21373", "\"movieId\":21373,\"movieId\":21373"),
            "duplicate field movieId"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":\"a\tb\","), "unescaped control character"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":\"a\\qb\","), "invalid escape"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":\"a\\u12G4\","), "invalid escape"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":[1,2},"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":{\"a\"},"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":{1:2},"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":[1 2],"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":tru,"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":undefined,"), "invalid JSON"),
        Arguments.of(SAMPLE.replace("{", "{\"x\":-,"), "invalid JSON"));
  }

  @ParameterizedTest
  @MethodSource("malformedInputs")
  void classifiesBrokenInputAsMalformedWithAReason(String json, String reason) {
    assertThat(reasonOf(json)).contains(reason);
  }

  @Test
  void classifiesNullAndBadRegionsAsMalformed() {
    assertThat(CODEC.decode(null)).isEqualTo(new DecodeResult.Malformed("input is null"));
    assertThat(CODEC.decode(null, 0, 10).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
    byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
    assertThat(CODEC.decode(bytes, -1, 5).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThat(CODEC.decode(bytes, 5, bytes.length).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThat(CODEC.decode(bytes, 0, -1).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
    assertThat(CODEC.decode(bytes, Integer.MAX_VALUE, 2).kind())
        .isEqualTo(DecodeResult.Kind.MALFORMED);
  }

  @Test
  void classifiesEveryTruncationOfAValidPayloadAsMalformed() {
    byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
    for (int length = 0; length < bytes.length; length++) {
      assertThat(CODEC.decode(bytes, 0, length).kind())
          .as("first %d bytes", length)
          .isEqualTo(DecodeResult.Kind.MALFORMED);
    }
  }

  @Test
  void rejectsInvalidUtf8InStrings() {
    byte[][] bad = {
      {(byte) 0xFF}, // never valid
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xC3}, // truncated sequence
      {(byte) 0x80}, // lone continuation byte
    };
    for (byte[] sequence : bad) {
      byte[] prefix = "{\"x\":\"a".getBytes(StandardCharsets.UTF_8);
      byte[] suffix = ("\"," + SAMPLE.substring(1)).getBytes(StandardCharsets.UTF_8);
      byte[] json = new byte[prefix.length + sequence.length + suffix.length];
      System.arraycopy(prefix, 0, json, 0, prefix.length);
      System.arraycopy(sequence, 0, json, prefix.length, sequence.length);
      System.arraycopy(suffix, 0, json, prefix.length + sequence.length, suffix.length);
      DecodeResult result = CODEC.decode(json);
      assertThat(result).isInstanceOf(DecodeResult.Malformed.class);
      assertThat(((DecodeResult.Malformed) result).reason()).contains("invalid UTF-8");
    }
    // Raw non-ASCII outside strings is no JSON either.
    assertThat(CODEC.decode(new byte[] {'{', (byte) 0xC3, (byte) 0xA9, '}'}).kind())
        .isEqualTo(DecodeResult.Kind.MALFORMED);
  }

  @Test
  void skipsNestingUpToTheLimitAndRejectsDeeperWithoutStackOverflow() {
    int limit = RatingCodec.MAX_NESTING_DEPTH;
    String ok = "{\"x\":" + "[".repeat(limit) + "]".repeat(limit) + "," + SAMPLE.substring(1);
    assertThat(decode(ok)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    String mixed =
        "{\"x\":"
            + "{\"a\":[".repeat(limit / 2)
            + "]}".repeat(limit / 2)
            + ","
            + SAMPLE.substring(1);
    assertThat(decode(mixed)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    String deeper =
        "{\"x\":" + "[".repeat(limit + 1) + "]".repeat(limit + 1) + "," + SAMPLE.substring(1);
    assertThat(reasonOf(deeper)).contains("nesting deeper than " + limit);
    assertThat(reasonOf("{\"x\":" + "[".repeat(1_000_000))).contains("nesting deeper");
    assertThat(reasonOf("[".repeat(1_000_000))).contains("expected '{'");
    assertThat(reasonOf("{\"x\":" + "[{\"a\":".repeat(200_000))).contains("nesting deeper");
  }

  @Test
  void readsMultiMegabytePayloadsInOnePass() {
    String big = "a".repeat(8 << 20);
    assertThat(decode("{\"blob\":\"" + big + "\"," + SAMPLE.substring(1)))
        .isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    assertThat(reasonOf("{\"blob\":\"" + big)).contains("truncated");
    String digits = "1".repeat(4 << 20);
    assertThat(reasonOf(SAMPLE.replace("44176", digits))).contains("userId must be an integer");
    DecodeResult longRating = decode(SAMPLE.replace("3.5", "3.5" + "0".repeat(4 << 20)));
    assertThat(longRating).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
    String manyFields = "{" + "\"k\":[1,\"v\",{}],".repeat(300_000) + SAMPLE.substring(1);
    assertThat(decode(manyFields)).isEqualTo(new DecodeResult.Valid(SAMPLE_EVENT));
  }

  @Test
  void isSharedAndDescribesItself() {
    assertThat(RatingCodec.defaults()).isSameAs(RatingCodec.defaults());
    assertThat(RatingCodec.defaults().validator().bounds()).isEqualTo(RatingBounds.ML_20M);
    assertThat(RatingCodec.defaults().toString()).contains("138493");
    assertThatThrownBy(() -> RatingCodec.of(null)).isInstanceOf(NullPointerException.class);
  }
}
