package io.recsys.ratings.cli;

import java.util.Locale;
import java.util.Map;

/** The rating distribution as a horizontal bar chart for the terminal. */
final class BarChart {

  static final int WIDTH = 40;

  private BarChart() {}

  /**
   * One line per rating value: label, bar scaled to the largest count, count and share.
   *
   * @param counts rating value to count, in display order
   */
  static String render(Map<Double, Long> counts) {
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (rating, count) -> {
          int len = max == 0 ? 0 : (int) Math.round((double) count * WIDTH / max);
          if (count > 0 && len == 0) {
            len = 1;
          }
          out.append(
              String.format(
                  Locale.ROOT,
                  "%4.1f | %-" + WIDTH + "s %,9d  %5.1f%%%n",
                  rating,
                  "#".repeat(len),
                  count,
                  total == 0 ? 0.0 : 100.0 * count / total));
        });
    return out.toString();
  }
}
