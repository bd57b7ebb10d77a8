package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.schema.RecommendationEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecommendationCodecTest {

  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();

  static final String SAMPLE =
      "{\"userId\":44176,\"kind\":\"PERSONALIZED\",\"modelVersion\":\"als-20251029-1\","
          + "\"generatedAt\":1761763122410,\"ratingTimestamp\":1761763121809,"
          + "\"items\":[{\"movieId\":318,\"score\":4.91},{\"movieId\":858,\"score\":4.87}]}";

  static final RecommendationEvent SAMPLE_EVENT =
      new RecommendationEvent(
          44176,
          Kind.PERSONALIZED,
          "als-20251029-1",
          1761763122410L,
          1761763121809L,
          List.of(new RecommendedItem(318, 4.91), new RecommendedItem(858, 4.87)));

  private static RecommendationDecodeResult decode(String json) {
    return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reasonOf(String json) {
    RecommendationDecodeResult result = decode(json);
    assertThat(result).as(json).isInstanceOf(RecommendationDecodeResult.Malformed.class);
    return ((RecommendationDecodeResult.Malformed) result).reason();
  }

  /** The sample with its items replaced by the given JSON array text. */
  private static String withItemsJson(String items) {
    return SAMPLE.substring(0, SAMPLE.indexOf("[")) + items + "}";
  }

  // ---- encode

  @Test
  void encodesTheSixFieldsInWireOrderWithItemsAsObjects() {
    assertThat(CODEC.encodeToString(SAMPLE_EVENT)).isEqualTo(SAMPLE);
    assertThat(CODEC.encode(SAMPLE_EVENT)).isEqualTo(SAMPLE.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void encodesAnEmptyListAndTheFallbackKind() {
    RecommendationEvent fallback =
        new RecommendationEvent(3, Kind.FALLBACK, "popular-1", 5, 4, List.of());
    assertThat(CODEC.encodeToString(fallback))
        .isEqualTo(
            "{\"userId\":3,\"kind\":\"FALLBACK\",\"modelVersion\":\"popular-1\","
                + "\"generatedAt\":5,\"ratingTimestamp\":4,\"items\":[]}");
  }

  @Test
  void encodesScoresLikeDoubleToStringAndDecodesThemToTheSameDouble() {
    double[] scores = {1e-5, 12345678.5, 1e300, 0.1, -0.0, -2.5, Double.MIN_VALUE, -1e300};
    for (double score : scores) {
      RecommendationEvent event =
          new RecommendationEvent(
              1, Kind.FALLBACK, "v", 1, 1, List.of(new RecommendedItem(1, score)));
      String json = CODEC.encodeToString(event);
      assertThat(json).contains("\"score\":" + Double.toString(score) + "}");
      assertThat(decode(json)).isEqualTo(new RecommendationDecodeResult.Valid(event));
    }
  }

  @Test
  void encodesAnOddModelVersionAsEscapedAsciiThatDecodesToTheSameText() {
    String odd = "v \"1\"\\/\n\t\u0001é\u20ac\ud83c\udfac\ud800";
    RecommendationEvent event = new RecommendationEvent(1, Kind.FALLBACK, odd, 1, 1, List.of());
    byte[] json = CODEC.encode(event);
    for (byte b : json) {
      assertThat(b).isBetween((byte) 0x20, (byte) 0x7E);
    }
    RecommendationDecodeResult result = CODEC.decode(json);
    assertThat(result).isInstanceOf(RecommendationDecodeResult.Invalid.class);
    assertThat(((RecommendationDecodeResult.Invalid) result).event()).isEqualTo(event);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesToEncodeScoresWithoutJsonForm(double score) {
    RecommendationEvent event =
        new RecommendationEvent(
            1,
            Kind.FALLBACK,
            "v",
            1,
            1,
            List.of(new RecommendedItem(1, 2), new RecommendedItem(2, score)));
    assertThatThrownBy(() -> CODEC.encode(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("items[1].score " + score + " has no JSON form");
  }

  @Test
  void refusesToEncodeNull() {
    assertThatThrownBy(() -> CODEC.encode(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- decode: valid

  @Test
  void decodesItsOwnEncodingOfGeneratedEvents() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      int n = random.nextInt(0, RecommendationEvent.MAX_ITEMS + 1);
      List<RecommendedItem> items = new ArrayList<>();
      double score = random.nextDouble(-10, 10);
      for (int k = 0; k < n; k++) {
        items.add(new RecommendedItem(1 + k * 7 + random.nextInt(7), score));
        score -= random.nextInt(3) == 0 ? 0 : random.nextDouble();
      }
      RecommendationEvent event =
          new RecommendationEvent(
              random.nextInt(1, Integer.MAX_VALUE),
              Kind.values()[random.nextInt(2)],
              "m" + random.nextInt(1_000_000),
              random.nextLong(1, Long.MAX_VALUE),
              random.nextLong(1, Long.MAX_VALUE),
              items);
      byte[] json = CODEC.encode(event);
      assertThat(json.length).isLessThan(RecommendationCodec.MAX_BYTES);
      assertThat(CODEC.decode(json)).isEqualTo(new RecommendationDecodeResult.Valid(event));
    }
  }

  @Test
  void theLargestCanonicalEventFitsTheInputBoundWithRoomToSpare() {
    List<RecommendedItem> items = new ArrayList<>();
    for (int k = 0; k < RecommendationEvent.MAX_ITEMS; k++) {
      items.add(new RecommendedItem(Integer.MAX_VALUE - k, -Double.MIN_NORMAL * (k + 1)));
    }
    RecommendationEvent event =
        new RecommendationEvent(
            Integer.MAX_VALUE,
            Kind.PERSONALIZED,
            "x".repeat(RecommendationEvent.MAX_MODEL_VERSION_LENGTH),
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            items);
    byte[] json = CODEC.encode(event);
    assertThat(json.length).isLessThan(RecommendationCodec.MAX_BYTES / 8);
    assertThat(CODEC.decode(json)).isEqualTo(new RecommendationDecodeResult.Valid(event));
  }

  @Test
  void decodesFieldsInAnyOrderWithWhitespaceAndUnknownFieldsEverywhere() {
    String json =
        " {\n \"items\" : [ { \"score\" : 4.91 , \"why\" : {\"seen\":[1,2]}, \"movieId\" : 318 } ,"
            + " {\"movieId\":858,\"score\":4.87,\"rank\":2} ] ,\t\"ratingTimestamp\":1761763121809,"
            + " \"extra\":[null,true,\"x\",{\"kind\":1}], \"generatedAt\":1761763122410,"
            + " \"modelVersion\":\"als-20251029-1\", \"kind\":\"PERSONALIZED\", \"userId\":44176"
            + " }\r\n";
    assertThat(decode(json)).isEqualTo(new RecommendationDecodeResult.Valid(SAMPLE_EVENT));
  }

  @Test
  void readsEscapedNamesAndValues() {
    String json =
        SAMPLE
            .replace("\"userId\"", "\"user\\u0049d\"")
            .replace("\"PERSONALIZED\"", "\"PERSON\\u0041LIZED\"")
            .replace("\"als-20251029-1\"", "\"als\\u002d20251029\\/1\"")
            .replace("\"score\":4.87", "\"sc\\u006fre\":4.87");
    RecommendationDecodeResult result = decode(json);
    assertThat(result.kind()).isEqualTo(DecodeResult.Kind.INVALID); // '/' is not allowed
    RecommendationEvent event = ((RecommendationDecodeResult.Invalid) result).event();
    assertThat(event.modelVersion()).isEqualTo("als-20251029/1");
    assertThat(event.userId()).isEqualTo(44176);
    assertThat(event.kind()).isEqualTo(Kind.PERSONALIZED);
    assertThat(event.items()).isEqualTo(SAMPLE_EVENT.items());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "44176.0|1761763122410|4.91",
        "4.4176e4|1.761763122410e12|491e-2",
        "44176|1761763122410.000|4.910"
      })
  void readsIntegralValuedIdsAndTimesAndAnyNumberForScores(
      String userId, String generatedAt, String score) {
    String json =
        SAMPLE
            .replace("44176", userId)
            .replace("1761763122410", generatedAt)
            .replace("4.91", score);
    assertThat(decode(json)).isEqualTo(new RecommendationDecodeResult.Valid(SAMPLE_EVENT));
  }

  @Test
  void decodesARegionOfALargerArray() {
    byte[] padded = ("garbage" + SAMPLE + "more").getBytes(StandardCharsets.UTF_8);
    assertThat(CODEC.decode(padded, 7, SAMPLE.length()))
        .isEqualTo(new RecommendationDecodeResult.Valid(SAMPLE_EVENT));
  }

  // ---- decode: invalid

  @Test
  void reportsEveryViolationOfAWellFormedEvent() {
    String json =
        "{\"userId\":0,\"kind\":\"FALLBACK\",\"modelVersion\":\"\",\"generatedAt\":0,"
            + "\"ratingTimestamp\":1,\"items\":[{\"movieId\":5,\"score\":1},"
            + "{\"movieId\":5,\"score\":2},{\"movieId\":6,\"score\":1e999}]}";
    RecommendationDecodeResult result = decode(json);
    assertThat(result).isInstanceOf(RecommendationDecodeResult.Invalid.class);
    RecommendationDecodeResult.Invalid invalid = (RecommendationDecodeResult.Invalid) result;
    assertThat(invalid.kind()).isEqualTo(DecodeResult.Kind.INVALID);
    assertThat(invalid.event().items().get(2).score()).isInfinite();
    assertThat(invalid.violations())
        .extracting(Violation::code)
        .containsExactly(
            Violation.USER_ID_OUT_OF_RANGE,
            Violation.MODEL_VERSION_INVALID,
            Violation.TIMESTAMP_NOT_POSITIVE,
            Violation.DUPLICATE_MOVIE_ID,
            Violation.SCORE_OUT_OF_ORDER,
            Violation.SCORE_NOT_FINITE);
    assertThat(invalid.violations())
        .isEqualTo(CODEC.validator().validate(invalid.event()).violations());
  }

  @Test
  void validatesWithTheConfiguredBounds() {
    RecommendationCodec ml20m =
        RecommendationCodec.of(RecommendationValidator.of(RatingBounds.ML_20M));
    String json = SAMPLE.replace("\"movieId\":858", "\"movieId\":131263");
    assertThat(decode(json).kind()).isEqualTo(DecodeResult.Kind.VALID);
    RecommendationDecodeResult result = ml20m.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(RecommendationDecodeResult.Invalid.class);
    assertThat(((RecommendationDecodeResult.Invalid) result).violations())
        .extracting(Violation::field)
        .containsExactly("items[1].movieId");
    assertThat(ml20m.validator().bounds()).isEqualTo(RatingBounds.ML_20M);
    assertThat(ml20m.toString()).isEqualTo("RecommendationCodec[" + RatingBounds.ML_20M + "]");
  }

  // ---- decode: malformed

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|input is empty or only whitespace",
        "` \n`|input is empty or only whitespace",
        "[]|expected '{' at offset 0, found '[]'",
        "{}|missing field(s): userId, kind, modelVersion, generatedAt, ratingTimestamp, items",
        "{\"userId\":1|truncated input: the object is not closed at offset 11",
        "{\"userId\":\"1\"}|userId must be a JSON number, found a string '\"1\"}'",
        "{\"userId\":1.5}|userId must be an integer within -2147483648..2147483647, found '1.5'",
        "{\"userId\":2147483648}|userId must be an integer within -2147483648..2147483647,"
            + " found '2147483648'",
        "{\"userId\":1,\"userId\":1}|duplicate field userId",
        "{\"kind\":\"TRENDING\"}|kind must be \"PERSONALIZED\" or \"FALLBACK\", found \"TRENDING\"",
        "{\"kind\":\"personalized\"}|kind must be \"PERSONALIZED\" or \"FALLBACK\", found"
            + " \"personalized\"",
        "{\"kind\":null}|kind must be a JSON string, found null 'null}'",
        "{\"modelVersion\":7}|modelVersion must be a JSON string, found a number '7}'",
        "{\"generatedAt\":9223372036854775808}|generatedAt must be an integer within"
            + " -9223372036854775807..9223372036854775807, found '9223372036854775808'",
        "{\"ratingTimestamp\":NaN}|ratingTimestamp must be a JSON number, found a non-JSON literal"
            + " 'NaN}'",
        "{\"items\":{}}|items must be a JSON array, found an object '{}}'",
        "{\"items\":null}|items must be a JSON array, found null 'null}'",
        "{\"items\":[1]}|items[0] must be a JSON object, found a number '1]}'",
        "{\"items\":[{\"movieId\":1,\"score\":1},]}|items[1] must be a JSON object, found an invalid value"
            + " ']}'",
        "{\"items\":[{\"movieId\":1,\"score\":1} {}]}|expected ',' or ']' at offset 34, found '{}]}'",
        "{\"items\":[{\"movieId\":1}]}|items[0]: missing field(s): score",
        "{\"items\":[{\"score\":\"4\"}]}|items[0].score must be a JSON number, found a string"
            + " '\"4\"}]}'",
        "{\"items\":[{\"movieId\":1,\"movieId\":2}]}|duplicate field items[0].movieId",
        "{\"items\":[],\"x\":[}|invalid JSON in the value of an unknown field at offset 16",
        "{\"x\" 1}|expected ':' at offset 5, found '1}'",
        "{\"x\":1 \"y\":2}|expected ',' or '}' at offset 7, found '\"y\":2}'",
        "{} x|unexpected data after the object at offset 3: 'x'",
      })
  void classifiesBrokenInputAsMalformedWithAReason(String json, String reason) {
    assertThat(reasonOf(json)).isEqualTo(reason);
  }

  @Test
  void classifiesNullAndBadRegionsAsMalformed() {
    assertThat(CODEC.decode(null))
        .isEqualTo(new RecommendationDecodeResult.Malformed("input is null"));
    assertThat(CODEC.decode(new byte[4], 3, 2))
        .isEqualTo(
            new RecommendationDecodeResult.Malformed(
                "offset 3 and length 2 lie outside the array of length 4"));
    assertThat(CODEC.decode(new byte[4], -1, 2).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);
  }

  @Test
  void classifiesEveryTruncationOfAValidPayloadAsMalformed() {
    byte[] json = SAMPLE.getBytes(StandardCharsets.UTF_8);
    for (int length = 0; length < json.length; length++) {
      assertThat(CODEC.decode(json, 0, length).kind())
          .as("first %d bytes", length)
          .isEqualTo(DecodeResult.Kind.MALFORMED);
    }
  }

  @Test
  void aListOfMoreThanMaxItemsIsMalformedAndReadingStopsThere() {
    StringBuilder items = new StringBuilder("[");
    for (int k = 0; k <= RecommendationEvent.MAX_ITEMS; k++) {
      items.append(k == 0 ? "" : ",").append("{\"movieId\":").append(k + 1).append(",\"score\":1}");
    }
    // The item after the limit is not even well-formed: reading stops before it.
    String json = withItemsJson(items + ",{oops");
    assertThat(reasonOf(json))
        .isEqualTo("items holds more than 100 entries, the most an event may have");

    String exactly =
        withItemsJson(items.substring(0, items.lastIndexOf(",{\"movieId\":101")) + "]");
    RecommendationDecodeResult hundred = decode(exactly);
    assertThat(hundred.kind()).isEqualTo(DecodeResult.Kind.VALID);
    assertThat(((RecommendationDecodeResult.Valid) hundred).event().items()).hasSize(100);
  }

  @Test
  void anInputLongerThanTheBoundIsMalformedWithoutBeingRead() {
    byte[] huge = new byte[RecommendationCodec.MAX_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(CODEC.decode(huge))
        .isEqualTo(
            new RecommendationDecodeResult.Malformed(
                "input of 65537 bytes is larger than the 65536 bytes a recommendation event may"
                    + " have"));
    // A hundred million-item list costs no more than the length check.
    byte[] list = new byte[100_000_000];
    assertThat(CODEC.decode(list).kind()).isEqualTo(DecodeResult.Kind.MALFORMED);

    String padded =
        SAMPLE.replace("}]}", "}],\"pad\":\"" + "x".repeat(RecommendationCodec.MAX_BYTES) + "\"}");
    assertThat(reasonOf(padded)).startsWith("input of ");
    String fits =
        SAMPLE.replace(
            "}]}",
            "}],\"pad\":\""
                + "x".repeat(RecommendationCodec.MAX_BYTES - SAMPLE.length() - 10)
                + "\"}");
    assertThat(fits.length()).isLessThanOrEqualTo(RecommendationCodec.MAX_BYTES);
    assertThat(decode(fits).kind()).isEqualTo(DecodeResult.Kind.VALID);
  }

  @Test
  void skipsNestingUpToTheLimitAndRejectsDeeperWithoutStackOverflow() {
    int limit = RecommendationCodec.MAX_NESTING_DEPTH;
    String ok =
        SAMPLE.replace(
            "{\"movieId\":318",
            "{\"x\":" + "[".repeat(limit) + "]".repeat(limit) + ",\"movieId\":318");
    assertThat(decode(ok).kind()).isEqualTo(DecodeResult.Kind.VALID);
    String deep =
        SAMPLE.replace(
            "{\"movieId\":318",
            "{\"x\":" + "[".repeat(limit + 1) + "]".repeat(limit + 1) + ",\"movieId\":318");
    assertThat(reasonOf(deep)).startsWith("nesting deeper than 1000 levels");
  }

  @Test
  void rejectsInvalidUtf8InStrings() {
    byte[] json = SAMPLE.replace("als-20251029-1", "als-?").getBytes(StandardCharsets.UTF_8);
    int at = SAMPLE.indexOf("als-") + 4;
    json[at] = (byte) 0xC0;
    assertThat(CODEC.decode(json))
        .isEqualTo(
            new RecommendationDecodeResult.Malformed("invalid UTF-8 in modelVersion at offset 53"));
  }

  @Test
  void resultsRefuseImpossibleStates() {
    assertThatThrownBy(() -> new RecommendationDecodeResult.Invalid(SAMPLE_EVENT, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecommendationDecodeResult.Valid(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RecommendationDecodeResult.Malformed(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isSharedAndRefusesANullValidator() {
    assertThat(RecommendationCodec.defaults()).isSameAs(CODEC);
    assertThat(CODEC.validator()).isSameAs(RecommendationValidator.defaults());
    assertThatThrownBy(() -> RecommendationCodec.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void describesItsSchemas() {
    assertThat(RecommendationSchemas.SPARK_DDL)
        .isEqualTo(
            "userId INT, kind STRING, modelVersion STRING, generatedAt BIGINT,"
                + " ratingTimestamp BIGINT, items ARRAY<STRUCT<movieId: INT, score: DOUBLE>>");
    assertThat(RecommendationSchemas.FIELD_NAMES)
        .containsExactly(
            "userId", "kind", "modelVersion", "generatedAt", "ratingTimestamp", "items");
    assertThat(RecommendationSchemas.ITEM_FIELD_NAMES).containsExactly("movieId", "score");
    int previous = -1;
    for (String name : RecommendationSchemas.FIELD_NAMES) {
      int at = SAMPLE.indexOf("\"" + name + "\":");
      assertThat(at).as("position of %s in the encoding", name).isGreaterThan(previous);
      previous = at;
    }
    assertThat(RecommendationSchemas.jsonSchema())
        .contains(RecommendationSchemas.JSON_SCHEMA_ID)
        .contains("\"maxItems\": 100")
        .contains("\"maxLength\": 64");
  }
}
