package io.recsys.ratings.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The producer with 1, 2, 4... threads sharing one producer: RatingProducer.submit and a plain
 * KafkaProducer with the same settings and events, alternating which goes first; each twice (once
 * in smoke mode), as a single short run varies by 15 % on a shared machine.
 */
final class Scaling {
  private final Launcher launcher;

  Scaling(Launcher launcher) {
    this.launcher = launcher;
  }

  List<HarnessReport.ScalingRow> run() throws Exception {
    Options options = launcher.options();
    List<HarnessReport.ScalingRow> rows = new ArrayList<>();
    int repeats = options.smoke ? 1 : 2;
    int i = 0;
    for (int threads : options.threads) {
      List<SdkProducerRun> sdkRuns = new ArrayList<>();
      List<PlainProducerRun> plainRuns = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        if (i++ % 2 == 0) {
          sdkRuns.add(sdk(threads));
          plainRuns.add(plain(threads));
        } else {
          plainRuns.add(plain(threads));
          sdkRuns.add(sdk(threads));
        }
      }
      rows.add(
          new HarnessReport.ScalingRow(
              threads,
              options.records,
              ProducerWorkers.Api.SUBMIT.argument(),
              repeats,
              Stats.mean(sdkRuns, SdkProducerRun::recordsPerSec),
              Stats.mean(sdkRuns, SdkProducerRun::mbPerSec),
              Stats.mean(sdkRuns, SdkProducerRun::latencyP50Ms),
              Stats.mean(sdkRuns, SdkProducerRun::latencyP99Ms),
              sdkRuns.stream().map(SdkProducerRun::recordsPerSec).toList(),
              Stats.mean(plainRuns, PlainProducerRun::recordsPerSec),
              Stats.mean(plainRuns, PlainProducerRun::mbPerSec),
              plainRuns.stream().map(PlainProducerRun::recordsPerSec).toList()));
    }
    return rows;
  }

  private SdkProducerRun sdk(int threads) throws Exception {
    SdkProducerRun r =
        launcher.ratingProducer(
            "rating-producer-submit-scaling-t" + threads,
            launcher.options().records,
            threads,
            ProducerWorkers.Api.SUBMIT,
            0);
    launcher.logProducer("RatingProducer.submit x" + threads, "scaling", r.figures());
    return r;
  }

  private PlainProducerRun plain(int threads) throws Exception {
    PlainProducerRun r = launcher.kafkaProducer("kafka-producer-scaling-t" + threads, threads);
    launcher
        .out()
        .printf(
            Locale.ROOT,
            "  %-24s %-8s %12.0f records/s %8.2f MB/s%n",
            "KafkaProducer x" + threads,
            "scaling",
            r.recordsPerSec(),
            r.mbPerSec());
    return r;
  }
}
