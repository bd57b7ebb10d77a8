package io.recsys.ratings.cli;

import io.recsys.ratings.client.LatencySummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a produce run did.
 *
 * @param events events read or generated (valid and invalid)
 * @param sent events acknowledged by the broker
 * @param failed valid events the broker did not acknowledge
 * @param rejected invalid events, never sent
 * @param skippedLines CSV lines that were not ratings (csv replay only)
 * @param sourceFailed whether reading the input broke off (the summary covers what was read)
 */
record ProduceSummary(
    String bootstrapServers,
    String topic,
    long events,
    long sent,
    long failed,
    long rejected,
    long skippedLines,
    long durationMs,
    LatencySummary latency,
    SortedMap<Integer, PartitionCount> partitions,
    boolean interrupted,
    String firstError,
    boolean sourceFailed) {

  /** Records acknowledged in one partition and the first and last offset they got. */
  record PartitionCount(long count, long firstOffset, long lastOffset) {}

  double throughputPerSecond() {
    return durationMs <= 0 ? 0 : sent * 1000.0 / durationMs;
  }

  /** Acknowledged events as a share of all events, in percent. */
  double successRatePercent() {
    return events == 0 ? 100.0 : 100.0 * sent / events;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "produce");
    json.put("bootstrapServers", bootstrapServers);
    json.put("topic", topic);
    json.put("events", events);
    json.put("sent", sent);
    json.put("failed", failed);
    json.put("rejected", rejected);
    json.put("skippedLines", skippedLines);
    json.put("durationMs", durationMs);
    json.put("throughputPerSec", throughputPerSecond());
    json.put("successRatePct", successRatePercent());
    json.put("latencyMs", Reports.latencyJson(latency));
    List<Object> parts = new ArrayList<>();
    partitions.forEach(
        (p, c) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("partition", p);
          row.put("count", c.count());
          row.put("firstOffset", c.firstOffset());
          row.put("lastOffset", c.lastOffset());
          parts.add(row);
        });
    json.put("partitions", parts);
    json.put("interrupted", interrupted);
    json.put("sourceFailed", sourceFailed);
    json.put("firstError", firstError);
    return json;
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Produced to '%s' on %s%s%n",
            topic,
            bootstrapServers,
            interrupted ? " (stopped early)" : sourceFailed ? " (input broke off)" : ""));
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("events", Reports.count(events)));
    rows.add(List.of("sent (acknowledged)", Reports.count(sent)));
    rows.add(List.of("failed", Reports.count(failed)));
    rows.add(List.of("rejected (invalid, not sent)", Reports.count(rejected)));
    if (skippedLines > 0) {
      rows.add(List.of("skipped CSV lines", Reports.count(skippedLines)));
    }
    rows.add(List.of("duration", Reports.seconds(durationMs)));
    rows.add(List.of("throughput", Reports.rate(throughputPerSecond())));
    rows.add(List.of("success rate", Reports.percent(successRatePercent())));
    rows.add(List.of("send-to-ack latency", Reports.latencyText(latency)));
    out.append(TextTable.render(List.of("PRODUCER", "VALUE"), rows));
    if (!partitions.isEmpty()) {
      List<List<String>> partRows = new ArrayList<>();
      partitions.forEach(
          (p, c) ->
              partRows.add(
                  List.of(
                      String.valueOf(p),
                      Reports.count(c.count()),
                      String.valueOf(c.firstOffset()),
                      String.valueOf(c.lastOffset()))));
      out.append('\n')
          .append(
              TextTable.render(
                  List.of("PARTITION", "SENT", "FIRST-OFFSET", "LAST-OFFSET"), partRows));
    }
    if (firstError != null) {
      out.append("\nfirst error: ").append(firstError).append('\n');
    }
    return out.toString();
  }
}
