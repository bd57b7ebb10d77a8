package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameLegalityTest {

  @ParameterizedTest
  @ValueSource(strings = {"ratings", "a", "ratings.dlq", "ratings_v2", "ratings-retry-1", "..."})
  void acceptsLegalNames(String name) {
    assertThat(TopicNames.isLegal(name)).as(name).isTrue();
    assertThat(TopicNames.problem(name)).isNull();
  }

  @Test
  void acceptsTheLongestNameAndRejectsOneMore() {
    assertThat(TopicNames.isLegal("a".repeat(249))).isTrue();
    assertThat(TopicNames.isLegal("a".repeat(250))).isFalse();
    assertThat(TopicNames.problem("a".repeat(250)))
        .isEqualTo("must be 1..249 characters long, was 250");
  }

  @Test
  void rejectsEmptyDotsAndIllegalCharacters() {
    assertThat(TopicNames.problem("")).isEqualTo("must be 1..249 characters long, was 0");
    assertThat(TopicNames.problem(".")).isEqualTo("must not be '.' or '..'");
    assertThat(TopicNames.problem("..")).isEqualTo("must not be '.' or '..'");
    for (String bad : new String[] {"rat ings", "rätings", "a/b", "a:b", "a\nb", "a*"}) {
      assertThat(TopicNames.isLegal(bad)).as(bad).isFalse();
      assertThat(TopicNames.problem(bad))
          .isEqualTo("may contain only ASCII letters, digits, '.', '_' and '-'");
    }
    assertThat(TopicNames.isLegal(null)).isFalse();
  }
}
