package io.recsys.ratings.cli;

import io.recsys.ratings.admin.RatingsAdminException;
import io.recsys.ratings.client.RatingsClientException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of {@code ratings-cli.jar}: {@code java -jar ratings-cli.jar <command>}.
 *
 * <p>Exit codes: 0 success, 1 the command failed or found a problem, 2 bad arguments, 3 the cluster
 * could not be reached. Summaries go to stdout ({@code --output json}: one JSON object and nothing
 * else); progress lines, warnings, errors and logs go to stderr.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the CLI and exits the JVM with its exit code.
   *
   * @param args command-line arguments, e.g. {@code demo}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI without exiting: for tests and for embedding.
   *
   * @param args command-line arguments
   * @param out where summaries and help go
   * @param err where progress, warnings and errors go
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return commandLine().setOut(outWriter).setErr(errWriter).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The configured picocli command line: the {@link RatingsCli} command, its exit codes and its
   * error messages.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new RatingsCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(100)
        .setExecutionExceptionHandler(
            (ex, cmd, parseResult) -> {
              PrintWriter err = cmd.getErr();
              if (ex instanceof CliException cli) {
                err.println("error: " + cli.getMessage());
                return cli.exitCode();
              }
              if (ex instanceof RatingsAdminException || ex instanceof RatingsClientException) {
                err.println("error: " + ex.getMessage());
                return ExitCodes.FAILED;
              }
              err.println("error: " + CommandLine.Help.Ansi.OFF.string(String.valueOf(ex)));
              ex.printStackTrace(err);
              return ExitCodes.FAILED;
            });
  }
}
