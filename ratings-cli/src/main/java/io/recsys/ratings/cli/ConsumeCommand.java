package io.recsys.ratings.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads ratings, classifies every record (valid, invalid, malformed, processing error),"
          + " commits offsets, and prints a summary: counts and shares, duration, throughput,"
          + " latency percentiles and the rating distribution as a bar chart.",
      "Stops after --max-messages records, after --timeout seconds without a record, or on"
          + " Ctrl+C (the summary is printed and the offsets committed all the same).",
      "Exit code: 0 done, 1 failed (the topic does not exist, or the consumer stopped on a"
          + " record it could not handle: its topic, partition and offset are named), 2 bad"
          + " arguments, 3 cluster unreachable."
    })
final class ConsumeCommand implements Callable<Integer> {

  static final String DEFAULT_GROUP = "ratings-consumer";

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin BoundsOption boundsOption;
  @Mixin ConsumeRuntimeOptions runtime;
  @Mixin MetricsOptions metrics;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = "ratings",
      description = "Topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--group",
      paramLabel = "G",
      defaultValue = DEFAULT_GROUP,
      description = "Consumer group; offsets are committed for it (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--max-messages",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N records; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long maxMessages;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Stop when no record arrived for this many seconds; 0 to wait until Ctrl+C"
              + " (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--reset",
      description = "Read the topic from its beginning, whatever the group had committed.")
  boolean reset;

  @Option(
      names = "--dlq",
      description =
          "Publish invalid, malformed and failed records to the dead-letter topic ratings.dlq,"
              + " with headers saying why.")
  boolean dlq;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Summary as tables and a chart (text) or one JSON object on stdout (json).")
  OutputFormat output;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClientSettings settings = cluster.settings();
    try (Cluster kafka = Cluster.connect(settings)) {
      kafka.requireTopic(topic, err);
      if (dlq) {
        kafka.requireTopic("ratings.dlq", err);
      }
      if (runtime.statsTopic() != null) {
        kafka.requireTopic(runtime.statsTopic(), err);
      }
    }
    ConsumeSummary summary;
    try (MetricsEndpoint endpoint = metrics.start(err)) {
      summary = consume(settings, endpoint, out, err);
    }
    if (summary.exitCode() != ExitCodes.OK) {
      throw new CliException(summary.exitCode(), summary.problem());
    }
    return ExitCodes.OK;
  }

  private ConsumeSummary consume(
      ClientSettings settings, MetricsEndpoint endpoint, PrintWriter out, PrintWriter err) {
    return new ConsumeRun(
            settings,
            topic,
            group,
            reset,
            dlq,
            maxMessages,
            timeoutSeconds == 0
                ? Duration.ZERO
                : Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))))
        .bounds(boundsOption.bounds)
        .members(runtime.concurrency, runtime.statsTopic())
        .metrics(endpoint)
        .run(
            err,
            s -> {
              if (output == OutputFormat.json) {
                out.println(Json.write(s.toJson()));
              } else {
                out.print(s.toText());
              }
              out.flush();
            });
  }

  private void validate() {
    if (maxMessages < 0) {
      throw usage("--max-messages must be 0 (no limit) or more, was " + maxMessages);
    }
    if (!(timeoutSeconds >= 0 && timeoutSeconds <= 86_400)) {
      throw usage(
          "--timeout must be between 0 (no timeout) and 86400 seconds, was " + timeoutSeconds);
    }
    OptionChecks.topic(spec, "--topic", topic);
    OptionChecks.notBlank(spec, "--group", group);
    runtime.validate(spec, maxMessages);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
