package io.recsys.ratings.cli;

import io.recsys.ratings.datagen.RatingGenerator;
import io.recsys.ratings.schema.MovieLensCsv;
import io.recsys.ratings.schema.RatingEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends MovieLens-like ratings (synthetic and seeded, or replayed from a ratings.csv),"
          + " validated and keyed by userId, and prints a summary: sent, failed, rejected,"
          + " duration, throughput, success rate, per-partition counts and offsets.",
      "With --csv, a line that is not a rating (wrong fields, not UTF-8, a NUL character, longer"
          + " than 64 KiB) is skipped with a warning naming its line number and counted in the"
          + " summary; the run goes on.",
      "Exit code: 0 all valid events acknowledged, 1 some failed or the input broke off,"
          + " 2 bad arguments (e.g. --csv is a directory or cannot be read), 3 cluster"
          + " unreachable."
    })
final class ProduceCommand implements Callable<Integer> {

  static final long DEFAULT_COUNT = 1000;

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin BoundsOption boundsOption;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = "ratings",
      description = "Topic to send to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--count",
      paramLabel = "N",
      description =
          "Events to send (default: "
              + DEFAULT_COUNT
              + "; with --csv: every row). With --csv: at most N rows.")
  Long count;

  @Option(
      names = "--delay",
      paramLabel = "SECONDS",
      description = "Pause between two events, e.g. 0.5 (default: none).")
  Double delay;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "At most R events per second (default: as fast as possible).")
  Double rate;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description =
          "Replay a MovieLens ratings.csv (userId,movieId,rating,timestamp in seconds, UTF-8)"
              + " instead of synthetic ratings. The events keep their original timestamps. Bad"
              + " lines are skipped and counted.")
  Path csv;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the synthetic ratings; same seed, same events (default: 42).")
  long seed;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Summary as a table (text) or one JSON object on stdout (json).")
  OutputFormat output;

  @Override
  public Integer call() throws IOException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClientSettings settings = cluster.settings();
    try (Cluster kafka = Cluster.connect(settings)) {
      kafka.requireTopic(topic, err);
    }
    ProduceSummary summary;
    ProduceRun run = new ProduceRun(settings, topic, boundsOption.bounds, pacing());
    try (StopOnSignal stop = StopOnSignal.install(() -> {})) {
      if (csv != null) {
        AtomicLong skipped = new AtomicLong();
        try (MovieLensCsv.LineReader reader = openCsv();
            Stream<RatingEvent> events =
                reader.events(
                    bad -> {
                      if (skipped.incrementAndGet() <= SHOWN_BAD_LINES) {
                        err.println("warning: skipping CSV line: " + bad);
                      }
                    })) {
          summary =
              run.run(
                  events.iterator(),
                  count == null ? -1 : count,
                  stop::requested,
                  skipped::get,
                  err);
        }
        if (skipped.get() > SHOWN_BAD_LINES) {
          err.println(
              "warning: "
                  + skipped.get()
                  + " CSV lines skipped in all (the first "
                  + SHOWN_BAD_LINES
                  + " are shown above)");
        }
      } else {
        long n = count == null ? DEFAULT_COUNT : count;
        summary = run.run(generator(seed), n, stop::requested, () -> 0, err);
      }
      print(summary, out);
    }
    return summary.failed() == 0 && !summary.sourceFailed() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** How many skipped CSV lines are shown one by one on stderr. */
  static final int SHOWN_BAD_LINES = 3;

  private MovieLensCsv.LineReader openCsv() {
    try {
      return MovieLensCsv.open(csv);
    } catch (IOException e) {
      // checked in validate(); the file changed since
      throw new CliException(ExitCodes.USAGE, "--csv file cannot be read: " + csv + " (" + e + ")");
    }
  }

  /**
   * Seeded MovieLens-like ratings (users, movies and ratings shaped like ml-20m), each stamped with
   * the time it is drawn, i.e. sent: so the topic's retention keeps them and the consumer's
   * event-time latency is the end-to-end latency.
   */
  static Iterator<RatingEvent> generator(long seed) {
    RatingGenerator generator = RatingGenerator.of(seed);
    return Stream.generate(generator::next)
        .map(e -> new RatingEvent(e.userId(), e.movieId(), e.rating(), System.currentTimeMillis()))
        .iterator();
  }

  private void print(ProduceSummary summary, PrintWriter out) {
    if (output == OutputFormat.json) {
      out.println(Json.write(summary.toJson()));
    } else {
      out.print(summary.toText());
    }
    out.flush();
  }

  private Duration pacing() {
    double seconds = 0;
    if (delay != null) {
      seconds = delay;
    }
    if (rate != null) {
      seconds = Math.max(seconds, 1.0 / rate);
    }
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  private void validate() {
    if (count != null && count < 0) {
      throw usage("--count must be 0 or more, was " + count);
    }
    if (delay != null && !(delay >= 0 && delay <= 3600)) {
      throw usage("--delay must be between 0 and 3600 seconds, was " + delay);
    }
    if (rate != null && !(rate > 0 && rate <= 10_000_000)) {
      throw usage("--rate must be more than 0 and at most 10000000 events/s, was " + rate);
    }
    if (csv != null) {
      checkCsv();
    }
    OptionChecks.topic(spec, "--topic", topic);
  }

  /**
   * The --csv file exists, is not a directory and can be read (a regular file is opened to be sure;
   * a pipe such as /dev/stdin is left untouched); else a usage error, before anything is sent.
   */
  private void checkCsv() {
    if (Files.isDirectory(csv)) {
      throw usage("--csv file is not readable: " + csv + " is a directory, not a ratings file");
    }
    if (!Files.exists(csv)) {
      throw usage("--csv file is not readable: " + csv + " does not exist");
    }
    if (!Files.isReadable(csv)) {
      throw usage("--csv file is not readable: " + csv);
    }
    if (Files.isRegularFile(csv)) {
      try (java.io.InputStream in = Files.newInputStream(csv)) {
        // opened: readable
      } catch (IOException e) {
        throw usage("--csv file cannot be read: " + csv + " (" + e.getMessage() + ")");
      }
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
