package io.recsys.ratings.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ratings dlq}: the dead-letter tools, {@code inspect} and {@code replay}. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = {
      "Dead-letter tools: `dlq inspect` summarises the dead-letter topic (counts by kind, reason"
          + " and source partition, oldest and newest, a sample); `dlq replay` sends dead letters"
          + " back to their source topic (or --to another), once each."
    },
    subcommands = {DlqInspectCommand.class, DlqReplayCommand.class})
final class DlqCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: inspect or replay");
  }
}
