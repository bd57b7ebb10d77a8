package io.recsys.ratings.cli;

import io.recsys.ratings.schema.TopicNames;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Argument checks shared by the subcommands; each failure is a usage error (exit code 2). */
final class OptionChecks {

  private OptionChecks() {}

  static void topic(CommandSpec spec, String option, String topic) {
    if (!TopicNames.isLegal(topic)) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), was '"
              + topic
              + "'");
    }
  }

  static void notBlank(CommandSpec spec, String option, String value) {
    if (value == null || value.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + " must not be blank");
    }
  }
}
