package io.recsys.ratings.cli;

import io.recsys.ratings.client.recommendations.RecommendationReader;
import io.recsys.ratings.client.recommendations.RecommendationReaderBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves the latest recommendations per user over HTTP, from a reader that follows the"
          + " compacted recommendations topic: GET /users/{id}/recommendations answers the"
          + " user's latest event as JSON (404 for a user without a list, 400 for an id that is"
          + " not 1..2147483647, 405 for a method other than GET); GET /health answers 200 with"
          + " the number of users once the topic was read to its end, 503 before.",
      "Prints the address it listens on, then runs until Ctrl+C (or SIGTERM): it stops"
          + " accepting, finishes the requests in flight and closes the reader.",
      "Exit code: 0 stopped, 1 the topic does not exist or the port cannot be bound, 2 bad"
          + " arguments, 3 cluster unreachable."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8000",
      description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for"
              + " every interface).")
  String host;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = RecommendationReaderBuilder.DEFAULT_TOPIC,
      description = "Topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    // installed first, closed last: a signal waits until the server and the reader are closed
    try (StopOnSignal stop = StopOnSignal.install(stopped::countDown)) {
      int users;
      try (RecommendationReader reader =
              RecommendationsTopic.startReader(cluster.settings(), topic);
          RecommendationServer server = bind(reader)) {
        InetSocketAddress address = server.address();
        out.println(
            "Serving recommendations of topic '"
                + topic
                + "' from "
                + cluster.bootstrapServers
                + " on http://"
                + address.getHostString()
                + ":"
                + address.getPort()
                + " (GET /users/{id}/recommendations, GET /health); Ctrl+C stops");
        out.flush();
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        users = reader.size();
      }
      out.println(String.format(Locale.ROOT, "Stopped; %,d users had a list", users));
      out.flush();
    }
    return ExitCodes.OK;
  }

  private RecommendationServer bind(RecommendationReader reader) {
    try {
      return RecommendationServer.start(reader, topic, host, port);
    } catch (IOException | RuntimeException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "Cannot listen on " + host + ":" + port + ": " + Cluster.rootMessage(e));
    }
  }

  private void validate() {
    if (port < 0 || port > 65_535) {
      throw usage("--port must be 0 (any free port) to 65535, was " + port);
    }
    OptionChecks.notBlank(spec, "--host", host);
    OptionChecks.topic(spec, "--topic", topic);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
