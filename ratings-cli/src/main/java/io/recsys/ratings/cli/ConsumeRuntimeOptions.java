package io.recsys.ratings.cli;

import io.recsys.ratings.admin.TopicSpec;
import io.recsys.ratings.client.consumer.RatingConsumerRuntime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code consume}'s options for several consumers in one process and for publishing stats. */
final class ConsumeRuntimeOptions {

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run N consumers of the group in this process, each on its own thread; the summary adds"
              + " them up and Ctrl+C drains every one (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--publish-stats",
      description =
          "Publish the consumer's stats windows as MetricsEvents to the metrics topic (one source"
              + " per consumer: its client id).")
  boolean publishStats;

  @Option(
      names = "--metrics-topic",
      paramLabel = "TOPIC",
      description =
          "The topic of --publish-stats (default: "
              + TopicSpec.METRICS_TOPIC
              + "); giving it turns --publish-stats on.")
  String metricsTopic;

  /** Checks the values; {@code maxMessages} cannot be split between several consumers. */
  void validate(CommandSpec spec, long maxMessages) {
    if (concurrency < 1 || concurrency > RatingConsumerRuntime.MAX_CONCURRENCY) {
      throw new ParameterException(
          spec.commandLine(),
          "--concurrency must be between 1 and "
              + RatingConsumerRuntime.MAX_CONCURRENCY
              + ", was "
              + concurrency);
    }
    if (concurrency > 1 && maxMessages > 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-messages cannot be combined with --concurrency above 1 (each consumer would stop"
              + " on its own count); use --timeout or Ctrl+C");
    }
    if (metricsTopic != null) {
      OptionChecks.topic(spec, "--metrics-topic", metricsTopic);
    }
  }

  /** The topic to publish stats to, or null for none. */
  String statsTopic() {
    if (metricsTopic != null) {
      return metricsTopic;
    }
    return publishStats ? TopicSpec.METRICS_TOPIC : null;
  }
}
