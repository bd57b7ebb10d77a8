package io.recsys.ratings.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The connection options shared by the subcommands that talk to a cluster: {@code
 * --bootstrap-servers} and {@code --command-config} (Kafka client properties such as security
 * settings, as Kafka's own tools take them).
 */
final class ClusterOptions {

  static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = DEFAULT_BOOTSTRAP,
      description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties for every client of the command, e.g. security.protocol,"
              + " sasl.mechanism, sasl.jaas.config, ssl.truststore.location. Each client gets"
              + " the properties it knows; a name no Kafka client knows is an error.")
  Path commandConfig;

  /** The client settings: the properties file (if any); never logged (it may hold secrets). */
  ClientSettings settings() {
    if (commandConfig == null) {
      return new ClientSettings(bootstrapServers, Map.of());
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "--command-config file cannot be read: " + commandConfig + " (" + e + ")");
    }
    Map<String, Object> map = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> map.put(k.trim(), props.getProperty(k).trim()));
    return ClientSettings.of(bootstrapServers, map, commandConfig.toString());
  }
}
