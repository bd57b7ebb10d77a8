package io.recsys.ratings.cli;

import java.util.ArrayList;
import java.util.List;

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned). */
final class TextTable {

  private TextTable() {}

  static String render(List<String> headers, List<List<String>> rows) {
    int columns = headers.size();
    int[] widths = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = headers.get(c).length();
      numeric[c] = !rows.isEmpty();
    }
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        String cell = c < row.size() ? row.get(c) : "";
        widths[c] = Math.max(widths[c], cell.length());
        numeric[c] &= cell.matches("-?[0-9][0-9,.]*%?|-");
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths, new boolean[columns]);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths, new boolean[columns]);
    for (List<String> row : rows) {
      line(out, row, widths, numeric);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      String cell = c < cells.size() ? cells.get(c) : "";
      String pad = " ".repeat(widths[c] - cell.length());
      if (c > 0) {
        line.append("  ");
      }
      line.append(right[c] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
