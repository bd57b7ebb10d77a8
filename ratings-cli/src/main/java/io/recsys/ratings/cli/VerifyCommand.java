package io.recsys.ratings.cli;

import io.recsys.ratings.admin.TopicSpec;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks the pipeline: the topics ratings, metrics and ratings.dlq with their settings and"
          + " drift, per-partition offsets, the consumer group's lag per partition and in"
          + " total, and how many of the metrics topic's latest records decode as MetricsEvents.",
      "Exit code: 0 healthy, 1 a problem (missing topic, config drift, partition without leader"
          + " or under-replicated), 2 bad arguments, 3 cluster unreachable. Lag is reported, not"
          + " judged."
    })
final class VerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--group",
      paramLabel = "G",
      defaultValue = ConsumeCommand.DEFAULT_GROUP,
      description = "Consumer group whose lag to show (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Report as tables (text) or one JSON object on stdout (json).")
  OutputFormat output;

  @Override
  public Integer call() {
    OptionChecks.notBlank(spec, "--group", group);
    PrintWriter out = spec.commandLine().getOut();
    VerifyReport report;
    MetricsTopicScan metrics;
    try (Cluster kafka = Cluster.connect(cluster.settings())) {
      report = VerifyReport.check(kafka, group);
      metrics = MetricsTopicScan.of(cluster.settings(), TopicSpec.METRICS_TOPIC);
    }
    if (output == OutputFormat.json) {
      Map<String, Object> json = report.toJson();
      json.put("metricsTopic", metrics.toJson());
      out.print(Json.write(json) + "\n");
    } else {
      out.print(report.toText());
      out.print(metrics.toText());
    }
    out.flush();
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
