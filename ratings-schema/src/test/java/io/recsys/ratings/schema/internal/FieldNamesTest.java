package io.recsys.ratings.schema.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userId | 0",
        "movieId | 1",
        "rating | 2",
        "timestamp | 3",
        "user\\u0049d | 0",
        "\\u0072ating | 2",
        "movie\\u0049\\u0064 | 1",
        "userid | -1",
        "userId2 | -1",
        "user\\nId | -1",
        "é | -1",
        "'' | -1"
      })
  void findsTheFieldANameDenotes(String name, int field) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    assertThat(FieldNames.fieldOf(b, 0, b.length)).as(name).isEqualTo(field);
  }

  @org.junit.jupiter.api.Test
  void namesTheMissingFields() {
    assertThat(FieldNames.missing(0)).isEqualTo("userId, movieId, rating, timestamp");
    assertThat(FieldNames.missing(0b0101)).isEqualTo("movieId, timestamp");
    assertThat(FieldNames.missing(FieldNames.ALL_FIELDS)).isEmpty();
  }
}
