package io.recsys.ratings.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --metrics-port}: Prometheus metrics and health over HTTP while a command runs. */
final class MetricsOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private Integer metricsPort;

  @Option(
      names = "--metrics-port",
      paramLabel = "P",
      description =
          "Serve Prometheus metrics at http://HOST:P/metrics and the consumer's health at /health"
              + " while it runs; 0 picks a free port (the address is printed on stderr). Off by"
              + " default.")
  void metricsPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-port must be between 0 (any free port) and 65535, was " + port);
    }
    this.metricsPort = port;
  }

  /**
   * Starts the endpoint if {@code --metrics-port} was given.
   *
   * @return the endpoint, or null if not asked for
   */
  MetricsEndpoint start(PrintWriter err) {
    if (metricsPort == null) {
      return null;
    }
    return MetricsEndpoint.start(metricsPort, err);
  }
}
