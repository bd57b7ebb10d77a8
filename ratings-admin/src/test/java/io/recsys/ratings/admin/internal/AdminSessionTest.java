package io.recsys.ratings.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.admin.AdminAuthorizationException;
import io.recsys.ratings.admin.AdminTimeoutException;
import io.recsys.ratings.admin.InvalidTopicSpecException;
import io.recsys.ratings.admin.RatingsAdminException;
import java.time.Duration;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

class AdminSessionTest {

  private static RatingsAdminException translate(Throwable cause, String what) {
    return AdminSession.translate(cause, what, "broker-1:9092", Duration.ofSeconds(7));
  }

  @Test
  void timeoutNamesBootstrapServersCallAndTimeoutAndIsRetriable() {
    RatingsAdminException e =
        translate(new TimeoutException("Timed out waiting for a node"), "describeTopics [ratings]");

    assertThat(e).isInstanceOf(AdminTimeoutException.class).hasCause(e.getCause());
    assertThat(e.retriable()).isTrue();
    assertThat(e.getMessage())
        .contains("broker-1:9092")
        .contains("describeTopics [ratings]")
        .contains("7000 ms")
        .contains("Timed out waiting for a node");
  }

  @Test
  void topicAndClusterAuthorizationFailuresBecomeAuthorizationExceptions() {
    RatingsAdminException topic =
        translate(
            new TopicAuthorizationException("Authorization failed."), "createTopics [ratings]");
    RatingsAdminException cluster =
        translate(new ClusterAuthorizationException("denied"), "describeConfigs [ratings]");

    assertThat(topic).isInstanceOf(AdminAuthorizationException.class);
    assertThat(topic.getMessage()).contains("not authorized").contains("createTopics [ratings]");
    assertThat(topic.retriable()).isFalse();
    assertThat(cluster).isInstanceOf(AdminAuthorizationException.class);
  }

  @Test
  void rejectedSettingsBecomeInvalidTopicSpecExceptionsQuotingTheBroker() {
    RatingsAdminException config =
        translate(
            new InvalidConfigurationException(
                "Invalid value zip for configuration compression.type"),
            "createTopics [ratings]");
    RatingsAdminException replication =
        translate(
            new InvalidReplicationFactorException("Unable to replicate the partition 3 time(s)"),
            "createTopics [ratings]");

    assertThat(config).isInstanceOf(InvalidTopicSpecException.class);
    assertThat(config.getMessage())
        .contains("createTopics [ratings]")
        .contains("Invalid value zip for configuration compression.type");
    assertThat(replication).isInstanceOf(InvalidTopicSpecException.class);
    assertThat(replication.retriable()).isFalse();
  }

  @Test
  void otherFailuresKeepKafkasRetriableVerdict() {
    RatingsAdminException retriable =
        translate(new NotControllerException("moved"), "createTopics");
    RatingsAdminException fatal = translate(new UnsupportedVersionException("old"), "createTopics");

    assertThat(retriable).isExactlyInstanceOf(RatingsAdminException.class);
    assertThat(retriable.retriable()).isTrue();
    assertThat(retriable.getMessage()).contains("createTopics failed on broker-1:9092");
    assertThat(fatal.retriable()).isFalse();
  }

  @Test
  void anSdkExceptionPassesThroughUnchanged() {
    RatingsAdminException original = new RatingsAdminException("x", null, false);

    assertThat(translate(original, "y")).isSameAs(original);
  }
}
