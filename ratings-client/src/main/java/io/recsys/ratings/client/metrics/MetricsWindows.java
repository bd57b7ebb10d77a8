package io.recsys.ratings.client.metrics;

import io.recsys.ratings.client.ClientStats;
import io.recsys.ratings.client.LatencySummary;
import io.recsys.ratings.schema.MetricsEvent;

/** Turns two consecutive stats snapshots into the metrics event of the window between them. */
final class MetricsWindows {
  private MetricsWindows() {}

  /**
   * The window from one snapshot to the next.
   *
   * @param source the metrics source name
   * @param startMs the window start (the previous snapshot's time), epoch ms
   * @param startCount the event count at the window start
   * @param now the snapshot at the window end
   * @return the event: count and throughput of the window, latency percentiles cumulative
   */
  public static MetricsEvent window(String source, long startMs, long startCount, ClientStats now) {
    long endMs = Math.max(startMs, now.timestampMs());
    long count = Math.max(0, now.eventCount() - startCount);
    long spanMs = endMs - startMs;
    double throughput = spanMs <= 0 ? 0.0 : count * 1000.0 / spanMs;
    LatencySummary l = now.latency();
    return MetricsEvent.of(
        startMs, endMs, source, count, throughput, l.p50Ms(), l.p95Ms(), l.p99Ms());
  }
}
