package io.recsys.ratings.cli;

import io.recsys.ratings.client.consumer.DeadLetterHeaders;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads the dead-letter topic from its beginning to its end offsets as they are when the"
          + " command starts (records written meanwhile are left for the next run), without a"
          + " consumer group and without committing anything, and prints: the record count, counts"
          + " by kind, by reason (the most frequent first) and by source partition, how often the"
          + " records were replayed before, the oldest and newest record time, and a sample.",
      "Exit code: 0 done, 1 the topic does not exist or could not be read to its end within"
          + " --timeout, 2 bad arguments, 3 cluster unreachable."
    })
final class DlqInspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = DeadLetterHeaders.DEFAULT_TOPIC,
      description = "Dead-letter topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the most frequent reasons to list (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--sample",
      paramLabel = "N",
      defaultValue = "5",
      description = "How many records to show, the first ones read (default: ${DEFAULT-VALUE}).")
  int sampleSize;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Give up when no record arrived for this many seconds before the end was reached"
              + " (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Report as tables (text) or one JSON object on stdout (json).")
  OutputFormat output;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    ClientSettings settings = cluster.settings();
    try (Cluster kafka = Cluster.connect(settings)) {
      requireExisting(kafka, topic);
    }
    DlqInspection inspection =
        new DlqInspection(settings.bootstrapServers(), topic, top, sampleSize);
    try (StopOnSignal stop = StopOnSignal.install(() -> {});
        KafkaConsumer<byte[], byte[]> consumer =
            DlqClients.consumer(settings, "ratings-cli-dlq-inspect", null, 500)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      inspection.finish(
          TopicScan.scan(
              consumer,
              partitions,
              java.util.Map.of(),
              Duration.ofSeconds(timeoutSeconds),
              r -> inspection.add(DeadLetter.of(r)),
              stop::requested));
    }
    out.print(
        output == OutputFormat.json ? Json.write(inspection.toJson()) + "\n" : inspection.toText());
    out.flush();
    if (!inspection.complete()) {
      spec.commandLine()
          .getErr()
          .println(
              "error: '"
                  + topic
                  + "' was not read to its end within "
                  + timeoutSeconds
                  + " s without records; the counts above cover what was read");
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  static void requireExisting(Cluster kafka, String topic) {
    if (!kafka.topics().contains(topic)) {
      throw new CliException(
          ExitCodes.FAILED,
          "Topic '"
              + topic
              + "' does not exist on "
              + kafka.bootstrapServers()
              + " (no dead letters yet? `ratings create-topics` creates ratings.dlq)");
    }
  }

  static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, DlqClients.CALL_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new CliException(ExitCodes.FAILED, "Topic '" + topic + "' has no partitions");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private void validate() {
    OptionChecks.topic(spec, "--topic", topic);
    if (top < 1 || top > 1000) {
      throw new ParameterException(spec.commandLine(), "--top must be 1 to 1000, was " + top);
    }
    if (sampleSize < 0 || sampleSize > 1000) {
      throw new ParameterException(
          spec.commandLine(), "--sample must be 0 to 1000, was " + sampleSize);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be 1 to 86400 seconds, was " + timeoutSeconds);
    }
  }
}
