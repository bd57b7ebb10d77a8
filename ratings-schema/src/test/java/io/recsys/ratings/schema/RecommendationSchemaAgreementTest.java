package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.schema.RecommendationEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs a real JSON Schema validator (networknt, draft 2020-12) with the shipped recommendation
 * schema over a corpus of valid and invalid documents and checks it agrees with {@link
 * RecommendationCodec} on each: schema-valid exactly when the codec says VALID.
 *
 * <p>The differences are the rules no JSON Schema can express, each tested below: scores ranked
 * non-increasing, each movie once, duplicate field names. (Also a number a hair above {@code
 * Double.MAX_VALUE} that still rounds to it: the schema compares decimals, the codec the double;
 * not tested.)
 */
class RecommendationSchemaAgreementTest {

  private static final RecommendationCodec CODEC = RecommendationCodec.defaults();
  private static final SchemaOracle SCHEMA =
      new SchemaOracle(RecommendationSchemas.openJsonSchema());

  private static boolean codecAccepts(byte[] json) {
    return CODEC.decode(json).kind() == DecodeResult.Kind.VALID;
  }

  private static final String SAMPLE = RecommendationCodecTest.SAMPLE;

  /** The sample with one field's value (as it appears in the sample) replaced. */
  private static String with(String field, String value) {
    int start = SAMPLE.indexOf("\"" + field + "\":") + field.length() + 3;
    int end = start;
    int depth = 0;
    boolean inString = false;
    while (true) {
      char c = SAMPLE.charAt(end);
      if (c == '"') {
        inString = !inString;
      } else if (!inString && (c == '[' || c == '{')) {
        depth++;
      } else if (!inString && (c == ']' || c == '}')) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (!inString && depth == 0 && c == ',') {
        break;
      }
      end++;
    }
    return SAMPLE.substring(0, start) + value + SAMPLE.substring(end);
  }

  private static String items(String... items) {
    return "[" + String.join(",", items) + "]";
  }

  private static String item(String movieId, String score) {
    return "{\"movieId\":" + movieId + ",\"score\":" + score + "}";
  }

