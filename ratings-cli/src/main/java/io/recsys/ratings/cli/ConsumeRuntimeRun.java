package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.MemberResult;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code consume --concurrency N}: N consumers of the group in a {@link RatingConsumerRuntime}
 * until each has met its stop condition or Ctrl+C drained them all, then one summary of them all.
 */
final class ConsumeRuntimeRun {

  private final ClientSettings settings;
  private final String topic;
  private final String group;
  private final String deadLetterTopic;

  ConsumeRuntimeRun(ClientSettings settings, String topic, String group, String deadLetterTopic) {
    this.settings = settings;
    this.topic = topic;
    this.group = group;
    this.deadLetterTopic = deadLetterTopic;
  }

  /**
   * Starts the members, waits for them to end, hands the summary to {@code report} (while a Ctrl+C
   * still waits for it), prints one line per member to {@code err}; serves the runtime's health on
   * {@code metrics} (null: none) while it runs.
   *
   * @throws CliException if a member died (an exception escaped its run), after the report
   */
  ConsumeSummary run(
      RatingConsumerBuilder template,
      int concurrency,
      MetricsEndpoint metrics,
      PrintWriter err,
      Consumer<ConsumeSummary> report) {
    RatingConsumerRuntime runtime =
        RatingConsumerRuntime.builder(template).concurrency(concurrency).build();
    long started = System.nanoTime();
    StopOnSignal stop = StopOnSignal.install(() -> runtime.stop(Duration.ZERO));
    try {
      runtime.start();
      if (metrics != null) {
        metrics.runtimeStarted(runtime);
      }
      Progress progress =
          Progress.start(
              err,
              () -> runtime.stats().received(),
              () ->
                  ConsumeRun.progressLine(runtime.stats(), started)
                      + String.format(Locale.ROOT, ", %d consumers", concurrency));
      try {
        while (!runtime.awaitTermination(Duration.ofSeconds(1))) {
          if (Thread.currentThread().isInterrupted()) {
            runtime.stop(Duration.ZERO);
            break;
          }
        }
      } finally {
        progress.close();
        if (metrics != null) {
          metrics.consumerStopped();
        }
      }
      List<MemberResult> results = runtime.results();
      ConsumerStats stats = runtime.stats();
      ConsumeSummary summary = summary(results, stats, stop.requested());
      report.accept(summary);
      for (MemberResult r : results) {
        err.printf(
            Locale.ROOT,
            "consumer %s: %,d records, %s%s%n",
            r.name(),
            r.stats().received(),
            r.result()
                .map(x -> x.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .orElse("died"),
            r.error().map(e -> " (" + e.type() + ": " + e.message() + ")").orElse(""));
      }
      err.flush();
      Optional<MemberResult> died = results.stream().filter(r -> r.result().isEmpty()).findFirst();
      if (died.isPresent() && summary.exitCode() == ExitCodes.OK) {
        MemberResult d = died.get();
        throw new CliException(
            ExitCodes.FAILED,
            "consumer "
                + d.name()
                + " failed: "
                + d.error().map(e -> e.type() + ": " + e.message()).orElse("")
                + " (its uncommitted records are read again by the group)");
      }
      return summary;
    } finally {
      runtime.stop(Duration.ofSeconds(30));
      stop.close();
    }
  }

  /**
   * One summary of every member: the stats added up; the stop reason of the first member that ended
   * on a problem, else STOPPED after Ctrl+C, else the first member's.
   */
  private ConsumeSummary summary(
      List<MemberResult> results, ConsumerStats stats, boolean signalled) {
    ConsumerResult chosen = null;
    for (MemberResult r : results) {
      if (r.result().isPresent() && !r.result().get().isOk()) {
        chosen = r.result().get();
        break;
      }
    }
    if (chosen == null && !signalled) {
      chosen = results.stream().flatMap(r -> r.result().stream()).findFirst().orElse(null);
    }
    if (chosen == null) {
      chosen = new ConsumerResult(ConsumerResult.StopReason.STOPPED, stats);
    }
    return new ConsumeSummary(
        settings.bootstrapServers(),
        topic,
        group,
        deadLetterTopic,
        chosen.stopReason(),
        stats,
        chosen.detail(),
        chosen.failedRecord().orElse(null));
  }
}
