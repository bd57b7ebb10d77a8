package io.recsys.ratings.cli;

import io.recsys.ratings.client.ConsumerResult;
import io.recsys.ratings.client.ConsumerStats;
import io.recsys.ratings.client.PartitionProgress;
import io.recsys.ratings.client.RatingDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a consume run did: the consumer's final stats plus where it ran. */
record ConsumeSummary(
    String bootstrapServers,
    String topic,
    String group,
    String deadLetterTopic,
    ConsumerResult.StopReason stopReason,
    ConsumerStats stats) {

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
    long total = stats.received();
    json.put("total", total);
    json.put("valid", stats.valid());
    json.put("invalid", stats.invalid());
    json.put("malformed", stats.malformed());
    json.put("processingErrors", stats.processingErrors());
    json.put("deadLettered", stats.deadLettered());
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
    out.append(TextTable.render(List.of("RECORDS", "COUNT", "SHARE"), rows)).append('\n');
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