  private static String hundredItems(int n) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(item(Integer.toString(i + 1), "1"));
    }
    return items(items.toArray(String[]::new));
  }

  static List<String> validCorpus() {
    return List.of(
        SAMPLE,
        with("kind", "\"FALLBACK\""),
        with("items", "[]"),
        with("items", hundredItems(100)),
        with("items", items(item("1", "-3"), item("2147483647", "-1e300"))),
        with("items", items(item("1.0", "4"), item("2e0", "3.5e0"), item("3", "0.0"))),
        with("items", items("{\"score\":2,\"movieId\":9,\"why\":[\"seen\",{\"a\":null}]}")),
        with("userId", "2147483647"),
        with("userId", "1.0"),
        with("modelVersion", "\"a\""),
        with("modelVersion", "\"" + "Z9._-".repeat(12) + "Zz1a\""),
        with("modelVersion", "\"als\\u002d1\""),
        with("generatedAt", "9223372036854775807"),
        with("ratingTimestamp", "1"),
        with("ratingTimestamp", "1.5e3"),
        " {\"items\":[],\"ratingTimestamp\":1,\"generatedAt\":2,\"modelVersion\":\"v\","
            + "\"kind\":\"PERSONALIZED\",\"userId\":3} \n",
        SAMPLE.replace("{\"userId\"", "{\"v\":2,\"o\":{\"userId\":-1},\"userId\""));
  }

  static List<String> invalidCorpus() {
    return List.of(
        with("userId", "0"),
        with("userId", "-5"),
        with("userId", "2147483648"),
        with("userId", "1.5"),
        with("userId", "\"1\""),
        with("userId", "null"),
        with("kind", "\"TRENDING\""),
        with("kind", "\"personalized\""),
        with("kind", "1"),
        with("modelVersion", "\"\""),
        with("modelVersion", "\" v1\""),
        with("modelVersion", "\"v1\\n\""),
        with("modelVersion", "\"v 1\""),
        with("modelVersion", "\"-v1\""),
        with("modelVersion", "\"v/1\""),
        with("modelVersion", "\"v\u00e9\""),
        with("modelVersion", "\"" + "a".repeat(65) + "\""),
        with("modelVersion", "7"),
        with("generatedAt", "0"),
        with("generatedAt", "-1"),
        with("generatedAt", "9223372036854775808"),
        with("ratingTimestamp", "0"),
        with("ratingTimestamp", "1.5"),
        with("items", hundredItems(101)),
        with("items", "{}"),
        with("items", "null"),
        with("items", items("1")),
        with("items", items("{\"movieId\":1}")),
        with("items", items("{\"score\":1}")),
        with("items", items(item("0", "1"))),
        with("items", items(item("1.5", "1"))),
        with("items", items(item("1", "\"4\""))),
        with("items", items(item("1", "1e999"))),
        with("items", items(item("1", "-1e999"))),
        with("items", items(item("1", "NaN"))),
        "{\"userId\":1,\"kind\":\"FALLBACK\",\"modelVersion\":\"v\",\"generatedAt\":1,"
            + "\"ratingTimestamp\":1}",
        "{}",
        "[]",
        "null",
        "",
        SAMPLE + "x",
        SAMPLE.substring(0, SAMPLE.length() - 1),
        SAMPLE.replace("]}", "],}"),
        SAMPLE.replace("\"userId\"", "userId"));
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
  void agreesOnGeneratedEventsAroundEveryEdge() {
    SplittableRandom random = new SplittableRandom(20);
    int[] ids = {Integer.MIN_VALUE, -1, 0, 1, 2, 138_493, Integer.MAX_VALUE};
    String[] versions = {"v", "als-1", "", " ", "a".repeat(64), "a".repeat(65), "_x", "x y"};
    long[] times = {Long.MIN_VALUE + 1, -1, 0, 1, 1_761_763_121_809L, Long.MAX_VALUE};
    int valid = 0;
    for (int i = 0; i < 2000; i++) {
      List<RecommendedItem> items = new ArrayList<>();
      int n = random.nextInt(0, 5);
      for (int k = 0; k < n; k++) {
        // distinct movies and descending scores: the rules the schema cannot see stay kept
        items.add(new RecommendedItem(ids[random.nextInt(ids.length)] - k * 3, 10.0 - k));
      }
      if (!items.stream().map(RecommendedItem::movieId).allMatch(new java.util.HashSet<>()::add)) {
        continue;
      }
      RecommendationEvent event =
          new RecommendationEvent(
              ids[random.nextInt(ids.length)],
              Kind.values()[random.nextInt(2)],
              versions[random.nextInt(versions.length)],
              times[random.nextInt(times.length)],
              times[random.nextInt(times.length)],
              items);
      byte[] json = CODEC.encode(event);
      boolean codec = codecAccepts(json);
      assertThat(SCHEMA.accepts(json)).as("schema on %s", event).isEqualTo(codec);
      valid += codec ? 1 : 0;
    }
    assertThat(valid).as("valid share of the generated events").isBetween(20, 1980);
  }

  /**
   * The documented differences: rules about the relation between items, and duplicate names (a
   * parsed document keeps one of two same-named fields), cannot be expressed by any JSON Schema;
   * the codec checks them.
   */
  @Test
  void differsOnlyOnRulesNoSchemaCanExpress() {
    String ascending = with("items", items(item("1", "3"), item("2", "4")));
    String twice = with("items", items(item("1", "4"), item("1", "3")));
    String duplicateField = SAMPLE.replace("{\"userId\":44176", "{\"userId\":44176,\"userId\":1");
    for (String json : List.of(ascending, twice, duplicateField)) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      assertThat(SCHEMA.accepts(bytes)).as("schema on %s", json).isTrue();
      assertThat(codecAccepts(bytes)).as("codec on %s", json).isFalse();
    }
    assertThat(CODEC.decode(duplicateField.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new RecommendationDecodeResult.Malformed("duplicate field userId"));
  }
}
