package io.recsys.ratings.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format, version 0.0.4: {@code # HELP} and
 * {@code # TYPE} lines, samples {@code name{label="value",...} value [timestamp]}, the metric and
 * label name grammar, label value escapes ({@code \\}, {@code \"}, {@code \n}), HELP escapes
 * ({@code \\}, {@code \n}), values as Go floats including {@code NaN}, {@code +Inf} and {@code
 * -Inf}. It rejects what a Prometheus server rejects: a second TYPE or HELP for a name, a TYPE
 * after the family's samples, samples of a family not grouped together, a duplicate series, a
 * {@code _bucket} without {@code le} or a summary quantile without {@code quantile}, a line without
 * a final newline.
 */
final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One metric family: its TYPE (untyped if none), HELP (null if none) and samples. */
  record Family(String name, String type, String help, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  private PrometheusText() {}

  /** Parses an exposition; throws {@link IllegalArgumentException} naming the line on an error. */
  static Map<String, Family> parse(String text) {
    PrometheusText p = new PrometheusText();
    p.read(text);
    return p.families;
  }

  private void read(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a newline");
    }
    String[] lines = text.split("\n", -1);
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    Set<String> closed = new HashSet<>(); // families whose samples ended
    Set<String> seenSeries = new HashSet<>();
    String current = null; // the family of the previous sample
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int n = i + 1;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split("[ \t]+", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String name = parts[2];
          requireName(name, n);
          if (parts[1].equals("TYPE")) {
            String type = parts.length == 4 ? parts[3] : "";
            if (!TYPES.contains(type)) {
              throw error(n, "unknown type '" + type + "'");
            }
            if (types.put(name, type) != null) {
              throw error(n, "second TYPE line for " + name);
            }
            if (families.containsKey(name)) {
              throw error(n, "TYPE of " + name + " after its samples");
            }
          } else {
            String help = parts.length == 4 ? unescapeHelp(parts[3], n) : "";
            if (helps.put(name, help) != null) {
              throw error(n, "second HELP line for " + name);
            }
          }
        }
        continue; // other comments are ignored
      }
      Sample s = sample(line, n);
      String family = familyOf(s, types, n);
      if (!family.equals(current)) {
        if (current != null) {
          closed.add(current);
        }
        if (closed.contains(family)) {
          throw error(n, "samples of " + family + " are not grouped together");
        }
        current = family;
      }
      String series = s.name() + new TreeMap<>(s.labels());
      if (!seenSeries.add(series)) {
        throw error(n, "duplicate series " + series);
      }
      String type = types.getOrDefault(family, "untyped");
      families
          .computeIfAbsent(family, f -> new Family(f, type, helps.get(f), new ArrayList<>()))
          .samples()
          .add(s);
    }
  }

  /** The family of a sample: its name, or its name less a suffix of its histogram or summary. */
  private static String familyOf(Sample s, Map<String, String> types, int n) {
    String name = s.name();
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
          if (suffix.equals("_bucket") && !s.labels().containsKey("le")) {
            throw error(n, "histogram bucket without le: " + name);
          }
          return base;
        }
      }
    }
    String type = types.get(name);
    if ("summary".equals(type) && !s.labels().containsKey("quantile")) {
      throw error(n, "summary sample without quantile: " + name);
    }
    if ("histogram".equals(type)) {
      throw error(n, "histogram sample that is neither _bucket, _sum nor _count: " + name);
    }
    return name;
  }

  private static Sample sample(String line, int n) {
    int i = 0;
    int len = line.length();
    while (i < len && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
      i++;
    }
    String name = line.substring(0, i);
    requireName(name, n);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < len && line.charAt(i) == '{') {
      i++;
      while (true) {
        if (i < len && line.charAt(i) == '}') {
          i++;
          break;
        }
        int start = i;
        while (i < len && line.charAt(i) != '=') {
          i++;
        }
        String label = line.substring(start, i);
        if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
          throw error(n, "bad label name '" + label + "'");
        }
        if (i + 1 >= len || line.charAt(i + 1) != '"') {
          throw error(n, "label value of " + label + " is not quoted");
        }
        i += 2;
        StringBuilder value = new StringBuilder();
        while (true) {
          if (i >= len) {
            throw error(n, "unterminated label value of " + label);
          }
          char c = line.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (i >= len) {
              throw error(n, "dangling escape in label value of " + label);
            }
            char e = line.charAt(i++);
            switch (e) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default -> throw error(n, "bad escape \\" + e + " in label value of " + label);
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw error(n, "label " + label + " twice");
        }
        if (i < len && line.charAt(i) == ',') {
          i++;
        } else if (i >= len || line.charAt(i) != '}') {
          throw error(n, "expected , or } after label " + label);
        }
      }
    }
    if (i >= len || (line.charAt(i) != ' ' && line.charAt(i) != '\t')) {
      throw error(n, "no value after " + name);
    }
    String[] rest = line.substring(i).trim().split("[ \t]+");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw error(n, "expected a value and an optional timestamp: '" + line.substring(i) + "'");
    }
    double value = value(rest[0], n);
    if (rest.length == 2 && !TIMESTAMP.matcher(rest[1]).matches()) {
      throw error(n, "bad timestamp '" + rest[1] + "'");
    }
    return new Sample(name, labels, value);
  }

  private static double value(String s, int n) {
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf":
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!s.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
          throw error(n, "bad value '" + s + "'");
        }
        return Double.parseDouble(s);
    }
  }

  private static String unescapeHelp(String s, int n) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= s.length()) {
        throw error(n, "dangling escape in HELP");
      }
      char e = s.charAt(i);
      switch (e) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        default -> throw error(n, "bad escape \\" + e + " in HELP");
      }
    }
    return out.toString();
  }

  private static void requireName(String name, int n) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw error(n, "bad metric name '" + name + "'");
    }
  }

  private static IllegalArgumentException error(int line, String message) {
    return new IllegalArgumentException("line " + line + ": " + message);
  }
}
