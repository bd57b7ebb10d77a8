package io.recsys.ratings.cli;

import io.recsys.ratings.client.recommendations.RecommendationReader;
import io.recsys.ratings.client.recommendations.RecommendationReaderBuilder;
import io.recsys.ratings.schema.RecommendationCodec;
import io.recsys.ratings.schema.RecommendationEvent;
import io.recsys.ratings.schema.RecommendedItem;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "recommendations",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a user's latest recommendations from the compacted recommendations topic: rank,"
          + " movieId and score of each movie, whether the list is personalized or the popular"
          + " fallback, the model version, when it was made and the rating that triggered it.",
      "Reads the topic from its beginning to its end (no consumer group, nothing committed).",
      "Exit code: 0 printed, 1 the user has no recommendations, the topic does not exist or"
          + " could not be read to its end within --timeout, 2 bad arguments, 3 cluster"
          + " unreachable."
    })
final class RecommendationsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--user",
      paramLabel = "N",
      required = true,
      description = "The user whose list to print (1..2147483647).")
  int user;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      defaultValue = RecommendationReaderBuilder.DEFAULT_TOPIC,
      description = "Topic to read (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "Give up when the topic was not read to its end within this many seconds"
              + " (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "The list as a table (text) or the event as one JSON object on stdout (json).")
  OutputFormat output;

  @Override
  public Integer call() {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    Optional<RecommendationEvent> event;
    int users;
    try (RecommendationReader reader =
        RecommendationsTopic.startReader(cluster.settings(), topic)) {
      if (!reader.awaitCaughtUp(Duration.ofSeconds(timeoutSeconds))) {
        throw new CliException(
            ExitCodes.FAILED,
            "Topic '"
                + topic
                + "' was not read to its end within "
                + timeoutSeconds
                + " s (read "
                + reader.stats().records()
                + " records so far); try a longer --timeout");
      }
      event = reader.recommendationsFor(user);
      users = reader.size();
    }
    if (event.isEmpty()) {
      throw new CliException(
          ExitCodes.FAILED,
          "No recommendations for user "
              + user
              + " in topic '"
              + topic
              + "' ("
              + String.format(Locale.ROOT, "%,d", users)
              + " users have a list)");
    }
    out.print(
        output == OutputFormat.json
            ? RecommendationCodec.defaults().encodeToString(event.get()) + "\n"
            : toText(event.get()));
    out.flush();
    return ExitCodes.OK;
  }

  static String toText(RecommendationEvent e) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "User %d: %d recommendation%s (%s, model %s)%n",
            e.userId(),
            e.items().size(),
            e.items().size() == 1 ? "" : "s",
            e.kind().name().toLowerCase(Locale.ROOT),
            e.modelVersion()));
    out.append(
        String.format(
            Locale.ROOT,
            "generated at %s, after the rating of %s%n%n",
            Instant.ofEpochMilli(e.generatedAt()),
            Instant.ofEpochMilli(e.ratingTimestamp())));
    List<List<String>> rows = new ArrayList<>();
    int rank = 1;
    for (RecommendedItem item : e.items()) {
      rows.add(
          List.of(
              Integer.toString(rank++),
              Integer.toString(item.movieId()),
              String.format(Locale.ROOT, "%.3f", item.score())));
    }
    out.append(TextTable.render(List.of("rank", "movieId", "score"), rows));
    return out.toString();
  }

  private void validate() {
    if (user < 1) {
      throw usage("--user must be a user id in 1..2147483647, was " + user);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
      throw usage("--timeout must be 1 to 86400 seconds, was " + timeoutSeconds);
    }
    OptionChecks.topic(spec, "--topic", topic);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
