package io.recsys.ratings.benchmarks.harness;

import java.util.Locale;

/** End-to-end latency at a fixed rate on a topic of its own: one {@link EndToEndWorker} run. */
final class EndToEnd {
  private final Launcher launcher;

  EndToEnd(Launcher launcher) {
    this.launcher = launcher;
  }

  EndToEndRun run() throws Exception {
    EndToEndRun r = launcher.endToEnd(Harness.E2E_TOPIC);
    launcher
        .out()
        .printf(
            Locale.ROOT,
            "  %-22s %d/s for %d s: p50 %.0f ms  p99 %.0f ms  p99.9 %.0f ms  max %.0f ms%n",
            "end-to-end",
            r.rate(),
            r.seconds(),
            r.p50Ms(),
            r.p99Ms(),
            r.p999Ms(),
            r.maxMs());
    return r;
  }
}
