package io.recsys.ratings.compat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The few tests of ratings-client that cannot run on kafka-clients 3.9 because the test code itself
 * (not the SDK) uses a kafka-clients 4 API; each is reported as skipped with its reason. Registered
 * for every test of this module through JUnit's extension auto-detection (see the pom).
 */
public final class NotOnKafkaClients39 implements ExecutionCondition {
  private static final String CLIENT = "io.recsys.ratings.client.";

  /** Test class, or test class {@code #} method, and why it does not run here. */
  static final Map<String, String> EXCLUDED =
      Map.of(
          CLIENT + "consumer.RatingConsumerLoopTest",
          "built on kafka-clients 4 test doubles (MockConsumer(String) and its"
              + " close(CloseOptions) hook); the consumer loop runs here through every consumer"
              + " broker test",
          CLIENT + "consumer.FailurePolicyLoopTest",
          "built on kafka-clients 4 test doubles (MockConsumer(String) and its"
              + " close(CloseOptions) hook); the failure policy runs here through"
              + " FailurePolicyIntegrationTest",
          CLIENT + "RatingClientIntegrationTest#batchesAreLz4CompressedOnTheBrokersDisk",
          "reads the broker's log segments with FileRecords, whose package moved in"
              + " kafka-clients 4 (a test of the broker's disk, not of the client)",
          CLIENT
              + "reliability.FailurePolicyIntegrationTest"
              + "#recordFailingTwiceIsHandledOnceInOrderWithoutRebalanceDuringABackoffLongerThan"
              + "PollInterval",
          "asks the group's state through ConsumerGroupDescription.groupState(), new in"
              + " kafka-clients 4.0");

  /** Created by JUnit. */
  public NotOnKafkaClients39() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Class<?>> type = context.getTestClass();
    if (type.isEmpty()) {
      return ConditionEvaluationResult.enabled("not a test class");
    }
    String key = type.get().getName();
    Optional<Method> method = context.getTestMethod();
    if (method.isPresent()) {
      key += "#" + method.get().getName();
    }
    String reason = EXCLUDED.get(key);
    return reason == null
        ? ConditionEvaluationResult.enabled("runs on kafka-clients 3.9")
        : ConditionEvaluationResult.disabled("not on kafka-clients 3.9: " + reason);
  }
}
