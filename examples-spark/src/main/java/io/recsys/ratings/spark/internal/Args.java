package io.recsys.ratings.spark.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code --name value} / {@code --name=value} / {@code --flag} command-line reader: the
 * jobs run under spark-submit, where a CLI library is one more jar to ship.
 */
public final class Args {
  private final Map<String, List<String>> values;
  private final Set<String> flagsSeen;

  private Args(Map<String, List<String>> values, Set<String> flagsSeen) {
    this.values = values;
    this.flagsSeen = flagsSeen;
  }

  /**
   * Reads arguments.
   *
   * @param args the arguments
   * @param options names (without {@code --}) that take a value
   * @param flags names (without {@code --}) that take none
   * @return the parsed arguments
   * @throws IllegalArgumentException on an unknown name or a missing value
   */
  public static Args parse(String[] args, Set<String> options, Set<String> flags) {
    Map<String, List<String>> values = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name) && value == null) {
        seen.add(name);
      } else if (options.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; known: " + options + ", flags: " + flags);
      }
    }
    return new Args(values, seen);
  }

  /**
   * The last value of an option.
   *
   * @param name the option
   * @param fallback the value if absent
   * @return the value or {@code fallback}
   */
  public String get(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  /**
   * An int option.
   *
   * @param name the option
   * @param fallback the value if absent
   * @return the value
   * @throws IllegalArgumentException if not an integer
   */
  public int getInt(String name, int fallback) {
    return getParsed(name, fallback, Integer::valueOf, "an integer");
  }

  /**
   * A double option.
   *
   * @param name the option
   * @param fallback the value if absent
   * @return the value
   * @throws IllegalArgumentException if not a number
   */
  public double getDouble(String name, double fallback) {
    return getParsed(name, fallback, Double::valueOf, "a number");
  }

  private <T> T getParsed(
      String name, T fallback, java.util.function.Function<String, T> parser, String what) {
    String v = get(name, null);
    if (v == null) {
      return fallback;
    }
    try {
      return parser.apply(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be " + what + ", got '" + v + "'", e);
    }
  }

  /**
   * A duration option: {@code 500ms}, {@code 10s}, {@code 5m} or an ISO-8601 {@code PT10S}.
   *
   * @param name the option
   * @param fallback the value if absent
   * @return the value
   * @throws IllegalArgumentException if not a duration
   */
  public Duration getDuration(String name, Duration fallback) {
    String v = get(name, null);
    if (v == null) {
      return fallback;
    }
    String t = v.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t);
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a duration like 10s, 500ms, 5m or PT10S, got '" + v + "'", e);
    }
    throw new IllegalArgumentException(
        "--" + name + " must be a duration like 10s, 500ms, 5m or PT10S, got '" + v + "'");
  }

  /**
   * Whether a flag was given.
   *
   * @param name the flag
   * @return true if present
   */
  public boolean flag(String name) {
    return flagsSeen.contains(name);
  }

  /**
   * A repeatable {@code key=value} option, e.g. {@code --kafka-property security.protocol=SSL}.
   *
   * @param name the option
   * @return the pairs in order
   * @throws IllegalArgumentException if a value has no {@code =}
   */
  public Map<String, String> pairs(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values.getOrDefault(name, List.of())) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--" + name + " needs key=value, got '" + v + "'");
      }
      out.put(v.substring(0, eq).strip(), v.substring(eq + 1));
    }
    return out;
  }
}
