package io.recsys.ratings.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The harness's command-line options. */
final class Options {
  static final String USAGE =
      "usage: Harness [--smoke] [--records N] [--rounds N] [--e2e-rate N] [--e2e-seconds N]"
          + " [--e2e-warmup N] [--threads 1,2,4] [--steady-state N] [--steady-state-pairs N]"
          + " [--output FILE]";

  boolean smoke;
  int records = 2_000_000;
  int rounds = 6; // even: tool and SDK each go first in half of the rounds
  int e2eRate = 10_000;
  int e2eSeconds = 30;
  int e2eWarmup = 5;
  List<Integer> threads = List.of(1, 2, 4);

  /**
   * Records of the steady-state consumer comparison (0: not run): long reads in which both
   * consumers run at steady state, past the JVMs' start-up that dominates the rounds.
   */
  int steadyStateRecords;

  int steadyStatePairs = 8;
  Path output =
      Files.isDirectory(Path.of("benchmarks"))
          ? Path.of("benchmarks", "target", "harness-result.json")
          : Path.of("target", "harness-result.json");

  static Options parse(String... args) {
    Options o = new Options();
    // --smoke first, so that explicit options given with it still win
    for (String a : args) {
      if (a.equals("--smoke")) {
        o.smoke = true;
        o.records = 5_000;
        o.rounds = 2;
        o.e2eRate = 2_000;
        o.e2eSeconds = 3;
        o.e2eWarmup = 1;
        o.steadyStateRecords = 5_000;
        o.steadyStatePairs = 1;
      }
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value or is unknown");
      }
      String v = args[++i];
      switch (a) {
        case "--records" -> o.records = positive(a, v, 1, 100_000_000);
        case "--rounds" -> o.rounds = positive(a, v, 1, 20);
        case "--e2e-rate" -> o.e2eRate = positive(a, v, 1, 1_000_000);
        case "--e2e-seconds" -> o.e2eSeconds = positive(a, v, 1, 3_600);
        case "--e2e-warmup" -> o.e2eWarmup = positive(a, v, 0, 600);
        case "--threads" -> {
          List<Integer> t = new ArrayList<>();
          for (String s : v.split(",")) {
            t.add(positive(a, s.trim(), 1, 64));
          }
          o.threads = List.copyOf(t);
        }
        case "--steady-state" -> o.steadyStateRecords = positive(a, v, 0, 100_000_000);
        case "--steady-state-pairs" -> o.steadyStatePairs = positive(a, v, 1, 50);
        case "--output" -> o.output = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return o;
  }

  private static int positive(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value.replace("_", ""));
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            option + " must be between " + min + " and " + max + ", got " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got '" + value + "'", e);
    }
  }

  /** {@code --key value} pairs from {@code args[from]} on, for the workers. */
  static Map<String, String> keyValues(String[] args, int from) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = from; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --key value, got " + args[i]);
      }
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }
}
