package io.recsys.ratings.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.schema.MetricsEvent;
import org.junit.jupiter.api.Test;

class MetricsWindowsTest {

  @Test
  void metricsWindowHasDeltaCountAndRate() {
    ClientStats now =
        new ClientStats() {
          @Override
          public long timestampMs() {
            return 12_000;
          }

          @Override
          public long eventCount() {
            return 1_500;
          }

          @Override
          public LatencySummary latency() {
            return new LatencySummary(1500, 2, 1, 3, 4, 5, 6);
          }
        };
    MetricsEvent e = MetricsWindows.window("src", 10_000, 500, now);
    assertThat(e.windowStart()).isEqualTo(10_000);
    assertThat(e.windowEnd()).isEqualTo(12_000);
    assertThat(e.count()).isEqualTo(1_000);
    assertThat(e.throughput()).isEqualTo(500.0);
    assertThat(e.latencyP50Ms()).isEqualTo(1);
    assertThat(e.latencyP95Ms()).isEqualTo(3);
    assertThat(e.latencyP99Ms()).isEqualTo(4);
    assertThat(MetricsWindows.window("src", 12_000, 1_500, now).throughput()).isZero();
  }
}
