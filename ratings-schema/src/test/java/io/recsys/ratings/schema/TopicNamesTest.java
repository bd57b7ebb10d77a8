package io.recsys.ratings.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void retryTopicNamesWriteTheDelayInTheLargestWholeUnit() {
    assertThat(TopicNames.retryTopic("ratings", Duration.ofSeconds(1)))
        .isEqualTo("ratings.retry.1s");
    assertThat(TopicNames.retryTopic("ratings", Duration.ofSeconds(30)))
        .isEqualTo("ratings.retry.30s");
    assertThat(TopicNames.retryTopic("ratings", Duration.ofMinutes(5)))
        .isEqualTo("ratings.retry.5m");
    assertThat(TopicNames.retryTopic("ratings", Duration.ofMinutes(60)))
        .isEqualTo("ratings.retry.1h");
    assertThat(TopicNames.retryTopic("ratings", Duration.ofHours(36)))
        .isEqualTo("ratings.retry.36h");
  }

  @Test
  void delaysThatAreNoWholeSmallUnitAreWrittenInMilliseconds() {
    assertThat(TopicNames.delaySuffix(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(TopicNames.delaySuffix(Duration.ofSeconds(90))).isEqualTo("90000ms");
    assertThat(TopicNames.delaySuffix(Duration.ofMinutes(90))).isEqualTo("5400000ms");
    assertThat(TopicNames.delaySuffix(Duration.ofMillis(1))).isEqualTo("1ms");
  }

  @Test
  void rejectsDelaysThatAreNotPositiveWholeMilliseconds() {
    assertThatThrownBy(() -> TopicNames.delaySuffix(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> TopicNames.delaySuffix(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicNames.delaySuffix(Duration.ofNanos(1_500_000)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicNames.retryTopic(" ", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
