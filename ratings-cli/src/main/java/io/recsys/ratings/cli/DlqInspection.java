package io.recsys.ratings.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code dlq inspect} found in a dead-letter topic: counts by kind, reason, source partition
 * and replay count, the oldest and newest record time, and a sample. Accumulates record by record
 * in bounded memory (at most {@link #MAX_REASONS} distinct reasons are told apart).
 */
final class DlqInspection {

  /** Distinct reasons counted one by one; the others are counted together. */
  static final int MAX_REASONS = 10_000;

  static final String OTHER_REASONS = "(other reasons)";

  static final String NONE = "(none)";

  private final String bootstrapServers;
  private final String topic;
  private final int top;
  private final int sampleSize;
  private long records;
  private final Map<String, Long> byKind = new TreeMap<>();
  private final Map<String, Long> byReason = new HashMap<>();
  private final Map<String, Long> bySource = new TreeMap<>(DlqInspection::compareSource);
  private final Map<Integer, Long> byReplayCount = new TreeMap<>();
  private long oldest = Long.MAX_VALUE;
  private long newest = Long.MIN_VALUE;
  private final List<DeadLetter> sample = new ArrayList<>();
  private TopicScan.Outcome outcome;

  DlqInspection(String bootstrapServers, String topic, int top, int sampleSize) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.top = top;
    this.sampleSize = sampleSize;
  }

  void add(DeadLetter d) {
    records++;
    byKind.merge(d.kind() == null ? NONE : d.kind(), 1L, Long::sum);
    String reason = d.reason() == null ? NONE : d.reason();
    if (byReason.containsKey(reason) || byReason.size() < MAX_REASONS) {
      byReason.merge(reason, 1L, Long::sum);
    } else {
      byReason.merge(OTHER_REASONS, 1L, Long::sum);
    }
    String source =
        d.sourceTopic() == null
            ? NONE
            : d.sourceTopic() + "-" + (d.sourcePartition() == null ? "?" : d.sourcePartition());
    bySource.merge(source, 1L, Long::sum);
    byReplayCount.merge(d.replayCount(), 1L, Long::sum);
    if (d.timestamp() >= 0) {
      oldest = Math.min(oldest, d.timestamp());
      newest = Math.max(newest, d.timestamp());
    }
    if (sample.size() < sampleSize) {
      sample.add(d);
    }
  }

  void finish(TopicScan.Outcome scanned) {
    this.outcome = scanned;
  }

  boolean complete() {
    return outcome != null && outcome.complete();
  }

  long records() {
    return records;
  }

  /** Sorts {@code topic-partition} keys by topic, then partition as a number. */
  private static int compareSource(String a, String b) {
    int da = a.lastIndexOf('-');
    int db = b.lastIndexOf('-');
    if (da > 0 && db > 0 && a.substring(0, da).equals(b.substring(0, db))) {
      try {
        return Integer.compare(
            Integer.parseInt(a.substring(da + 1)), Integer.parseInt(b.substring(db + 1)));
      } catch (NumberFormatException e) {
        // not numbers: compare as text
      }
    }
    return a.compareTo(b);
  }

  /** The reasons, most frequent first (ties by text), at most {@code top}. */
  List<Map.Entry<String, Long>> topReasons() {
    return byReason.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(top)
        .toList();
  }

  private String time(long ms) {
    return records == 0 || ms == Long.MAX_VALUE || ms == Long.MIN_VALUE
        ? null
        : Instant.ofEpochMilli(ms).toString();
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "dlq inspect");
    json.put("bootstrapServers", bootstrapServers);
    json.put("topic", topic);
    json.put("complete", complete());
    json.put("records", records);
    json.put("oldest", time(oldest));
    json.put("newest", time(newest));
    json.put("byKind", byKind);
    List<Object> reasons = new ArrayList<>();
    for (Map.Entry<String, Long> e : topReasons()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("reason", e.getKey());
      row.put("count", e.getValue());
      reasons.add(row);
    }
    json.put("byReason", reasons);
    json.put("distinctReasons", byReason.size());
    json.put("bySourcePartition", bySource);
    Map<String, Long> replays = new LinkedHashMap<>();
    byReplayCount.forEach((n, c) -> replays.put(n < 0 ? "unreadable" : String.valueOf(n), c));
    json.put("byReplayCount", replays);
    List<Object> partitions = new ArrayList<>();
    if (outcome != null) {
      new TreeMap<>(outcomeEnds())
          .forEach(
              (p, end) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("partition", p);
                row.put("endOffset", end);
                row.put("readTo", outcomeReached(p));
                partitions.add(row);
              });
    }
    json.put("partitions", partitions);
    List<Object> samples = new ArrayList<>();
    for (DeadLetter d : sample) {
      samples.add(sampleJson(d));
    }
    json.put("sample", samples);
    return json;
  }

  static Map<String, Object> sampleJson(DeadLetter d) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("partition", d.partition());
    row.put("offset", d.offset());
    row.put("timestamp", d.timestamp() < 0 ? null : Instant.ofEpochMilli(d.timestamp()).toString());
    row.put("kind", d.kind());
    row.put("reason", d.reason());
    row.put("exception", d.exception());
    row.put("source", d.source());
    row.put("replayCount", d.replayCount());
    row.put("key", d.keyPreview(40));
    row.put("value", d.valuePreview(200));
    return row;
  }

  private Map<Integer, Long> outcomeEnds() {
    Map<Integer, Long> ends = new HashMap<>();
    outcome.ends().forEach((tp, end) -> ends.put(tp.partition(), end));
    return ends;
  }

  private long outcomeReached(int partition) {
    return outcome.reached().entrySet().stream()
        .filter(e -> e.getKey().partition() == partition)
        .mapToLong(Map.Entry::getValue)
        .findFirst()
        .orElse(0);
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            java.util.Locale.ROOT,
            "Dead letters in '%s' on %s: %s record(s)%s%n",
            topic,
            bootstrapServers,
            Reports.count(records),
            complete() ? "" : " (NOT complete: " + outcome.missing() + ")"));
    if (records == 0) {
      return out.toString();
    }
    out.append("oldest ").append(time(oldest)).append(", newest ").append(time(newest));
    out.append("\n\n");
    List<List<String>> kinds = new ArrayList<>();
    byKind.forEach((k, c) -> kinds.add(List.of(k, Reports.count(c), Reports.share(c, records))));
    out.append(TextTable.render(List.of("KIND", "RECORDS", "SHARE"), kinds)).append('\n');
    List<List<String>> reasons = new ArrayList<>();
    for (Map.Entry<String, Long> e : topReasons()) {
      reasons.add(List.of(Reports.count(e.getValue()), cut(e.getKey(), 100)));
    }
    out.append(
            TextTable.render(
                List.of("RECORDS", "REASON (top " + top + " of " + byReason.size() + ")"), reasons))
        .append('\n');
    List<List<String>> sources = new ArrayList<>();
    bySource.forEach((s, c) -> sources.add(List.of(s, Reports.count(c))));
    out.append(TextTable.render(List.of("SOURCE PARTITION", "RECORDS"), sources)).append('\n');
    List<List<String>> replays = new ArrayList<>();
    byReplayCount.forEach(
        (n, c) -> replays.add(List.of(n < 0 ? "unreadable" : String.valueOf(n), Reports.count(c))));
    out.append(TextTable.render(List.of("REPLAYED BEFORE", "RECORDS"), replays)).append('\n');
    out.append("Sample (first ").append(sample.size()).append("):\n");
    List<List<String>> rows = new ArrayList<>();
    for (DeadLetter d : sample) {
      rows.add(
          List.of(
              d.partition() + "@" + d.offset(),
              d.kind() == null ? NONE : d.kind(),
              d.source(),
              cut(d.reason() == null ? NONE : d.reason(), 60),
              d.valuePreview(60)));
    }
    out.append(TextTable.render(List.of("AT", "KIND", "SOURCE", "REASON", "VALUE"), rows));
    return out.toString();
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
