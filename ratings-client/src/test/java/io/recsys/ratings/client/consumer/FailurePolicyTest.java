package io.recsys.ratings.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.client.RatingsConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure policy's builder checks, defaults, backoff arithmetic and retry-topic names. */
class FailurePolicyTest {

  @Test
  void defaultsAreThreeAttemptsExponentialBackoffAndValidationFailuresNotRetried() {
    FailurePolicy p = FailurePolicy.defaults();
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.initialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.multiplier()).isEqualTo(2.0);
    assertThat(p.maxInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.jitter()).isEqualTo(0.1);
    assertThat(p.retryTopicDelays()).isEmpty();
    assertThat(p.recoverer()).isEmpty();
    assertThat(p.recovererFor(true)).isEqualTo(FailurePolicy.Recoverer.DEAD_LETTER);
    assertThat(p.recovererFor(false)).isEqualTo(FailurePolicy.Recoverer.STOP);
    assertThat(p.isRetryable(new IOException("db down"))).isTrue();
    assertThat(p.isRetryable(new IllegalStateException("busy"))).isTrue();
    assertThat(p.isRetryable(new IllegalArgumentException("bad"))).isFalse();
    assertThat(p.isRetryable(new NumberFormatException("x"))).isFalse();
    assertThat(p.isRetryable(new ClassCastException())).isFalse();
    assertThat(p.isRetryable(new RuntimeException(new IllegalArgumentException("wrapped"))))
        .isFalse();
    assertThat(p.isRetryable(new UncheckedIOException(new IOException("io")))).isTrue();
  }

  @Test
  void chosenRecovererWinsOverTheDefault() {
    FailurePolicy skip = FailurePolicy.builder().recoverer(FailurePolicy.Recoverer.SKIP).build();
    assertThat(skip.recovererFor(true)).isEqualTo(FailurePolicy.Recoverer.SKIP);
    assertThat(skip.recovererFor(false)).isEqualTo(FailurePolicy.Recoverer.SKIP);
  }

  @Test
  void backoffGrowsByTheMultiplierUpToTheCapWithoutJitter() {
    FailurePolicy p =
        FailurePolicy.builder()
            .backoff(Duration.ofMillis(100), 3, Duration.ofSeconds(2))
            .jitter(0)
            .build();
    assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(300));
    assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(900));
    assertThat(p.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(2)); // 2700 capped
    assertThat(p.backoff(60, 0.5)).isEqualTo(Duration.ofSeconds(2)); // no overflow
  }

  @Test
  void jitterSpreadsEachBackoffWithinItsBandAndNeverAboveTheCap() {
    FailurePolicy p =
        FailurePolicy.builder()
            .backoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(10))
            .jitter(0.2)
            .build();
    assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(1000));
    assertThat(p.backoff(1, 0.999_999)).isEqualTo(Duration.ofMillis(1200));
    assertThat(p.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(1600));
    assertThat(p.backoff(10, 0.0)).isEqualTo(Duration.ofSeconds(8)); // 80 % of the cap
    assertThat(p.backoff(10, 0.999)).isEqualTo(Duration.ofSeconds(10)); // capped, not 12 s
    for (int i = 0; i < 1_000; i++) {
      assertThat(p.backoff(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    }
    assertThatThrownBy(() -> p.backoff(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroBackoffIsAllowedForImmediateRetries() {
    FailurePolicy p =
        FailurePolicy.builder().backoff(Duration.ZERO, 1, Duration.ZERO).maxAttempts(5).build();
    assertThat(p.backoff(4, 0.3)).isZero();
  }

  @Test
  void builderRejectsEachBadValueNamingItAndTheRange() {
    assertThatThrownBy(() -> FailurePolicy.builder().maxAttempts(0))
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("maxAttempts must be between 1 and 100 but was 0");
    assertThatThrownBy(() -> FailurePolicy.builder().maxAttempts(101))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> FailurePolicy.builder().initialInterval(Duration.ofMillis(-1)))
        .hasMessageContaining("initialInterval must be between");
    assertThatThrownBy(() -> FailurePolicy.builder().initialInterval(Duration.ofHours(2)))
        .hasMessageContaining("initialInterval");
    assertThatThrownBy(() -> FailurePolicy.builder().multiplier(0.5))
        .hasMessageContaining("multiplier must be between 1.0 and 100.0 but was 0.5");
    assertThatThrownBy(() -> FailurePolicy.builder().multiplier(Double.NaN))
        .hasMessageContaining("multiplier");
    assertThatThrownBy(() -> FailurePolicy.builder().jitter(1.5))
        .hasMessageContaining("jitter must be between 0.0 and 1.0 but was 1.5");
    assertThatThrownBy(() -> FailurePolicy.builder().maxInterval(null))
        .hasMessageContaining("maxInterval");
    assertThatThrownBy(() -> FailurePolicy.builder().notRetryable(null))
        .hasMessageContaining("notRetryable must not be null");
    assertThatThrownBy(() -> FailurePolicy.builder().recoverer(null))
        .hasMessageContaining("recoverer must not be null");
    assertThatThrownBy(
            () ->
                FailurePolicy.builder()
                    .initialInterval(Duration.ofSeconds(5))
                    .maxInterval(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("maxInterval (PT1S) must not be below initialInterval (PT5S)");
    assertThatThrownBy(() -> FailurePolicy.builder().retryTopics(Duration.ZERO))
        .hasMessageContaining("retry topic delay must be between");
    assertThatThrownBy(() -> FailurePolicy.builder().retryTopics(Duration.ofNanos(1_500_000)))
        .hasMessageContaining("whole milliseconds");
    assertThatThrownBy(
            () ->
                FailurePolicy.builder().retryTopics(Duration.ofSeconds(60), Duration.ofMinutes(1)))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> FailurePolicy.builder().retryTopics(new Duration[11]))
        .hasMessageContaining("at most 10");
  }

  @Test
  void retryTopicNamesFollowTheNamingRule() {
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofSeconds(1)))
        .isEqualTo("ratings.retry.1s");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofSeconds(30)))
        .isEqualTo("ratings.retry.30s");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofSeconds(60)))
        .isEqualTo("ratings.retry.1m");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofSeconds(90)))
        .isEqualTo("ratings.retry.90000ms");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofMinutes(59)))
        .isEqualTo("ratings.retry.59m");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofMinutes(60)))
        .isEqualTo("ratings.retry.1h");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofHours(24)))
        .isEqualTo("ratings.retry.24h");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofMinutes(90)))
        .isEqualTo("ratings.retry.5400000ms");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofMillis(1500)))
        .isEqualTo("ratings.retry.1500ms");
    assertThat(FailurePolicy.retryTopicName("ratings", Duration.ofMillis(250)))
        .isEqualTo("ratings.retry.250ms");
    FailurePolicy p =
        FailurePolicy.builder().retryTopics(Duration.ofSeconds(1), Duration.ofSeconds(30)).build();
    assertThat(p.retryTopicDelays())
        .isEqualTo(List.of(Duration.ofSeconds(1), Duration.ofSeconds(30)));
  }

  @Test
  void consumerBuilderRejectsDeadLetterRecovererWithoutDeadLetterTopic() {
    FailurePolicy dl =
        FailurePolicy.builder().recoverer(FailurePolicy.Recoverer.DEAD_LETTER).build();
    assertThatThrownBy(
            () ->
                RatingConsumer.builder()
                    .bootstrapServers("localhost:9092")
                    .groupId("g")
                    .failurePolicy(dl)
                    .describe())
        .isInstanceOf(RatingsConfigException.class)
        .hasMessageContaining("DEAD_LETTER needs a dead-letter topic");
    assertThat(
            RatingConsumer.builder()
                .bootstrapServers("localhost:9092")
                .groupId("g")
                .deadLetterTopic()
                .failurePolicy(dl)
                .describe())
        .contains("recoverer=DEAD_LETTER");
  }

  @Test
  void deadLetterProducerTimeoutsComeFromTheConsumerSettingsUnlessOverridden() {
    String d =
        RatingConsumer.builder()
            .bootstrapServers("localhost:9092")
            .groupId("g")
            .deadLetterTopic()
            .deadLetterTimeout(Duration.ofSeconds(4))
            .describe();
    assertThat(d)
        .contains("max.block.ms=4000")
        .contains("delivery.timeout.ms=4000")
        .contains("request.timeout.ms=3995");
    String overridden =
        RatingConsumer.builder()
            .bootstrapServers("localhost:9092")
            .groupId("g")
            .deadLetterTopic()
            .deadLetterProperty("max.block.ms", 1234)
            .describe();
    assertThat(overridden).contains("max.block.ms=1234");
    assertThatThrownBy(() -> RatingConsumer.builder().deadLetterTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("deadLetterTimeout must be between");
    assertThatThrownBy(() -> RatingConsumer.builder().startupTimeout(Duration.ZERO))
        .hasMessageContaining("startupTimeout must be between");
  }
}
