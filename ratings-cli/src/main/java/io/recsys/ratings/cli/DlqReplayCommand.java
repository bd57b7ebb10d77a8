package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends dead letters back to the topic they were consumed from (their "
          + DeadLetterHeaders.SOURCE_TOPIC
          + " header) or to --to TOPIC: same key, value and timestamp, the original headers"
          + " without the dead-letter ones, and "
          + DeadLetterHeaders.REPLAY_COUNT
          + " one higher. Dead letters replayed --max-replays times already are refused (counted"
          + " and reported, not sent), so a record cannot loop forever.",
      "Reads the dead-letter topic in its own consumer group (--group) up to its end offsets at"
          + " the start, and commits each dead-letter offset only once the records up to it are"
          + " acknowledged (idempotent producer, acks=all): a replay that is stopped or crashes"
          + " resumes where it was when run again with the same options, and moves each dead"
          + " letter back exactly once. A group remembers its options: use another --group for"
          + " a replay with other filters.",
      "Exit code: 0 done (or --max-records reached), 1 a send failed, a target topic is missing"
          + " or the end was not reached within --timeout, 2 bad arguments (also: the group was"
          + " used with other options), 3 cluster unreachable."
    })
final class DlqReplayCommand implements Callable<Integer> {

  static final String DEFAULT_GROUP = "ratings-dlq-replay";

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = DeadLetterHeaders.DEFAULT_TOPIC,
      description = "Dead-letter topic to replay from (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--to",
      paramLabel = "TOPIC",
      description = "Send every dead letter to this topic instead of its source topic.")
  String to;

  @Option(
      names = "--kind",
      paramLabel = "KIND[,KIND...]",
      split = ",",
      description = "Only dead letters of these kinds: INVALID, MALFORMED, PROCESSING_ERROR.")
  List<String> kinds;

  @Option(
      names = "--reason-contains",
      paramLabel = "TEXT",
      description = "Only dead letters whose reason contains this text (case-insensitive).")
  String reasonContains;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only dead letters whose record time is at or after TIME: 2024-05-01T10:00:00Z,"
              + " 2024-05-01, epoch milliseconds, or a duration before now such as 2h or 7d.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only dead letters whose record time is before TIME (forms as for --since).")
  String until;

  @Option(
      names = "--max-replays",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Refuse dead letters replayed N times already (their "
              + DeadLetterHeaders.REPLAY_COUNT
              + " header) (default: ${DEFAULT-VALUE}).")
  int maxReplays;

  @Option(
      names = "--group",
      paramLabel = "G",
      defaultValue = DEFAULT_GROUP,
      description =
          "Consumer group of the replay; its offsets mark how far it got (default:"
              + " ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--max-records",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Stop after replaying N dead letters; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long maxRecords;

  @Option(
      names = "--dry-run",
      description =
          "Print what the replay would do, from the group's offsets: sends nothing, commits"
              + " nothing, does not join the group.")
  boolean dryRun;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Give up when no dead letter arrived for this many seconds before the end was reached"
              + " (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Summary as a table (text) or one JSON object on stdout (json).")
  OutputFormat output;

  /** How many replayed dead letters the summary lists. */
  static final int SAMPLES = 10;

  @Override
  public Integer call() {
    return call(500, DlqReplayRun.Hooks.NONE);
  }

  /** The command with a given poll size and hooks (tests). */
  Integer call(int maxPollRecords, DlqReplayRun.Hooks hooks) {
    ReplayFilter filter = validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClientSettings settings = cluster.settings();
    DlqReplaySummary summary;
    try (Cluster kafka = Cluster.connect(settings);
        StopOnSignal stop = StopOnSignal.install(() -> {})) {
      DlqInspectCommand.requireExisting(kafka, topic);
      Set<String> known = new HashSet<>(kafka.topics());
      if (to != null && !known.contains(to)) {
        throw new CliException(
            ExitCodes.FAILED,
            "--to topic '" + to + "' does not exist on " + kafka.bootstrapServers());
      }
      summary =
          new DlqReplayRun(
                  settings,
                  topic,
                  group,
                  filter,
                  maxRecords,
                  dryRun,
                  Duration.ofSeconds(timeoutSeconds),
                  maxPollRecords,
                  SAMPLES,
                  t -> known.contains(t) || refresh(kafka, known).contains(t),
                  err,
                  stop::requested,
                  hooks)
              .run();
    }
    out.print(output == OutputFormat.json ? Json.write(summary.toJson()) + "\n" : summary.toText());
    out.flush();
    if (!summary.ok()) {
      err.println("error: " + summary.firstError());
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private static Set<String> refresh(Cluster kafka, Set<String> known) {
    known.addAll(kafka.topics());
    return known;
  }

  private ReplayFilter validate() {
    OptionChecks.topic(spec, "--topic", topic);
    OptionChecks.notBlank(spec, "--group", group);
    if (to != null) {
      OptionChecks.topic(spec, "--to", to);
      if (to.equals(topic)) {
        throw usage("--to must not be the dead-letter topic itself ('" + to + "')");
      }
    }
    if (maxReplays < 1 || maxReplays > 1000) {
      throw usage("--max-replays must be 1 to 1000, was " + maxReplays);
    }
    if (maxRecords < 0) {
      throw usage("--max-records must be 0 (no limit) or more, was " + maxRecords);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
      throw usage("--timeout must be 1 to 86400 seconds, was " + timeoutSeconds);
    }
    if (reasonContains != null && reasonContains.isEmpty()) {
      throw usage("--reason-contains must not be empty");
    }
    Clock clock = Clock.systemUTC();
    Instant sinceTime = time("--since", since, clock);
    Instant untilTime = time("--until", until, clock);
    if (sinceTime != null && untilTime != null && !sinceTime.isBefore(untilTime)) {
      throw usage("--since (" + sinceTime + ") must be before --until (" + untilTime + ")");
    }
    Set<String> kindSet = new HashSet<>();
    if (kinds != null) {
      for (String k : kinds) {
        if (k.isBlank()) {
          throw usage("--kind must not be blank");
        }
        kindSet.add(k);
      }
    }
    return new ReplayFilter(
        kindSet, reasonContains, sinceTime, untilTime, since, until, to, maxReplays);
  }

  private Instant time(String option, String value, Clock clock) {
    if (value == null) {
      return null;
    }
    try {
      return TimeArg.parse(value, clock);
    } catch (TypeConversionException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
