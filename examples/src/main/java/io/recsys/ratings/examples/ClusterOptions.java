package io.recsys.ratings.examples;

import picocli.CommandLine.Option;

/** The {@code --bootstrap-servers} option shared by the subcommands that talk to a cluster. */
final class ClusterOptions {

  static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = DEFAULT_BOOTSTRAP,
      description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;
}
