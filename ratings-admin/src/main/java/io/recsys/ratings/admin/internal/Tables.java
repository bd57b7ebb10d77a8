package io.recsys.ratings.admin.internal;

import io.recsys.ratings.admin.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders plain-text tables with left-aligned, space-padded columns. Never prints. */
public final class Tables {

  private Tables() {}

  /**
   * Renders a table.
   *
   * @param headers column headers
   * @param rows rows, each with one cell per header
   * @return the table, lines separated by {@code \n}, no trailing newline
   */
  public static String render(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      if (out.length() > 0) {
        out.append('\n');
      }
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = cell(row, i);
        line.append(cell);
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing());
    }
    return out.toString();
  }

  /**
   * "now -> wanted", or just the number when equal; "-" for a topic that does not exist.
   *
   * @param current the current value, 0 if the topic does not exist
   * @param wanted the wanted value, {@link TopicSpec#BROKER_DEFAULT_REPLICATION} for the default
   * @return the cell text
   */
  public static String fromTo(int current, int wanted) {
    String wantedText = replication(wanted);
    if (current == wanted || (wanted == TopicSpec.BROKER_DEFAULT_REPLICATION && current > 0)) {
      return String.valueOf(current);
    }
    return (current <= 0 ? "-" : String.valueOf(current)) + " -> " + wantedText;
  }

  /**
   * A replication factor, "default" for {@link TopicSpec#BROKER_DEFAULT_REPLICATION}.
   *
   * @param replicationFactor the value
   * @return the cell text
   */
  public static String replication(int replicationFactor) {
    return replicationFactor == TopicSpec.BROKER_DEFAULT_REPLICATION
        ? "default"
        : String.valueOf(replicationFactor);
  }

  /**
   * Configs as {@code k=v,k=v} in key order, like {@code kafka-topics --describe}.
   *
   * @param configs the configs
   * @return the cell text, "-" if empty
   */
  public static String configs(Map<String, String> configs) {
    if (configs.isEmpty()) {
      return "-";
    }
    return new java.util.TreeMap<>(configs)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  /**
   * A list of broker ids as {@code 1,2,3}.
   *
   * @param ids broker ids
   * @return the cell text
   */
  public static String ids(List<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String cell(List<String> row, int i) {
    return i < row.size() && row.get(i) != null ? row.get(i) : "";
  }
}
