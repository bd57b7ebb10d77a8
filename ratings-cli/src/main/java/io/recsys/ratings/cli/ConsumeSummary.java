package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.ConsumerResult;
import io.recsys.ratings.client.consumer.ConsumerStats;
import io.recsys.ratings.client.consumer.FailedRecord;
import io.recsys.ratings.client.consumer.FailureStats;
import io.recsys.ratings.client.consumer.PartitionProgress;
import io.recsys.ratings.client.consumer.RatingDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a consume run did: the consumer's final stats plus where it ran, and for a run that ended on
 * a problem what happened ({@code detail}, and the record a failure policy stopped on).
 */
record ConsumeSummary(
    String bootstrapServers,
    String topic,
    String group,
    String deadLetterTopic,
    ConsumerResult.StopReason stopReason,
    ConsumerStats stats,
    String detail,
    FailedRecord failedRecord) {

  ConsumeSummary(
      String bootstrapServers,
      String topic,
      String group,
      String deadLetterTopic,
      ConsumerResult.StopReason stopReason,
      ConsumerStats stats) {
    this(bootstrapServers, topic, group, deadLetterTopic, stopReason, stats, "", null);
  }

  /** The summary of a consumer's result. */
  static ConsumeSummary of(
      String bootstrapServers,
      String topic,
      String group,
      String deadLetterTopic,
      ConsumerResult result) {
    return new ConsumeSummary(
        bootstrapServers,
        topic,
        group,
        deadLetterTopic,
        result.stopReason(),
        result.stats(),
        result.detail(),
        result.failedRecord().orElse(null));
  }

  /** The exit code of the run ({@link ExitCodes#forStop}). */
  int exitCode() {
    return ExitCodes.forStop(stopReason);
  }

  /**
   * The error message for a run that ended on a problem: names the record (and its topic, partition
   * and offset) a failure policy stopped on, or the missing topic and the command that creates it,
   * or the unreachable cluster.
   */
  String problem() {
    return switch (stopReason) {
      case HANDLER_FAILED ->
          "the handler failed on "
              + (failedRecord == null ? "a record" : failedRecord.toString())
              + "; the consumer stopped without committing it (rerun to read it again)";
      case TOPIC_NOT_FOUND ->
          detail.isEmpty()
              ? "topic '"
                  + topic
                  + "' does not exist on "
                  + bootstrapServers
                  + ". Create it first: ratings create-topics --bootstrap-servers "
                  + bootstrapServers
              : detail + " (ratings create-topics --bootstrap-servers " + bootstrapServers + ")";
      case CLUSTER_UNREACHABLE ->
          (detail.isEmpty() ? "cannot reach Kafka at " + bootstrapServers : detail)
              + " Pass --bootstrap-servers HOST:PORT, or run `ratings demo`, which starts its own"
              + " broker.";
      default -> "";
    };
  }

  Map<Double, Long> distribution() {
    Map<Double, Long> counts = new LinkedHashMap<>();
    List<Long> buckets = stats.ratingDistribution().counts();
    for (int i = 0; i < RatingDistribution.BUCKETS; i++) {
      counts.put((i + 1) / 2.0, buckets.get(i));
    }
    return counts;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "consume");
    json.put("bootstrapServers", bootstrapServers);
    json.put("topic", topic);
    json.put("group", group);
    json.put("deadLetterTopic", deadLetterTopic);
    json.put("stopReason", stopReason.name());
    if (!detail.isEmpty()) {
      json.put("stopDetail", detail);
    }
    if (failedRecord != null) {
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("topic", failedRecord.topic());
      failed.put("partition", failedRecord.partition());
      failed.put("offset", failedRecord.offset());
      failed.put("attempts", failedRecord.attempts());
      failed.put("exception", failedRecord.exceptionClass());
      failed.put("reason", failedRecord.reason());
      json.put("failedRecord", failed);
    }
    long total = stats.received();
    json.put("total", total);
    json.put("valid", stats.valid());
    json.put("invalid", stats.invalid());
    json.put("malformed", stats.malformed());
    json.put("processingErrors", stats.processingErrors());
    json.put("deadLettered", stats.deadLettered());
    FailureStats f = stats.failures();
    Map<String, Object> failures = new LinkedHashMap<>();
    failures.put("handlerFailures", f.handlerFailures());
    failures.put("retries", f.retries());
    failures.put("recoveredAfterRetry", f.recoveredAfterRetry());
    failures.put("notRetryable", f.notRetryable());
    failures.put("sentToRetryTopic", f.sentToRetryTopic());
    failures.put("deadLetteredInvalid", f.deadLetteredInvalid());
    failures.put("deadLetteredMalformed", f.deadLetteredMalformed());
    failures.put("deadLetteredProcessingError", f.deadLetteredProcessingError());
    failures.put("reducedDeadLetters", f.reducedDeadLetters());
    failures.put("skipped", f.skipped());
    failures.put("dropped", f.dropped());
    failures.put("stopped", f.stopped());
    failures.put("topicRecreations", f.topicRecreations());
    json.put("failures", failures);
    Map<String, Object> pct = new LinkedHashMap<>();
    pct.put("valid", pct(stats.valid(), total));
    pct.put("invalid", pct(stats.invalid(), total));
    pct.put("malformed", pct(stats.malformed(), total));
    pct.put("processingErrors", pct(stats.processingErrors(), total));
    json.put("percent", pct);
    json.put("durationMs", stats.elapsed().toMillis());
    json.put("throughputPerSec", stats.throughputPerSecond());
    json.put("eventLatencyMs", Reports.latencyJson(stats.eventLatency()));
    json.put("recordLatencyMs", Reports.latencyJson(stats.recordLatency()));
    Map<String, Object> dist = new LinkedHashMap<>();
    distribution().forEach((r, c) -> dist.put(String.format(Locale.ROOT, "%.1f", r), c));
    json.put("ratingDistribution", dist);
    json.put("meanRating", stats.ratingDistribution().mean());
    json.put("totalLag", stats.totalLag());
    List<Object> parts = new ArrayList<>();
    for (PartitionProgress p : stats.partitions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("topic", p.topic());
      row.put("partition", p.partition());
      row.put("position", p.position());
      row.put("lag", p.lag());
      parts.add(row);
    }
    json.put("partitions", parts);
    return json;
  }

  private static double pct(long part, long total) {
    return total == 0 ? 0 : 100.0 * part / total;
  }

  String toText() {
    long total = stats.received();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Consumed '%s' on %s as group '%s' (stopped: %s)%n",
            topic,
            bootstrapServers,
            group,
            stopReason.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("total", Reports.count(total), Reports.share(total, total)));
    rows.add(List.of("valid", Reports.count(stats.valid()), Reports.share(stats.valid(), total)));
    rows.add(
        List.of("invalid", Reports.count(stats.invalid()), Reports.share(stats.invalid(), total)));
    rows.add(
        List.of(
            "malformed",
            Reports.count(stats.malformed()),
            Reports.share(stats.malformed(), total)));
    rows.add(
        List.of(
            "processing errors",
            Reports.count(stats.processingErrors()),
            Reports.share(stats.processingErrors(), total)));
    rows.add(
        List.of(
            "dead-lettered" + (deadLetterTopic == null ? " (off)" : " to " + deadLetterTopic),
            Reports.count(stats.deadLettered()),
            Reports.share(stats.deadLettered(), total)));
    FailureStats f = stats.failures();
    if (f.reducedDeadLetters() > 0) {
      rows.add(
          List.of(
              "  of them reduced (too large)",
              Reports.count(f.reducedDeadLetters()),
              Reports.share(f.reducedDeadLetters(), total)));
    }
    if (f.dropped() > 0) {
      rows.add(
          List.of(
              "bad records dropped (no dead-letter topic)",
              Reports.count(f.dropped()),
              Reports.share(f.dropped(), total)));
    }
    out.append(TextTable.render(List.of("RECORDS", "COUNT", "SHARE"), rows)).append('\n');
    if (f.topicRecreations() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "The topic was deleted and re-created during the run (%d time(s)); its new records"
                  + " were read from the beginning%n",
              f.topicRecreations()));
    }
    if (!problem().isEmpty()) {
      out.append("Stopped on a problem: ").append(problem()).append('\n');
    }
    List<List<String>> timing = new ArrayList<>();
    timing.add(List.of("duration", Reports.seconds(stats.elapsed().toMillis())));
    timing.add(List.of("throughput", Reports.rate(stats.throughputPerSecond())));
    timing.add(List.of("latency (event time)", Reports.latencyText(stats.eventLatency())));
    timing.add(List.of("latency (record time)", Reports.latencyText(stats.recordLatency())));
    timing.add(List.of("lag at the end", Reports.count(stats.totalLag())));
    out.append(TextTable.render(List.of("CONSUMER", "VALUE"), timing)).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "Rating distribution (%s valid ratings, mean %.2f)%n",
            Reports.count(stats.ratingDistribution().total()),
            stats.ratingDistribution().mean()));
    out.append(BarChart.render(distribution()));
    return out.toString();
  }
}
