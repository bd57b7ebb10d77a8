package io.recsys.ratings.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Send-to-ack latency at a fixed rate (unthrottled runs measure mostly how full the producer's
 * buffer gets): ProducerPerformance {@code --throughput R} and a paced RatingProducer.send, twice
 * each, alternating, for at most 10 seconds each.
 */
final class FixedRate {
  private final Launcher launcher;

  FixedRate(Launcher launcher) {
    this.launcher = launcher;
  }

  HarnessReport.FixedRate run() throws Exception {
    Options options = launcher.options();
    int rate = options.e2eRate;
    int seconds = Math.min(10, options.e2eSeconds);
    int records = rate * seconds;
    List<ToolProducerRun> tool = new ArrayList<>();
    List<SdkProducerRun> sdk = new ArrayList<>();
    for (int rep = 1; rep <= 2; rep++) {
      for (int k = 0; k < 2; k++) {
        if ((k == 0) == (rep == 1)) { // the tool first in the first repetition
          ToolProducerRun r =
              launcher.producerPerformance(
                  "producer-performance-fixed-" + rep, Harness.TOPIC, records, rate);
          launcher.logProducer("ProducerPerformance " + rate + "/s", "run " + rep, r.figures());
          tool.add(r);
        } else {
          SdkProducerRun r =
              launcher.ratingProducer(
                  "rating-producer-fixed-" + rep, records, 1, ProducerWorkers.Api.SEND, rate);
          launcher.logProducer("RatingProducer.send " + rate + "/s", "run " + rep, r.figures());
          sdk.add(r);
        }
      }
    }
    return new HarnessReport.FixedRate(rate, seconds, tool, sdk);
  }
}
