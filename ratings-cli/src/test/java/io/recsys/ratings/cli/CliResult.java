package io.recsys.ratings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One run of the CLI through its real entry point, {@link Main#run}: exit code and output. */
record CliResult(int exitCode, String out, String err) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static CliResult run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    return new CliResult(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Stdout as the one JSON object it must be (one line, nothing else). */
  JsonNode json() {
    return parseSingleJsonObject(out);
  }

  static JsonNode parseSingleJsonObject(String stdout) {
    assertThat(stdout.strip()).as("stdout must be one JSON line:%n%s", stdout).doesNotContain("\n");
    try {
      JsonNode node = MAPPER.readTree(stdout);
      assertThat(node.isObject()).as("stdout is a JSON object: %s", stdout).isTrue();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + stdout, e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
