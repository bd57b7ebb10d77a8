package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import io.recsys.ratings.client.consumer.RatingConsumer;
import io.recsys.ratings.client.consumer.RatingConsumerBuilder;
import io.recsys.ratings.schema.RatingBounds;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/** Runs a {@link RatingConsumer} until its stop condition or Ctrl+C, then summarises. */
final class ConsumeRun {

  private final ClientSettings settings;
  private final String topic;
  private final String group;
  private final boolean reset;
  private final boolean deadLetters;
  private final long maxMessages;
  private final Duration idleTimeout;
  private RatingBounds bounds = RatingBounds.defaults();
  private int concurrency = 1;
  private String metricsTopic;
  private MetricsEndpoint metrics; // null: no --metrics-port

  /**
   * @param maxMessages stop after this many records; 0 for no limit
   * @param idleTimeout stop when nothing arrived for this long; zero for never
   */
  ConsumeRun(
      ClientSettings settings,
      String topic,
      String group,
      boolean reset,
      boolean deadLetters,
      long maxMessages,
      Duration idleTimeout) {
    this.settings = settings;
    this.topic = topic;
    this.group = group;
    this.reset = reset;
    this.deadLetters = deadLetters;
    this.maxMessages = maxMessages;
    this.idleTimeout = idleTimeout;
  }

  /** The id ranges records are validated against (default ML-20M). */
  ConsumeRun bounds(RatingBounds bounds) {
    this.bounds = bounds;
    return this;
  }

  /**
   * Runs {@code concurrency} consumers of the group in this process (a {@link
   * RatingConsumerRuntime}) instead of one, and publishes their stats to {@code metricsTopic}.
   *
   * @param concurrency the number of consumers; 1 for the single consumer
   * @param metricsTopic the topic of the stats windows, or null for none
   * @return this run
   */
  ConsumeRun members(int concurrency, String metricsTopic) {
    this.concurrency = concurrency;
    this.metricsTopic = metricsTopic;
    return this;
  }

  /** Serves the consumer's metrics and health on {@code endpoint} (null: none) while it runs. */
  ConsumeRun metrics(MetricsEndpoint endpoint) {
    this.metrics = endpoint;
    return this;
  }

  /**
   * Consumes, then hands the summary to {@code report} while a Ctrl+C still waits for it (so the
   * summary is printed before the JVM exits).
   */
  ConsumeSummary run(PrintWriter err, Consumer<ConsumeSummary> report) {
    RatingConsumerBuilder builder =
        RatingConsumer.builder()
            .property("client.id", "ratings-cli-consumer")
            .properties(settings.consumer())
            .bootstrapServers(settings.bootstrapServers())
            .topic(topic)
            .bounds(bounds)
            .groupId(group)
            .resetToBeginning(reset)
            .maxMessages(maxMessages)
            .closeTimeout(Duration.ofSeconds(10));
    if (!idleTimeout.isZero()) {
      builder.idleTimeout(idleTimeout);
    }
    if (deadLetters) {
      builder.deadLetterTopic(DeadLetterHeaders.DEFAULT_TOPIC);
    }
    if (metricsTopic != null) {
      builder.publishStatsTo(metricsTopic);
    }
    if (metrics != null) {
      builder.observer(metrics.observer());
    }
    if (concurrency > 1) {
      return new ConsumeRuntimeRun(
              settings, topic, group, deadLetters ? DeadLetterHeaders.DEFAULT_TOPIC : null)
          .run(builder, concurrency, metrics, err, report);
    }
    long started = System.nanoTime();
    RatingConsumer consumer = builder.build();
    if (metrics != null) {
      metrics.consumerStarted(consumer);
    }
    StopOnSignal stop = StopOnSignal.install(consumer::wakeup);
    try {
      ConsumerResult result;
      Progress progress =
          Progress.start(
              err,
              () -> consumer.stats().received(),
              () -> progressLine(consumer.stats(), started));
      try {
        result = consumer.run();
      } finally {
        progress.close();
        if (metrics != null) {
          metrics.consumerStopped();
        }
      }
      ConsumeSummary summary =
          ConsumeSummary.of(
              settings.bootstrapServers(),
              topic,
              group,
              deadLetters ? DeadLetterHeaders.DEFAULT_TOPIC : null,
              result);
      report.accept(summary);
      return summary;
    } finally {
      consumer.close();
      stop.close();
    }
  }

  static String progressLine(ConsumerStats s, long started) {
    return String.format(
        Locale.ROOT,
        "consume: %,d records (%,d valid, %,d invalid, %,d malformed), lag %,d, %.0f s",
        s.received(),
        s.valid(),
        s.invalid(),
        s.malformed(),
        s.totalLag(),
        (System.nanoTime() - started) / 1e9);
  }
}
