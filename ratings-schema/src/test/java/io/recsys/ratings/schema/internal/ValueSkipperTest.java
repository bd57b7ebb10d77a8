package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSkipperTest {

  private static int skip(String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    return ValueSkipper.skipValue(b, 0, b.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "\"text\"",
        "true",
        "false",
        "null",
        "[]",
        "{}",
        "[1, \"a\", [true, {\"x\": null}], {}]",
        "{\"a\": {\"b\": [1, 2, {\"c\": \"d\"}]}, \"e\": []}"
      })
  void skipsWholeValuesOfEveryType(String value) {
    assertThat(skip(value + " ,")).as(value).isEqualTo(value.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,]", "[1 2]", "{\"a\" 1}", "{1: 2}", "{\"a\": 1,}", "[}", "tru"})
  void rejectsMalformedValues(String value) {
    assertThat(skip(value)).as(value).isNegative();
  }

  @Test
  void followsNestingToTheLimitWithoutRecursionAndNoFurther() {
    String deepest = "[".repeat(ValueSkipper.MAX_DEPTH) + "]".repeat(ValueSkipper.MAX_DEPTH);
    assertThat(skip(deepest)).isEqualTo(deepest.length());
    String tooDeep =
        "[".repeat(ValueSkipper.MAX_DEPTH + 1) + "]".repeat(ValueSkipper.MAX_DEPTH + 1);
    assertThat(skip(tooDeep)).isEqualTo(JsonScanner.ERR_DEPTH);
    // objects and arrays mixed, beyond one 64-bit word of container kinds
    String mixed = "{\"a\":[".repeat(100) + "1" + "]}".repeat(100);
    assertThat(skip(mixed)).isEqualTo(mixed.length());
  }

  @Test
  void reportsTruncation() {
    assertThat(skip("[1, [2")).isEqualTo(JsonScanner.ERR_EOF);
    assertThat(skip("{\"a\":")).isEqualTo(JsonScanner.ERR_EOF);
  }
}
