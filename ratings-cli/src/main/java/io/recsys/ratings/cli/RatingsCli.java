package io.recsys.ratings.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code ratings} command: the top of the CLI, with the subcommands {@code create-topics},
 * {@code produce}, {@code consume}, {@code verify}, {@code dlq}, {@code recommendations}, {@code
 * serve} and {@code demo}. Run it through {@link Main#run(String[], java.io.PrintStream,
 * java.io.PrintStream)} (or picocli's {@code CommandLine}); without a subcommand it is a usage
 * error.
 */
@Command(
    name = "ratings",
    mixinStandardHelpOptions = true,
    versionProvider = RatingsCli.Version.class,
    description = {
      "Stream MovieLens-style ratings through Kafka: provision topics, produce, consume, verify,"
          + " inspect and replay dead letters, show or serve recommendations, or run the whole pipeline on an embedded broker with"
          + " `ratings demo`.",
      "Without --bootstrap-servers every command except demo connects to localhost:9092."
    },
    subcommands = {
      CreateTopicsCommand.class,
      ProduceCommand.class,
      ConsumeCommand.class,
      VerifyCommand.class,
      DlqCommand.class,
      RecommendationsCommand.class,
      ServeCommand.class,
      DemoCommand.class
    })
public final class RatingsCli implements Runnable {

  @Spec CommandSpec spec;

  /** Creates the top command; picocli fills its fields. */
  public RatingsCli() {}

  /** Called when no subcommand was given: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing subcommand: create-topics, produce, consume, verify, dlq, recommendations, serve"
            + " or demo");
  }

  /** The version from the build (resource {@code ratings-cli.properties}). */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties props = new Properties();
      try (InputStream in = RatingsCli.class.getResourceAsStream("/ratings-cli.properties")) {
        if (in != null) {
          props.load(in);
        }
      }
      return new String[] {
        "ratings-kafka "
            + props.getProperty("version", "unknown")
            + " (Kafka clients "
            + org.apache.kafka.common.utils.AppInfoParser.getVersion()
            + ")"
      };
    }
  }
}
