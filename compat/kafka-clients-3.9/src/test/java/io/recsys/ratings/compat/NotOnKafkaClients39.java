package io.recsys.ratings.compat;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests of ratings-client that cannot run on kafka-clients 3.9 because the test code itself
 * (not the SDK) uses a kafka-clients 4 API; each is reported as skipped with its reason. Registered
 * for every test of this module through JUnit's extension auto-detection (see the pom).
 */
public final class NotOnKafkaClients39 implements ExecutionCondition {
  private static final String CLIENT = "io.recsys.ratings.client.";

  /** Test class, or test class {@code #} method, and why it does not run here. */
  static final Map<String, String> EXCLUDED =
      Map.of(
          CLIENT + "RatingClientIntegrationTest#batchesAreLz4CompressedOnTheBrokersDisk",
          "reads the broker's log segments with FileRecords, whose package moved in"
              + " kafka-clients 4 (a test of the broker's disk, not of the client)");

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
