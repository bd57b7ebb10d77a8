package io.recsys.ratings.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a {@code dlq replay} did (or, with {@code --dry-run}, would do). Every dead letter read is
 * counted in exactly one of replayed, already replayed, filtered out, refused, without target,
 * target missing and failed.
 *
 * @param read dead letters read below the end offsets taken at the start
 * @param replayed per target topic, dead letters sent and acknowledged (dry run: that would be
 *     sent)
 * @param alreadyReplayed dead letters found on their target after an interrupted replay, not sent
 *     again
 * @param filteredOut dead letters that did not match --kind, --reason-contains, --since, --until
 * @param refused dead letters whose replay count reached --max-replays (or is unreadable)
 * @param noTarget dead letters without a source-topic header (and no --to), or whose source is the
 *     dead-letter topic itself
 * @param targetMissing dead letters whose target topic does not exist (a real replay stops at the
 *     first)
 * @param failed dead letters whose send was not acknowledged (the replay stops)
 * @param stopReason why the replay ended
 * @param samples the first dead letters replayed (or to replay), as {@code where -> target}
 */
record DlqReplaySummary(
    String bootstrapServers,
    String topic,
    String group,
    boolean dryRun,
    String filters,
    long read,
    SortedMap<String, Long> replayed,
    long alreadyReplayed,
    long filteredOut,
    long refused,
    long noTarget,
    long targetMissing,
    long failed,
    StopReason stopReason,
    String firstError,
    List<String> samples) {

  /** Why a replay ended. */
  enum StopReason {
    /** Every partition was read to the end offsets taken at the start. */
    COMPLETE,
    /** --max-records dead letters were replayed. */
    MAX_RECORDS,
    /** Ctrl+C or SIGTERM. */
    INTERRUPTED,
    /** A send was not acknowledged. */
    FAILED,
    /** A target topic does not exist. */
    TARGET_MISSING,
    /** No record arrived for --timeout before the end was reached. */
    TIMEOUT
  }

  long replayedTotal() {
    return replayed.values().stream().mapToLong(Long::longValue).sum();
  }

  boolean ok() {
    return stopReason == StopReason.COMPLETE
        || stopReason == StopReason.MAX_RECORDS
        || stopReason == StopReason.INTERRUPTED;
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "dlq replay");
    json.put("bootstrapServers", bootstrapServers);
    json.put("topic", topic);
    json.put("group", group);
    json.put("dryRun", dryRun);
    json.put("filters", filters);
    json.put("read", read);
    json.put("replayed", replayedTotal());
    json.put("replayedByTopic", replayed);
    json.put("alreadyReplayed", alreadyReplayed);
    json.put("filteredOut", filteredOut);
    json.put("refused", refused);
    json.put("noTarget", noTarget);
    json.put("targetMissing", targetMissing);
    json.put("failed", failed);
    json.put("stopReason", stopReason.name());
    json.put("firstError", firstError);
    json.put("sample", samples);
    return json;
  }

  String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s '%s' on %s (group %s; %s): %s%n",
            dryRun ? "Dry run of a replay of" : "Replayed",
            topic,
            bootstrapServers,
            group,
            filters,
            stopReason));
    List<List<String>> rows = new ArrayList<>();
    String verb = dryRun ? "would replay" : "replayed";
    rows.add(List.of("read", Reports.count(read)));
    if (replayed.isEmpty()) {
      rows.add(List.of(verb, "0"));
    }
    replayed.forEach((t, n) -> rows.add(List.of(verb + " to " + t, Reports.count(n))));
    rows.add(List.of("already replayed (found on target)", Reports.count(alreadyReplayed)));
    rows.add(List.of("filtered out", Reports.count(filteredOut)));
    rows.add(List.of("refused (replay limit reached)", Reports.count(refused)));
    rows.add(List.of("no target topic", Reports.count(noTarget)));
    rows.add(List.of("target topic missing", Reports.count(targetMissing)));
    rows.add(List.of("failed", Reports.count(failed)));
    out.append(TextTable.render(List.of("DEAD LETTERS", "COUNT"), rows));
    if (!samples.isEmpty()) {
      out.append('\n').append(dryRun ? "Would replay (first " : "Replayed (first ");
      out.append(samples.size()).append("):\n");
      samples.forEach(s -> out.append("  ").append(s).append('\n'));
    }
    if (refused > 0) {
      out.append(
          "\nRefused dead letters were replayed --max-replays times already and failed again:"
              + " fix their cause first; to send them once more, replay with a higher"
              + " --max-replays and a new --group.\n");
    }
    if (firstError != null) {
      out.append("\nerror: ").append(firstError).append('\n');
    }
    return out.toString();
  }
}
