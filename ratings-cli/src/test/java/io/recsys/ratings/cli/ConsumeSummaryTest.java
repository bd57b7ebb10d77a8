package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerResult.StopReason;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.FailedRecord;
import io.recsys.ratings.client.consumer.RatingConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

/** How `consume` maps a consumer's stop reason to its exit code and message. */
class ConsumeSummaryTest {

  private static ConsumerStats emptyStats() {
    return RatingConsumer.builder()
        .groupId("g")
        .idleTimeout(Duration.ofMillis(10))
        .build(new MockConsumer<>("earliest"), null)
        .run()
        .stats();
  }

  private static ConsumeSummary summary(ConsumerResult result) {
    return ConsumeSummary.of("localhost:9092", "ratings", "g", null, result);
  }

  @Test
  void stopConditionsAskedForExitZero() {
    for (StopReason r :
        new StopReason[] {StopReason.MAX_MESSAGES, StopReason.IDLE_TIMEOUT, StopReason.STOPPED}) {
      ConsumeSummary s = summary(new ConsumerResult(r, emptyStats()));
      assertThat(s.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(s.problem()).isEmpty();
    }
  }

  @Test
  void unreachableClusterExitsThreeWithAMessage() {
    ConsumeSummary s =
        summary(
            new ConsumerResult(
                StopReason.CLUSTER_UNREACHABLE,
                emptyStats(),
                "No broker of localhost:9092 answered within the startup timeout of 10000 ms.",
                Optional.empty()));
    assertThat(s.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(s.problem()).contains("localhost:9092").contains("--bootstrap-servers");
    assertThat(s.toText()).contains("Stopped on a problem");
  }

  @Test
  void missingTopicExitsOneNamingCreateTopics() {
    ConsumeSummary s =
        summary(new ConsumerResult(StopReason.TOPIC_NOT_FOUND, emptyStats(), "", Optional.empty()));
    assertThat(s.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(s.problem()).contains("'ratings'").contains("ratings create-topics");
  }

  @Test
  void consumerStoppedByItsFailurePolicyExitsOneWithTheRecordsCoordinates() {
    FailedRecord failed = new FailedRecord("ratings", 3, 1234, 3, "java.io.IOException", "db down");
    ConsumeSummary s =
        summary(
            new ConsumerResult(
                StopReason.HANDLER_FAILED, emptyStats(), "stopped", Optional.of(failed)));
    assertThat(s.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(s.problem()).contains("ratings-3@1234").contains("db down");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) s.toJson().get("failedRecord");
    assertThat(json).containsEntry("partition", 3).containsEntry("offset", 1234L);
    assertThat(s.toJson()).containsKey("failures").containsEntry("stopReason", "HANDLER_FAILED");
  }
}
