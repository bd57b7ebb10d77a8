package io.recsys.ratings.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recsys.ratings.testkit.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real network calls to a port nobody listens on; no broker needed, but slow-ish, hence tagged. */
@IntegrationTest
class UnreachableClusterIntegrationTest {

  private static final String NOBODY = "localhost:1";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** A hang guard, not a speed goal: the call must end within its timeout plus this slack. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  private static AdminSettings settings() {
    return AdminSettings.builder().bootstrapServers(NOBODY).timeout(TIMEOUT).build();
  }

  @Test
  void planAgainstUnreachableBootstrapFailsInBoundedTimeNamingServersAndTimeout() {
    try (TopicProvisioner provisioner = TopicProvisioner.create(settings())) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> provisioner.plan(TopicSpec.pipeline()))
          .isInstanceOf(AdminTimeoutException.class)
          .hasMessageContaining(NOBODY)
          .hasMessageContaining("3000 ms")
          .hasMessageContaining("describeTopics")
          .satisfies(e -> assertThat(((RatingsAdminException) e).retriable()).isTrue());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    }
  }

  @Test
  void inspectorAgainstUnreachableBootstrapFailsInBoundedTime() {
    try (ClusterInspector inspector = ClusterInspector.create(settings())) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> inspector.describeTopics(List.of("ratings")))
          .isInstanceOf(AdminTimeoutException.class)
          .hasMessageContaining(NOBODY);
      assertThatThrownBy(() -> inspector.describeGroup("g"))
          .isInstanceOf(AdminTimeoutException.class)
          .hasMessageContaining(NOBODY);

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(TIMEOUT.multipliedBy(2).plus(SLACK));
    }
  }

  @Test
  void unresolvableBootstrapHostFailsAtOnceNamingIt() {
    AdminSettings settings =
        AdminSettings.builder()
            .bootstrapServers("no-such-host.invalid:9092")
            .timeout(TIMEOUT)
            .build();

    assertThatThrownBy(() -> TopicProvisioner.create(settings).close())
        .isInstanceOf(RatingsAdminException.class)
        .hasMessageContaining("no-such-host.invalid:9092");
  }
}
