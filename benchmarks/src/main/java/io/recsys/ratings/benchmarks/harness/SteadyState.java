package io.recsys.ratings.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The consumers at steady state: {@code --steady-state N} records written once by
 * ProducerPerformance, then read {@code --steady-state-pairs} times by ConsumerPerformance and by
 * RatingConsumer (new groups), the order alternating. The rounds' runs last 1-2 seconds and are
 * dominated by the JVMs' start-up (JIT compilation takes most of a core meanwhile); these long
 * reads show the per-record costs, and their ratios are taken pair by pair.
 */
final class SteadyState {
  private final Launcher launcher;

  SteadyState(Launcher launcher) {
    this.launcher = launcher;
  }

  HarnessReport.SteadyState run() throws Exception {
    Options options = launcher.options();
    int records = options.steadyStateRecords;
    String topic = Harness.STEADY_STATE_TOPIC;
    launcher.producerPerformance("steady-state-producer", topic, records, -1);
    List<HarnessReport.SteadyStatePair> pairs = new ArrayList<>();
    for (int i = 1; i <= options.steadyStatePairs; i++) {
      ToolConsumerRun tool;
      SdkConsumerRun sdk;
      if (i % 2 == 1) { // alternate which one goes first
        tool = tool(i, records);
        sdk = sdk(i, records);
      } else {
        sdk = sdk(i, records);
        tool = tool(i, records);
      }
      sdk = sdk.withBytesPerRecord(tool.bytesPerRecord());
      HarnessReport.SteadyStatePair pair =
          new HarnessReport.SteadyStatePair(
              i,
              tool,
              sdk,
              sdk.recordsPerSec() / tool.recordsPerSec(),
              sdk.fetchRecordsPerSec() / tool.fetchRecordsPerSec());
      launcher
          .out()
          .printf(
              Locale.ROOT,
              "  steady state %d/%d: ConsumerPerformance %,.0f records/s (%,.0f first to last),"
                  + " RatingConsumer %,.0f (%,.0f), ratio %.2fx (%.2fx); RatingConsumer polling"
                  + " thread %.0f ns CPU/record%n",
              i,
              options.steadyStatePairs,
              tool.recordsPerSec(),
              tool.fetchRecordsPerSec(),
              sdk.recordsPerSec(),
              sdk.fetchRecordsPerSec(),
              pair.recordsPerSecRatio(),
              pair.fetchRecordsPerSecRatio(),
              sdk.pollingThreadCpuNsPerRecord());
      pairs.add(pair);
    }
    return new HarnessReport.SteadyState(topic, records, pairs);
  }

  private ToolConsumerRun tool(int pair, int records) throws Exception {
    return launcher.consumerPerformance(
        "steady-state-consumer-performance-" + pair,
        Harness.STEADY_STATE_TOPIC,
        "harness-steady-tool-" + pair,
        records);
  }

  private SdkConsumerRun sdk(int pair, int records) throws Exception {
    return launcher.ratingConsumer(
        "steady-state-sdk-consumer-" + pair,
        Workers.SDK_CONSUMER,
        Harness.STEADY_STATE_TOPIC,
        records,
        "harness-steady-sdk-" + pair);
  }
}
